// netcost — Apache-2.0

/// Picks entries along one axis with constant indices, as ONNX Gather and
/// `x[:, 0]` (a ViT's class token): the axis is replaced by the shape of the
/// index tensor (a single index removes it).
///
/// Fields: `axis` (0; batch = 0, negative from the end), `indices` (the
/// index tensor's shape: `[]` for one index, `[k]` for k of them).
public struct Gather: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// The axis indexed.
  public var axis: Int
  /// Shape of the index tensor.
  public var indices: [Int]

  /// Gathers along `axis` with an index tensor of shape `indices` (sizes ≥ 1).
  public init(axis: Int = 0, indices: [Int]) {
    self.axis = axis
    self.indices = indices
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let a = try Axis.normalize(axis, rank: x.rank)
    guard indices.allSatisfy({ $0 >= 1 }) else {
      throw ShapeIssue("index tensor sizes must be at least 1, found \(indices)")
    }
    // More indices than the axis has entries: almost surely an index value
    // (`"indices": 100`) written where the index tensor's shape belongs.
    let picked = (try? Checked.product(indices)) ?? Int.max
    guard picked <= x.dims[a] else {
      throw ShapeIssue(
        "gathers \(picked) entries from axis \(a) of size \(x.dims[a]); 'indices' is the index tensor's shape ([] for one index, [k] for k ≤ \(x.dims[a]) of them)"
      )
    }
    guard let s = Shape(Array(x.dims[..<a]) + indices + Array(x.dims[(a + 1)...])) else {
      throw ShapeIssue(
        "gathering one index from the only axis of \(x) leaves a scalar; netcost's tensors have at least one axis")
    }
    return [s]
  }

  /// Indexing a spatial axis breaks the geometry; indexing batch or channels keeps it.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    guard inputs[0].axes != nil else { return inputs[0] }
    let a = (try? Axis.normalize(axis, rank: inputShapes[0].rank)) ?? 0
    return a < 2 && outputShapes[0].rank == inputShapes[0].rank ? inputs[0] : .unknown("gather along axis \(a)")
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Gather: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["gather", "index_select"]

  /// Reads `axis` and `indices`.
  public init(kind: String, attributes a: Attributes) throws {
    let axis = try a.int("axis", default: 0, minimum: Int.min)
    guard let i = try a.intList("indices") else {
      throw a.missing("indices", "the shape of the index tensor, [] for one index")
    }
    guard i.allSatisfy({ $0 >= 1 }) else { throw a.error("indices", "expected sizes ≥ 1, found \(i)") }
    self.init(axis: axis, indices: i)
  }
}
