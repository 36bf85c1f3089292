// netcost — Apache-2.0

/// Model-wide sums and memory figures.
public struct Totals: Sendable, Equatable {
  /// Trainable parameters.
  public var params: Int
  /// Non-trainable buffers (BatchNorm running statistics).
  public var buffers: Int
  /// Multiply-accumulates (conv, linear, matmul).
  public var macs: Int
  /// FLOPs under the report's convention.
  public var flops: Int
  /// Bytes of parameters and buffers: as the file stores them when it
  /// records every one (``storedWeightBytes``), otherwise in the model's dtype.
  public var weightBytes: Int
  /// Bytes of the weights the file stores, each in its own dtype (an int4
  /// weight packed two a byte), read by a layer or not, when the format
  /// records a stored size for every one (ONNX initializers); nil otherwise.
  public var storedWeightBytes: Int?
  /// Bytes of parameters and buffers in each dtype.
  public var weightBytesByDType: [DType: Int]
  /// Sum of every layer's output bytes (model inputs excluded; see ``inputBytes``).
  public var activationBytes: Int
  /// Bytes of the model inputs (counted in the peak, not in ``activationBytes``).
  public var inputBytes: Int
  /// Most activation bytes live at once during inference (see ``Liveness``).
  public var peakActivationBytes: Int
  /// The layer at which the peak occurs, if any layer raises it above the inputs.
  public var peakLayer: String?
  /// Training-memory estimate.
  public var training: TrainingEstimate
  /// A language model's figures (Hugging Face configs; see ``LLMSummary``), nil for other models.
  public var llm: LLMSummary? = nil

  init(rows: [LayerReport], graph: Graph, inputs: [ModelInput], dtype: DType, optimizer: Optimizer)
    throws(ArithmeticOverflow)
  {
    var p = 0
    var b = 0
    var m = 0
    var f = 0
    var a = 0
    for i in rows.indices {
      p = try Checked.add(p, rows[i].cost.params, "total parameters")
      b = try Checked.add(b, rows[i].cost.buffers, "total buffers")
      m = try Checked.add(m, rows[i].cost.macs, "total MACs")
      f = try Checked.add(f, rows[i].cost.flops, "total FLOPs")
      a = try Checked.add(a, rows[i].activationBytes, "total activation bytes")
    }
    params = p
    buffers = b
    macs = m
    flops = f
    activationBytes = a
    let stored = try Checked.add(p, b, "weights")
    var byType: [DType: Int] = [:]
    for t in DType.weightTypes { byType[t] = try Checked.mul(stored, t.bytes, "weight bytes") }
    weightBytesByDType = byType
    // The file's bytes are every stored weight, read or not; the weight
    // bytes of the analysis are those only when the stored tensors are
    // exactly what is counted (an untaken `If` branch is stored, not read;
    // a parameter from an op's own rule has no stored size).
    storedWeightBytes = graph.storedWeights?.bytes
    if let s = graph.storedWeights, s.elements == stored {
      weightBytes = s.bytes
    } else {
      weightBytes = try Checked.mul(stored, dtype.bytes, "weight bytes")
    }
    let peak = try Liveness.peak(graph: graph, inputs: inputs, rows: rows, dtype: dtype)
    peakActivationBytes = peak.bytes
    peakLayer = peak.atLayer.map { rows[$0].name }
    var inputBytes = 0
    for i in inputs {
      inputBytes = try Checked.add(inputBytes, try Checked.mul(try i.shape.elementCount(), i.dtype.bytes))
    }
    self.inputBytes = inputBytes
    training = try TrainingEstimate(
      params: p, buffers: b, activationBytes: try Checked.add(a, inputBytes), dtype: dtype, optimizer: optimizer)
  }
}

/// Memory to train the model with one batch, under stated assumptions.
public struct TrainingEstimate: Sendable, Equatable {
  /// Parameters and buffers.
  public var weightBytes: Int
  /// One gradient per parameter.
  public var gradientBytes: Int
  /// Optimizer state (Adam: two moments per parameter).
  public var optimizerBytes: Int
  /// Every layer output and the inputs, kept for the backward pass.
  public var activationBytes: Int
  /// The sum.
  public var totalBytes: Int
  /// The optimizer assumed.
  public var optimizer: Optimizer

  /// The assumptions behind the figure, in words.
  public static let assumptions =
    "weights, gradients and optimizer state in the model dtype; every layer output (and the input) kept for the backward pass; no activation checkpointing, mixed-precision master copies, framework workspace or allocator overhead"

  init(params: Int, buffers: Int, activationBytes: Int, dtype: DType, optimizer: Optimizer) throws(ArithmeticOverflow) {
    self.optimizer = optimizer
    weightBytes = try Checked.mul(try Checked.add(params, buffers), dtype.bytes, "training bytes")
    gradientBytes = try Checked.mul(params, dtype.bytes, "training bytes")
    optimizerBytes = try Checked.mul(
      try Checked.mul(params, optimizer.statePerParameter), dtype.bytes, "training bytes")
    self.activationBytes = activationBytes
    totalBytes = try Checked.sum([weightBytes, gradientBytes, optimizerBytes, activationBytes], "training bytes")
  }
}
