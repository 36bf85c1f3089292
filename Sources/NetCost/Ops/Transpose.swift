// netcost — Apache-2.0

/// Permutes axes: output axis i is input axis `perm[i]` (batch = 0).
public struct Transpose: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// The permutation.
  public var perm: [Int]

  /// Creates a transpose: output axis i is input axis `perm[i]`.
  public init(perm: [Int]) {
    self.perm = perm
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard perm.count == x.rank else {
      throw ShapeIssue("'perm' has \(perm.count) axes but the input \(x) has \(x.rank)")
    }
    guard perm.sorted() == Array(0..<perm.count) else {
      throw ShapeIssue("'perm' \(perm) is not a permutation of 0…\(perm.count - 1)")
    }
    return [Shape(perm.map { x.dims[$0] })!]
  }

  /// Only a permutation that leaves the spatial axes in place keeps the field.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    if inputShapes[0].rank >= 3, perm[2...] != Array(2..<perm.count)[...] {
      return inputs[0].axes == nil ? inputs[0] : .unknown("'\(perm)' moves spatial axes")
    }
    return inputs[0]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Transpose: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["transpose", "permute"]

  /// Reads `perm`.
  public init(kind: String, attributes a: Attributes) throws {
    guard let p = try a.intList("perm") else { throw a.missing("perm", "a permutation of the axes, batch = 0") }
    guard p.sorted() == Array(0..<p.count) else {
      throw a.error("perm", "expected a permutation of 0…\(p.count - 1), found \(p)")
    }
    self.init(perm: p)
  }
}
