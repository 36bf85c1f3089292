// netcost — Apache-2.0

/// Running sums along one axis (ONNX CumSum; RoBERTa numbers its positions
/// with a cumulative sum of the padding mask). Shape unchanged.
///
/// FLOPs are the additions: along an axis of length L each line of L
/// elements takes L − 1, so elements − elements / L in all (`exclusive` and
/// `reverse` do not change the count).
public struct CumSum: Operator {
  public static let arity = 1...1
  public static let flopRule = "elements − elements / L (L − 1 additions per line of length L along the axis)"

  /// The axis summed along (batch = 0, negative from the end).
  public var axis: Int

  /// Running sums along `axis`.
  public init(axis: Int) { self.axis = axis }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    _ = try Axis.normalize(axis, rank: inputs[0].rank)
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let n = try x.elementCount()
    let a = (try? Axis.normalize(axis, rank: x.rank)) ?? 0
    return LayerCost(flops: n - n / max(1, x.dims[a]))
  }
}
