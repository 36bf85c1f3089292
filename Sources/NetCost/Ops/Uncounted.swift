// netcost — Apache-2.0

/// A node netcost has no rule for, kept with `--allow-unknown`: its output
/// shapes come from the model's own shape annotations (value_info), and it
/// counts as zero, listed under the report's uncounted ops.
public struct Uncounted: Operator {
  public static let arity = 0...Int.max
  public static let flopRule = "none (counted as 0 and listed as uncounted)"

  /// The output shapes recorded in the model.
  public var shapes: [Shape]

  /// An op producing outputs of `shapes`, whatever its inputs.
  public init(shapes: [Shape]) { self.shapes = shapes }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { shapes }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  public var costKind: CostKind { .uncounted }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs.contains { $0.axes != nil } ? .unknown("no rule for this op") : FieldRule.merge(inputs)
  }
}
