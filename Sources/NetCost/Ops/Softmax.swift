// netcost — Apache-2.0

/// Softmax (or log-softmax) along one axis (default: the last).
public struct Softmax: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "per row of n: n exps, n − 1 adds, n divides = 3n − 1 (log_softmax: n exps, n − 1 adds, 1 log, n subtracts = 3n)"

  /// The axis, batch = 0; negative counts from the end.
  public var axis: Int
  /// Log-softmax.
  public var isLog: Bool

  /// Creates a softmax (log-softmax when `isLog`) along `axis`.
  public init(axis: Int = -1, isLog: Bool = false) {
    self.axis = axis
    self.isLog = isLog
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    _ = try Axis.normalize(axis, rank: inputs[0].rank)
    return inputs
  }

  /// Softmax over a spatial axis makes every position depend on the whole axis.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let a = (try? Axis.normalize(axis, rank: inputShapes[0].rank)) ?? 1
    return a >= 2 && inputs[0].axes != nil ? .global : inputs[0]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let a = (try? Axis.normalize(axis, rank: x.rank)) ?? x.rank - 1
    let n = x.dims[a]
    let rows = try x.elementCount() / n
    return LayerCost(flops: try Checked.mul(rows, try Checked.mul(3, n) - (isLog ? 0 : 1), "FLOPs"))
  }
}

/// Axis numbering shared by the ops: batch is axis 0, negative axes count
/// from the end.
public enum Axis {
  /// The spatial rank a kind name promises with a `1d`/`2d`/`3d` suffix
  /// (`conv_transpose2d`, `max_pool1d`, `batch_norm3d`), or nil.
  public static func rankSuffix(_ kind: String) -> Int? {
    for r in 1...3 where kind.hasSuffix("\(r)d") { return r }
    return nil
  }

  /// A spatial axis by the letter users know (L; H, W; D, H, W).
  public static func spatialName(_ i: Int, of rank: Int) -> String {
    let names = rank == 1 ? ["L"] : rank == 2 ? ["H", "W"] : rank == 3 ? ["D", "H", "W"] : []
    return i < names.count ? names[i] : "spatial axis \(i)"
  }

  /// `axis` as a non-negative index into a shape of `rank`, or an issue.
  public static func normalize(_ axis: Int, rank: Int) throws(ShapeIssue) -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < rank else {
      throw ShapeIssue("axis \(axis) is out of range for a \(rank)-D tensor (valid: \(-rank)…\(rank - 1))")
    }
    return a
  }
}

// MARK: - Native spec

extension Softmax: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["softmax", "log_softmax"]

  /// Reads `axis`.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(axis: try a.int("axis", default: -1, minimum: Int.min), isLog: kind == "log_softmax")
  }
}
