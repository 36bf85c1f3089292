// netcost — Apache-2.0

/// Reductions over some axes: mean, sum, max, min, product.
///
/// Fields: `axes` (the axes reduced, batch = 0, negative from the end;
/// default: every axis but the batch), `keepdims` (true: reduced axes stay
/// with size 1; false: they are removed).
public struct Reduce: Operator {
  public static let arity = 1...1
  public static let flopRule = "1 per input element (as global pooling)"

  /// A reduction; the raw value is its spec name.
  public enum Operation: String, Sendable, Equatable, CaseIterable {
    /// The mean.
    case mean = "reduce_mean"
    /// The sum.
    case sum = "reduce_sum"
    /// The largest element.
    case max = "reduce_max"
    /// The smallest element.
    case min = "reduce_min"
    /// The product.
    case prod = "reduce_prod"
  }

  /// The reduction.
  public var operation: Operation
  /// Axes reduced; nil: all but the batch.
  public var axes: [Int]?
  /// Whether reduced axes are kept with size 1.
  public var keepDims: Bool

  /// A reduction over `axes` (nil: all but the batch), keeping them with
  /// size 1 when `keepDims`.
  public init(operation: Operation, axes: [Int]? = nil, keepDims: Bool = true) {
    self.operation = operation
    self.axes = axes
    self.keepDims = keepDims
  }

  /// The reduced axes as indices.
  func reduced(_ x: Shape) throws(ShapeIssue) -> Set<Int> {
    guard let axes else { return Set(1..<max(1, x.rank)) }
    var s = Set<Int>()
    for a in axes {
      guard s.insert(try Axis.normalize(a, rank: x.rank)).inserted else {
        throw ShapeIssue("axis \(a) is given twice in axes \(axes)")
      }
    }
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

// MARK: - Native spec

extension Reduce: SpecDecodable {
  /// The spec's names: every reduction's name.
  public static let kinds = Operation.allCases.map(\.rawValue)

  /// Reads `axes` and `keepdims`.
  public init(kind: String, attributes a: Attributes) throws {
    guard let operation = Operation(rawValue: kind) else { throw a.error(nil, "'\(kind)' is not a reduction") }
    let axes = try a.intList("axes")
    self.init(operation: operation, axes: axes, keepDims: try a.bool("keepdims", default: true))
  }
}
