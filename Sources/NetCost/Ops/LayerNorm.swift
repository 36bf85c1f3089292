// netcost — Apache-2.0

/// Layer normalization and RMS normalization over the last axis (the
/// features of a token), statistics computed per token at inference.
///
/// Params: layer_norm 2·D (γ, β) when `affine` (true), `bias: false` drops
/// β; rms_norm D (a scale only).
public struct LayerNorm: Operator {
  public static let kinds = ["layer_norm", "layernorm", "rms_norm", "rmsnorm"]
  public static let arity = 1...1
  public static let flopRule = "layer_norm: 5 per element (mean, centre, square, variance, normalize) + 2 with affine (scale, shift; 1 without bias); rms_norm: 3 per element (square, accumulate, normalize) + 1 scale"

  /// RMS norm (no centring, no shift).
  public var isRMS: Bool
  /// Whether γ is learned.
  public var affine: Bool
  /// Whether β is learned (layer_norm only).
  public var bias: Bool

  public init(kind: String, attributes a: Attributes) throws {
    isRMS = kind.hasPrefix("rms")
    affine = try a.bool("affine", default: true)
    bias = isRMS ? false : try a.bool("bias", default: true)
    _ = try a.double("eps", default: 1e-5)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs[0].rank >= 2 else { throw ShapeIssue("\(isRMS ? "rms_norm" : "layer_norm") expects N×…×D, found \(inputs[0])") }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let d = inputs[0].dims.last!
    let params = affine ? (bias ? 2 * d : d) : 0
    let perElement = (isRMS ? 3 : 5) + (affine ? (bias ? 2 : 1) : 0)
    return LayerCost(params: params, flops: try Checked.mul(perElement, try inputs[0].elementCount(), "FLOPs"))
  }
}
