// netcost — Apache-2.0

/// Repeats a tensor along every axis (ONNX Tile): each axis's size times
/// its repeat count. Data movement.
public struct Tile: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (copies data)"

  /// The repeat count of every axis (batch first).
  public var repeats: [Int]

  /// Repeats along every axis by `repeats`.
  public init(repeats: [Int]) { self.repeats = repeats }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard repeats.count == x.rank, repeats.allSatisfy({ $0 >= 1 }) else {
      throw ShapeIssue("tile needs one repeat count ≥ 1 per axis of \(x), found \(repeats)")
    }
    var dims: [Int] = []
    for (d, r) in zip(x.dims, repeats) {
      let (p, o) = d.multipliedReportingOverflow(by: r)
      guard !o else { throw ShapeIssue("tiling \(x) by \(repeats) overflows") }
      dims.append(p)
    }
    return [Shape(dims)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  /// Repeating breaks the geometry of a tiled spatial axis.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    repeats.dropFirst(2).allSatisfy({ $0 == 1 }) ? inputs[0] : .unknown("tile along a spatial axis")
  }
}
