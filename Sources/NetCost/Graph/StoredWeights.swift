// netcost — Apache-2.0

/// The weights a model file stores, as it stores them: how many elements
/// (parameters and buffers, each tensor once, read by a layer or not) and
/// the bytes they take in their own dtypes (an fp16 weight 2 a value, an
/// int4 one packed two a byte).
///
/// A quantized or fp16 export holds the same parameters as its float
/// original in fewer bytes; this is where the difference is kept.
public struct StoredWeights: Sendable, Equatable {
  /// Logical elements of the stored weight tensors (parameters and buffers).
  public var elements: Int
  /// Their bytes as stored.
  public var bytes: Int

  /// Creates the figures for `elements` stored weight elements taking `bytes` bytes.
  public init(elements: Int, bytes: Int) {
    self.elements = elements
    self.bytes = bytes
  }
}
