// netcost — Apache-2.0

/// A darknet `[convolutional]` layer: the convolution, its optional batch
/// normalization and its activation in one layer, as darknet runs and
/// stores it (`make_convolutional_layer`, `save_convolutional_weights`).
///
/// Output size: darknet's `(h + 2·padding − size)/stride + 1`, which leaves
/// dilation out; darknet's im2col reads zeros where a dilated window runs
/// past the input, so the window is padded by `padding` in front and by
/// `padding + (dilation − 1)·(size − 1)` behind, which gives darknet's size
/// and the true receptive field.
///
/// Parameters as darknet stores them: `filters` biases, `filters·size²·c/groups`
/// weights and, with `batch_normalize`, `filters` BN scales; the BN rolling
/// mean and variance (2·filters) are buffers. A layer that shares another's
/// weights (`share_index`) stores none.
struct DarknetConvolutional: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule =
    "conv (2·(C/g)·k² − 1 per output) + 1 bias add, or + 2 for folded batch norm, + the activation's per-element FLOPs; Darknet: 2·MACs"

  /// Output channels.
  var filters: Int
  /// Groups.
  var groups: Int
  /// The window, darknet's padding already resolved.
  var window: Window
  /// Whether the layer has batch normalization.
  var batchNormalize: Bool
  /// The activation.
  var activation: DarknetActivation
  /// XNOR layer: darknet divides its BFLOPs by 32.
  var xnor: Bool
  /// The darknet index of the layer whose weights this one uses.
  var sharesWeightsOf: Int?

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(
    filters: Int, groups: Int, window: Window, batchNormalize: Bool, activation: DarknetActivation, xnor: Bool,
    sharesWeightsOf: Int?
  ) {
    self.filters = filters
    self.groups = groups
    self.window = window
    self.batchNormalize = batchNormalize
    self.activation = activation
    self.xnor = xnor
    self.sharesWeightsOf = sharesWeightsOf
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("[convolutional] expects a C×H×W image, found \(x)") }
    guard x.channels % groups == 0 else {
      throw ShapeIssue("input channels \(x.channels) are not divisible by groups \(groups)")
    }
    guard filters % groups == 0 else { throw ShapeIssue("filters \(filters) are not divisible by groups \(groups)") }
    let r = try window.resolve(x.spatial)
    return [Shape([x.batch, filters] + r.output)!]
  }

  /// Weights per output element: (C/g)·k².
  private func perOutput(_ x: Shape) throws(ArithmeticOverflow) -> Int {
    let k = try Checked.product((try? window.kernel.expand(2, "kernel")) ?? [], "kernel size")
    return try Checked.mul(x.channels / groups, k, "weights per output")
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let perOut = try perOutput(inputs[0])
    let outElems = try outputs[0].elementCount()
    let macs = try Checked.mul(outElems, perOut, "MACs")
    var params = 0
    var buffers = 0
    if sharesWeightsOf == nil {
      params = try Checked.add(try Checked.mul(filters, perOut, "parameters"), filters, "parameters")
      if batchNormalize {
        params = try Checked.add(params, filters, "parameters")
        buffers = try Checked.mul(2, filters, "buffers")
      }
    }
    // 2·K − 1 per output, then the bias add, or the folded BN's multiply and add.
    let perElement = try Checked.add(try Checked.mul(2, perOut, "FLOPs"), batchNormalize ? 1 : 0, "FLOPs")
    let flops = try Checked.add(
      try Checked.mul(outElems, perElement, "FLOPs"), try activation.flops(outElems), "FLOPs")
    return LayerCost(params: params, buffers: buffers, macs: macs, flops: flops)
  }

  /// darknet: `2·nweights·out_h·out_w`, divided by 32 for an XNOR layer.
  func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int {
    let twice = try Checked.mul(2, cost.macs, "FLOPs")
    return xnor ? twice / 32 : twice
  }

  var note: String? {
    var parts: [String] = []
    if let s = sharesWeightsOf { parts.append("weights shared with layer \(s) (share_index), counted there") }
    if xnor { parts.append("XNOR: darknet divides its BFLOPs by 32") }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.window(inputs[0], window, inputShape: inputShapes[0])
  }

  var slidingWindow: SlidingWindow? { SlidingWindow(window: window, convolves: true) }
}
