// netcost — Apache-2.0

/// Layer normalization and RMS normalization over the last axis (the
/// features of a token), statistics computed per token at inference; with
/// `axis`, over every axis from that one on (ONNX LayerNormalization).
///
/// Params: layer_norm 2·D (γ, β) when `affine` (true), `bias: false` drops
/// β; rms_norm D (a scale only). D is the number of elements normalized
/// together: the last axis, or the product of the axes from `axis` on.
public struct LayerNorm: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "layer_norm: 5 per element (mean, centre, square, variance, normalize) + 2 with affine (scale, shift; 1 without bias); rms_norm: 3 per element (square, accumulate, normalize) + 1 scale"

  /// RMS norm (no centring, no shift).
  public var isRMS: Bool
  /// Whether γ is learned.
  public var affine: Bool
  /// Whether β is learned (layer_norm only).
  public var bias: Bool
  /// The first normalized axis (batch = 0, negative from the end; −1: the last only).
  public var axis: Int

  /// Layer normalization (RMS normalization when `isRMS`) over the axes
  /// from `axis` on, with a learned scale (`affine`) and shift (`bias`,
  /// layer norm only).
  public init(isRMS: Bool = false, affine: Bool = true, bias: Bool = true, axis: Int = -1) {
    self.isRMS = isRMS
    self.affine = affine
    self.bias = isRMS ? false : bias
    self.axis = axis
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs[0].rank >= 2 else {
      throw ShapeIssue("\(isRMS ? "rms_norm" : "layer_norm") expects N×…×D, found \(inputs[0])")
    }
    _ = try Axis.normalize(axis, rank: inputs[0].rank)
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let a = (try? Axis.normalize(axis, rank: x.rank)) ?? x.rank - 1
    let d = try Checked.product(x.dims[a...], "normalized elements")
    let params = affine ? try Checked.mul(d, bias ? 2 : 1, "parameters") : 0
    let perElement = (isRMS ? 3 : 5) + (affine ? (bias ? 2 : 1) : 0)
    return LayerCost(params: params, flops: try Checked.mul(perElement, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension LayerNorm: SpecDecodable {
  /// The spec's names; `rms…` kinds are RMS norms.
  public static let kinds = ["layer_norm", "layernorm", "rms_norm", "rmsnorm"]

  /// Reads `affine`, `bias` (layer_norm only), `axis` and `eps`.
  public init(kind: String, attributes a: Attributes) throws {
    let isRMS = kind.hasPrefix("rms")
    let affine = try a.bool("affine", default: true)
    let bias = isRMS ? false : try a.bool("bias", default: true)
    let axis = try a.int("axis", default: -1, minimum: Int.min)
    _ = try a.double("eps", default: 1e-5)
    self.init(isRMS: isRMS, affine: affine, bias: bias, axis: axis)
  }
}
