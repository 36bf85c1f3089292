// netcost — Apache-2.0

/// Weights a model holds that a pass does not run (T5's cross-attention
/// key and value projections in a decode step: their outputs were cached at
/// prefill). Counts the parameters, no MACs or FLOPs; passes its input on.
///
/// Fields: `params`.
public struct HeldWeights: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (not run in this pass)"

  /// Parameters held.
  public var params: Int

  /// Holds `params` parameters.
  public init(params: Int) { self.params = params }

  public var costKind: CostKind { .zeroCost }

  public var note: String? { "weights held, not run in this pass" }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(params: params)
  }
}

// MARK: - Native spec

extension HeldWeights: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["held_weights"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    params = try a.int("params", minimum: 0)
  }
}
