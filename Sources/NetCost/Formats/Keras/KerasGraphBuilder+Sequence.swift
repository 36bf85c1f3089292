// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// Embedding: `input_dim` × `output_dim` trainable weights.
  mutating func embedding(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let c = site.config
    let op = Embedding(vocab: try c.int("input_dim"), dim: try c.int("output_dim"))
    return try add(site, kind: "embedding", op: op, inputs: [x], channelsFirst: false)
  }

  /// LSTM, GRU or SimpleRNN over (N, L, features): Keras keeps one bias
  /// vector per gate, two for a GRU with `reset_after` (Keras's default);
  /// without `return_sequences` the last step is the output (`layer/last_step`).
  mutating func recurrent(
    _ site: Site, _ input: KerasTensor, config c: KerasFields, className: String, bidirectional: Bool
  ) throws(NetCostError) -> KerasTensor {
    let x = try kerasOrder(input, site)
    guard x.rank == 3 else {
      throw .shape(
        site.location, layer: site.name,
        message: "\(className) expects a 3-D input (N, L, features), found \(x.kerasDescription)")
    }
    let units = try c.int("units")
    let bias = try c.bool("use_bias", default: true)
    let cell: Recurrent.Cell
    var vectors = bias ? 1 : 0
    switch className {
    case "LSTM": cell = .lstm
    case "GRU":
      cell = .gru
      if bias, try c.bool("reset_after", default: true) { vectors = 2 }
    default:
      let act = try c.string("activation", default: "tanh")
      guard act == "tanh" || act == "relu" else {
        throw c.error("activation", "SimpleRNN activation '\(act.clipped)': netcost counts tanh and relu")
      }
      cell = act == "relu" ? .rnnReLU : .rnn
    }
    let op = Recurrent(cell: cell, hidden: units, bidirectional: bidirectional, biasVectors: vectors)
    let kind = className.lowercased()
    let y = try add(site, kind: kind, op: op, inputs: [x], channelsFirst: false)
    guard !(try c.bool("return_sequences", default: false)) else { return y }
    return try add(
      site, part: "last_step", kind: "gather", op: Gather(axis: 1, indices: []), inputs: [y], channelsFirst: false)
  }

  /// Bidirectional around an LSTM, GRU or SimpleRNN, its outputs concatenated.
  mutating func bidirectional(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let mode = try site.config.string("merge_mode", default: "concat")
    guard mode == "concat" else {
      throw site.config.error("merge_mode", "merge_mode '\(mode.clipped)': netcost reads Bidirectional with 'concat'")
    }
    guard case .object(let layer)? = site.config["layer"], case .string(let cls)? = layer["class_name"],
      case .object(let inner)? = layer["config"], ["LSTM", "GRU", "SimpleRNN"].contains(cls)
    else {
      throw site.config.error("layer", "Bidirectional's 'layer' should be an LSTM, GRU or SimpleRNN")
    }
    let c = KerasFields(inner, layer: site.name, at: site.location)
    return try recurrent(site, x, config: c, className: cls, bidirectional: true)
  }

  /// MultiHeadAttention: query, key and value projections to `num_heads` ×
  /// `key_dim` (values `value_dim`), the attention products, and the output
  /// projection (the layer itself) back to the query's width or `output_shape`.
  mutating func multiHeadAttention(_ site: Site, _ inputs: [KerasTensor], call: KerasCall?)
    throws(NetCostError) -> KerasTensor
  {
    let c = site.config
    switch c["attention_axes"] {
    case nil, .array([.int(1)])?, .array([.int(-2)])?, .int(1)?, .int(-2)?: break
    case let v?:
      throw c.error(
        "attention_axes", "MultiHeadAttention attention_axes \(v.brief): netcost reads attention over axis 1")
    }
    for key in ["use_gate", "sliding_window"] where c[key] != nil && c[key] != .bool(false) {
      throw c.error(key, "MultiHeadAttention with '\(key)' \(c[key]!.brief) is not supported yet")
    }
    let heads = try c.int("num_heads")
    let keyDim = try c.int("key_dim")
    let valueDim = try c.int("value_dim", default: keyDim)
    let bias = try c.bool("use_bias", default: true)
    let keywords = call?.keywordTensors ?? [:]
    let positional = inputs.count - keywords.count
    func pick(_ i: Int, _ key: String) -> KerasTensor? {
      if i < positional { return inputs[i] }
      guard let h = keywords[key], let call, let k = call.tensors.firstIndex(of: h) else { return nil }
      return inputs[k]
    }
    guard let q0 = pick(0, "query"), let v0 = pick(1, "value") else {
      throw error(site, "MultiHeadAttention needs a query and a value tensor")
    }
    let q = try kerasOrder(q0, site)
    let v = try kerasOrder(v0, site)
    let k = try kerasOrder(pick(2, "key") ?? v0, site)
    for t in [q, k, v] where t.rank != 3 {
      throw .shape(
        site.location, layer: site.name,
        message: "MultiHeadAttention expects (N, L, features) inputs, found \(t.kerasDescription)")
    }
    var outWidth = q.shape.dims[2]
    switch c["output_shape"] {
    case nil: break
    case .int(let w)? where w >= 1: outWidth = w
    case .array(let a)? where a.count == 1:
      guard case .int(let w) = a[0], w >= 1 else {
        throw c.error("output_shape", "'output_shape' should be one size, found \(a[0].brief)")
      }
      outWidth = w
    case let o?: throw c.error("output_shape", "'output_shape' should be one size, found \(o.brief)")
    }
    let qp = try add(
      site, part: "query", kind: "dense", op: Linear(out: heads * keyDim, bias: bias), inputs: [q], channelsFirst: false
    )
    let kp = try add(
      site, part: "key", kind: "dense", op: Linear(out: heads * keyDim, bias: bias), inputs: [k], channelsFirst: false)
    let vp = try add(
      site, part: "value", kind: "dense", op: Linear(out: heads * valueDim, bias: bias), inputs: [v],
      channelsFirst: false)
    let causal = call?.flags["use_causal_mask"] ?? false
    let attn = try add(
      site, part: "attention", kind: "attention",
      op: AttentionProducts(heads: heads, qkDim: keyDim, vDim: valueDim, causal: causal), inputs: [qp, kp, vp],
      channelsFirst: false)
    return try add(site, kind: "dense", op: Linear(out: outWidth, bias: bias), inputs: [attn], channelsFirst: false)
  }

  /// TimeDistributed around a Dense layer (the same product on every step).
  mutating func timeDistributed(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    guard case .object(let layer)? = site.config["layer"], case .string(let cls)? = layer["class_name"],
      case .object(let inner)? = layer["config"]
    else { throw site.config.error("layer", "TimeDistributed needs a 'layer' with class_name and config") }
    guard cls == "Dense" else {
      throw site.config.error("layer", "TimeDistributed over \(cls.clipped): netcost reads TimeDistributed(Dense)")
    }
    var s = site
    s.config = KerasFields(inner, layer: site.name, at: site.location)
    return try dense(s, try kerasOrder(x, site))
  }
}
