// netcost — Apache-2.0

extension TransformerGraphBuilder {
  /// The families whose decoder layer is Llama's (pre-norm RMSNorm,
  /// q/k/v/o projections, gated MLP or a mixture of experts): llama,
  /// mistral, mixtral, qwen2, qwen2_moe, qwen3, qwen3_moe, gemma, gemma2, phi3.
  mutating func llamaLike() throws(NetCostError) {
    let c = config
    let type = info.modelType
    let hidden = try c.int(["hidden_size"])
    let layers = try c.int(["num_hidden_layers"])
    let heads = try c.int(["num_attention_heads"])
    let kvHeads = try c.int(["num_key_value_heads"], default: heads)
    guard heads % kvHeads == 0 else {
      throw c.error(
        "num_key_value_heads", "expected a divisor of num_attention_heads (\(heads)), found \(kvHeads)")
    }
    let headDim = try c.optionalInt(["head_dim"]) ?? (hidden / heads)
    let vocab = try c.int(["vocab_size"])
    let intermediate = try c.int(["intermediate_size"])
    let isGemma = type.hasPrefix("gemma")
    let act = try activationNamed(
      isGemma ? ["hidden_activation", "hidden_act"] : ["hidden_act"], default: isGemma ? "gelu_pytorch_tanh" : "silu")
    let qwen2 = type == "qwen2" || type == "qwen2_moe"
    let qkvBias = try c.bool(["attention_bias"], default: qwen2)
    let oBias = qwen2 ? false : qkvBias
    let mlpBias = try c.bool(["mlp_bias"], default: false)
    let tied = try c.bool(["tie_word_embeddings"], default: isGemma)
    let phi3 = type == "phi3"
    let moe = try moeLayout()
    try setInfo(layers: layers, hidden: hidden, vocab: vocab)

    let ids = tokenInput("input_ids", length: options.stage == .decode ? 1 : info.seq)
    var x = embedding("model.embed_tokens", ids, vocab: vocab, dim: hidden)
    if isGemma { x = scale("model.embed_tokens.normalizer", x) }
    for i in 0..<layers {
      let p = "model.layers.\(i)"
      let h = norm("\(p).input_layernorm", x, rms: true)
      var a = try selfAttention(
        "\(p).self_attn", h, hidden: hidden, heads: heads, kvHeads: kvHeads, headDim: headDim, qkvBias: qkvBias,
        oBias: oBias, fusedName: phi3 ? "qkv_proj" : nil, qkNorm: type.hasPrefix("qwen3"))
      if type == "gemma2" { a = norm("\(p).post_attention_layernorm", a, rms: true) }
      x = binary("\(p).residual_attn", .add, x, a)
      let m = norm(type == "gemma2" ? "\(p).pre_feedforward_layernorm" : "\(p).post_attention_layernorm", x, rms: true)
      var f: TensorRef
      if let moe, moe.isSparse(i) {
        f = try moeBlock("\(p).mlp", m, hidden: hidden, moe: moe, act: act)
      } else {
        f = gatedMLP(
          "\(p).mlp", m, hidden: hidden, intermediate: intermediate, act: act, bias: mlpBias,
          fusedName: phi3 ? "gate_up_proj" : nil)
      }
      if type == "gemma2" { f = norm("\(p).post_feedforward_layernorm", f, rms: true) }
      x = binary("\(p).residual_mlp", .add, x, f)
    }
    x = norm("model.norm", x, rms: true)
    _ = lmHead("lm_head", x, vocab: vocab, tiedTo: tied ? "model.embed_tokens" : nil)
  }

  /// Records the widths and the lengths for the stage.
  mutating func setInfo(layers: Int, hidden: Int, vocab: Int, kind: HFModelInfo.Kind = .decoder)
    throws(NetCostError)
  {
    // A bound that keeps a mistyped count from building millions of layers.
    guard layers <= 10_000 else {
      throw config.error(nil, "\(layers) layers: at most 10,000 are supported (is the layer count mistyped?)")
    }
    info.layers = layers
    info.hidden = hidden
    info.vocab = vocab
    info.kind = kind
    info.seq = options.promptLength(encoder: kind == .encoder)
    info.context = options.context ?? (kind == .encoderDecoder ? options.decoderSeq ?? info.seq : info.seq)
  }

  /// GPT-2: learned positions, fused c_attn, GELU MLP, LayerNorm with bias,
  /// tied lm_head.
  mutating func gpt2() throws(NetCostError) {
    let c = config
    let hidden = try c.int(["n_embd", "hidden_size"])
    let layers = try c.int(["n_layer", "num_hidden_layers"])
    let heads = try c.int(["n_head", "num_attention_heads"])
    let vocab = try c.int(["vocab_size"])
    let positions = try c.int(["n_positions", "max_position_embeddings"])
    let inner = try c.optionalInt(["n_inner"]) ?? 4 * hidden
    let act = try activationNamed(["activation_function"], default: "gelu_new")
    try setInfo(layers: layers, hidden: hidden, vocab: vocab)
    info.maxPositions = positions
    let length = options.stage == .decode ? 1 : info.seq
    try checkPositions(
      context + length, limit: positions,
      key: c.object["n_positions"] != nil ? "n_positions" : "max_position_embeddings")
    let ids = tokenInput("input_ids", length: length)
    let tok = embedding("transformer.wte", ids, vocab: vocab, dim: hidden)
    let pos = embedding("transformer.wpe", ids, vocab: positions, dim: hidden)
    var x = binary("transformer.embeddings", .add, tok, pos)
    let headDim = hidden / heads
    for i in 0..<layers {
      let p = "transformer.h.\(i)"
      let h = norm("\(p).ln_1", x, rms: false)
      let qkv = linear("\(p).attn.c_attn", h, out: 3 * hidden, bias: true)
      let parts = split("\(p).attn.c_attn.split", qkv, sizes: [hidden, hidden, hidden])
      let k = cache("\(p).attn.key_cache", parts[1])
      let v = cache("\(p).attn.value_cache", parts[2])
      let o = attention("\(p).attn.attention", parts[0], [k, v], heads: heads, qkDim: headDim, vDim: headDim)
      let a = linear("\(p).attn.c_proj", o, out: hidden, bias: true)
      x = binary("\(p).residual_attn", .add, x, a)
      let m = norm("\(p).ln_2", x, rms: false)
      let f = plainMLP(
        "\(p).mlp", m, hidden: hidden, intermediate: inner, act: act, bias: true, names: ("c_fc", "act", "c_proj"))
      x = binary("\(p).residual_mlp", .add, x, f)
    }
    x = norm("transformer.ln_f", x, rms: false)
    _ = lmHead(
      "lm_head", x, vocab: vocab, tiedTo: try c.bool(["tie_word_embeddings"], default: true) ? "transformer.wte" : nil)
  }

  /// GPT-NeoX (Pythia): fused query_key_value with bias, partial rotary,
  /// parallel or sequential residual, untied lm_head.
  mutating func gptNeoX() throws(NetCostError) {
    let c = config
    let hidden = try c.int(["hidden_size"])
    let layers = try c.int(["num_hidden_layers"])
    let heads = try c.int(["num_attention_heads"])
    let vocab = try c.int(["vocab_size"])
    let inner = try c.int(["intermediate_size"], default: 4 * hidden)
    let act = try activationNamed(["hidden_act"], default: "gelu")
    let parallel = try c.bool(["use_parallel_residual"], default: true)
    let bias = try c.bool(["attention_bias"], default: true)
    try setInfo(layers: layers, hidden: hidden, vocab: vocab)
    let ids = tokenInput("input_ids", length: options.stage == .decode ? 1 : info.seq)
    var x = embedding("gpt_neox.embed_in", ids, vocab: vocab, dim: hidden)
    let headDim = hidden / heads
    for i in 0..<layers {
      let p = "gpt_neox.layers.\(i)"
      let h = norm("\(p).input_layernorm", x, rms: false)
      let qkv = linear("\(p).attention.query_key_value", h, out: 3 * hidden, bias: bias)
      let parts = split("\(p).attention.query_key_value.split", qkv, sizes: [hidden, hidden, hidden])
      let k = cache("\(p).attention.key_cache", parts[1])
      let v = cache("\(p).attention.value_cache", parts[2])
      let o = attention("\(p).attention.attention", parts[0], [k, v], heads: heads, qkDim: headDim, vDim: headDim)
      let a = linear("\(p).attention.dense", o, out: hidden, bias: bias)
      if parallel {
        let m = norm("\(p).post_attention_layernorm", x, rms: false)
        let f = plainMLP(
          "\(p).mlp", m, hidden: hidden, intermediate: inner, act: act, bias: true,
          names: ("dense_h_to_4h", "act", "dense_4h_to_h"))
        let both = binary("\(p).attn+mlp", .add, a, f)
        x = binary("\(p).residual", .add, x, both)
      } else {
        x = binary("\(p).residual_attn", .add, x, a)
        let m = norm("\(p).post_attention_layernorm", x, rms: false)
        let f = plainMLP(
          "\(p).mlp", m, hidden: hidden, intermediate: inner, act: act, bias: true,
          names: ("dense_h_to_4h", "act", "dense_4h_to_h"))
        x = binary("\(p).residual_mlp", .add, x, f)
      }
    }
    x = norm("gpt_neox.final_layer_norm", x, rms: false)
    _ = lmHead(
      "lm_head", x, vocab: vocab,
      tiedTo: try c.bool(["tie_word_embeddings"], default: false) ? "gpt_neox.embed_in" : nil)
  }

  /// OPT: learned positions (offset 2), optional project_in/out, pre- or
  /// post-norm, ReLU MLP, tied lm_head.
  mutating func opt() throws(NetCostError) {
    let c = config
    let hidden = try c.int(["hidden_size"])
    let layers = try c.int(["num_hidden_layers"])
    let heads = try c.int(["num_attention_heads"])
    let vocab = try c.int(["vocab_size"])
    let ffn = try c.int(["ffn_dim"])
    let positions = try c.int(["max_position_embeddings"])
    let proj = try c.int(["word_embed_proj_dim"], default: hidden)
    let preNorm = try c.bool(["do_layer_norm_before"], default: true)
    let removeFinal = try c.bool(["_remove_final_layer_norm"], default: false)
    let finalNorm = preNorm && !removeFinal
    let bias = try c.bool(["enable_bias"], default: true)
    let act = try activationNamed(["activation_function"], default: "relu")
    try setInfo(layers: layers, hidden: hidden, vocab: vocab)
    info.maxPositions = positions
    let length = options.stage == .decode ? 1 : info.seq
    try checkPositions(context + length, limit: positions, key: "max_position_embeddings")
    let ids = tokenInput("input_ids", length: length)
    var tok = embedding("model.decoder.embed_tokens", ids, vocab: vocab, dim: proj)
    if proj != hidden { tok = linear("model.decoder.project_in", tok, out: hidden, bias: false) }
    let pos = embedding("model.decoder.embed_positions", ids, vocab: positions + 2, dim: hidden)
    var x = binary("model.decoder.embeddings", .add, tok, pos)
    let headDim = hidden / heads
    for i in 0..<layers {
      let p = "model.decoder.layers.\(i)"
      let h = preNorm ? norm("\(p).self_attn_layer_norm", x, rms: false) : x
      let a = try selfAttention(
        "\(p).self_attn", h, hidden: hidden, heads: heads, kvHeads: heads, headDim: headDim, qkvBias: bias,
        oBias: bias, names: ("q_proj", "k_proj", "v_proj", "out_proj"))
      x = binary("\(p).residual_attn", .add, x, a)
      if !preNorm { x = norm("\(p).self_attn_layer_norm", x, rms: false) }
      let m = preNorm ? norm("\(p).final_layer_norm", x, rms: false) : x
      let f = plainMLP(
        "\(p)", m, hidden: hidden, intermediate: ffn, act: act, bias: bias, names: ("fc1", "activation_fn", "fc2"))
      x = binary("\(p).residual_mlp", .add, x, f)
      if !preNorm { x = norm("\(p).final_layer_norm", x, rms: false) }
    }
    if finalNorm { x = norm("model.decoder.final_layer_norm", x, rms: false) }
    if proj != hidden { x = linear("model.decoder.project_out", x, out: proj, bias: false) }
    _ = lmHead(
      "lm_head", x, vocab: vocab,
      tiedTo: try c.bool(["tie_word_embeddings"], default: true) ? "model.decoder.embed_tokens" : nil)
  }

  /// Falcon: fused query_key_value (multi-query or grouped), parallel
  /// attention and MLP, LayerNorm, tied lm_head.
  mutating func falcon() throws(NetCostError) {
    let c = config
    let hidden = try c.int(["hidden_size"])
    let layers = try c.int(["num_hidden_layers", "n_layer"])
    let heads = try c.int(["num_attention_heads", "n_head"])
    let vocab = try c.int(["vocab_size"])
    let newArch = try c.bool(["new_decoder_architecture"], default: false)
    let multiQuery = try c.bool(["multi_query"], default: true)
    let kvHeads = newArch ? try c.int(["num_kv_heads", "n_head_kv"], default: heads) : (multiQuery ? 1 : heads)
    let parallel = try c.bool(["parallel_attn"], default: true)
    let bias = try c.bool(["bias"], default: false)
    let ffn = try c.optionalInt(["ffn_hidden_size"]) ?? 4 * hidden
    let lnCount = newArch ? try c.int(["num_ln_in_parallel_attn"], default: 2) : 1
    let act = try activationNamed(["activation"], default: "gelu")
    try setInfo(layers: layers, hidden: hidden, vocab: vocab)
    let ids = tokenInput("input_ids", length: options.stage == .decode ? 1 : info.seq)
    var x = embedding("transformer.word_embeddings", ids, vocab: vocab, dim: hidden)
    let headDim = try c.optionalInt(["head_dim"]) ?? hidden / heads
    for i in 0..<layers {
      let p = "transformer.h.\(i)"
      let (hAttn, hMLP): (TensorRef, TensorRef?)
      if newArch && lnCount == 2 {
        hAttn = norm("\(p).ln_attn", x, rms: false)
        hMLP = norm("\(p).ln_mlp", x, rms: false)
      } else {
        hAttn = norm("\(p).input_layernorm", x, rms: false)
        hMLP = parallel ? hAttn : nil
      }
      let (q, kv, fused) = try attentionWidths(heads: heads, kvHeads: kvHeads, headDim: headDim)
      let qkv = linear("\(p).self_attention.query_key_value", hAttn, out: fused, bias: bias)
      let parts = split("\(p).self_attention.query_key_value.split", qkv, sizes: [q, kv, kv])
      let k = cache("\(p).self_attention.key_cache", parts[1])
      let v = cache("\(p).self_attention.value_cache", parts[2])
      let o = attention("\(p).self_attention.attention", parts[0], [k, v], heads: heads, qkDim: headDim, vDim: headDim)
      let a = linear("\(p).self_attention.dense", o, out: hidden, bias: bias)
      let names = ("dense_h_to_4h", "act", "dense_4h_to_h")
      if let hMLP {
        let f = plainMLP("\(p).mlp", hMLP, hidden: hidden, intermediate: ffn, act: act, bias: bias, names: names)
        let both = binary("\(p).attn+mlp", .add, a, f)
        x = binary("\(p).residual", .add, x, both)
      } else {
        x = binary("\(p).residual_attn", .add, x, a)
        let m = norm("\(p).post_attention_layernorm", x, rms: false)
        let f = plainMLP("\(p).mlp", m, hidden: hidden, intermediate: ffn, act: act, bias: bias, names: names)
        x = binary("\(p).residual_mlp", .add, x, f)
      }
    }
    x = norm("transformer.ln_f", x, rms: false)
    _ = lmHead(
      "lm_head", x, vocab: vocab,
      tiedTo: try c.bool(["tie_word_embeddings"], default: true) ? "transformer.word_embeddings" : nil)
  }
}
