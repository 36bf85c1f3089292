// netcost — Apache-2.0

/// ONNX Where: picks, per element, the second operand where the condition
/// holds and the third elsewhere, all three broadcast as in NumPy (how
/// attention masks fill −∞). Any operand may be a stored constant
/// (``init(constants:)`` takes the shapes of those, in operand order after
/// the inputs).
public struct Select: Operator {
  public static let arity = 1...3
  public static let flopRule = "0 (picks one operand per element: data movement)"

  /// Shapes of constant operands (an empty shape is a scalar).
  public var constants: [[Int]]

  /// A selection among the layer's inputs and constant operands of these shapes.
  public init(constants: [[Int]] = []) { self.constants = constants }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs.count + constants.count == 3 else {
      throw ShapeIssue("where takes 3 operands (condition, x, y), found \(inputs.count + constants.count)")
    }
    let dims = try Broadcast.dims(inputs.map(\.dims) + constants, "where")
    guard let s = Shape(dims) else { throw ShapeIssue("where would produce a scalar") }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
