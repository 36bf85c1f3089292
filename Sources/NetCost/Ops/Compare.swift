// netcost — Apache-2.0

/// Element-wise comparisons, logic and integer arithmetic of two operands
/// with NumPy broadcasting, as attention masks are built: ONNX Equal, Less,
/// LessOrEqual, Greater, GreaterOrEqual, And, Or, Xor, Mod and BitShift.
/// Comparisons and logic give a boolean tensor; Mod and BitShift keep the
/// operands' type.
///
/// Like ``Elementwise``, an operand may be a constant stored in the model
/// (``init(operation:constants:)`` takes its shape).
public struct Compare: Operator {
  public static let arity = 1...2
  public static let flopRule = "1 per output element (one comparison, logical or integer operation)"

  /// An operation; the raw value is its report name.
  public enum Operation: String, Sendable, Equatable, CaseIterable {
    /// a == b.
    case equal
    /// a < b.
    case less
    /// a ≤ b.
    case lessOrEqual = "less_or_equal"
    /// a > b.
    case greater
    /// a ≥ b.
    case greaterOrEqual = "greater_or_equal"
    /// a ∧ b.
    case and
    /// a ∨ b.
    case or
    /// a ⊕ b.
    case xor
    /// a mod b.
    case mod
    /// a shifted by b bits.
    case bitShift = "bit_shift"

    /// Whether the result is boolean.
    public var isBoolean: Bool { self != .mod && self != .bitShift }
  }

  /// The operation.
  public var operation: Operation
  /// Shapes of constant operands (an empty shape is a scalar).
  public var constants: [[Int]]

  /// An operation on the layer's inputs and constant operands of these shapes.
  public init(operation: Operation, constants: [[Int]] = []) {
    self.operation = operation
    self.constants = constants
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs.count + constants.count == 2 else {
      throw ShapeIssue("'\(operation.rawValue)' takes 2 operands, found \(inputs.count + constants.count)")
    }
    let dims = try Broadcast.dims(inputs.map(\.dims) + constants, operation.rawValue)
    guard let s = Shape(dims) else { throw ShapeIssue("\(operation.rawValue) would produce a scalar") }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try outputs[0].elementCount())
  }

  /// Comparisons and logic give booleans (int8 in netcost's types).
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    Array(repeating: operation.isBoolean ? .int8 : (inputs.first ?? model), count: outputs)
  }
}
