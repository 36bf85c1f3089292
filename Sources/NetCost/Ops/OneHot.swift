// netcost — Apache-2.0

/// One-hot encoding (ONNX OneHot): the indices' shape with a new axis of
/// size `depth` inserted at `axis` (−1: last). `depth` must be known at load
/// time.
public struct OneHot: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (writes one value per output element: data movement)"

  /// The size of the new axis.
  public var depth: Int
  /// Where the new axis goes, in the output (negative from the end).
  public var axis: Int

  /// A one-hot encoding of `depth` classes, the new axis at `axis`.
  public init(depth: Int, axis: Int = -1) {
    self.depth = depth
    self.axis = axis
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard depth >= 1 else { throw ShapeIssue("one_hot depth must be at least 1, found \(depth)") }
    let a = try Axis.normalize(axis, rank: x.rank + 1)
    var d = x.dims
    d.insert(depth, at: a)
    return [Shape(d)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
