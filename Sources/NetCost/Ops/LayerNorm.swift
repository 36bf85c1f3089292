// netcost — Apache-2.0

/// Layer normalization: statistics over the axes from `axis` to the last,
/// per sample and position (transformers normalize each token's features).
///
/// Fields: `axis` (−1: the last axis only; batch = 0), `affine` (true: a
/// learned scale per normalized element), `bias` (true: and a learned
/// shift). Params: D, or 2·D with bias, where D is the number of elements
/// normalized together; no buffers.
public struct LayerNorm: Operator {
  public static let kinds = ["layer_norm", "layernorm"]
  public static let arity = 1...1
  public static let flopRule = "5 per element (mean: add; centre: sub; square: mul; variance: add; normalize: mul), +1 with a scale, +1 with a shift"

  /// First normalized axis.
  public var axis: Int
  /// Whether a per-element scale is learned.
  public var affine: Bool
  /// Whether a per-element shift is learned (with the scale).
  public var bias: Bool

  public init(kind: String, attributes a: Attributes) throws {
    axis = try a.int("axis", default: -1, minimum: Int.min)
    affine = try a.bool("affine", default: true)
    bias = try a.bool("bias", default: true)
    _ = try a.double("eps", default: 1e-5)
  }

  /// Normalizes over `axis`… with a learned scale (`affine`) and shift (`bias`).
  public init(axis: Int, affine: Bool = true, bias: Bool = true) {
    self.axis = axis
    self.affine = affine
    self.bias = bias
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    _ = try Axis.normalize(axis, rank: inputs[0].rank)
    return inputs
  }

  /// The normalized axes always include the last one, which on an input
  /// with spatial axes is spatial: every position sees the whole axis.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0].axes != nil ? .global : inputs[0]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let a = (try? Axis.normalize(axis, rank: x.rank)) ?? x.rank - 1
    let d = try Checked.product(x.dims[a...], "normalized elements")
    let perElement = 5 + (affine ? 1 : 0) + (affine && bias ? 1 : 0)
    return LayerCost(
      params: affine ? try Checked.mul(d, bias ? 2 : 1, "parameters") : 0,
      flops: try Checked.mul(perElement, try x.elementCount(), "FLOPs"))
  }
}
