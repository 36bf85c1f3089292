// netcost — Apache-2.0

/// Batch normalization over the channel axis (axis 1), inference form.
///
/// Params: γ and β, 2·C when `affine` (true). Buffers: running mean and
/// variance, 2·C (PyTorch's `num_batches_tracked` scalar is not counted).
/// FLOPs assume the statistics are folded into one scale and one shift.
public struct BatchNorm: Operator {
  public static let kinds = ["batch_norm", "batchnorm", "bn", "batch_norm1d", "batch_norm2d", "batch_norm3d"]
  public static let arity = 1...1
  public static let flopRule = "2 per element (inference: statistics folded into one multiply and one add)"

  /// Whether γ and β are learned.
  public var affine: Bool

  public init(kind: String, attributes a: Attributes) throws {
    affine = try a.bool("affine", default: true)
    _ = try a.double("eps", default: 1e-5)
    _ = try a.double("momentum", default: 0.1)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs[0].rank >= 2 else { throw ShapeIssue("batch_norm expects N×C…, found \(inputs[0])") }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let c = inputs[0].channels
    return LayerCost(
      params: affine ? try Checked.mul(2, c) : 0, buffers: try Checked.mul(2, c),
      flops: try Checked.mul(2, try inputs[0].elementCount(), "FLOPs"))
  }
}
