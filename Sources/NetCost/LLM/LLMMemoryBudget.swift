// netcost — Apache-2.0

/// Inference memory for the requested batch and lengths: weights, the KV
/// cache at its fullest and the peak activations, against a device's memory.
public struct LLMMemoryBudget: Sendable, Equatable {
  /// Weights at the weight dtype.
  public var weightBytes: Int
  /// KV cache (self and cross) for batch × the longest cached length.
  public var kvCacheBytes: Int
  /// Peak live activations of the prefill (or, for a decode-only view, the step).
  public var activationBytes: Int
  /// The sum.
  public var totalBytes: Int
  /// The device memory, when hardware was given.
  public var deviceBytes: Int?
  /// Whether the total fits in the device memory.
  public var fits: Bool? { deviceBytes.map { totalBytes <= $0 } }
}
