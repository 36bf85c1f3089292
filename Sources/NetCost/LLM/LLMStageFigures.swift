// netcost — Apache-2.0

/// One forward pass of a language model (a prefill or a decode step) at the
/// requested batch and lengths.
public struct LLMStageFigures: Sendable, Equatable {
  /// Which pass.
  public var stage: LLMOptions.Stage
  /// Sequences.
  public var batch: Int
  /// New tokens per sequence (the prompt, or 1).
  public var newTokens: Int
  /// Positions cached before the pass.
  public var context: Int
  /// Multiply-accumulates of the pass.
  public var macs: Int
  /// 2 × MACs: the matrix-product FLOPs torch's FlopCounterMode reports.
  public var matmulFlops: Int
  /// Every multiply and add by netcost's per-op rules.
  public var flops: Int
  /// 2 × MACs per new token.
  public var matmulFlopsPerToken: Int
  /// Bytes of the self-attention KV cache after the pass, all sequences.
  public var kvCacheBytes: Int
  /// Bytes of the cross-attention cache (encoder-decoder), all sequences.
  public var crossCacheBytes: Int
  /// Peak live activation bytes (the liveness pass over the stage's graph).
  public var peakActivationBytes: Int
  /// Bytes of every layer output (kept for a backward pass).
  public var activationBytes: Int
  /// The roofline bound on the given hardware, if any.
  public var roofline: LLMRoofline?
}
