// netcost — Apache-2.0

/// Global max or average pooling: every spatial axis reduced to 1
/// (N×C×1×1 for images).
public struct GlobalPool: Operator {
  public static let arity = 1...1
  public static let flopRule = "1 per input element (H_in·W_in·C·N)"

  /// Max or average.
  public var isMax: Bool

  /// Creates a global max (`isMax`) or average pooling.
  public init(isMax: Bool = false) {
    self.isMax = isMax
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Conv.checkSpatial(x, nil, op: "global pool")
    return [Shape([x.batch, x.channels] + Array(repeating: 1, count: x.rank - 2))!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try inputs[0].elementCount())
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0] == .none ? .none : .global
  }
}

// MARK: - Native spec

extension GlobalPool: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["global_avg_pool", "global_max_pool", "global_average_pool"]

  /// Has no fields; the kind says max or average.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(isMax: kind.contains("max"))
  }
}
