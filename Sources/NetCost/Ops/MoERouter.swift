// netcost — Apache-2.0

/// The router of a mixture-of-experts layer: a linear map from each
/// token's H features to one score per expert (no bias), from which the
/// `topK` experts are chosen. N×L×H → N×L×E.
///
/// Params E·H; buffers E when the router keeps a score-correction bias
/// (DeepSeek-V3's `e_score_correction_bias`). MACs tokens·H·E.
///
/// Fields: `experts`, `top_k`, `correction_bias` (false).
public struct MoERouter: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "per token (2H − 1)·E for the scores + 3E for their normalization (softmax or sigmoid); top-k selection not counted"

  /// Experts scored.
  public var experts: Int
  /// Experts chosen per token.
  public var topK: Int
  /// Whether a per-expert correction bias is kept as a buffer.
  public var correctionBias: Bool

  /// A router over `experts` experts choosing `topK`.
  public init(experts: Int, topK: Int, correctionBias: Bool) {
    self.experts = experts
    self.topK = topK
    self.correctionBias = correctionBias
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 2 else { throw ShapeIssue("moe_router expects N×…×features, found \(x)") }
    return [x.replacing(x.rank - 1, with: experts)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let h = inputs[0].dims.last!
    let tokens = try inputs[0].elementCount() / h
    let perToken = try Checked.add(try Checked.mul(2 * h - 1, experts), try Checked.mul(3, experts), "FLOPs")
    return LayerCost(
      params: try Checked.mul(h, experts, "parameters"), buffers: correctionBias ? experts : 0,
      macs: try Checked.mul(try Checked.mul(tokens, h), experts, "MACs"),
      flops: try Checked.mul(tokens, perToken, "FLOPs"))
  }
}

// MARK: - Native spec

extension MoERouter: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["moe_router"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    experts = try a.int("experts")
    topK = try a.int("top_k")
    correctionBias = try a.bool("correction_bias", default: false)
  }
}
