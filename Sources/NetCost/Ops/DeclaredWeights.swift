// netcost — Apache-2.0

/// An op whose parameters and buffers are what the model file stores for
/// it, not what its shape rule implies: an ONNX layer counts the elements of
/// the float initializers it reads, and an initializer several layers share
/// is counted once, at the first of them. Everything else — shapes, MACs,
/// FLOPs, receptive field, window — is the wrapped op's.
public struct DeclaredWeights: Operator {
  public static let arity = 0...Int.max
  public static let flopRule = "as the wrapped op"

  /// The op doing the work.
  public var op: any Operator
  /// Trainable parameters stored for this layer.
  public var params: Int
  /// Non-trainable values stored for this layer (BatchNorm running statistics).
  public var buffers: Int

  /// Wraps `op`, declaring `params` trainable parameters and `buffers`
  /// stored non-trainable values for the layer instead of the op's own.
  public init(op: any Operator, params: Int, buffers: Int = 0) {
    self.op = op
    self.params = params
    self.buffers = buffers
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { try op.outputShapes(inputs) }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    var c = try op.cost(inputs: inputs, outputs: outputs)
    c.params = params
    c.buffers = buffers
    return c
  }

  public var costKind: CostKind { op.costKind }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    op.receptiveField(inputs: inputs, inputShapes: inputShapes, outputShapes: outputShapes)
  }

  public var slidingWindow: SlidingWindow? { op.slidingWindow }

  public var note: String? { op.note }

  public func tiedWeight(inputs: [Shape]) -> (layer: String, elements: Int)? { op.tiedWeight(inputs: inputs) }
}

extension DeclaredWeights {
  /// The wrapped op's region.
  public func inputRegion(_ region: [ClosedRange<Int>], input: Int, inputShapes: [Shape], outputShapes: [Shape])
    -> [ClosedRange<Int>]?
  {
    op.inputRegion(region, input: input, inputShapes: inputShapes, outputShapes: outputShapes)
  }
}

extension DeclaredWeights {
  /// The wrapped op's output types.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    op.outputDTypes(inputs: inputs, outputs: outputs, model: model)
  }
}
