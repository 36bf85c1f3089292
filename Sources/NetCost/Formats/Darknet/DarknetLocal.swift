// netcost — Apache-2.0

/// A darknet `[local]` layer: a convolution whose weights are not shared
/// across positions (`make_local_layer`). Output size
/// `(h − (pad ? 1 : size))/stride + 1`; `pad=1` pads `(size − 1)/2` in
/// front. Parameters as darknet stores them: `c·filters·size²` weights per
/// output position and one bias per output value. AlexeyAB's darknet sets
/// no BFLOPs for it, so `--darknet-flops` counts 0.
struct DarknetLocal: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "2·C·size² per output value (bias included) + the activation; Darknet: 0"

  /// Output channels.
  var filters: Int
  /// The window, darknet's padding resolved.
  var window: Window
  /// The activation.
  var activation: DarknetActivation

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(filters: Int, window: Window, activation: DarknetActivation) {
    self.filters = filters
    self.window = window
    self.activation = activation
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("[local] expects a C×H×W image, found \(x)") }
    let r = try window.resolve(x.spatial)
    return [Shape([x.batch, filters] + r.output)!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let k = try Checked.product((try? window.kernel.expand(2, "kernel")) ?? [], "kernel size")
    let perOut = try Checked.mul(x.channels, k, "weights per output")
    let perImage = try Checked.product(outputs[0].dims.dropFirst(), "output values")
    let params = try Checked.add(try Checked.mul(perImage, perOut, "parameters"), perImage, "parameters")
    let outElems = try outputs[0].elementCount()
    let macs = try Checked.mul(outElems, perOut, "MACs")
    let flops = try Checked.add(
      try Checked.mul(outElems, try Checked.mul(2, perOut, "FLOPs"), "FLOPs"), try activation.flops(outElems), "FLOPs")
    return LayerCost(params: params, macs: macs, flops: flops)
  }

  func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int { 0 }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.window(inputs[0], window, inputShape: inputShapes[0])
  }

  var slidingWindow: SlidingWindow? { SlidingWindow(window: window, convolves: true) }
}
