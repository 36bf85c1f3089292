// netcost — Apache-2.0

/// Darknet's element-wise layers: `[activation]` (the function on every
/// value), `[batchnorm]` (2·C parameters — scales and biases — and 2·C
/// rolling statistics as buffers; 2 FLOPs per value, folded), and the
/// attention products `[scale_channels]` (a C×H×W map times a per-channel,
/// or with `scale_wh` a per-position, factor) and `[sam]` (two maps of one
/// shape multiplied), whose output has the `from` layer's shape.
struct DarknetElementwise: Operator {
  static let kinds: [String] = []
  static let arity = 1...2
  static let flopRule =
    "activation: its per-element FLOPs; batchnorm: 2 per value; scale_channels, sam: 1 multiply per value + the activation; Darknet: 0"

  /// Which layer.
  enum Kind: String, Sendable {
    /// `[activation]`.
    case activation
    /// `[batchnorm]`.
    case batchnorm
    /// `[scale_channels]`: inputs (factors, map).
    case scaleChannels = "scale_channels"
    /// `[scale_channels] scale_wh=1`: one factor per position.
    case scaleSpatial = "scale_channels scale_wh"
    /// `[sam]`: inputs (factors, map), same shape.
    case sam
  }

  /// Which layer.
  var kind: Kind
  /// The activation applied last.
  var activation: DarknetActivation

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(kind: Kind, activation: DarknetActivation) {
    self.kind = kind
    self.activation = activation
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    switch kind {
    case .activation, .batchnorm: return [inputs[0]]
    case .scaleChannels, .scaleSpatial, .sam:
      let factors = inputs[0]
      let map = inputs[1]
      guard factors.rank == 4, map.rank == 4 else {
        throw ShapeIssue("[\(kind.rawValue)] expects C×H×W inputs, found \(factors) and \(map)")
      }
      let ok: Bool
      switch kind {
      case .scaleChannels: ok = factors.channels == map.channels
      case .scaleSpatial: ok = factors.dims[2] == map.dims[2] && factors.dims[3] == map.dims[3]
      default: ok = factors.dims == map.dims
      }
      guard ok else {
        let need =
          kind == .scaleChannels
          ? "the same channels" : kind == .scaleSpatial ? "the same width and height" : "the same shape"
        throw ShapeIssue("the previous layer (\(factors)) and the 'from' layer (\(map)) need \(need)")
      }
      return [map]
    }
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let n = try outputs[0].elementCount()
    let act = try activation.flops(n)
    switch kind {
    case .activation: return LayerCost(flops: act)
    case .batchnorm:
      let c = inputs[0].channels
      return LayerCost(
        params: try Checked.mul(2, c, "parameters"), buffers: try Checked.mul(2, c, "buffers"),
        flops: try Checked.mul(2, n, "FLOPs"))
    case .scaleChannels, .scaleSpatial, .sam: return LayerCost(flops: try Checked.add(n, act, "FLOPs"))
    }
  }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes)
  }
}
