// netcost — Apache-2.0

/// Splits the features of an N×L×(H·d) sequence into H heads, N×H×L×d
/// (`split_heads`), or merges them back (`merge_heads`). Zero-cost.
///
/// Fields: `heads` (split_heads only).
public struct Heads: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Heads to split into; nil when merging.
  public var heads: Int?

  /// Creates a split into `heads` (≥ 1) heads, or a merge when nil.
  public init(heads: Int?) {
    self.heads = heads
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    if let heads {
      guard x.rank == 3 else { throw ShapeIssue("split_heads expects N×L×features, found \(x)") }
      guard heads >= 1, x.dims[2] % heads == 0 else {
        throw ShapeIssue("features \(x.dims[2]) are not divisible by \(heads) heads")
      }
      return [Shape([x.dims[0], heads, x.dims[1], x.dims[2] / heads])!]
    }
    guard x.rank == 4 else { throw ShapeIssue("merge_heads expects N×H×L×d, found \(x)") }
    let (f, o) = x.dims[1].multipliedReportingOverflow(by: x.dims[3])
    guard !o else { throw ShapeIssue("merged features overflow") }
    return [Shape([x.dims[0], x.dims[2], f])!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  /// Heads are not spatial axes: the field (none for token sequences) passes through.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0].axes == nil ? inputs[0] : .unknown("heads regroup the feature axis")
  }
}

// MARK: - Native spec

extension Heads: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["split_heads", "merge_heads"]

  /// Reads `heads` (split_heads only).
  public init(kind: String, attributes a: Attributes) throws {
    self.init(heads: kind == "split_heads" ? try a.int("heads") : nil)
  }
}
