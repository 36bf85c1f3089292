// netcost — Apache-2.0

extension TransformerGraphBuilder {
  /// BERT and RoBERTa: word, position and token-type embeddings, post-norm
  /// encoder layers, and the head `architectures` names (the base model's
  /// pooler, or the masked-LM transform and tied decoder with its bias).
  mutating func bertLike() throws(NetCostError) {
    let c = config
    let roberta = info.modelType != "bert"
    let hidden = try c.int(["hidden_size"])
    let layers = try c.int(["num_hidden_layers"])
    let heads = try c.int(["num_attention_heads"])
    let vocab = try c.int(["vocab_size"])
    let inner = try c.int(["intermediate_size"])
    let positions = try c.int(["max_position_embeddings"])
    let typeVocab = try c.int(["type_vocab_size"], default: 2, minimum: 0)
    let act = try activationNamed(["hidden_act"], default: "gelu")
    let arch = info.architecture
    let family = roberta ? "roberta" : "bert"
    let base = arch.hasSuffix("Model") && !arch.hasSuffix("ForMaskedLM")
    let masked = arch.hasSuffix("ForMaskedLM")
    guard base || masked else {
      throw c.error(
        "architectures",
        "unsupported head \"\(arch.clipped)\" for model_type '\(info.modelType)' (supported: \(roberta ? "RobertaModel, RobertaForMaskedLM" : "BertModel, BertForMaskedLM"))"
      )
    }
    guard options.stage == .prefill else {
      throw c.error("model_type", "'\(info.modelType)' is an encoder: it has no decode stage (use --stage prefill)")
    }
    try setInfo(layers: layers, hidden: hidden, vocab: vocab, kind: .encoder)
    // RoBERTa's positions start after the padding index (pad_token_id + 1).
    let offset = roberta ? try c.int(["pad_token_id"], default: 1, minimum: 0) + 1 : 0
    info.maxPositions = positions - offset
    try checkPositions(info.seq, limit: positions - offset, key: "max_position_embeddings")
    info.attention = "bidirectional (encoder): every query against every key"
    let pre = base ? "" : "\(family)."
    let ids = tokenInput("input_ids", length: info.seq)
    let w = embedding("\(pre)embeddings.word_embeddings", ids, vocab: vocab, dim: hidden)
    let p = embedding("\(pre)embeddings.position_embeddings", ids, vocab: positions, dim: hidden)
    var sum = [w, p]
    if typeVocab > 0 {
      sum.append(embedding("\(pre)embeddings.token_type_embeddings", ids, vocab: typeVocab, dim: hidden))
    }
    var x = add("\(pre)embeddings.sum", "add", Elementwise(operation: .add), sum)
    x = norm("\(pre)embeddings.LayerNorm", x, rms: false)
    let headDim = hidden / heads
    for i in 0..<layers {
      let l = "\(pre)encoder.layer.\(i)"
      let q = linear("\(l).attention.self.query", x, out: hidden, bias: true)
      let k = linear("\(l).attention.self.key", x, out: hidden, bias: true)
      let v = linear("\(l).attention.self.value", x, out: hidden, bias: true)
      let o = attention(
        "\(l).attention.self.attention", q, [k, v], heads: heads, qkDim: headDim, vDim: headDim, causal: false)
      let d = linear("\(l).attention.output.dense", o, out: hidden, bias: true)
      x = norm("\(l).attention.output.LayerNorm", binary("\(l).attention.output.residual", .add, d, x), rms: false)
      let m = linear("\(l).intermediate.dense", x, out: inner, bias: true)
      let a = activation("\(l).intermediate.intermediate_act_fn", m, act)
      let od = linear("\(l).output.dense", a, out: hidden, bias: true)
      x = norm("\(l).output.LayerNorm", binary("\(l).output.residual", .add, od, x), rms: false)
    }
    if base {
      if try c.bool(["add_pooling_layer"], default: true) {
        let first = add("pooler.first_token", "slice", HFOps.firstPosition(), [x])
        let d = linear("pooler.dense", first, out: hidden, bias: true)
        _ = activation("pooler.activation", d, HFOps.activation("tanh")!)
      }
    } else {
      let h = roberta ? "lm_head" : "cls.predictions.transform"
      let d = linear("\(h).dense", x, out: hidden, bias: true)
      let a = activation(roberta ? "lm_head.gelu" : "\(h).transform_act_fn", d, act)
      let n = norm(roberta ? "lm_head.layer_norm" : "\(h).LayerNorm", a, rms: false)
      _ = linear(
        roberta ? "lm_head.decoder" : "cls.predictions.decoder", n, out: vocab, bias: true,
        tiedTo: "\(pre)embeddings.word_embeddings")
    }
  }

  /// T5: a shared embedding, RMS-normed pre-norm encoder and decoder
  /// blocks without biases, relative position biases in each stack's first
  /// block, ReLU or gated-GELU feed-forward, and a tied lm_head scaled by
  /// d_model^-½. A decode step runs the decoder only, its cross-attention
  /// reading the encoder's keys and values cached at prefill.
  mutating func t5() throws(NetCostError) {
    let c = config
    let d = try c.int(["d_model", "hidden_size"])
    let dkv = try c.int(["d_kv"])
    let heads = try c.int(["num_heads", "num_attention_heads"])
    let ff = try c.int(["d_ff"])
    let encLayers = try c.int(["num_layers", "num_hidden_layers"])
    let decLayers = try c.int(["num_decoder_layers"], default: encLayers)
    let vocab = try c.int(["vocab_size"])
    let buckets = try c.int(["relative_attention_num_buckets"], default: 32)
    let proj = try c.string(["feed_forward_proj"]) ?? "relu"
    let gated = proj.hasPrefix("gated-")
    let actName = gated ? String(proj.dropFirst(6)) : proj
    guard let act = HFOps.activation(actName == "gelu" && gated ? "gelu_new" : actName) else {
      throw c.error(
        "feed_forward_proj", "unsupported activation \"\(proj.clipped)\" (supported: relu, gated-gelu, gelu)")
    }
    let tied = try c.bool(["tie_word_embeddings"], default: true)
    let arch = info.architecture
    guard arch.hasSuffix("ForConditionalGeneration") else {
      throw c.error(
        "architectures",
        "unsupported head \"\(arch.clipped)\" for model_type 't5' (supported: T5ForConditionalGeneration)")
    }
    try setInfo(layers: encLayers + decLayers, hidden: d, vocab: vocab, kind: .encoderDecoder)
    let decSeq = options.decoderSeq ?? info.seq
    info.decoderSeq = decSeq
    info.attention =
      "encoder bidirectional; decoder self-attention over its own cache, cross-attention over the encoder's \(info.seq) positions"
    let inner = heads * dkv
    let decode = options.stage == .decode

    func ffn(_ p: String, _ h: TensorRef) -> TensorRef {
      if gated {
        let g = linear("\(p).DenseReluDense.wi_0", h, out: ff, bias: false)
        let u = linear("\(p).DenseReluDense.wi_1", h, out: ff, bias: false)
        let a = activation("\(p).DenseReluDense.act", g, act)
        return linear(
          "\(p).DenseReluDense.wo", binary("\(p).DenseReluDense.act*wi_1", .mul, a, u), out: d, bias: false)
      }
      return plainMLP(
        "\(p).DenseReluDense", h, hidden: d, intermediate: ff, act: act, bias: false, names: ("wi", "act", "wo"))
    }

    var encoderKV: TensorRef? = nil
    if decode {
      encoderKV = stateInput("encoder_kv", length: info.seq, width: inner)
      _ = tokenInput("decoder_input_ids", length: 1)
      // The encoder ran at prefill; its weights are still the model's.
      var perLayer = 0
      var total = 0
      do {
        perLayer = try Checked.sum(
          [try Checked.mul(4 * d, inner), 2 * d, try Checked.mul((gated ? 3 : 2) * d, ff)], "parameters")
        total = try Checked.sum([try Checked.mul(perLayer, encLayers), buckets * heads, d], "parameters")
      } catch { throw c.error(nil, "the encoder's parameter count does not fit in a 64-bit integer") }
      add("encoder", "held_weights", HeldWeights(params: total), [encoderKV!])
    }
    var y: TensorRef
    var enc: TensorRef? = nil
    if !decode {
      let ids = tokenInput("input_ids", length: info.seq)
      var x = embedding("shared", ids, vocab: vocab, dim: d)
      for i in 0..<encLayers {
        let p = "encoder.block.\(i).layer.0"
        let h = norm("\(p).layer_norm", x, rms: true)
        let q = linear("\(p).SelfAttention.q", h, out: inner, bias: false)
        let k = linear("\(p).SelfAttention.k", h, out: inner, bias: false)
        let v = linear("\(p).SelfAttention.v", h, out: inner, bias: false)
        if i == 0 {
          _ = embedding("\(p).SelfAttention.relative_attention_bias", ids, vocab: buckets, dim: heads)
        }
        let o = attention(
          "\(p).SelfAttention.attention", q, [k, v], heads: heads, qkDim: dkv, vDim: dkv, causal: false)
        x = binary("encoder.block.\(i).residual_attn", .add, x, linear("\(p).SelfAttention.o", o, out: d, bias: false))
        let p1 = "encoder.block.\(i).layer.1"
        x = binary("encoder.block.\(i).residual_ff", .add, x, ffn(p1, norm("\(p1).layer_norm", x, rms: true)))
      }
      enc = norm("encoder.final_layer_norm", x, rms: true)
      let decIds = tokenInput("decoder_input_ids", length: decSeq)
      y = add("decoder.embed_tokens", "tied_embedding", TiedEmbedding(tiedTo: "shared", vocab: vocab, dim: d), [decIds])
    } else {
      y = embedding("shared", .input(1), vocab: vocab, dim: d)
    }
    let decIds: TensorRef = decode ? .input(1) : .input(graph.inputs.count - 1)
    for i in 0..<decLayers {
      let p = "decoder.block.\(i).layer.0"
      let h = norm("\(p).layer_norm", y, rms: true)
      let q = linear("\(p).SelfAttention.q", h, out: inner, bias: false)
      let k = cache("\(p).SelfAttention.key_cache", linear("\(p).SelfAttention.k", h, out: inner, bias: false))
      let v = cache("\(p).SelfAttention.value_cache", linear("\(p).SelfAttention.v", h, out: inner, bias: false))
      if i == 0 {
        _ = embedding("\(p).SelfAttention.relative_attention_bias", decIds, vocab: buckets, dim: heads)
      }
      let o = attention("\(p).SelfAttention.attention", q, [k, v], heads: heads, qkDim: dkv, vDim: dkv)
      y = binary("decoder.block.\(i).residual_attn", .add, y, linear("\(p).SelfAttention.o", o, out: d, bias: false))
      let p1 = "decoder.block.\(i).layer.1"
      let h1 = norm("\(p1).layer_norm", y, rms: true)
      let cq = linear("\(p1).EncDecAttention.q", h1, out: inner, bias: false)
      let ck: TensorRef
      let cv: TensorRef
      if let enc {
        ck = cache(
          "\(p1).EncDecAttention.key_cache", linear("\(p1).EncDecAttention.k", enc, out: inner, bias: false), context: 0
        )
        cv = cache(
          "\(p1).EncDecAttention.value_cache", linear("\(p1).EncDecAttention.v", enc, out: inner, bias: false),
          context: 0)
      } else {
        // Computed at prefill; a decode step reads them from the cache. The
        // projections' weights are still the model's: counted, not run.
        ck = cache("\(p1).EncDecAttention.key_cache", encoderKV!, context: 0)
        cv = cache("\(p1).EncDecAttention.value_cache", encoderKV!, context: 0)
        let held = try Self.mul(d, inner, c)
        add("\(p1).EncDecAttention.k", "held_weights", HeldWeights(params: held), [ck])
        add("\(p1).EncDecAttention.v", "held_weights", HeldWeights(params: held), [cv])
      }
      let co = attention(
        "\(p1).EncDecAttention.attention", cq, [ck, cv], heads: heads, qkDim: dkv, vDim: dkv, causal: false)
      y = binary(
        "decoder.block.\(i).residual_cross", .add, y, linear("\(p1).EncDecAttention.o", co, out: d, bias: false))
      let p2 = "decoder.block.\(i).layer.2"
      y = binary("decoder.block.\(i).residual_ff", .add, y, ffn(p2, norm("\(p2).layer_norm", y, rms: true)))
    }
    y = norm("decoder.final_layer_norm", y, rms: true)
    if tied { y = scale("decoder.final_layer_norm.scale", y) }
    _ = lmHead("lm_head", y, vocab: vocab, tiedTo: tied ? "shared" : nil)
  }
}
