// netcost — Apache-2.0

/// Reductions over some axes: mean, sum, max, min, product.
///
/// Fields: `axes` (the axes reduced, batch = 0, negative from the end;
/// default: every axis but the batch), `keepdims` (true: reduced axes stay
/// with size 1; false: they are removed).
public struct Reduce: Operator {
  public static let kinds = ["reduce_mean", "reduce_sum", "reduce_max", "reduce_min", "reduce_prod"]
  public static let arity = 1...1
  public static let flopRule = "1 per input element (as global pooling)"

  /// The reduction's name.
  public var operation: String
  /// Axes reduced; nil: all but the batch.
  public var axes: [Int]?
  /// Whether reduced axes are kept with size 1.
  public var keepDims: Bool

  public init(kind: String, attributes a: Attributes) throws {
    operation = kind
    axes = try a.intList("axes")
    keepDims = try a.bool("keepdims", default: true)
  }

  /// A reduction (`reduce_mean`, …) over `axes` (nil: all but the batch).
  public init(operation: String, axes: [Int]?, keepDims: Bool) {
    self.operation = operation
    self.axes = axes
    self.keepDims = keepDims
  }

  /// The reduced axes as indices.
  func reduced(_ x: Shape) throws(ShapeIssue) -> Set<Int> {
    guard let axes else { return Set(1..<max(1, x.rank)) }
    var s = Set<Int>()
    for a in axes { s.insert(try Axis.normalize(a, rank: x.rank)) }
    return s
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let r = try reduced(x)
    var d: [Int] = []
    for (i, n) in x.dims.enumerated() {
      if !r.contains(i) { d.append(n) } else if keepDims { d.append(1) }
    }
    guard let s = Shape(d) else {
      throw ShapeIssue(
        "reducing every axis of \(x) without keepdims leaves a scalar; netcost's tensors have at least one axis")
    }
    return [s]
  }

  /// Reducing a spatial axis makes every output position see all of it.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let x = inputShapes[0]
    guard inputs[0].axes != nil, let r = try? reduced(x) else { return inputs[0] }
    if r.contains(where: { $0 >= 2 }) { return .global }
    return outputShapes[0].rank == x.rank ? inputs[0] : .unknown("the reduction removes axes")
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try inputs[0].elementCount())
  }
}
