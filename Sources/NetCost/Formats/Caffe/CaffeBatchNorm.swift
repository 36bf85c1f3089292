// netcost — Apache-2.0

/// Caffe's BatchNorm layer: normalization by stored statistics only.
///
/// Caffe keeps three blobs for it — the running mean (C), the running
/// variance (C) and one moving-average scale factor — and none of them is
/// learned: γ and β live in a separate Scale layer. So its parameters are 0
/// and its buffers 2·C + 1. FLOPs are `batch_norm`'s.
public struct CaffeBatchNorm: Operator {
  public static let arity = 1...1
  public static let flopRule = "2 per element, as batch_norm; params 0, buffers 2·C + 1 (Caffe's three blobs)"

  /// Creates the layer.
  public init() {}

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    try BatchNorm(affine: false).outputShapes(inputs)
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    var c = try BatchNorm(affine: false).cost(inputs: inputs, outputs: outputs)
    c.buffers = try Checked.add(c.buffers, 1, "buffers")
    return c
  }
}
