// netcost — Apache-2.0

extension TransformerGraphBuilder {
  /// DeepSeek-V2/V3: multi-head latent attention (queries through an
  /// optional low-rank q_a/q_b pair; keys and values compressed into a
  /// `kv_lora_rank` latent plus one shared rotary key of
  /// `qk_rope_head_dim`, which is what the cache holds), then dense MLPs for
  /// the first `first_k_dense_replace` layers and MoE with shared experts after.
  ///
  /// As transformers runs it, each step re-expands the whole cached latent
  /// through `kv_b_proj` (so a decode step's kv_b_proj covers context + 1
  /// positions); `LLMOptions.absorbedMLA` counts the absorbed form instead.
  mutating func deepseek() throws(NetCostError) {
    let c = config
    let hidden = try c.int(["hidden_size"])
    let layers = try c.int(["num_hidden_layers"])
    let heads = try c.int(["num_attention_heads"])
    let vocab = try c.int(["vocab_size"])
    let intermediate = try c.int(["intermediate_size"])
    let qLora = try c.optionalInt(["q_lora_rank"])
    let kvLora = try c.int(["kv_lora_rank"])
    let nope = try c.int(["qk_nope_head_dim"])
    let rope = try c.int(["qk_rope_head_dim"])
    let vDim = try c.int(["v_head_dim"])
    let bias = try c.bool(["attention_bias"], default: false)
    let act = try activationNamed(["hidden_act"], default: "silu")
    let tied = try c.bool(["tie_word_embeddings"], default: false)
    let moe = try moeLayout()
    try setInfo(layers: layers, hidden: hidden, vocab: vocab)
    info.attention =
      "multi-head latent attention: the cache holds the latent (\(kvLora)) and the rotary key (\(rope)) per layer and token"

    let ids = tokenInput("input_ids", length: options.stage == .decode ? 1 : info.seq)
    var x = embedding("model.embed_tokens", ids, vocab: vocab, dim: hidden)
    let qkDim = nope + rope
    for i in 0..<layers {
      let p = "model.layers.\(i)"
      let a = "\(p).self_attn"
      let h = norm("\(p).input_layernorm", x, rms: true)
      let q: TensorRef
      if let qLora {
        let qa = linear("\(a).q_a_proj", h, out: qLora, bias: bias)
        let qn = norm("\(a).q_a_layernorm", qa, rms: true)
        q = linear("\(a).q_b_proj", qn, out: heads * qkDim, bias: false)
      } else {
        q = linear("\(a).q_proj", h, out: heads * qkDim, bias: false)
      }
      let ckv = linear("\(a).kv_a_proj_with_mqa", h, out: kvLora + rope, bias: bias)
      let parts = split("\(a).kv_a_proj_with_mqa.split", ckv, sizes: [kvLora, rope])
      let latent = norm("\(a).kv_a_layernorm", parts[0], rms: true)
      let latentCache = cache("\(a).latent_cache", latent)
      let ropeCache = cache("\(a).rope_key_cache", parts[1])
      let o: TensorRef
      if options.absorbedMLA {
        o = add(
          "\(a).kv_b_proj", "latent_attention",
          AbsorbedLatentAttention(heads: heads, nopeDim: nope, ropeDim: rope, vDim: vDim, causal: options.causal),
          [q, latentCache, ropeCache])
      } else {
        let kv = linear("\(a).kv_b_proj", latentCache, out: heads * (nope + vDim), bias: false)
        o = attention("\(a).attention", q, [kv, ropeCache], heads: heads, qkDim: qkDim, vDim: vDim)
      }
      let out = linear("\(a).o_proj", o, out: hidden, bias: bias)
      x = binary("\(p).residual_attn", .add, x, out)
      let m = norm("\(p).post_attention_layernorm", x, rms: true)
      let f: TensorRef
      if let moe, moe.isSparse(i) {
        f = try moeBlock("\(p).mlp", m, hidden: hidden, moe: moe, act: act)
      } else {
        f = gatedMLP("\(p).mlp", m, hidden: hidden, intermediate: intermediate, act: act)
      }
      x = binary("\(p).residual_mlp", .add, x, f)
    }
    x = norm("model.norm", x, rms: true)
    _ = lmHead("lm_head", x, vocab: vocab, tiedTo: tied ? "model.embed_tokens" : nil)
  }
}
