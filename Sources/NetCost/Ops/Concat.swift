// netcost — Apache-2.0

/// Concatenates inputs along `axis` (default 1, channels); every other axis
/// must agree.
public struct Concat: Operator {
  public static let arity = 1...Int.max
  public static let flopRule = "0 (moves data)"

  /// The axis (batch = 0; negative counts from the end).
  public var axis: Int

  /// Creates a concatenation along `axis`.
  public init(axis: Int = 1) {
    self.axis = axis
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let first = inputs[0]
    let a = try Axis.normalize(axis, rank: first.rank)
    var total = 0
    for (k, s) in inputs.enumerated() {
      guard s.rank == first.rank else {
        throw ShapeIssue("concat input 1 is \(first.rank)-D (\(first)) but input \(k + 1) is \(s.rank)-D (\(s))")
      }
      for i in 0..<s.rank where i != a && s.dims[i] != first.dims[i] {
        throw ShapeIssue(
          "concat along axis \(axis): input 1 (\(first)) and input \(k + 1) (\(s)) differ on axis \(i) (\(first.dims[i]) vs \(s.dims[i]))"
        )
      }
      let (t, o) = total.addingReportingOverflow(s.dims[a])
      guard !o else { throw ShapeIssue("concatenated size does not fit in a 64-bit integer") }
      total = t
    }
    return [first.replacing(a, with: total)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Concat: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["concat", "cat", "concatenate"]

  /// Reads `axis`.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(axis: try a.int("axis", default: 1, minimum: Int.min))
  }
}
