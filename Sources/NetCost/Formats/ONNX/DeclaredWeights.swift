// netcost — Apache-2.0

/// An op whose parameters and buffers are what the model file stores for
/// it, not what its shape rule implies: an ONNX layer counts the elements of
/// the float initializers it reads, and an initializer several layers share
/// is counted once, at the first of them. Everything else — shapes, MACs,
/// FLOPs, receptive field, window — is the wrapped op's.
struct DeclaredWeights: Operator {
  static let kinds: [String] = []
  static let arity = 0...Int.max
  static let flopRule = "as the wrapped op"

  /// The op doing the work.
  var op: any Operator
  /// Trainable parameters stored for this layer.
  var params: Int
  /// Non-trainable values stored for this layer (BatchNorm running statistics).
  var buffers: Int

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is not an op a spec can name")
  }

  init(_ op: any Operator, params: Int, buffers: Int) {
    self.op = op
    self.params = params
    self.buffers = buffers
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] { try op.outputShapes(inputs) }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    var c = try op.cost(inputs: inputs, outputs: outputs)
    c.params = params
    c.buffers = buffers
    return c
  }

  var costKind: CostKind { op.costKind }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    op.receptiveField(inputs: inputs, inputShapes: inputShapes, outputShapes: outputShapes)
  }

  var slidingWindow: SlidingWindow? { op.slidingWindow }

  var note: String? { op.note }

  func tiedWeight(inputs: [Shape]) -> (layer: String, elements: Int)? { op.tiedWeight(inputs: inputs) }
}

/// A tensor stored in the model rather than computed, used where an op
/// takes it like any other input (a ViT's class token concatenated in front
/// of the patch tokens): a layer with no inputs whose output has the stored
/// shape. No cost; its parameters are declared by ``DeclaredWeights``.
struct StoredTensor: Operator {
  static let kinds: [String] = []
  static let arity = 0...0
  static let flopRule = "0 (stored, not computed)"

  /// The stored shape.
  var shape: Shape

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is not an op a spec can name")
  }

  init(shape: Shape) { self.shape = shape }

  var costKind: CostKind { .zeroCost }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] { [shape] }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField { .none }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

/// A node netcost has no rule for, kept with `--allow-unknown`: its output
/// shapes come from the model's own shape annotations (value_info), and it
/// counts as zero, listed under the report's uncounted ops.
struct Uncounted: Operator {
  static let kinds: [String] = []
  static let arity = 0...Int.max
  static let flopRule = "none (counted as 0 and listed as uncounted)"

  /// The output shapes recorded in the model.
  var shapes: [Shape]

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is not an op a spec can name")
  }

  init(shapes: [Shape]) { self.shapes = shapes }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] { shapes }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  var costKind: CostKind { .uncounted }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs.contains { $0.axes != nil } ? .unknown("no rule for this op") : FieldRule.merge(inputs)
  }
}
