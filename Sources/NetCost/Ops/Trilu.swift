// netcost — Apache-2.0

/// Keeps the upper or lower triangle of the last two axes and zeroes the
/// rest (ONNX Trilu; causal masks). Shape unchanged; it writes a mask, so
/// it moves data.
public struct Trilu: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (masks: moves data)"

  /// Whether the upper triangle is kept.
  public var upper: Bool

  /// A triangle mask.
  public init(upper: Bool) { self.upper = upper }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs[0].rank >= 2 else { throw ShapeIssue("trilu needs at least 2 axes, found \(inputs[0])") }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
