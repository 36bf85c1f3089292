// netcost — Apache-2.0

/// Choices for reading a model file, shared by every format and every
/// command that reads a model (`--input-format`, `--dim`, `--batch`,
/// `--allow-unknown`).
public struct ImportOptions: Sendable, Equatable {
  /// The format; nil detects it (``NetCost/detectFormat(file:)``).
  public var format: InputFormat?
  /// Values for named (symbolic) dimensions: ONNX's `dim_param`s, or the
  /// sizes a format leaves open (`["batch": 16]`).
  public var dims: [String: Int]
  /// The first dimension of every model input, whatever the file says;
  /// nil keeps the file's own (or 1 where a format has none).
  public var batch: Int?
  /// Keep layers of op types netcost has no rule for, counted as 0 and
  /// listed, instead of failing.
  public var allowUnknown: Bool
  /// Hugging Face configs: sequence lengths, stage and the LLM figures.
  public var llm = LLMOptions()

  /// Creates options.
  public init(format: InputFormat? = nil, dims: [String: Int] = [:], batch: Int? = nil, allowUnknown: Bool = false) {
    self.format = format
    self.dims = dims
    self.batch = batch
    self.allowUnknown = allowUnknown
  }

  /// Creates options from a format and ONNX choices (the earlier form).
  public init(format: InputFormat? = nil, onnx: ONNXOptions) {
    self.init(format: format, dims: onnx.dims, batch: onnx.batch, allowUnknown: onnx.allowUnknown)
  }

  /// The choices as the ONNX importer takes them.
  public var onnx: ONNXOptions {
    get { ONNXOptions(dims: dims, batch: batch, allowUnknown: allowUnknown) }
    set {
      dims = newValue.dims
      batch = newValue.batch
      allowUnknown = newValue.allowUnknown
    }
  }
}

/// The earlier name of ``ImportOptions``.
public typealias LoadOptions = ImportOptions
