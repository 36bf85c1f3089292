// netcost — Apache-2.0

/// The two products of scaled dot-product attention and the softmax
/// between them, on tensors whose heads are still merged in the feature
/// axis: queries N×Lq×(H·dqk) and keys/values of T positions (input 1's
/// second axis: T = Lq in a prefill, the cached context plus the new tokens
/// in a decode step) → N×Lq×(H·dv).
///
/// Each of the H query heads is scored against every key (grouped-query
/// and multi-query attention share a key/value head among H/Hkv query
/// heads, which changes the projections and the cache, not these
/// products). Counted in full — every query against every key, masked or
/// not, as torch's FlopCounterMode counts eager and SDPA attention — unless
/// `causal`, which counts only the unmasked pairs: query i of Lq (the
/// last Lq of T positions) sees T − Lq + i + 1 keys.
///
/// Inputs: queries, then the keys (and, optionally, values and any further
/// key parts such as a shared rotary key); only their sequence length is
/// read. Fields: `heads`, `qk_dim`, `v_dim`, `causal`.
public struct AttentionProducts: Operator {
  public static let arity = 2...4
  public static let flopRule =
    "per query–key pair 2·dqk (dot product and scale) + 3 (softmax) + 2·dv (weighted sum), less (1 + dv) per query row; MACs = pairs·(dqk + dv)"

  /// Query heads.
  public var heads: Int
  /// Width of a query (and key) head.
  public var qkDim: Int
  /// Width of a value head.
  public var vDim: Int
  /// Count only the pairs a causal mask keeps.
  public var causal: Bool

  /// Attention products for `heads` query heads of width `qkDim` and value
  /// heads of width `vDim`, counting only causal pairs when `causal`.
  public init(heads: Int, qkDim: Int, vDim: Int, causal: Bool) {
    self.heads = heads
    self.qkDim = qkDim
    self.vDim = vDim
    self.causal = causal
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let q = inputs[0]
    guard q.rank == 3 else { throw ShapeIssue("attention expects queries N×L×(heads·dqk), found \(q)") }
    let want = heads.multipliedReportingOverflow(by: qkDim)
    guard !want.overflow, q.dims[2] == want.partialValue else {
      throw ShapeIssue("queries \(q) should have \(heads) heads × \(qkDim) = \(want.partialValue) features")
    }
    for (i, k) in inputs.enumerated().dropFirst() {
      guard k.rank == 3, k.dims[0] == q.dims[0], k.dims[1] == inputs[1].dims[1] else {
        throw ShapeIssue("attention input \(i + 1) should be N×T×features with N = \(q.dims[0]), found \(k)")
      }
    }
    guard !causal || inputs[1].dims[1] >= q.dims[1] else {
      throw ShapeIssue("causal attention needs at least as many keys (\(inputs[1].dims[1])) as queries (\(q.dims[1]))")
    }
    let (out, overflow) = heads.multipliedReportingOverflow(by: vDim)
    guard !overflow else { throw ShapeIssue("\(heads) heads of \(vDim) features overflow a 64-bit size") }
    return [Shape([q.dims[0], q.dims[1], out])!]
  }

  /// Query–key pairs scored, over the batch and every head.
  public func pairs(_ inputs: [Shape]) throws(ArithmeticOverflow) -> Int {
    let (n, lq, t) = (inputs[0].dims[0], inputs[0].dims[1], inputs[1].dims[1])
    var perHead = try Checked.mul(lq, t, "attention pairs")
    if causal {
      // Lq·(T − Lq) keys before the block, then 1 + 2 + … + Lq inside it.
      let inside = lq % 2 == 0 ? try Checked.mul(lq / 2, lq + 1) : try Checked.mul(lq, (lq + 1) / 2)
      perHead = try Checked.add(try Checked.mul(lq, t - lq), inside, "attention pairs")
    }
    return try Checked.mul(try Checked.mul(n, heads), perHead, "attention pairs")
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let p = try pairs(inputs)
    let rows = try Checked.product([inputs[0].dims[0], heads, inputs[0].dims[1]], "attention rows")
    let macs = try Checked.mul(p, try Checked.add(qkDim, vDim), "MACs")
    let perPair = try Checked.add(try Checked.mul(2, try Checked.add(qkDim, vDim)), 3, "FLOPs")
    let flops = try Checked.mul(p, perPair, "FLOPs") - (try Checked.mul(rows, vDim + 1, "FLOPs"))
    return LayerCost(macs: macs, flops: flops)
  }
}

// MARK: - Native spec

extension AttentionProducts: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["attention_products", "sdpa"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    heads = try a.int("heads")
    qkDim = try a.int("qk_dim")
    vDim = try a.int("v_dim", default: qkDim)
    causal = try a.bool("causal", default: false)
  }
}
