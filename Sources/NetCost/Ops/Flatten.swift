// netcost — Apache-2.0

/// Flattens axes `start` (1) through `end` (−1) into one, keeping the batch.
public struct Flatten: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (reinterprets memory)"

  /// First axis flattened (batch = 0).
  public var start: Int
  /// Last axis flattened; negative counts from the end.
  public var end: Int

  /// Creates a flatten of axes `start` through `end` (negative from the end).
  public init(start: Int = 1, end: Int = -1) {
    self.start = start
    self.end = end
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let s = try Axis.normalize(start, rank: x.rank)
    let e = try Axis.normalize(end, rank: x.rank)
    guard s <= e else { throw ShapeIssue("flatten start axis \(start) comes after end axis \(end) for \(x)") }
    let merged: Int
    do { merged = try Checked.product(x.dims[s...e], "the flattened size") } catch {
      throw ShapeIssue("the flattened size of \(x) does not fit in a 64-bit integer")
    }
    return [Shape(Array(x.dims[..<s]) + [merged] + Array(x.dims[(e + 1)...]))!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Flatten: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["flatten"]

  /// Reads `start` and `end`.
  public init(kind: String, attributes a: Attributes) throws {
    let start = try a.int("start", default: 1, minimum: Int.min)
    self.init(start: start, end: try a.int("end", default: -1, minimum: Int.min))
  }
}
