// netcost — Apache-2.0

/// Reshapes everything after the batch axis to `shape`; one entry may be
/// −1 (inferred). The element count must not change.
///
/// ``init(dims:)`` reshapes the whole tensor, batch included, for formats
/// whose reshapes move the batch axis (an ONNX attention block turns
/// 1×197×768 into 197×12×64).
public struct Reshape: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (reinterprets memory)"

  /// Target shape after the batch axis (with ``keepsBatch``), or the whole target shape.
  public var shape: [Int]
  /// Whether the batch axis stays and `shape` describes the axes after it.
  public var keepsBatch: Bool

  /// Creates a reshape to `shape` (dimensions ≥ 1, at most one −1): the
  /// axes after the batch when `keepsBatch`, else the whole tensor.
  public init(shape: [Int], keepsBatch: Bool = true) {
    self.shape = shape
    self.keepsBatch = keepsBatch
  }

  /// Reshapes the whole tensor, batch included, to `dims` (one may be −1).
  public init(dims: [Int]) {
    self.init(shape: dims, keepsBatch: false)
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let have: Int
    let known: Int
    let target = (keepsBatch ? "N×" : "") + shape.map(String.init).joined(separator: "×")
    do {
      have = try Checked.product(x.dims.dropFirst(keepsBatch ? 1 : 0))
      known = try Checked.product(shape.filter { $0 != -1 })
    } catch { throw ShapeIssue("reshape sizes do not fit in a 64-bit integer") }
    guard known > 0, shape.allSatisfy({ $0 >= 1 || $0 == -1 }) else {
      throw ShapeIssue("cannot reshape \(x) to \(target): dimensions must be at least 1")
    }
    var dims = shape
    if let i = shape.firstIndex(of: -1) {
      guard have % known == 0 else {
        throw ShapeIssue(
          "cannot reshape \(x) to \(target): \(have) elements\(keepsBatch ? " per sample" : "") are not divisible by \(known)"
        )
      }
      dims[i] = have / known
    } else if known != have {
      throw ShapeIssue(
        "cannot reshape \(x) (\(have) elements\(keepsBatch ? " per sample" : "")) to \(target) (\(known) elements)")
    }
    guard let out = Shape(keepsBatch ? [x.batch] + dims : dims) else {
      throw ShapeIssue("cannot reshape \(x) to \(target): a dimension would be 0")
    }
    return [out]
  }

  /// A reshape keeps the field only when it leaves the shape as it was.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    if inputShapes[0] == outputShapes[0] || inputs[0].axes == nil || outputShapes[0].rank < 3 {
      return FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes)
    }
    return .unknown("the reshape to \(outputShapes[0]) regroups spatial axes")
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Reshape: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["reshape", "view"]

  /// Reads `shape` (the axes after the batch).
  public init(kind: String, attributes a: Attributes) throws {
    guard let s = try a.intList("shape") else {
      throw a.missing("shape", "the dimensions after the batch axis; one may be -1")
    }
    guard !s.isEmpty, s.allSatisfy({ $0 >= 1 || $0 == -1 }), s.filter({ $0 == -1 }).count <= 1 else {
      throw a.error("shape", "expected dimensions ≥ 1 with at most one -1, found \(s)")
    }
    self.init(shape: s)
  }
}
