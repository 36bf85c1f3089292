// netcost — Apache-2.0

/// How to run a language model built from a transformers config: the
/// sequence lengths, the stage, the conventions for attention and logits,
/// and the figures the LLM summary adds (dtypes, training, hardware).
public struct LLMOptions: Sendable, Equatable {
  /// Which forward pass the report's layers describe.
  public enum Stage: String, Sendable, CaseIterable {
    /// The prompt: every position at once, the cache filled.
    case prefill
    /// One new token per sequence attending over the cache.
    case decode
  }

  /// Prompt length (for an encoder-decoder: the encoder's and, unless
  /// ``decoderSeq`` is set, the decoder's); nil: 2048 for decoders, 128 for
  /// encoders.
  public var seq: Int?
  /// The decoder's input length in an encoder-decoder model.
  public var decoderSeq: Int?
  /// The stage the per-layer report shows.
  public var stage: Stage = .prefill
  /// Decode: positions already in the cache (nil: the prompt length).
  public var context: Int?
  /// Count only the query–key pairs a causal mask keeps.
  public var causal = false
  /// Prefill: run the lm_head on the last position only (what `generate`
  /// does) instead of every position (what a forward pass does).
  public var lastLogits = false
  /// DeepSeek multi-head latent attention: score against the cached latent
  /// directly (W_UK absorbed into the queries, W_UV after the weighted sum)
  /// instead of re-expanding the cache through `kv_b_proj` as transformers does.
  public var absorbedMLA = false
  /// Weight storage type; nil: the config's own (`torch_dtype`/`dtype`), fp32 if none.
  public var dtype: LLMDType?
  /// KV-cache element type; nil: as the weights.
  public var kvDType: LLMDType?
  /// Training tokens for the 6·N·D estimate.
  public var tokens: Int?
  /// Data-parallel devices the ZeRO estimates shard over.
  public var devices = 1
  /// LoRA rank, when estimating LoRA fine-tuning.
  public var loraRank: Int?
  /// Projections LoRA adapts (module names' last component, e.g. `q_proj`);
  /// empty: the attention projections q, k, v, o.
  public var loraTargets: [String] = []
  /// The hardware for the roofline estimate.
  public var hardware: Hardware?

  /// Default options: a prefill of the family's default length.
  public init() {}

  /// The prompt length for a model of this kind.
  public func promptLength(encoder: Bool) -> Int { seq ?? (encoder ? 128 : 2048) }
}
