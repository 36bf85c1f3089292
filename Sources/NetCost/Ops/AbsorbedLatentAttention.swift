// netcost — Apache-2.0

/// Multi-head latent attention in its absorbed form (DeepSeek-V2/V3
/// inference kernels): the up-projection `kv_b_proj` (kv_lora_rank →
/// heads·(nope + v)) is never applied to the cache. Its key half is folded
/// into the queries (each head's nope part mapped to the latent), scores are
/// taken against the cached latent and rotary key directly, the weighted sum
/// is over the latent, and its value half maps each head's result to v.
///
/// Inputs: queries N×Lq×(H·(nope + rope)), the latent cache N×T×r and the
/// rotary-key cache N×T×rope → N×Lq×(H·v). Holds kv_b_proj's weights:
/// params r·H·(nope + v).
///
/// MACs: Lq·H·nope·r (absorb W_UK) + pairs·(r + rope) (scores) + pairs·r
/// (weighted sum) + Lq·H·r·v (W_UV), pairs = query–key pairs over heads
/// (all, or the causal ones). Fields: `heads`, `nope_dim`, `rope_dim`,
/// `v_dim`, `causal`.
public struct AbsorbedLatentAttention: Operator {
  public static let arity = 3...3
  public static let flopRule = "2 per MAC, + 3 per query–key pair (softmax)"

  /// Query heads.
  public var heads: Int
  /// Per-head query/key features without rotary embedding.
  public var nopeDim: Int
  /// Per-head rotary features (shared key).
  public var ropeDim: Int
  /// Per-head value features.
  public var vDim: Int
  /// Count only causal pairs.
  public var causal: Bool

  /// The absorbed form for these head widths.
  public init(heads: Int, nopeDim: Int, ropeDim: Int, vDim: Int, causal: Bool) {
    self.heads = heads
    self.nopeDim = nopeDim
    self.ropeDim = ropeDim
    self.vDim = vDim
    self.causal = causal
  }

  public var note: String? { "absorbed MLA: kv_b_proj folded into queries and outputs, not applied to the cache" }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let q = inputs[0]
    guard q.rank == 3, inputs[1].rank == 3, inputs[2].rank == 3, inputs[1].dims[1] == inputs[2].dims[1] else {
      throw ShapeIssue("latent attention expects N×L×features queries and N×T×features caches, found \(inputs)")
    }
    // Sizes are whatever the config says: products are checked.
    let (perHead, o1) = nopeDim.addingReportingOverflow(ropeDim)
    let (features, o2) = heads.multipliedReportingOverflow(by: perHead)
    let (out, o3) = heads.multipliedReportingOverflow(by: vDim)
    guard !o1, !o2, !o3 else {
      throw ShapeIssue("\(heads) heads of \(nopeDim) + \(ropeDim) features overflow a 64-bit size")
    }
    guard q.dims[2] == features, inputs[2].dims[2] == ropeDim else {
      throw ShapeIssue("queries should have \(heads)×\(perHead) features and the rotary cache \(ropeDim)")
    }
    return [Shape([q.dims[0], q.dims[1], out])!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let r = inputs[1].dims[2]
    let pairs = try AttentionProducts(heads: heads, qkDim: 1, vDim: 1, causal: causal).pairs(inputs)
    let rows = try Checked.product([inputs[0].dims[0], inputs[0].dims[1], heads], "attention rows")
    let macs = try Checked.sum(
      [
        try Checked.mul(rows, nopeDim * r), try Checked.mul(pairs, r + ropeDim), try Checked.mul(pairs, r),
        try Checked.mul(rows, r * vDim),
      ], "MACs")
    let params = try Checked.mul(r, try Checked.mul(heads, nopeDim + vDim), "parameters")
    return LayerCost(
      params: params, macs: macs, flops: try Checked.add(try Checked.mul(2, macs), try Checked.mul(3, pairs), "FLOPs"))
  }
}

// MARK: - Native spec

extension AbsorbedLatentAttention: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["latent_attention"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    heads = try a.int("heads")
    nopeDim = try a.int("nope_dim")
    ropeDim = try a.int("rope_dim")
    vDim = try a.int("v_dim")
    causal = try a.bool("causal", default: false)
  }
}
