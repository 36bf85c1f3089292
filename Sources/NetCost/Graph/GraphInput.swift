// netcost — Apache-2.0

/// A named model input. Its shape excludes the batch axis, which is chosen
/// at analysis time — unless the format fixes every dimension itself
/// (``dimsIncludeBatch``, as ONNX models do).
public struct GraphInput: Sendable {
  /// The name layers use to refer to it.
  public var name: String
  /// Dimensions after the batch axis (C,L / C,H,W / C,D,H,W / features); all ≥ 1.
  /// With ``dimsIncludeBatch``, every dimension, batch first.
  public var dims: [Int]
  /// Element type.
  public var dtype: DType
  /// Where it is declared.
  public var location: SourceLocation
  /// Whether the axes after the batch are a sequence of feature vectors
  /// (L×D) rather than channels and spatial axes (C×H×W): no receptive field.
  public var isSequence: Bool
  /// Whether ``dims`` already holds the whole shape, batch included, so the
  /// analysis uses it as it is instead of prepending its batch size. Set by
  /// formats whose shape computations were evaluated for one batch size at
  /// load time (ONNX).
  public var dimsIncludeBatch: Bool

  /// Creates an input.
  public init(
    name: String, dims: [Int], dtype: DType = .float32, isSequence: Bool = false, location: SourceLocation,
    dimsIncludeBatch: Bool = false
  ) {
    self.name = name
    self.dims = dims
    self.dtype = dtype
    self.isSequence = isSequence
    self.location = location
    self.dimsIncludeBatch = dimsIncludeBatch
  }
}
