// netcost — Apache-2.0

/// The position of the largest or smallest element along one axis (ONNX
/// ArgMax, ArgMin; CLIP's text tower finds its end-of-text token so). The
/// result is int64, with the axis kept as size 1 (`keepDims`) or removed.
public struct ArgReduce: Operator {
  public static let arity = 1...1
  public static let flopRule = "1 per input element (one comparison)"

  /// Largest (ArgMax) or smallest (ArgMin).
  public var isMax: Bool
  /// The axis reduced (batch = 0, negative from the end).
  public var axis: Int
  /// Whether the axis stays with size 1.
  public var keepDims: Bool

  /// An arg-reduction along `axis`.
  public init(isMax: Bool, axis: Int, keepDims: Bool) {
    self.isMax = isMax
    self.axis = axis
    self.keepDims = keepDims
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let a = try Axis.normalize(axis, rank: x.rank)
    var d = x.dims
    if keepDims { d[a] = 1 } else { d.remove(at: a) }
    guard let s = Shape(d) else {
      throw ShapeIssue("\(isMax ? "argmax" : "argmin") of \(x) without keepdims leaves a scalar")
    }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try inputs[0].elementCount())
  }

  /// Positions are int64.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    Array(repeating: .int64, count: outputs)
  }
}
