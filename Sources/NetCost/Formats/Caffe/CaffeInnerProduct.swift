// netcost — Apache-2.0

/// Caffe's InnerProduct: every axis from `axis` on (default 1, so C×H×W)
/// is flattened into the input features of one fully connected layer.
///
/// The output keeps the axes before `axis` and adds `out` features; the
/// weights, MACs and FLOPs are those of ``Linear`` on the flattened input.
public struct CaffeInnerProduct: Operator {
  public static let arity = 1...1
  public static let flopRule = "as linear on the input flattened from `axis`"

  /// Output features (num_output).
  public var out: Int
  /// Whether a bias is added.
  public var bias: Bool
  /// The first flattened axis (batch = 0).
  public var axis: Int

  /// Creates the layer.
  public init(out: Int, bias: Bool = true, axis: Int = 1) {
    self.out = out
    self.bias = bias
    self.axis = axis
  }

  /// The input as the linear layer sees it: the axes before `axis`, then the features.
  func flattened(_ x: Shape) throws(ShapeIssue) -> Shape {
    let a = try Axis.normalize(axis, rank: x.rank)
    guard a >= 1 else { throw ShapeIssue("inner product axis \(axis) would flatten the batch axis of \(x)") }
    guard let features = try? Checked.product(x.dims[a...], "features"), let s = Shape(Array(x.dims[..<a]) + [features])
    else { throw ShapeIssue("the flattened size of \(x) does not fit in a 64-bit integer") }
    return s
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    try Linear(out: out, bias: bias).outputShapes([try flattened(inputs[0])])
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    guard let x = try? flattened(inputs[0]) else { return .zero }
    return try Linear(out: out, bias: bias).cost(inputs: [x], outputs: outputs)
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputShapes[0].rank >= 3 && inputs[0].axes != nil
      ? .global : FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes)
  }
}
