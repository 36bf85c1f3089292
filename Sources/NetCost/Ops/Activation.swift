// netcost — Apache-2.0

/// Element-wise activation functions without learned parameters.
///
/// FLOPs per element count every arithmetic step, a transcendental (exp,
/// log, erf, pow) as one, following the seed's sigmoid = 4 (negate, exp,
/// add, divide).
public struct Activation: Operator {
  public static let kinds = [
    "relu", "relu6", "leaky_relu", "elu", "selu", "sigmoid", "hard_sigmoid", "tanh",
    "swish", "silu", "hard_swish", "mish", "gelu", "softplus",
  ]
  public static let arity = 1...1
  public static let flopRule = "per element: " + table.map { "\($0.0) \($0.1)" }.joined(separator: ", ")

  /// FLOPs per element of each function, with the reasoning in words.
  public static let table: [(String, Int, String)] = [
    ("relu", 1, "max(x, 0)"),
    ("relu6", 2, "two comparisons"),
    ("leaky_relu", 2, "compare, multiply"),
    ("elu", 4, "compare, exp, subtract, multiply"),
    ("selu", 5, "as elu, then scale"),
    ("sigmoid", 4, "negate, exp, add, divide"),
    ("hard_sigmoid", 4, "add 3, two comparisons, divide by 6"),
    ("tanh", 5, "multiply by 2, exp, subtract, add, divide"),
    ("swish", 5, "sigmoid (4) and a multiply"),
    ("silu", 5, "sigmoid (4) and a multiply"),
    ("hard_swish", 5, "hard sigmoid (4) and a multiply"),
    ("mish", 9, "softplus (exp, add, log), tanh (5), multiply"),
    ("gelu", 5, "erf form x·½·(1 + erf(x/√2)): multiply, erf, add, two multiplies"),
    ("gelu_tanh", 13, "tanh approximation: x³ (2), ×0.044715, add, ×√(2/π), tanh (5), add, ×½, ×x"),
    ("softplus", 3, "exp, add, log"),
  ]

  /// The function's canonical name.
  public var function: String
  /// FLOPs per element.
  public var flopsPerElement: Int

  public init(kind: String, attributes a: Attributes) throws {
    var f = kind
    if kind == "leaky_relu" { _ = try a.double("slope", default: 0.01) }
    if kind == "elu" { _ = try a.double("alpha", default: 1) }
    if kind == "gelu", try a.choice("approximate", ["none", "tanh"], default: "none") == "tanh" { f = "gelu_tanh" }
    function = f
    flopsPerElement = Self.table.first { $0.0 == f }!.1
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(flopsPerElement, try inputs[0].elementCount(), "FLOPs"))
  }
}
