// netcost — Apache-2.0

/// A learned positional embedding added to an N×L×D sequence: a table of
/// `max_length` (default L) rows of D, of which the first L are added.
///
/// Params max_length·D; FLOPs 1 per element (the add).
public struct PositionalEmbedding: Operator {
  public static let arity = 1...1
  public static let flopRule = "1 per element (adding the position vector)"

  /// Rows in the table, if larger than the sequence.
  public var maxLength: Int?

  /// Creates a learned positional embedding of `maxLength` rows (nil: the sequence length).
  public init(maxLength: Int? = nil) {
    self.maxLength = maxLength
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 3 else { throw ShapeIssue("positional_embedding expects N×L×D, found \(x)") }
    if let maxLength, x.dims[1] > maxLength {
      throw ShapeIssue("sequence length \(x.dims[1]) exceeds the table's max_length \(maxLength)")
    }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    return LayerCost(
      params: try Checked.mul(maxLength ?? x.dims[1], x.dims[2], "parameters"), flops: try x.elementCount())
  }
}

// MARK: - Native spec

extension PositionalEmbedding: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["positional_embedding", "position_embedding"]

  /// Reads `max_length`.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(maxLength: a.has("max_length") ? try a.int("max_length") : nil)
  }
}
