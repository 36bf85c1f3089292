// netcost — Apache-2.0

/// A roofline bound for one pass on one accelerator: the time the FLOPs
/// need at peak compute and the time the bytes need at peak bandwidth. The
/// larger is a lower bound on the pass's time, so the tokens per second are
/// an upper bound — not a measurement.
public struct LLMRoofline: Sendable, Equatable {
  /// Seconds at peak compute: 2 × MACs / peak FLOP/s.
  public var computeSeconds: Double
  /// Seconds at peak bandwidth: (weights read + KV cache read or written) / bandwidth.
  public var memorySeconds: Double
  /// Bytes the memory time assumes moved.
  public var bytesMoved: Int
  /// Whether the pass is compute-bound (else memory-bound).
  public var computeBound: Bool
  /// New tokens per second at the bound (an upper bound).
  public var tokensPerSecond: Double
  /// Layers with MACs whose arithmetic intensity is above the ridge point.
  public var computeBoundLayers: Int
  /// Layers with MACs below it.
  public var memoryBoundLayers: Int
  /// FLOPs per byte at which the accelerator turns compute-bound.
  public var ridge: Double
}
