// netcost — Apache-2.0

/// A token lookup in another layer's embedding table (T5's decoder reads
/// the encoder's `shared` table): the same output as ``Embedding``, no
/// parameters of its own.
///
/// Fields: `tied_to` (the embedding layer), `vocab`, `dim`.
public struct TiedEmbedding: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (a table lookup)"

  /// The layer whose table is read.
  public var tiedTo: String
  /// Rows in the table.
  public var vocab: Int
  /// Width of each row.
  public var dim: Int

  /// A lookup in `tiedTo`'s table of `vocab` rows of `dim`.
  public init(tiedTo: String, vocab: Int, dim: Int) {
    self.tiedTo = tiedTo
    self.vocab = vocab
    self.dim = dim
  }

  public var costKind: CostKind { .zeroCost }

  public var note: String? { "table shared with '\(tiedTo)' (counted there once)" }

  public func tiedWeight(inputs: [Shape]) -> (layer: String, elements: Int)? {
    (tiedTo, vocab.multipliedReportingOverflow(by: dim).partialValue)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { [Shape(inputs[0].dims + [dim])!] }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension TiedEmbedding: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["tied_embedding"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    guard let t = try a.string("tied_to") else { throw a.missing("tied_to", "the embedding layer whose table is read") }
    tiedTo = t
    vocab = try a.int("vocab")
    dim = try a.int("dim")
  }
}
