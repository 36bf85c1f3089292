// netcost — Apache-2.0

/// Token embedding: looks up a `dim`-vector for each of N×L token ids in a
/// table of `vocab` rows (params vocab·dim). A gather: zero FLOPs.
///
/// Fields: `vocab`, `dim`.
public struct Embedding: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (a table lookup)"

  /// Rows in the table.
  public var vocab: Int
  /// Width of each row.
  public var dim: Int

  /// A table of `vocab` rows of `dim` values (an ONNX Gather from a stored table).
  public init(vocab: Int, dim: Int) {
    self.vocab = vocab
    self.dim = dim
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard let s = Shape(inputs[0].dims + [dim]) else { throw ShapeIssue("embedding width \(dim) must be at least 1") }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(params: try Checked.mul(vocab, dim, "parameters"))
  }
}

// MARK: - Native spec

extension Embedding: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["embedding"]

  /// Reads `vocab` and `dim`.
  public init(kind: String, attributes a: Attributes) throws {
    let vocab = try a.int("vocab")
    self.init(vocab: vocab, dim: try a.int("dim"))
  }
}

extension Embedding {
  /// Token ids are integers: a floating-point input is a wiring mistake.
  public func checkInputDTypes(_ inputs: [DType]) throws(ShapeIssue) {
    if let t = inputs.first, t.isFloatingPoint {
      throw ShapeIssue(
        "an embedding looks up integer token ids, but its input is \(t.shortName) (give the input \"dtype\": \"int64\")"
      )
    }
  }

  /// Token ids in, vectors of the model's floating-point type out.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] { [model] }
}
