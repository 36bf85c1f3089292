// netcost — Apache-2.0

/// Caffe's Slice layer: cuts `axis` at `points` (strictly increasing,
/// inside the axis), or into `parts` equal pieces when there are none.
public struct CaffeSlice: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// The axis cut (batch = 0).
  public var axis: Int
  /// Where to cut; empty for equal pieces.
  public var points: [Int]
  /// How many pieces (the number of tops).
  public var parts: Int

  /// Creates the layer.
  public init(axis: Int = 1, points: [Int] = [], parts: Int) {
    self.axis = axis
    self.points = points
    self.parts = parts
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let a = try Axis.normalize(axis, rank: x.rank)
    let n = x.dims[a]
    var sizes: [Int] = []
    if points.isEmpty {
      guard parts >= 1, n % parts == 0 else {
        throw ShapeIssue("axis \(axis) of \(x) (size \(n)) does not slice into \(parts) equal parts")
      }
      sizes = Array(repeating: n / parts, count: parts)
    } else {
      guard points.count == parts - 1 else {
        throw ShapeIssue(
          "\(points.count) slice points make \(points.count + 1) pieces, but the layer has \(parts) tops")
      }
      var last = 0
      for p in points + [n] {
        guard p > last else {
          throw ShapeIssue("slice points \(points) must increase strictly inside axis \(axis) of \(x) (size \(n))")
        }
        sizes.append(p - last)
        last = p
      }
    }
    return sizes.map { x.replacing(a, with: $0)! }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
