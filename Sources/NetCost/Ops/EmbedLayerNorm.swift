// netcost — Apache-2.0

/// onnxruntime's fused embedding (com.microsoft EmbedLayerNormalization,
/// what its optimizer makes of BERT's embeddings): word, position and
/// optional segment tables looked up by the token ids, summed and
/// layer-normalized. Outputs: B×S×hidden, the mask index (B, int32), and
/// with `sumOutput` the sum before normalization (B×S×hidden).
///
/// The tables, γ and β are stored weights the importer counts as parameters.
public struct EmbedLayerNorm: Operator {
  public static let arity = 1...2
  public static let flopRule = "(tables − 1) additions + 7 (layer norm with γ, β) per output element"

  /// The embedding width.
  public var hidden: Int
  /// How many tables are summed (2 or 3).
  public var tables: Int
  /// Whether the third output (the sum before normalization) is produced.
  public var sumOutput: Bool

  /// A fused embedding of width `hidden` summing `tables` tables.
  public init(hidden: Int, tables: Int, sumOutput: Bool = false) {
    self.hidden = hidden
    self.tables = tables
    self.sumOutput = sumOutput
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let ids = inputs[0]
    guard ids.rank == 2, hidden >= 1 else { throw ShapeIssue("embed_layer_norm expects B×S token ids, found \(ids)") }
    let out = Shape(ids.dims + [hidden])!
    return [out, Shape([ids.dims[0]])!] + (sumOutput ? [out] : [])
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(max(0, tables - 1) + 7, try outputs[0].elementCount(), "FLOPs"))
  }

  /// The embedding in the model's type, the mask index int32.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    [model, .int32] + (sumOutput ? [model] : [])
  }

  /// Token ids have no geometry.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0]
  }
}
