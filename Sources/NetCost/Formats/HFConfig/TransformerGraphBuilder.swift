// netcost — Apache-2.0

/// Builds the layer graph of a transformers model from its config: one
/// layer per module transformers runs (named as transformers names it,
/// `model.layers.3.self_attn.q_proj`), plus the steps between modules that
/// cost something (attention products, residual adds, the KV cache).
///
/// The per-family layouts live in the `+Decoders` and `+Encoders`
/// extensions; this file holds the shared pieces.
struct TransformerGraphBuilder {
  let config: HFConfig
  let options: LLMOptions
  /// The inputs, layers and tensor shapes, kept by the builder every
  /// importer shares (each layer's shapes are inferred as it is added).
  private(set) var graph: GraphBuilder
  /// The first layer that did not fit its inputs; ``build()`` throws it.
  private var firstError: NetCostError?
  var info: HFModelInfo
  /// Where every layer points in the file: the `model_type` member.
  let location: SourceLocation
  /// Whether the head `architectures` names has an lm_head (`…ForCausalLM`,
  /// `…LMHeadModel`) or is the bare model (`…Model`).
  var hasLMHead = true

  /// Positions already cached when this pass runs (0 in a prefill).
  var context: Int { options.stage == .decode ? info.context : 0 }

  init(config: HFConfig, options: LLMOptions, modelType: String, architecture: String) {
    self.config = config
    self.options = options
    location = config.location("model_type")
    graph = GraphBuilder(name: modelType)
    info = HFModelInfo(
      modelType: modelType, architecture: architecture, kind: .decoder, layers: 0, hidden: 0, vocab: 0,
      embeddingLayers: [], configDType: nil, attention: "", seq: 0, decoderSeq: nil, context: 0,
      stage: options.stage, maxPositions: nil)
  }

  // MARK: - Inputs and layers

  /// A token-id input of `length` positions (batch excluded).
  mutating func tokenInput(_ name: String, length: Int) -> TensorRef {
    input(GraphInput(name: name, dims: [length], dtype: .int64, isSequence: true, location: location))
  }

  /// A hidden-state input of `length` positions of `width` features.
  mutating func stateInput(_ name: String, length: Int, width: Int) -> TensorRef {
    input(GraphInput(name: name, dims: [length, width], isSequence: true, location: location))
  }

  /// Adds `input` with one sequence per batch, as shapes are inferred here.
  private mutating func input(_ input: GraphInput) -> TensorRef {
    guard let shape = Shape([1] + input.dims) else {
      if firstError == nil {
        firstError = config.error(nil, "input '\(input.name)' of \(input.dims) is too large")
      }
      return .input(graph.inputs.count)
    }
    return graph.addInput(input, shape: shape)
  }

  /// Appends a layer and returns its first output.
  ///
  /// A layer that does not fit its inputs is kept as the first error, which
  /// ``build()`` throws; the family layouts then need no `try` per layer.
  @discardableResult
  mutating func add(_ name: String, _ kind: String, _ op: any Operator, _ ins: [TensorRef]) -> TensorRef {
    let index = graph.layers.count
    if firstError == nil {
      do {
        try graph.addLayer(name: name, kind: kind, op: op, inputs: ins, location: location)
      } catch {
        firstError = error
      }
    }
    return .output(layer: index, index: 0)
  }

  /// The graph, or the first layer that did not fit.
  func build() throws(NetCostError) -> Graph {
    if let firstError { throw firstError }
    return try graph.build()
  }

  mutating func linear(_ name: String, _ x: TensorRef, out: Int, bias: Bool, tiedTo: String? = nil) -> TensorRef {
    add(name, "linear", HFOps.linear(out: out, bias: bias, tiedTo: tiedTo), [x])
  }

  mutating func norm(_ name: String, _ x: TensorRef, rms: Bool, bias: Bool = true) -> TensorRef {
    add(name, rms ? "rms_norm" : "layer_norm", HFOps.norm(rms: rms, bias: bias), [x])
  }

  mutating func embedding(_ name: String, _ ids: TensorRef, vocab: Int, dim: Int) -> TensorRef {
    info.embeddingLayers.append(name)
    return add(name, "embedding", Embedding(vocab: vocab, dim: dim), [ids])
  }

  mutating func activation(_ name: String, _ x: TensorRef, _ function: Activation) -> TensorRef {
    add(name, function.function.rawValue, function, [x])
  }

  mutating func binary(_ name: String, _ operation: Elementwise.Operation, _ a: TensorRef, _ b: TensorRef) -> TensorRef
  {
    add(name, operation.rawValue, Elementwise(operation: operation), [a, b])
  }

  /// `x` times a constant (a scale such as Gemma's √hidden on the embeddings).
  mutating func scale(_ name: String, _ x: TensorRef) -> TensorRef {
    add(name, "mul", Elementwise(operation: .mul, constants: [[]]), [x])
  }

  mutating func split(_ name: String, _ x: TensorRef, sizes: [Int]) -> [TensorRef] {
    guard case .output(let l, _) = add(name, "split", HFOps.split(sizes: sizes), [x]) else { return [] }
    return sizes.indices.map { .output(layer: l, index: $0) }
  }

  /// The cache of `x` (keys, values or a latent) holding `context` earlier positions.
  mutating func cache(_ name: String, _ x: TensorRef, context: Int? = nil) -> TensorRef {
    add(name, "kv_cache", KVCache(context: context ?? self.context), [x])
  }

  mutating func attention(
    _ name: String, _ q: TensorRef, _ keyParts: [TensorRef], heads: Int, qkDim: Int, vDim: Int, causal: Bool? = nil
  ) -> TensorRef {
    add(
      name, "attention_products",
      AttentionProducts(heads: heads, qkDim: qkDim, vDim: vDim, causal: causal ?? options.causal), [q] + keyParts)
  }

  // MARK: - Shared blocks

  /// The activation `hidden_act` (or another key) names.
  func activationNamed(_ keys: [String], default name: String) throws(NetCostError) -> Activation {
    let n = try config.string(keys) ?? name
    guard let a = HFOps.activation(n) else {
      throw config.error(
        keys.first { config.object[$0] != nil },
        "unsupported activation \"\(n.clipped)\" (supported: silu, gelu, gelu_new, gelu_pytorch_tanh, relu, tanh)")
    }
    return a
  }

  /// A gated MLP (SwiGLU/GeGLU): act(gate_proj(x)) · up_proj(x) → down_proj,
  /// or with `fusedName` one gate_up_proj whose output splits in two.
  mutating func gatedMLP(
    _ p: String, _ x: TensorRef, hidden: Int, intermediate: Int, act: Activation, bias: Bool = false,
    names: (gate: String, up: String, down: String) = ("gate_proj", "up_proj", "down_proj"), fusedName: String? = nil
  ) -> TensorRef {
    let gate: TensorRef
    let up: TensorRef
    if let fusedName {
      let both = linear("\(p).\(fusedName)", x, out: 2 * intermediate, bias: bias)
      let parts = split("\(p).\(fusedName).chunk", both, sizes: [intermediate, intermediate])
      (gate, up) = (parts[0], parts[1])
    } else {
      gate = linear("\(p).\(names.gate)", x, out: intermediate, bias: bias)
      up = linear("\(p).\(names.up)", x, out: intermediate, bias: bias)
    }
    let a = activation("\(p).act_fn", gate, act)
    let g = binary("\(p).act_fn*up", .mul, a, up)
    return linear("\(p).\(names.down)", g, out: hidden, bias: bias)
  }

  /// A plain MLP: up → act → down.
  mutating func plainMLP(
    _ p: String, _ x: TensorRef, hidden: Int, intermediate: Int, act: Activation, bias: Bool,
    names: (up: String, act: String, down: String)
  ) -> TensorRef {
    let u = linear("\(p).\(names.up)", x, out: intermediate, bias: bias)
    let a = activation("\(p).\(names.act)", u, act)
    return linear("\(p).\(names.down)", a, out: hidden, bias: bias)
  }

  /// The widths of the query, of each of key and value, and of the three
  /// fused: a config's head_dim is any integer, so they are checked products.
  func attentionWidths(heads: Int, kvHeads: Int, headDim: Int) throws(NetCostError) -> (q: Int, kv: Int, fused: Int) {
    let q = try Self.mul(heads, headDim, config)
    let kv = try Self.mul(kvHeads, headDim, config)
    do {
      return (q, kv, try Checked.add(q, try Checked.mul(2, kv)))
    } catch {
      throw config.error(nil, "a width does not fit in a 64-bit integer")
    }
  }

  /// Self-attention with separate (or fused) projections, grouped-query
  /// heads and a KV cache: returns the output projection's result.
  mutating func selfAttention(
    _ p: String, _ x: TensorRef, hidden: Int, heads: Int, kvHeads: Int, headDim: Int, qkvBias: Bool, oBias: Bool,
    names: (q: String, k: String, v: String, o: String) = ("q_proj", "k_proj", "v_proj", "o_proj"),
    fusedName: String? = nil, qkNorm: Bool = false
  ) throws(NetCostError) -> TensorRef {
    var q: TensorRef
    var k: TensorRef
    let v: TensorRef
    let (qWidth, kvWidth, fusedWidth) = try attentionWidths(heads: heads, kvHeads: kvHeads, headDim: headDim)
    if let fusedName {
      let qkv = linear("\(p).\(fusedName)", x, out: fusedWidth, bias: qkvBias)
      let parts = split("\(p).\(fusedName).split", qkv, sizes: [qWidth, kvWidth, kvWidth])
      (q, k, v) = (parts[0], parts[1], parts[2])
    } else {
      q = linear("\(p).\(names.q)", x, out: qWidth, bias: qkvBias)
      k = linear("\(p).\(names.k)", x, out: kvWidth, bias: qkvBias)
      v = linear("\(p).\(names.v)", x, out: kvWidth, bias: qkvBias)
    }
    if qkNorm {
      // Qwen3: RMSNorm over each head's features (head_dim weights).
      q = add("\(p).q_norm", "rms_norm", HFOps.headNorm(headDim: headDim), [q])
      k = add("\(p).k_norm", "rms_norm", HFOps.headNorm(headDim: headDim), [k])
    }
    let kc = cache("\(p).key_cache", k)
    let vc = cache("\(p).value_cache", v)
    let o = attention("\(p).attention", q, [kc, vc], heads: heads, qkDim: headDim, vDim: headDim)
    return linear("\(p).\(names.o)", o, out: hidden, bias: oBias)
  }

  /// Checks a decoder's `architectures` head: a causal LM has an lm_head,
  /// the bare model (`LlamaModel`) none; any other head is refused.
  mutating func decoderHead() throws(NetCostError) {
    let a = info.architecture
    if a.hasSuffix("ForCausalLM") || a.hasSuffix("LMHeadModel") { return }
    if a.hasSuffix("Model") {
      hasLMHead = false
      return
    }
    throw config.error(
      "architectures",
      "unsupported head \"\(a.clipped)\" for model_type '\(info.modelType)' (supported: …ForCausalLM, …LMHeadModel, or the bare …Model)"
    )
  }

  /// The lm_head over every position, or over the last only with `--last-logits`.
  mutating func lmHead(_ name: String, _ x: TensorRef, vocab: Int, tiedTo: String?, bias: Bool = false) -> TensorRef {
    guard hasLMHead else { return x }
    var x = x
    if options.lastLogits && options.stage == .prefill {
      x = add("\(name).logits_to_keep", "slice", HFOps.lastPositions(1), [x])
    }
    return linear(name, x, out: vocab, bias: bias, tiedTo: tiedTo)
  }

  /// Refuses a length beyond the positions a model has learned embeddings for.
  func checkPositions(_ length: Int, limit: Int, key: String) throws(NetCostError) {
    guard length <= limit else {
      throw config.error(
        key,
        "the model has learned positions for \(limit) tokens, but this \(options.stage.rawValue) needs \(length) (--seq\(options.stage == .decode ? " / --context" : "")); use at most \(limit)"
      )
    }
  }
}
