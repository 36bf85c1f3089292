// netcost — Apache-2.0

/// Graph features real exports use (issue 13): model-local functions
/// (FunctionProto, as `torch.onnx.export(dynamo=True)` and onnxscript write
/// them) are inlined; an `If` whose condition is known at load time is its
/// chosen branch; a `Loop` with a constant trip count is unrolled (body ×
/// trips, at most ``maxTrips``). Anything else is one error naming the node.
extension ONNXImporter {
  /// The most iterations a Loop is unrolled to.
  static let maxTrips = 4096
  /// The most nodes an unrolled Loop may add.
  static let maxUnrolledNodes = 200_000
  /// How deeply functions and subgraphs may nest.
  static let maxNesting = 32

  /// Handles a function call, If, Loop or Scan; false for any other node.
  func controlFlow(_ n: ONNXNode) throws -> Bool {
    let standard = n.domain.isEmpty || n.domain == "ai.onnx"
    if !standard, let f = functionIndex()[n.domain + "\u{0}" + n.opType] {
      try inline(n, function: f)
      return true
    }
    guard standard else { return false }
    switch n.opType {
    case "If": try ifNode(n)
    case "Loop": try loop(n)
    case "Scan":
      throw invalid(
        n, "Scan (domain ai.onnx): netcost does not unroll Scan bodies; export the model with the recurrence unrolled")
    default: return false
    }
    return true
  }

  /// The model's functions by domain and name, with their positions.
  func functionIndex() -> [String: Int] {
    if let functions { return functions }
    var m: [String: Int] = [:]
    for (i, f) in model.functions.enumerated() { m[f.domain + "\u{0}" + f.name] = i }
    functions = m
    return m
  }

  /// The bytes of the NodeProto behind `n`.
  func nodeBytes(_ n: ONNXNode) -> Range<Int>? {
    if let r = n.range { return r }
    guard !n.isNested, index().nodes.indices.contains(n.index) else { return nil }
    return index().nodes[n.index]
  }

  /// The NodeProto ranges of the graph in attribute `attribute` of `n`.
  func subgraphNodeRanges(_ n: ONNXNode, attribute: Int) -> [Range<Int>]? {
    guard let node = nodeBytes(n), let attrs = WireIndex.fields(bytes, node, [5])?[5],
      attrs.indices.contains(attribute),
      let g = WireIndex.fields(bytes, attrs[attribute], [6])?[6]?.last
    else { return nil }
    return WireIndex.fields(bytes, g, [1])?[1] ?? []
  }

  /// Processes `protos` (a function body or subgraph) as nodes of the graph:
  /// names in `rename` become their mapped names, other names the body
  /// defines get `prefix`, and names it does not define are the outer scope's.
  func run(
    _ protos: [Onnx_NodeProto], ranges: [Range<Int>]?, owner: ONNXNode, prefix: String, rename: [String: String],
    attributes: ((Onnx_AttributeProto) -> Onnx_AttributeProto?)? = nil
  ) throws {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maxNesting else {
      throw invalid(owner, "\(owner.opType): functions and subgraphs nest more than \(Self.maxNesting) deep")
    }
    var defined: Set<String> = []
    for p in protos { for o in p.output where !o.isEmpty { defined.insert(o) } }
    func map(_ s: String) -> String {
      if s.isEmpty { return s }
      if let r = rename[s] { return r }
      return defined.contains(s) ? prefix + s : s
    }
    for (j, p) in protos.enumerated() {
      var attrs = p.attribute
      var substituted = false
      if let attributes {
        attrs = []
        for a in p.attribute {
          if a.hasRefAttrName {
            substituted = true
            if let v = attributes(a) { attrs.append(v) }
          } else {
            attrs.append(a)
          }
        }
      }
      let name = builder.uniqueName(prefix + (p.name.isEmpty ? "\(p.opType)_\(j)" : p.name))
      let node = ONNXNode(
        index: owner.index, name: name, opType: p.opType, domain: p.domain, inputs: p.input.map(map),
        outputs: p.output.map(map), attributes: attrs,
        range: substituted ? nil : ranges.flatMap { $0.indices.contains(j) ? $0[j] : nil }, isNested: true)
      try process(node)
    }
  }

  /// Makes `name` stand for whatever `source` stands for.
  func alias(_ name: String, to source: String, _ owner: ONNXNode) throws {
    guard !name.isEmpty, name != source else { return }
    switch slot(named: source) {
    case .known(let k)?: setKnown(name, k)
    case .activation(let ref, _)?:
      known[name] = nil
      builder.bind(name, to: ref)
    case nil:
      throw invalid(owner, "\(owner.opType): its body does not define '\(source)'")
    }
  }

  func inline(_ call: ONNXNode, function f: Int) throws {
    let fn = model.functions[f]
    var rename: [String: String] = [:]
    for (i, formal) in fn.input.enumerated() { rename[formal] = call.input(i) ?? "" }
    let prefix = call.name + "/"
    let ranges = WireIndex.fields(bytes, 0..<bytes.count, [25])?[25].flatMap { fs in
      fs.indices.contains(f) ? WireIndex.fields(bytes, fs[f], [7])?[7] : nil
    }
    let defaults = Dictionary(fn.attributeProto.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    try run(fn.node, ranges: ranges, owner: call, prefix: prefix, rename: rename) { ref in
      guard var v = call.attribute(ref.refAttrName)?.0 ?? defaults[ref.refAttrName] else { return nil }
      v.name = ref.name
      return v
    }
    for (i, formal) in fn.output.enumerated() where i < call.outputs.count {
      try alias(call.outputs[i], to: rename[formal] ?? (prefix + formal), call)
    }
  }

  func ifNode(_ n: ONNXNode) throws {
    guard case .known? = slot(n, 0), let v = try? values(n, 0, "condition"), v.count == 1 else {
      throw invalid(
        n,
        "If (domain ai.onnx): its condition is computed at run time; netcost analyzes an If only when the condition is known at load time"
      )
    }
    let branch = v.int(0) != 0 ? "then_branch" : "else_branch"
    guard let (a, ai) = n.attribute(branch), a.hasG else { throw invalid(n, "If has no \(branch)") }
    try subgraph(a.g, n, attribute: ai, prefix: "\(n.name)/", inputs: [])
    for (k, out) in a.g.output.enumerated() where k < n.outputs.count {
      try alias(n.outputs[k], to: resolved(out.name, in: a.g, prefix: "\(n.name)/"), n)
    }
  }

  /// The name a subgraph's value has once processed with `prefix`.
  func resolved(_ name: String, in g: Onnx_GraphProto, prefix: String) -> String {
    let local =
      g.node.contains { $0.output.contains(name) } || g.initializer.contains { $0.name == name }
      || g.input.contains { $0.name == name }
    return local ? prefix + name : name
  }

  /// Processes subgraph `g` (attribute `attribute` of `owner`) with its
  /// inputs bound to `inputs` (by position) and its initializers declared.
  func subgraph(_ g: Onnx_GraphProto, _ owner: ONNXNode, attribute: Int, prefix: String, inputs: [String]) throws {
    var rename: [String: String] = [:]
    for (k, vi) in g.input.enumerated() where k < inputs.count { rename[vi.name] = prefix + vi.name }
    for (k, vi) in g.input.enumerated() where k < inputs.count { try alias(prefix + vi.name, to: inputs[k], owner) }
    for t in g.initializer {
      guard t.dims.allSatisfy({ $0 >= 0 }) else {
        throw invalid(owner, "\(owner.opType): subgraph initializer '\(t.name)' has a negative dimension")
      }
      let k = initType.count
      let dims = t.dims.map { Int($0) }
      let value = Known(dims: dims, type: t.dataType, sources: [k])
      initType.append(t.dataType)
      initWeight.append(
        builder.declareWeight(
          prefix + t.name, elements: value.count, bytes: ONNXType.storedBytes(t.dataType, count: value.count),
          counted: ONNXType.storesWeights(t.dataType, rank: t.dims.count)))
      setKnown(prefix + t.name, value)
      rename[t.name] = prefix + t.name
    }
    try run(
      g.node, ranges: subgraphNodeRanges(owner, attribute: attribute), owner: owner, prefix: prefix, rename: rename)
  }

  func loop(_ n: ONNXNode) throws {
    guard let (a, ai) = n.attribute("body"), a.hasG else { throw invalid(n, "Loop has no body") }
    let body = a.g
    guard let trips = (try? ints(n, 0, "trip count"))??.first else {
      throw invalid(
        n,
        "Loop (domain ai.onnx): its trip count is not known at load time; netcost unrolls only loops with a constant trip count"
      )
    }
    if n.input(1) != nil {
      guard case .known? = slot(n, 1) else {
        throw invalid(n, "Loop (domain ai.onnx): its condition is computed at run time; netcost cannot bound the loop")
      }
    }
    guard trips >= 0, trips <= Self.maxTrips, trips &* max(1, body.node.count) <= Self.maxUnrolledNodes else {
      throw invalid(
        n,
        "Loop: \(trips) iterations of \(body.node.count) nodes is more than netcost unrolls (at most \(Self.maxTrips))")
    }
    var carried = Array(n.inputs.dropFirst(2))
    let scans = body.output.count - 1 - carried.count
    guard body.input.count == carried.count + 2, scans >= 0 else {
      throw invalid(n, "Loop: the body's inputs and outputs do not match the loop's \(carried.count) carried values")
    }
    if scans > 0, n.outputs.dropFirst(carried.count).contains(where: { !$0.isEmpty }) {
      throw invalid(n, "Loop: scan outputs (values stacked over the iterations) are not supported")
    }
    for t in 0..<trips {
      let prefix = "\(n.name)/\(t)/"
      setKnown(prefix + body.input[0].name, Known(dims: [], type: ONNXType.int64, values: .ints([t])))
      setKnown(prefix + body.input[1].name, Known(dims: [], type: ONNXType.bool, values: .ints([1])))
      try subgraph(
        body, n, attribute: ai, prefix: prefix,
        inputs: [prefix + body.input[0].name, prefix + body.input[1].name] + carried)
      carried = body.output.dropFirst().prefix(carried.count).map { resolved($0.name, in: body, prefix: prefix) }
      let cond = resolved(body.output[0].name, in: body, prefix: prefix)
      if case .known(let k)? = slot(named: cond), let v = k.values, v.count == 1, v.int(0) == 0 { break }
    }
    for (k, name) in n.outputs.prefix(carried.count).enumerated() { try alias(name, to: carried[k], n) }
  }
}
