// netcost — Apache-2.0

/// A darknet `[maxpool]` or `[local_avgpool]` layer (`make_maxpool_layer`
/// in AlexeyAB/darknet's `src/maxpool_layer.c`).
///
/// `padding` defaults to `size − 1`; the output is
/// `(w + padding − size)/stride + 1` and the window starts `padding/2`
/// pixels before the input, so `size=2 stride=1` keeps a 13×13 map at
/// 13×13. FLOPs, exact and Darknet's alike: size² per output element
/// (darknet's `l.bflops = size·size·c·out_h·out_w`).
struct DarknetMaxpool: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "size² per output element (Darknet's BFLOPs count the same)"

  /// Average rather than max (`[local_avgpool]`).
  var isAverage: Bool
  /// The window, darknet's padding resolved.
  var window: Window

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(isAverage: Bool, window: Window) {
    self.isAverage = isAverage
    self.window = window
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("[maxpool] expects a C×H×W image, found \(x)") }
    let r = try window.resolve(x.spatial)
    return [Shape([x.batch, x.channels] + r.output)!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let k = try Checked.product((try? window.kernel.expand(2, "kernel")) ?? [], "kernel size")
    return LayerCost(flops: try Checked.mul(try outputs[0].elementCount(), k, "FLOPs"))
  }

  func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int {
    cost.flops
  }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.window(inputs[0], window, inputShape: inputShapes[0])
  }

  var slidingWindow: SlidingWindow? { SlidingWindow(window: window, convolves: false) }
}
