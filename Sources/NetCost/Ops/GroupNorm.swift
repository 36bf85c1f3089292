// netcost — Apache-2.0

/// Group normalization and instance normalization (groups = channels):
/// statistics computed per sample at inference time too.
///
/// Fields: `groups` (group_norm only), `affine` (true for group_norm, false
/// for instance_norm, as in PyTorch). Params: 2·C when affine; no buffers.
public struct GroupNorm: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "5 per element (mean: add; centre: sub; square: mul; variance: add; normalize: mul), +2 when affine (scale, shift)"

  /// Groups; nil for instance norm (one group per channel).
  public var groups: Int?
  /// Whether a per-channel scale and shift are learned.
  public var affine: Bool
  /// Spatial rank promised by a `1d`/`2d`/`3d` suffix.
  public var spatialRank: Int?

  /// Creates a group normalization over `groups` groups (nil: instance
  /// normalization, one group per channel), with a learned per-channel
  /// scale and shift when `affine`, on inputs of `spatialRank` spatial axes
  /// when given.
  public init(groups: Int?, affine: Bool = true, spatialRank: Int? = nil) {
    self.groups = groups
    self.affine = affine
    self.spatialRank = spatialRank
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try BatchNorm.checkNormRank(x, spatialRank, op: groups == nil ? "instance_norm" : "group_norm")
    if let groups, groups < 1 || x.channels % groups != 0 {
      throw ShapeIssue("channels \(x.channels) are not divisible by groups \(groups)")
    }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let c = inputs[0].channels
    return LayerCost(
      params: affine ? try Checked.mul(2, c) : 0,
      flops: try Checked.mul(affine ? 7 : 5, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension GroupNorm: SpecDecodable {
  /// The spec's names; `instance…` kinds have one group per channel.
  public static let kinds = [
    "group_norm", "groupnorm", "instance_norm", "instancenorm", "instance_norm1d", "instance_norm2d", "instance_norm3d",
  ]

  /// Reads `groups` (group_norm only), `affine` and `eps`.
  public init(kind: String, attributes a: Attributes) throws {
    let instance = kind.hasPrefix("instance")
    let groups = instance ? nil : try a.int("groups")
    let affine = try a.bool("affine", default: !instance)
    _ = try a.double("eps", default: 1e-5)
    self.init(groups: groups, affine: affine, spatialRank: Axis.rankSuffix(kind))
  }
}
