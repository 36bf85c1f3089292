// netcost — Apache-2.0

/// Boolean tests of every element of one tensor: ONNX IsNaN, IsInf and Not
/// (the masked softmax of scaled-dot-product attention tests its rows for
/// NaN). Shape unchanged; the result is boolean.
public struct Predicate: Operator {
  public static let arity = 1...1
  public static let flopRule = "1 per element (one test)"

  /// A test; the raw value is its report name.
  public enum Test: String, Sendable, Equatable, CaseIterable {
    /// x is NaN.
    case isNaN = "is_nan"
    /// x is ±∞.
    case isInf = "is_inf"
    /// Logical not.
    case not
  }

  /// The test.
  public var test: Test

  /// A layer applying `test` to every element.
  public init(test: Test) { self.test = test }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try inputs[0].elementCount())
  }

  /// Booleans (int8 in netcost's types).
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    Array(repeating: .int8, count: outputs)
  }
}
