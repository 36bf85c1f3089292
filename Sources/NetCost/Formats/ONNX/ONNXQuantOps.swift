// netcost — Apache-2.0

/// Quantized ops (QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear,
/// QLinearConv, QLinearMatMul, MatMulInteger, ConvInteger and onnxruntime's
/// QLinear…, QGemm, MatMulNBits, QAttention) and the com.microsoft ops of
/// onnxruntime's transformer optimizer (Attention, MultiHeadAttention,
/// GroupQueryAttention, RotaryEmbedding, SkipLayerNormalization,
/// EmbedLayerNormalization, BiasGelu, FastGelu, FusedConv, FusedMatMul…).
///
/// A transformation changes how weights are stored, not how many there are
/// or how many multiply-accumulates the model does: a quantized or fused op
/// maps to the op of the float graph it replaces (QLinearConv is a conv,
/// MatMulInteger a linear layer, Attention the projections and products of
/// attention), its integer weights are parameters with their logical
/// element count (an int4 MatMulNBits weight counts K×N), and the scales
/// and zero points are buffers.
extension ONNXImporter {
  /// Per op type, the inputs that are scales or zero points (buffers), and
  /// the integer inputs that are weights (parameters).
  static let quantRoles: [String: (scales: Set<Int>, weights: Set<Int>)] = [
    "QuantizeLinear": ([1, 2], []),
    "DequantizeLinear": ([1, 2], [0]),
    "QLinearConv": ([1, 2, 4, 5, 6, 7], [3, 8]),
    "QLinearMatMul": ([1, 2, 4, 5, 6, 7], [0, 3]),
    "MatMulInteger": ([2, 3], [0, 1]),
    "ConvInteger": ([2, 3], [1]),
    "QGemm": ([1, 2, 4, 5, 7, 8], [0, 3, 6]),
    "QLinearAdd": ([1, 2, 4, 5, 6, 7], [0, 3]),
    "QLinearMul": ([1, 2, 4, 5, 6, 7], [0, 3]),
    "QLinearSigmoid": ([1, 2, 3, 4], []),
    "QLinearLeakyRelu": ([1, 2, 3, 4], []),
    "QLinearGlobalAveragePool": ([1, 2, 3, 4], []),
    "QLinearAveragePool": ([1, 2, 3, 4], []),
    "MatMulNBits": ([2, 3, 4], [1]),
    "DynamicQuantizeMatMul": ([2, 3], [1]),
    "MatMulIntegerToFloat": ([2, 3, 4, 5], [1]),
    "QAttention": ([3, 4, 6, 7], [1, 2]),
    "QEmbedLayerNormalization": ([8, 9, 10, 11, 12, 13, 14, 15, 16, 17], [2, 3, 4, 5, 6]),
    "RotaryEmbedding": ([2, 3], []),
  ]

  /// The initializers that quantized ops read as scales or zero points, the
  /// integer ones they read as weights, and the logical element count of
  /// packed weights (MatMulNBits: K×N), from the graph's nodes.
  static func quantizationRoles(_ nodes: [Onnx_NodeProto]) -> (
    scales: Set<String>, weights: Set<String>, logical: [String: Int]
  ) {
    var scales: Set<String> = []
    var weights: Set<String> = []
    var logical: [String: Int] = [:]
    // Dynamic quantization rescales a MatMulInteger's result by the input's
    // scale (DynamicQuantizeLinear's second output) times the weight's.
    let dynamicScales = Set(
      nodes.filter { $0.opType == "DynamicQuantizeLinear" && $0.output.count > 1 }.map { $0.output[1] })
    for n in nodes where n.opType == "Mul" && n.input.count == 2 {
      if dynamicScales.contains(n.input[0]) { scales.insert(n.input[1]) }
      if dynamicScales.contains(n.input[1]) { scales.insert(n.input[0]) }
    }
    for n in nodes {
      if n.opType == "QLinearConcat" {
        for (i, name) in n.input.enumerated() where i < 2 || (i - 2) % 3 != 0 { scales.insert(name) }
        continue
      }
      guard let roles = quantRoles[n.opType] else { continue }
      for (i, name) in n.input.enumerated() where !name.isEmpty {
        if roles.scales.contains(i) { scales.insert(name) }
        if roles.weights.contains(i) { weights.insert(name) }
      }
      if n.opType == "MatMulNBits", n.input.count > 1 {
        let attr = { (s: String) in n.attribute.first { $0.name == s }.map { Int($0.i) } }
        if let k = attr("K"), let nn = attr("N") { logical[n.input[1]] = k &* nn }
      }
    }
    return (scales.subtracting(weights), weights, logical)
  }

  /// A copy of `n` as another op type reading `inputs` (and writing `outputs`).
  func recast(_ n: ONNXNode, _ opType: String, _ inputs: [String], outputs: [String]? = nil, name: String? = nil)
    -> ONNXNode
  {
    ONNXNode(
      index: n.index, name: name ?? n.name, opType: opType, domain: "", inputs: inputs, outputs: outputs ?? n.outputs,
      attributes: n.attributes, range: n.range, isNested: n.isNested)
  }

  /// The known values at these inputs of `n` (scales, zero points, caches), to report as buffers.
  func storedInputs(_ n: ONNXNode, _ indices: [Int]) -> [Known] {
    indices.compactMap { i in
      guard let name = n.input(i), case .known(let k)? = slot(named: name) else { return nil }
      return k
    }
  }

  /// Input `i` by name, or "" when absent.
  func input(_ n: ONNXNode, _ i: Int) -> String { n.input(i) ?? "" }

  /// Maps a quantized op of the standard domain; false when `n` is not one.
  func mapQuantizedOp(_ n: ONNXNode) throws -> Bool {
    let roles = Self.quantRoles[n.opType]?.scales.sorted() ?? []
    switch n.opType {
    case "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear":
      let (x, _) = try activation(n, 0)
      let mode: Quantize.Mode =
        n.opType == "QuantizeLinear" ? .quantize : n.opType == "DequantizeLinear" ? .dequantize : .dynamic
      let kind = mode == .dynamic ? "dynamic_quantize" : mode.rawValue
      try addLayer(n, kind: kind, op: Quantize(mode: mode), tensors: [x], buffers: storedInputs(n, roles))
    case "QLinearConv":
      pendingBuffers = storedInputs(n, roles)
      try conv(recast(n, "Conv", [input(n, 0), input(n, 3), input(n, 8)]))
    case "ConvInteger":
      pendingBuffers = storedInputs(n, roles)
      try conv(recast(n, "Conv", [input(n, 0), input(n, 1)]))
    case "QLinearMatMul":
      pendingBuffers = storedInputs(n, roles)
      try matmul(recast(n, "MatMul", [input(n, 0), input(n, 3)]))
    case "MatMulInteger":
      pendingBuffers = storedInputs(n, roles)
      try matmul(recast(n, "MatMul", [input(n, 0), input(n, 1)]))
    default:
      return false
    }
    return true
  }

  /// Maps an op of onnxruntime's com.microsoft domain; false when netcost has no rule for it.
  func mapContribOp(_ n: ONNXNode) throws -> Bool {
    if try mapQuantizedOp(n) { return true }
    let roles = Self.quantRoles[n.opType]?.scales.sorted() ?? []
    switch n.opType {
    case "FusedConv":
      try conv(recast(n, "Conv", Array(n.inputs.prefix(3))))
    case "FusedGemm":
      try gemm(recast(n, "Gemm", Array(n.inputs.prefix(3))))
    case "QGemm":
      pendingBuffers = storedInputs(n, roles)
      try gemm(recast(n, "Gemm", [input(n, 0), input(n, 3), input(n, 6)]))
    case "FusedMatMul":
      let transA = n.int("transA") ?? 0 != 0
      let transB = n.int("transB") ?? 0 != 0
      let m = recast(n, "MatMul", Array(n.inputs.prefix(2)))
      if !transA, !transB {
        try matmul(m)
      } else {
        try product(
          m, a: try? stored(m, 0, "operand"), b: try? stored(m, 1, "operand"), transA: transA, transB: transB,
          bias: nil)
      }
    case "MatMulNBits", "DynamicQuantizeMatMul", "MatMulIntegerToFloat":
      let (x, xs) = try activation(n, 0)
      guard let w = try stored(n, 1, "weight") else { throw invalid(n, "\(n.opType) needs a stored weight (input 2)") }
      let biasIndex = n.opType == "MatMulNBits" ? 5 : n.opType == "DynamicQuantizeMatMul" ? 4 : 6
      let bias = try stored(n, biasIndex, "bias")
      let (k, out) =
        n.opType == "MatMulNBits" ? (n.int("K") ?? 0, n.int("N") ?? 0) : (w.dims.first ?? 0, w.dims.last ?? 0)
      guard k >= 1, out >= 1, xs.dims.last == k else {
        throw NetCostError.shape(
          loc, layer: n.name, message: "\(n.opType): the input \(xs) does not have the weight's \(k) input features")
      }
      try addLayer(
        n, kind: "linear", op: Linear(out: out, expectedIn: k, bias: bias != nil), tensors: [x],
        weights: [w] + (bias.map { [$0] } ?? []), buffers: storedInputs(n, roles))
    case "QLinearAdd", "QLinearMul":
      pendingBuffers = storedInputs(n, roles)
      try elementwise(recast(n, n.opType == "QLinearAdd" ? "Add" : "Mul", [input(n, 0), input(n, 3)]))
    case "QLinearSigmoid", "QLinearLeakyRelu":
      pendingBuffers = storedInputs(n, roles)
      try activation(recast(n, n.opType == "QLinearSigmoid" ? "Sigmoid" : "LeakyRelu", [input(n, 0)]))
    case "QLinearGlobalAveragePool":
      pendingBuffers = storedInputs(n, roles)
      guard n.int("channels_last") ?? 0 == 0 else {
        throw invalid(n, "QLinearGlobalAveragePool with channels_last is not supported (netcost pools N×C×… tensors)")
      }
      try globalPool(recast(n, "GlobalAveragePool", [input(n, 0)]))
    case "QLinearAveragePool":
      pendingBuffers = storedInputs(n, roles)
      try pool(recast(n, "AveragePool", [input(n, 0)]))
    case "QLinearConcat":
      pendingBuffers = storedInputs(n, [0, 1] + (2..<n.inputs.count).filter { ($0 - 2) % 3 != 0 })
      let xs = (2..<n.inputs.count).filter { ($0 - 2) % 3 == 0 }.map { n.inputs[$0] }
      try concat(recast(n, "Concat", xs))
    case "Gelu", "BiasGelu", "FastGelu", "QuickGelu":
      let (x, _) = try activation(n, 0)
      let bias = try stored(n, 1, "bias")
      try addLayer(
        n, kind: "gelu", op: Activation(function: n.opType == "FastGelu" ? .geluTanh : .gelu), tensors: [x],
        weights: bias.map { [$0] } ?? [])
    case "LayerNormalization":
      try layerNorm(recast(n, "LayerNormalization", n.inputs))
    case "SimplifiedLayerNormalization":
      try rmsNorm(n, x: input(n, 0), scale: 1)
    case "SkipLayerNormalization", "SkipSimplifiedLayerNormalization":
      try skipLayerNorm(n)
    case "EmbedLayerNormalization", "QEmbedLayerNormalization":
      try embedLayerNorm(n, buffers: storedInputs(n, roles))
    case "Attention", "QAttention":
      try attention(n, buffers: storedInputs(n, roles))
    case "MultiHeadAttention":
      try multiHeadAttention(n)
    case "GroupQueryAttention":
      try groupQueryAttention(n)
    case "RotaryEmbedding":
      let (x, _) = try activation(n, 0)
      try addLayer(n, kind: "rotary_embedding", op: RotaryEmbedding(), tensors: [x], buffers: storedInputs(n, roles))
    default:
      return false
    }
    return true
  }

  /// RMS normalization of `x` with the scale at input `scale`.
  func rmsNorm(_ n: ONNXNode, x: String, scale: Int) throws {
    let w = try stored(n, scale, "scale")
    try addLayer(
      n, kind: "rms_norm", op: LayerNorm(isRMS: true, affine: w != nil, axis: n.int("axis") ?? -1), tensors: [x],
      weights: w.map { [$0] } ?? [])
  }

  /// SkipLayerNormalization: (input + skip + bias) as an add layer (its sum is
  /// output 4, the residual later layers read), then the normalization.
  func skipLayerNorm(_ n: ONNXNode) throws {
    let simplified = n.opType == "SkipSimplifiedLayerNormalization"
    let biasIndex = simplified ? 3 : 4
    let sumName = n.outputs.count > 3 && !n.outputs[3].isEmpty ? n.outputs[3] : "\(n.name)/skip_sum"
    let add = recast(
      n, "Add", [input(n, 0), input(n, 1)] + (n.input(biasIndex).map { [$0] } ?? []), outputs: [sumName],
      name: builder.uniqueName("\(n.name)/skip_add"))
    try elementwise(add)
    let out = [n.outputs.first ?? ""]
    if simplified {
      try rmsNorm(recast(n, n.opType, [sumName, input(n, 2)], outputs: out), x: sumName, scale: 1)
    } else {
      try layerNorm(recast(n, "LayerNormalization", [sumName, input(n, 2), input(n, 3)], outputs: out))
    }
  }

  func embedLayerNorm(_ n: ONNXNode, buffers: [Known]) throws {
    let (ids, _) = try activation(n, 0, "token ids")
    guard let word = try stored(n, 2, "word embedding"), word.dims.count == 2 else {
      throw invalid(n, "\(n.opType) needs a stored 2-D word embedding (input 3)")
    }
    let tables = [word, try stored(n, 3, "position embedding"), try stored(n, 4, "segment embedding")].compactMap { $0 }
    let norm = [try stored(n, 5, "gamma"), try stored(n, 6, "beta")].compactMap { $0 }
    let op = EmbedLayerNorm(
      hidden: word.dims[1], tables: tables.count, sumOutput: n.outputs.count > 2 && !n.outputs[2].isEmpty)
    var tensors = [ids]
    if case .activation? = slot(n, 1), tables.count == 3 { tensors.append(n.inputs[1]) }
    try addLayer(
      n, kind: "embed_layer_norm", op: op, tensors: tensors, weights: tables + norm, buffers: buffers)
  }

  func attention(_ n: ONNXNode, buffers: [Known]) throws {
    let (x, xs) = try activation(n, 0)
    guard let w = try stored(n, 1, "weight"), w.dims.count == 2, xs.rank == 3, w.dims[0] == xs.dims[2] else {
      throw invalid(n, "\(n.opType) needs a stored in×(q+k+v) weight (input 2) matching its B×S×in input \(xs)")
    }
    guard let heads = n.int("num_heads"), heads >= 1 else { throw invalid(n, "\(n.opType) needs num_heads") }
    let sizes = n.ints("qkv_hidden_sizes") ?? Array(repeating: w.dims[1] / 3, count: 3)
    guard sizes.count == 3, sizes.reduce(0, +) == w.dims[1] else {
      throw invalid(n, "\(n.opType): qkv_hidden_sizes \(sizes) do not add up to the weight's \(w.dims[1]) columns")
    }
    let bias = try stored(n, 2, "bias")
    let pastIndex = n.opType == "QAttention" ? 8 : 4
    var past = 0
    if let p = n.input(pastIndex), case .activation(_, let ps)? = slot(named: p), ps.rank == 5 { past = ps.dims[3] }
    let op = FusedAttention(
      heads: heads, keyWidth: sizes[0], valueWidth: sizes[2], projection: w.dims[1], bias: bias != nil,
      pastLength: past)
    try addLayer(
      n, kind: "attention", op: op, tensors: [x], weights: [w] + (bias.map { [$0] } ?? []), buffers: buffers)
  }

  func multiHeadAttention(_ n: ONNXNode) throws {
    let (q, qs) = try activation(n, 0, "query")
    guard let heads = n.int("num_heads"), heads >= 1 else { throw invalid(n, "MultiHeadAttention needs num_heads") }
    guard case .activation(_, let ks)? = slot(n, 1), case .activation(_, let vs)? = slot(n, 2), qs.rank == 3,
      ks.rank == 3, vs.rank == 3
    else {
      throw invalid(
        n,
        "MultiHeadAttention: netcost reads separate B×S×D query, key and value inputs (packed forms are not supported)")
    }
    var past = 0
    if let p = n.input(6), case .activation(_, let ps)? = slot(named: p), ps.rank == 4 { past = ps.dims[2] }
    let bias = try stored(n, 3, "bias")
    let op = FusedAttention(heads: heads, keyWidth: qs.dims[2], valueWidth: vs.dims[2], pastLength: past)
    try addLayer(
      n, kind: "attention", op: op, tensors: [q, n.inputs[1], n.inputs[2]], weights: bias.map { [$0] } ?? [])
  }

  func groupQueryAttention(_ n: ONNXNode) throws {
    let (q, qs) = try activation(n, 0, "query")
    guard let heads = n.int("num_heads"), let kvHeads = n.int("kv_num_heads"), heads >= 1, kvHeads >= 1, qs.rank == 3
    else { throw invalid(n, "GroupQueryAttention needs num_heads, kv_num_heads and a B×S×D query") }
    let packed = n.input(1) == nil
    let width = packed ? qs.dims[2] / (heads + 2 * kvHeads) * heads : qs.dims[2]
    var total = try ints(n, 6, "total_sequence_length")?.first
    if total == nil, let p = n.input(3), case .activation(_, let ps)? = slot(named: p), ps.rank == 4 {
      total = ps.dims[2] + qs.dims[1]
    }
    let keys = total ?? qs.dims[1]
    let op = FusedAttention(heads: heads, keyWidth: width, valueWidth: width, pastLength: max(0, keys - qs.dims[1]))
    try addLayer(n, kind: "attention", op: op, tensors: [q], buffers: storedInputs(n, [7, 8]))
  }
}
