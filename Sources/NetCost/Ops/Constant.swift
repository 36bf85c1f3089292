// netcost — Apache-2.0

/// A tensor stored in the model rather than computed, used where an op
/// takes it like any other input: a ViT's class token concatenated in front
/// of the patch tokens. No inputs; its output has the stored shape.
///
/// Fields: `shape` (the tensor's shape, batch included when it has one).
/// Params: 0 — a format that stores learned values (ONNX initializers)
/// counts them itself.
public struct Constant: Operator {
  public static let kinds = ["constant"]
  public static let arity = 0...0
  public static let flopRule = "0 (stored, not computed)"

  /// The stored shape.
  public var shape: Shape

  public init(kind: String, attributes a: Attributes) throws {
    guard let s = try a.intList("shape") else { throw a.missing("shape", "the stored tensor's shape") }
    guard let shape = Shape(s) else { throw a.error("shape", "expected sizes ≥ 1, found \(s)") }
    self.shape = shape
  }

  /// A stored tensor of this shape.
  public init(shape: Shape) { self.shape = shape }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { [shape] }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField { .none }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
