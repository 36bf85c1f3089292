// netcost — Apache-2.0

/// A tensor stored in the model rather than computed, used where an op
/// takes it like any other input (a ViT's class token concatenated in front
/// of the patch tokens): a layer with no inputs whose output has the stored
/// shape. No cost; its parameters are declared by ``DeclaredWeights``.
public struct StoredTensor: Operator {
  public static let arity = 0...0
  public static let flopRule = "0 (stored, not computed)"

  /// The stored shape.
  public var shape: Shape

  /// A stored tensor of shape `shape`.
  public init(shape: Shape) { self.shape = shape }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { [shape] }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    .none
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
