// netcost — Apache-2.0

/// Element-wise math functions of one tensor that are not activations:
/// square root, erf (GELU written out as x·½·(1 + erf(x/√2)) in exported
/// transformers), exp, log, and the like. Shape unchanged, no parameters.
///
/// Fields: `min`, `max` (`clip` only; no effect on figures).
public struct Unary: Operator {
  public static let arity = 1...1
  public static let flopRule = "per element: " + table.map { "\($0.0) \($0.1)" }.joined(separator: ", ")

  /// FLOPs per element of each function, with the reasoning in words; a
  /// transcendental counts as one, as in the activation rules.
  public static let table: [(String, Int, String)] = [
    ("sqrt", 1, "one square root"),
    ("erf", 1, "one transcendental"),
    ("exp", 1, "one transcendental"),
    ("log", 1, "one transcendental"),
    ("sin", 1, "one transcendental"),
    ("cos", 1, "one transcendental"),
    ("abs", 1, "one comparison"),
    ("neg", 1, "one negation"),
    ("reciprocal", 1, "one divide"),
    ("floor", 1, "one rounding"),
    ("ceil", 1, "one rounding"),
    ("round", 1, "one rounding"),
    ("sign", 1, "one comparison"),
    ("clip", 2, "two comparisons"),
  ]

  /// A function; the raw value is its name, as in ``table``.
  public enum Function: String, Sendable, Equatable, CaseIterable {
    /// Square root.
    case sqrt
    /// The error function.
    case erf
    /// e^x.
    case exp
    /// Natural logarithm.
    case log
    /// Sine.
    case sin
    /// Cosine.
    case cos
    /// Absolute value.
    case abs
    /// Negation.
    case neg
    /// 1 / x.
    case reciprocal
    /// Rounding down.
    case floor
    /// Rounding up.
    case ceil
    /// Rounding to the nearest integer.
    case round
    /// −1, 0 or 1.
    case sign
    /// Clamping to [min, max] (the bounds do not change the figures).
    case clip
  }

  /// The function.
  public var function: Function
  /// FLOPs per element, by ``table``.
  public var flopsPerElement: Int { Self.table.first { $0.0 == function.rawValue }?.1 ?? 1 }

  /// Creates a layer applying `function` to every element.
  public init(function: Function) {
    self.function = function
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(flopsPerElement, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension Unary: SpecDecodable {
  /// The spec's names: every function's name.
  public static let kinds = table.map(\.0)

  /// Reads `min` and `max` (`clip` only; checked, no effect on figures).
  public init(kind: String, attributes a: Attributes) throws {
    if kind == "clip" {
      _ = try a.double("min", default: -Double.infinity)
      _ = try a.double("max", default: Double.infinity)
    }
    guard let function = Function(rawValue: kind) else { throw a.error(nil, "'\(kind)' is not a unary function") }
    self.init(function: function)
  }
}
