// netcost — Apache-2.0

/// Reshapes everything after the batch axis to `shape`; one entry may be
/// −1 (inferred). The element count must not change.
public struct Reshape: Operator {
  public static let kinds = ["reshape", "view"]
  public static let arity = 1...1
  public static let flopRule = "0 (reinterprets memory)"

  /// Target shape after the batch axis.
  public var shape: [Int]

  public init(kind: String, attributes a: Attributes) throws {
    guard let s = try a.intList("shape") else { throw a.missing("shape", "the dimensions after the batch axis; one may be -1") }
    guard !s.isEmpty, s.allSatisfy({ $0 >= 1 || $0 == -1 }), s.filter({ $0 == -1 }).count <= 1 else {
      throw a.error("shape", "expected dimensions ≥ 1 with at most one -1, found \(s)")
    }
    shape = s
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let have: Int
    let known: Int
    do {
      have = try Checked.product(x.dims.dropFirst())
      known = try Checked.product(shape.filter { $0 != -1 })
    } catch { throw ShapeIssue("reshape sizes do not fit in a 64-bit integer") }
    var dims = shape
    if let i = shape.firstIndex(of: -1) {
      guard have % known == 0 else {
        throw ShapeIssue("cannot reshape \(x) to N×\(shape.map(String.init).joined(separator: "×")): \(have) elements per sample are not divisible by \(known)")
      }
      dims[i] = have / known
    } else if known != have {
      throw ShapeIssue("cannot reshape \(x) (\(have) elements per sample) to N×\(shape.map(String.init).joined(separator: "×")) (\(known) elements)")
    }
    return [Shape([x.batch] + dims)!]
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
