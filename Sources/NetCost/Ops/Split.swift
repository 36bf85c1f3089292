// netcost — Apache-2.0

/// Splits one axis (`axis`, default 1) into pieces: `sizes` (explicit) or
/// `parts` (equal). Output k is referred to as `name:k`.
public struct Split: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// The axis split (batch = 0).
  public var axis: Int
  /// Explicit piece sizes.
  public var sizes: [Int]?
  /// Number of equal pieces.
  public var parts: Int?

  /// Creates a split of `axis` into pieces of `sizes` (each ≥ 1) or into
  /// `parts` equal pieces; give exactly one of the two.
  public init(axis: Int = 1, sizes: [Int]? = nil, parts: Int? = nil) {
    self.axis = axis
    self.sizes = sizes
    self.parts = parts
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let a = try Axis.normalize(axis, rank: x.rank)
    let n = x.dims[a]
    // Every piece is an output with a shape of its own: a fan-out in the
    // millions is a mistake, and building it would take gigabytes.
    let maxPieces = 65_536
    guard (sizes?.count ?? parts ?? 0) <= maxPieces else {
      throw ShapeIssue("split into \(sizes?.count ?? parts ?? 0) pieces: at most \(maxPieces) are supported")
    }
    let pieces: [Int]
    guard (sizes == nil) != (parts == nil), (parts ?? 1) >= 1, (sizes ?? [1]).allSatisfy({ $0 >= 1 }),
      sizes?.isEmpty != true
    else {
      throw ShapeIssue(
        "split needs either sizes ≥ 1 or a number of parts ≥ 1, found sizes \(sizes ?? []), parts \(parts ?? 0)")
    }
    if let sizes {
      let total = (try? Checked.sum(sizes)) ?? -1
      guard total == n else {
        throw ShapeIssue("split sizes \(sizes) add up to \(total) but axis \(axis) of \(x) has \(n)")
      }
      pieces = sizes
    } else {
      let p = parts!
      guard n % p == 0 else {
        throw ShapeIssue("axis \(axis) of \(x) (size \(n)) does not split into \(p) equal parts")
      }
      pieces = Array(repeating: n / p, count: p)
    }
    return pieces.map { x.replacing(a, with: $0)! }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Split: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["split", "chunk"]

  /// Reads `axis`, and one of `sizes` and `parts`.
  public init(kind: String, attributes a: Attributes) throws {
    let axis = try a.int("axis", default: 1, minimum: Int.min)
    let sizes = try a.intList("sizes")
    let parts = a.has("parts") ? try a.int("parts") : nil
    guard (sizes == nil) != (parts == nil) else {
      throw a.error(nil, "give exactly one of 'sizes' (a list) or 'parts' (a count)")
    }
    if let sizes, sizes.isEmpty || sizes.contains(where: { $0 < 1 }) {
      throw a.error("sizes", "expected sizes ≥ 1, found \(sizes)")
    }
    self.init(axis: axis, sizes: sizes, parts: parts)
  }
}
