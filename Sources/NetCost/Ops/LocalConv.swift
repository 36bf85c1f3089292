// netcost — Apache-2.0

/// Locally connected ("unshared") convolution, as in DeepFace: the same
/// window geometry as a convolution, but every output position has its own
/// weights, so params = out_h·out_w·k²·Cin·Cout (+ out_h·out_w·Cout biases).
///
/// Fields: `out`, `kernel`, `stride`, `dilation`, `pad`, `bias` (true).
public struct LocalConv: Operator {
  public static let arity = 1...1
  public static let flopRule = "as conv: per output element 2·Cin·∏k − 1, +1 with bias"

  /// Output channels.
  public var out: Int
  /// Whether each output position has a bias per channel.
  public var bias: Bool
  /// Geometry.
  public var window: Window

  /// Creates a locally connected layer with `out` channels, a bias per
  /// output position and channel when `bias`, and the geometry `window`.
  public init(out: Int, bias: Bool = true, window: Window) {
    self.out = out
    self.bias = bias
    self.window = window
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Conv.checkSpatial(x, nil, op: "local_conv")
    let r = try window.resolve(x.spatial)
    guard let y = Shape([x.batch, out] + r.output) else {
      throw ShapeIssue("output channels must be at least 1, found \(out)")
    }
    return [y]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let kprod = try Checked.product((try? window.kernel.expand(x.rank - 2, "kernel")) ?? [], "kernel size")
    let positions = try Checked.product(outputs[0].spatial, "output positions")
    let perOut = try Checked.mul(x.channels, kprod, "weights per output")
    let weights = try Checked.mul(try Checked.mul(positions, out, "parameters"), perOut, "parameters")
    let biases = bias ? try Checked.mul(positions, out, "parameters") : 0
    let outElems = try outputs[0].elementCount()
    let macs = try Checked.mul(outElems, perOut, "MACs")
    let flops = try Checked.mul(outElems, try Checked.add(try Checked.mul(2, perOut), bias ? 0 : -1), "FLOPs")
    return LayerCost(params: try Checked.add(weights, biases, "parameters"), macs: macs, flops: flops)
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.window(inputs[0], window, inputShape: inputShapes[0])
  }

  public var slidingWindow: SlidingWindow? { SlidingWindow(window: window, convolves: true) }
}

// MARK: - Native spec

extension LocalConv: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["local_conv", "locally_connected", "local"]

  /// Reads `out`, `bias` and the window fields.
  public init(kind: String, attributes a: Attributes) throws {
    let out = try a.int("out")
    let bias = try a.bool("bias", default: true)
    self.init(out: out, bias: bias, window: try Window.read(a))
  }
}
