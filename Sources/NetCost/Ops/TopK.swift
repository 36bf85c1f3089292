// netcost — Apache-2.0

/// The k largest (or smallest) elements along one axis and their positions
/// (ONNX TopK): two outputs, the input's shape with the axis of size k.
/// `k` must be known at load time.
public struct TopK: Operator {
  public static let arity = 1...1
  public static let flopRule = "1 per input element (one comparison each, as a selection)"

  /// How many elements are kept.
  public var k: Int
  /// The axis (batch = 0, negative from the end).
  public var axis: Int

  /// The top `k` along `axis`.
  public init(k: Int, axis: Int) {
    self.k = k
    self.axis = axis
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let a = try Axis.normalize(axis, rank: x.rank)
    guard k >= 1, k <= x.dims[a] else {
      throw ShapeIssue("top_k: k = \(k) must be between 1 and the axis size \(x.dims[a])")
    }
    guard let s = x.replacing(a, with: k) else { throw ShapeIssue("top_k: bad axis \(axis)") }
    return [s, s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try inputs[0].elementCount())
  }

  /// Values keep the input's type; positions are int64.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    [inputs.first ?? model, .int64]
  }
}
