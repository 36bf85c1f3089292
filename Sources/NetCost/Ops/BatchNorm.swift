// netcost — Apache-2.0

/// Batch normalization over the channel axis (axis 1), inference form.
///
/// Params: γ and β, 2·C when `affine` (true). Buffers: running mean and
/// variance, 2·C (PyTorch's `num_batches_tracked` scalar is not counted).
/// FLOPs assume the statistics are folded into one scale and one shift.
public struct BatchNorm: Operator {
  public static let arity = 1...1
  public static let flopRule = "2 per element (inference: statistics folded into one multiply and one add)"

  /// Whether γ and β are learned.
  public var affine: Bool
  /// Spatial rank promised by a `1d`/`2d`/`3d` suffix.
  public var spatialRank: Int?

  /// Creates a batch normalization with learned γ and β when `affine`, on
  /// inputs of `spatialRank` spatial axes when given.
  public init(affine: Bool = true, spatialRank: Int? = nil) {
    self.affine = affine
    self.spatialRank = spatialRank
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    try Self.checkNormRank(inputs[0], spatialRank, op: "batch_norm")
    return inputs
  }

  /// `…1d` takes N×C or N×C×L (as PyTorch), `…2d` N×C×H×W, `…3d` N×C×D×H×W; no suffix, any N×C….
  static func checkNormRank(_ x: Shape, _ rank: Int?, op: String) throws(ShapeIssue) {
    let ok: Bool
    switch rank {
    case 1?: ok = x.rank == 2 || x.rank == 3
    case let r?: ok = x.rank == r + 2
    case nil: ok = x.rank >= 2
    }
    guard ok else {
      let want = rank == 1 ? "N×C or N×C×L" : rank == 2 ? "N×C×H×W" : rank == 3 ? "N×C×D×H×W" : "N×C…"
      throw ShapeIssue("\(op)\(rank.map { "\($0)d" } ?? "") expects \(want), found \(x.rank)-D \(x)")
    }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let c = inputs[0].channels
    return LayerCost(
      params: affine ? try Checked.mul(2, c) : 0, buffers: try Checked.mul(2, c),
      flops: try Checked.mul(2, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension BatchNorm: SpecDecodable {
  /// The spec's names; a `1d`/`2d`/`3d` suffix fixes the spatial rank.
  public static let kinds = ["batch_norm", "batchnorm", "bn", "batch_norm1d", "batch_norm2d", "batch_norm3d"]

  /// Reads `affine`, and `eps` and `momentum` (checked, no effect on figures).
  public init(kind: String, attributes a: Attributes) throws {
    let affine = try a.bool("affine", default: true)
    _ = try a.double("eps", default: 1e-5)
    _ = try a.double("momentum", default: 0.1)
    self.init(affine: affine, spatialRank: Axis.rankSuffix(kind))
  }
}
