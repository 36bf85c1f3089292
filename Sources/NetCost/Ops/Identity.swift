// netcost — Apache-2.0

/// Ops that pass their input through unchanged at inference: identity,
/// dropout (a no-op outside training) and cast (an element-type conversion
/// to ``dtype``, when known). Zero-cost, and listed as such.
public struct Identity: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (no-op at inference)"

  /// The element type of the output (a cast's target); nil keeps the input's.
  public var dtype: DType?

  /// Creates a pass-through, converting to `dtype` when given.
  public init(dtype: DType? = nil) {
    self.dtype = dtype
  }

  /// The cast's target, else the input's type.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    [dtype ?? inputs.first ?? model]
  }

  /// Whether the output is the input itself (identity, dropout at
  /// inference): no new buffer, so no activation memory of its own.
  public var aliasesInput: Bool { dtype == nil }

  public var costKind: CostKind { .zeroCost }
  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }
  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Identity: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["identity", "dropout", "dropout2d", "alpha_dropout", "cast"]

  /// Reads `p` for the dropouts (checked, no effect on figures).
  public init(kind: String, attributes a: Attributes) throws {
    if kind.hasPrefix("dropout") || kind == "alpha_dropout" {
      let p = try a.double("p", default: 0.5)
      guard p >= 0, p <= 1 else { throw a.error("p", "expected a probability between 0 and 1, found \(p)") }
    }
    self.init()
  }
}
