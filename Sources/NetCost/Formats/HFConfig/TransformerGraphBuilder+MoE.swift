// netcost — Apache-2.0

extension TransformerGraphBuilder {
  /// The MoE layout of the config's family, nil for a dense model.
  func moeLayout() throws(NetCostError) -> MoELayout? {
    let c = config
    switch info.modelType {
    case "mixtral":
      let e = try c.int(["num_local_experts", "num_experts"])
      return MoELayout(
        experts: e, topK: try topK(experts: e, default: 2), intermediate: try c.int(["intermediate_size"]))
    case "qwen2_moe", "qwen3_moe":
      let e = try c.int(["num_experts", "num_local_experts"], default: 0, minimum: 0)
      guard e > 0 else { return nil }
      var m = MoELayout(
        experts: e, topK: try topK(experts: e, default: 8), intermediate: try c.int(["moe_intermediate_size"]))
      m.step = try c.int(["decoder_sparse_step"], default: 1)
      m.denseLayers = try c.intList("mlp_only_layers")
      if info.modelType == "qwen2_moe", let s = try c.optionalInt(["shared_expert_intermediate_size"], minimum: 0),
        s > 0
      {
        m.sharedIntermediate = s
        m.sharedName = "shared_expert"
        m.sharedGate = true
      }
      return m
    case "deepseek_v2", "deepseek_v3":
      guard let e = try c.optionalInt(["n_routed_experts"]) else { return nil }
      var m = MoELayout(
        experts: e, topK: try topK(experts: e, default: 8), intermediate: try c.int(["moe_intermediate_size"]))
      let shared = try c.int(["n_shared_experts"], default: 0, minimum: 0)
      if shared > 0 { m.sharedIntermediate = try Self.mul(m.intermediate, shared, c) }
      m.firstSparse = try c.int(["first_k_dense_replace"], default: 0, minimum: 0)
      m.step = try c.int(["moe_layer_freq"], default: 1)
      m.stepFromOne = false
      m.correctionBias = info.modelType == "deepseek_v3"
      return m
    default:
      return nil
    }
  }

  private func topK(experts: Int, default d: Int) throws(NetCostError) -> Int {
    let k = try config.int(["num_experts_per_tok", "top_k"], default: min(d, experts))
    guard k <= experts else {
      throw config.error("num_experts_per_tok", "expected at most the \(experts) experts, found \(k)")
    }
    return k
  }

  static func mul(_ a: Int, _ b: Int, _ c: HFConfig) throws(NetCostError) -> Int {
    do { return try Checked.mul(a, b) } catch { throw c.error(nil, "a width does not fit in a 64-bit integer") }
  }

  /// A mixture-of-experts MLP: router, routed experts, and any shared expert.
  mutating func moeBlock(_ p: String, _ x: TensorRef, hidden: Int, moe: MoELayout, act: Activation) throws(NetCostError)
    -> TensorRef
  {
    let scores = add(
      "\(p).gate", "moe_router",
      MoERouter(experts: moe.experts, topK: moe.topK, correctionBias: moe.correctionBias), [x])
    var y = add(
      "\(p).experts", "moe_experts",
      MoEExperts(
        experts: moe.experts, topK: moe.topK, intermediate: moe.intermediate, gated: true, bias: false,
        activationFlops: act.flopsPerElement), [x, scores])
    if let s = moe.sharedIntermediate {
      var shared = gatedMLP("\(p).\(moe.sharedName)", x, hidden: hidden, intermediate: s, act: act)
      if moe.sharedGate {
        let g = linear("\(p).shared_expert_gate", x, out: 1, bias: false)
        let sg = activation("\(p).shared_expert_gate.sigmoid", g, HFOps.activation("sigmoid")!)
        shared = binary("\(p).shared_expert*gate", .mul, shared, sg)
      }
      y = binary("\(p).experts+shared", .add, y, shared)
    }
    return y
  }
}
