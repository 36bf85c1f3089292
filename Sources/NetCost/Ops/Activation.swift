// netcost — Apache-2.0

/// Element-wise activation functions without learned parameters.
///
/// FLOPs per element count every arithmetic step, a transcendental (exp,
/// log, erf, pow) as one, following the seed's sigmoid = 4 (negate, exp,
/// add, divide).
public struct Activation: Operator {
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

  /// An activation function; the raw value is its canonical name, as in ``table``.
  public enum Function: String, Sendable, Equatable, CaseIterable {
    /// max(x, 0).
    case relu
    /// min(max(x, 0), 6).
    case relu6
    /// x for x ≥ 0, slope·x below (the slope does not change the figures).
    case leakyReLU = "leaky_relu"
    /// Exponential linear unit.
    case elu
    /// Scaled exponential linear unit.
    case selu
    /// The logistic function 1 / (1 + e^−x).
    case sigmoid
    /// The piecewise-linear sigmoid (x + 3) / 6, clamped to [0, 1].
    case hardSigmoid = "hard_sigmoid"
    /// Hyperbolic tangent.
    case tanh
    /// x·sigmoid(x) (the same function as ``silu``).
    case swish
    /// x·sigmoid(x).
    case silu
    /// x·hard_sigmoid(x).
    case hardSwish = "hard_swish"
    /// x·tanh(softplus(x)).
    case mish
    /// GELU in its exact erf form.
    case gelu
    /// GELU in its tanh approximation.
    case geluTanh = "gelu_tanh"
    /// log(1 + e^x).
    case softplus
  }

  /// The function.
  public var function: Function
  /// FLOPs per element, by ``table``.
  public var flopsPerElement: Int { Self.table.first { $0.0 == function.rawValue }?.1 ?? 1 }

  /// Creates an activation applying `function`.
  public init(function: Function) {
    self.function = function
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(flopsPerElement, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension Activation: SpecDecodable {
  /// The spec's names: every function but `gelu_tanh`, which is `gelu` with `approximate: "tanh"`.
  public static let kinds = [
    "relu", "relu6", "leaky_relu", "elu", "selu", "sigmoid", "hard_sigmoid", "tanh",
    "swish", "silu", "hard_swish", "mish", "gelu", "softplus",
  ]

  /// Reads `slope` (leaky_relu), `alpha` (elu) and `approximate` (gelu).
  public init(kind: String, attributes a: Attributes) throws {
    var f = kind
    if kind == "leaky_relu" { _ = try a.double("slope", default: 0.01) }
    if kind == "elu" { _ = try a.double("alpha", default: 1) }
    if kind == "gelu", try a.choice("approximate", ["none", "tanh"], default: "none") == "tanh" { f = "gelu_tanh" }
    guard let function = Function(rawValue: f) else { throw a.error(nil, "'\(kind)' is not an activation") }
    self.init(function: function)
  }
}
