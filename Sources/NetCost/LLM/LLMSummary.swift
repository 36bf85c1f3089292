// netcost — Apache-2.0

/// The figures a language model's report adds to the per-layer totals:
/// parameters (total, without embeddings, active per token), the KV cache
/// per token, both stages' FLOPs, weight and cache bytes by dtype, the
/// inference memory budget, training estimates and a roofline bound.
///
/// Built by ``LLMAnalysis``; carried by ``Totals/llm`` and rendered by the
/// table and JSON renderers.
public struct LLMSummary: Sendable, Equatable {
  /// What the config describes.
  public var info: HFModelInfo
  /// Trainable parameters (a tied lm_head counted once).
  public var params: Int
  /// Parameters less the embedding tables (token, position, token type); an
  /// untied lm_head stays.
  public var paramsWithoutEmbeddings: Int
  /// Parameters a token passes through: all but the routed experts it is
  /// not sent to (MoE: the top-k routed and the shared experts).
  public var activeParams: Int
  /// Non-trainable buffers.
  public var buffers: Int
  /// The weight storage type.
  public var weightDType: LLMDType
  /// Weight bytes at ``weightDType`` (parameters and buffers).
  public var weightBytes: Int
  /// The KV-cache storage type.
  public var kvDType: LLMDType
  /// Values the self-attention cache holds per token, over all layers (keys
  /// and values, or MLA's latent and rotary key).
  public var kvValuesPerToken: Int
  /// ``kvValuesPerToken`` at ``kvDType``.
  public var kvBytesPerToken: Int
  /// Values the cross-attention cache holds per encoder token (T5), if any.
  public var crossKVValuesPerToken: Int?
  /// The prefill pass.
  public var prefill: LLMStageFigures
  /// The decode step (none for an encoder).
  public var decode: LLMStageFigures?
  /// Inference memory at the requested stage.
  public var memory: LLMMemoryBudget
  /// Training estimates.
  public var training: LLMTrainingFigures
  /// The hardware of the roofline, if any.
  public var hardware: Hardware?

  /// The conventions the figures follow, in words.
  public var conventions: [String] {
    var c = [
      "FLOPs here are 2 × MACs of the matrix products (linear layers, attention QKᵀ and AV, experts), torch FlopCounterMode's convention; the per-layer table's FLOPs follow netcost's exact rules",
      "attention: \(info.attention)",
      prefill.newTokens > 0 && info.kind != .encoder
        ? "prefill: the lm_head runs over \(lastLogitsNote); decode: one new token per sequence attending over \(info.context) cached positions + itself"
        : "encoder: one pass over the sequence",
      "weights \(weightDType): \(weightDType.convention); KV cache \(kvDType): \(kvDType.convention)",
      "activations: the liveness peak of the prefill graph, no framework workspace",
    ]
    if hardware != nil {
      c.append("roofline: bounds from datasheet peaks (time ≥ max(FLOPs/peak, bytes/bandwidth)), not measurements")
    }
    return c
  }

  /// Set by the analysis: whether only the last position's logits were computed.
  public var lastLogits = false

  private var lastLogitsNote: String { lastLogits ? "the last position only (--last-logits)" : "every position" }
}
