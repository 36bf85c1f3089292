// netcost — Apache-2.0

/// A darknet `[connected]` layer: every input value (the whole C×H×W map,
/// flattened) to `output` values, with optional batch normalization and an
/// activation (`make_connected_layer`, `save_connected_weights`).
///
/// Parameters: `output·inputs` weights and `output` biases, plus `output`
/// BN scales with `batch_normalize` (whose rolling mean and variance are
/// buffers). The output is output×1×1, as darknet shapes it. AlexeyAB's
/// darknet sets no BFLOPs for this layer, so `--darknet-flops` counts 0.
struct DarknetConnected: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule =
    "2·inputs − 1 per output, + 1 bias add or + 2 for folded batch norm, + the activation; Darknet: 0 (AlexeyAB prints none)"

  /// Output values.
  var output: Int
  /// Whether the layer has batch normalization.
  var batchNormalize: Bool
  /// The activation.
  var activation: DarknetActivation

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(output: Int, batchNormalize: Bool, activation: DarknetActivation) {
    self.output = output
    self.batchNormalize = batchNormalize
    self.activation = activation
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] { [Shape([inputs[0].batch, output, 1, 1])!] }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let features = try Checked.product(x.dims.dropFirst(), "input values")
    let weights = try Checked.mul(features, output, "parameters")
    var params = try Checked.add(weights, output, "parameters")
    var buffers = 0
    if batchNormalize {
      params = try Checked.add(params, output, "parameters")
      buffers = try Checked.mul(2, output, "buffers")
    }
    let outElems = try outputs[0].elementCount()
    let macs = try Checked.mul(outElems, features, "MACs")
    let perElement = try Checked.add(try Checked.mul(2, features, "FLOPs"), batchNormalize ? 1 : 0, "FLOPs")
    let flops = try Checked.add(
      try Checked.mul(outElems, perElement, "FLOPs"), try activation.flops(outElems), "FLOPs")
    return LayerCost(params: params, buffers: buffers, macs: macs, flops: flops)
  }

  func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int { 0 }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0] == .none ? .none : .global
  }
}
