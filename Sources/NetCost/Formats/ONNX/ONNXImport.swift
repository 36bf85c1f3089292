// netcost — Apache-2.0

import SwiftProtobuf

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Choices for reading an ONNX model.
public struct ONNXOptions: Sendable, Equatable {
  /// Values for symbolic dimensions (`dim_param`), by name: `["batch": 16]`.
  public var dims: [String: Int]
  /// The first dimension of every graph input, whatever the model says.
  public var batch: Int?
  /// Keep nodes of unknown op types as uncounted layers, with the output
  /// shapes the model records in its value_info, instead of failing.
  public var allowUnknown: Bool

  /// Creates options.
  public init(dims: [String: Int] = [:], batch: Int? = nil, allowUnknown: Bool = false) {
    self.dims = dims
    self.batch = batch
    self.allowUnknown = allowUnknown
  }
}

/// Reads ONNX models (protobuf, any opset from 7 on) into a ``Graph``.
///
/// Weights are never read: an initializer's dims are enough, so a model
/// whose weights live in external files that are absent still loads.
/// Nodes that only compute shapes or constants (Shape → Gather → Unsqueeze →
/// Concat → Reshape, Constant, ConstantOfShape…) are evaluated at load time
/// and are not layers; every other node becomes a layer with one of
/// netcost's ops, whose parameters are the float initializers it reads.
public enum ONNXImport {
  /// A loaded model.
  public struct Model: Sendable {
    /// The network.
    public var graph: Graph
    /// The shape of every value the model defines (graph inputs, node
    /// outputs, initializers), by ONNX value name, as netcost inferred it;
    /// scalars have the empty shape.
    public var valueShapes: [String: [Int]]
    /// The ai.onnx opset the model imports.
    public var opset: Int
    /// The tool that wrote the model (`producer_name`).
    public var producer: String
    /// Multiply-accumulates of Einsum and MatMul/Gemm nodes whose operands
    /// are all stored (evaluated at load time, so in no layer): what fvcore
    /// counts for them.
    public var foldedMACs: Int = 0
  }

  /// Reads the ONNX model in `file`.
  public static func load(file: String, options: ONNXOptions = .init()) throws(NetCostError) -> Model {
    if BoundedFile.isStandardInput(file) {
      let bytes = try BoundedFile.read(file, limit: BoundedFile.Limit.onnx, what: "an ONNX model")
      return try load(bytes: bytes, file: file, options: options)
    }
    let mapped = try MappedFile(path: file)
    return try withExtendedLifetime(mapped) { () throws(NetCostError) -> Model in
      try load(mapped.bytes, file: file, options: options)
    }
  }

  /// Reads an ONNX model held in memory; `file` names it in messages.
  public static func load(bytes: [UInt8], file: String, options: ONNXOptions = .init()) throws(NetCostError) -> Model {
    do {
      return try bytes.withUnsafeBytes { (b: UnsafeRawBufferPointer) throws -> Model in
        try load(b, file: file, options: options)
      }
    } catch let e as NetCostError {
      throw e
    } catch {
      throw .malformed(SourceLocation(file: file), message: "\(error)")
    }
  }

  static func load(_ bytes: UnsafeRawBufferPointer, file: String, options: ONNXOptions) throws(NetCostError) -> Model {
    let loc = SourceLocation(file: file)
    guard bytes.count > 0 else { throw .emptyFile(file: file) }
    var decoding = BinaryDecodingOptions()
    decoding.discardUnknownFields = true
    let model: Onnx_ModelProto
    do {
      let data = Data(
        bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress!), count: bytes.count, deallocator: .none)
      model = try Onnx_ModelProto(serializedBytes: data, options: decoding)
    } catch let e as BinaryDecodingError {
      let why: String
      switch e {
      case .truncated: why = "the data ends in the middle of a field (a truncated file?)"
      case .invalidUTF8: why = "a text field is not valid UTF-8"
      case .messageDepthLimit: why = "messages are nested too deeply"
      default: why = "the bytes are not well-formed protobuf"
      }
      throw .malformed(loc, message: "not a readable ONNX model: \(why)")
    } catch {
      throw .malformed(loc, message: "not a readable ONNX model: \(error)")
    }
    guard model.hasGraph else {
      throw .malformed(
        loc, message: "not an ONNX model: it has no graph (ModelProto field 7); is it a netcost spec or another file?")
    }
    do {
      let importer = ONNXImporter(file: file, bytes: bytes, model: model, options: options)
      return try importer.run()
    } catch let e as NetCostError {
      throw e
    } catch {
      throw .invalidSpec(loc, layer: nil, message: "\(error)")
    }
  }
}

/// One load of one model.
final class ONNXImporter {
  let file: String
  let loc: SourceLocation
  let bytes: UnsafeRawBufferPointer
  let model: Onnx_ModelProto
  let options: ONNXOptions
  var opset = 17

  /// What a value name stands for.
  enum Slot {
    /// A tensor computed at run time: a graph input or a layer's output.
    case activation(TensorRef, Shape)
    /// A constant, a weight, or something computed from them at load time.
    case known(Known)
  }

  /// The graph being built: layers, their names, the computed tensors by
  /// value name, and the initializers as declared weights.
  var builder: GraphBuilder
  /// Values known at load time (initializers, constants, shapes), by value name.
  var known: [String: Known] = [:]
  /// Outputs of nodes netcost maps to a layer that does not compute them (MaxPool's indices…).
  var dropped: [String: String] = [:]
  var symbols: [String: Int] = [:]
  var nodes: [ONNXNode] = []

  /// Per initializer: element type, and its weight in the builder.
  var initType: [Int32] = [], initWeight: [GraphBuilder.WeightID] = []
  /// Constant layers made for stored tensors used like computed ones, by value name.
  var materialized: [String: (TensorRef, Shape)] = [:]
  /// Byte ranges of the graph's nodes and initializers (built on first need).
  var graphIndex: (nodes: [Range<Int>], initializers: [Range<Int>])?
  var valueInfo: [String: Onnx_ValueInfoProto]?
  /// Initializers that quantized ops read as scales or zero points: buffers, never parameters.
  var quantParams: Set<Int> = []
  /// Stored tensors the next layer reports as buffers (a quantized op's scales).
  var pendingBuffers: [Known] = []
  /// Multiply-accumulates of Einsum, MatMul and Gemm nodes evaluated at load time (all operands stored).
  var foldedMACs = 0
  /// With --allow-unknown: values no shape is known for, by name, with the unknown node they depend on.
  var unsized: [String: String] = [:]
  /// Per unknown node without output shapes, the nodes skipped because they depend on it.
  var skipped: [(node: String, type: String, dependents: [String])] = []
  /// The model's functions by domain and name (built on first need).
  var functions: [String: Int]?
  /// How deeply functions and subgraphs are being processed.
  var nesting = 0

  init(file: String, bytes: UnsafeRawBufferPointer, model: Onnx_ModelProto, options: ONNXOptions) {
    self.file = file
    self.loc = SourceLocation(file: file)
    self.bytes = bytes
    self.model = model
    self.options = options
    self.builder = GraphBuilder(name: Self.modelName(file), weightNoun: "initializer")
  }

  /// What the value `name` stands for, or nil when nothing defines it.
  func slot(named name: String) -> Slot? {
    if let k = known[name] { return .known(k) }
    if let t = builder.tensor(name) { return .activation(t.ref, t.shape) }
    return nil
  }

  /// Makes `name` a value known at load time.
  func setKnown(_ name: String, _ k: Known) {
    known[name] = k
    builder.unbind(name)
  }

  // MARK: Errors

  func invalid(_ node: ONNXNode?, _ message: String) -> NetCostError {
    .invalidSpec(loc, layer: node?.name, message: message)
  }

  // MARK: The walk

  func run() throws -> ONNXImport.Model {
    for o in model.opsetImport where o.domain.isEmpty || o.domain == "ai.onnx" { opset = Int(o.version) }
    let g = model.graph
    try validateGraph(g)
    let roles = Self.quantizationRoles(g.node)
    for (k, t) in g.initializer.enumerated() {
      guard t.dims.allSatisfy({ $0 >= 0 }) else {
        throw invalid(nil, "initializer '\(t.name)' has a negative dimension \(t.dims)")
      }
      let dims = t.dims.map { Int($0) }
      let known = Known(
        dims: dims, type: t.dataType, sources: [k], locator: t.dataLocation == .external ? nil : .initializer(k))
      initType.append(t.dataType)
      // Beside the tensors that store weights, the weights and scales of
      // quantized ops are parameters (int4 ones with their logical size).
      let counted =
        ONNXType.storesWeights(t.dataType, rank: t.dims.count) || roles.weights.contains(t.name)
        || roles.scales.contains(t.name)
      if roles.scales.contains(t.name) { quantParams.insert(k) }
      initWeight.append(
        builder.declareWeight(
          t.name, elements: roles.logical[t.name] ?? known.count,
          bytes: ONNXType.storedBytes(t.dataType, count: known.count), counted: counted))
      setKnown(t.name, known)
    }
    try readInputs(g)
    nodes = try orderedNodes(g)
    for node in nodes { try process(node) }
    for s in skipped {
      let shown = s.dependents.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
      let more = s.dependents.count > 5 ? ", …" : ""
      builder.notes.append(
        Finding(
          kind: .importAssumption, layer: s.node, location: loc,
          message:
            "unknown op type '\(s.type)': the model records no shape for its outputs, so it and the \(s.dependents.count) node(s) that depend on it\(s.dependents.isEmpty ? "" : " (\(shown)\(more))") are not analyzed (counted as 0)"
        ))
    }
    if foldedMACs > 0 {
      builder.notes.append(
        Finding(
          kind: .importAssumption, layer: "", location: loc,
          message:
            "Einsum and MatMul nodes on stored tensors only are evaluated at load time, so their \(foldedMACs) multiply-accumulates (for an einsum the product of every index extent; fvcore counts them) are not in the MACs"
        ))
    }
    var graph = try builder.build()
    // Activations and weights are sized in the first float input's type, else the weights'.
    if !builder.inputs.contains(where: { $0.dtype.isFloatingPoint }), let t = initType.first(where: ONNXType.isFloat) {
      graph.dtype = ONNXType.dtype(t)
    }
    var shapes: [String: [Int]] = [:]
    shapes.reserveCapacity(known.count + builder.names.count)
    for (name, k) in known { shapes[name] = k.dims }
    for name in builder.names.keys { if let t = builder.tensor(name) { shapes[name] = t.shape.dims } }
    return ONNXImport.Model(
      graph: graph, valueShapes: shapes, opset: opset, producer: model.producerName,
      foldedMACs: foldedMACs)
  }

  static func modelName(_ file: String) -> String {
    var base = Substring(file)
    if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
    if base.hasSuffix(".onnx") { base = base.dropLast(5) }
    return base.isEmpty ? "model" : String(base)
  }

  /// Graph inputs that are not initializers, with every dimension resolved.
  func readInputs(_ g: Onnx_GraphProto) throws {
    let batchNames = g.input.compactMap { vi -> String? in
      guard options.batch != nil, let d = vi.type.tensorType.shape.dim.first, case .dimParam(let p)? = d.value else {
        return nil
      }
      return p
    }
    symbols = options.dims
    if let b = options.batch { for p in batchNames where symbols[p] == nil { symbols[p] = b } }
    var declared: Set<String> = []
    for vi in g.input {
      for d in vi.type.tensorType.shape.dim { if case .dimParam(let p)? = d.value { declared.insert(p) } }
    }
    for vi in g.valueInfo + g.output {
      for d in vi.type.tensorType.shape.dim { if case .dimParam(let p)? = d.value { declared.insert(p) } }
    }
    for name in options.dims.keys.sorted() where !declared.contains(name) {
      let known = declared.sorted().map { "'\($0)'" }.joined(separator: ", ")
      throw invalid(
        nil,
        "--dim \(name)=…: the model has no symbolic dimension '\(name)'"
          + (known.isEmpty ? " (it has none)" : " (it has \(known))"))
    }
    for vi in g.input where slot(named: vi.name) == nil {
      guard case .tensorType(let t)? = vi.type.value else {
        throw invalid(nil, "input '\(vi.name)' is not a tensor (sequence and map inputs are not supported)")
      }
      guard t.hasShape else {
        throw invalid(nil, "input '\(vi.name)' has no shape in the model; netcost needs every input's rank and sizes")
      }
      var dims: [Int] = []
      for (j, d) in t.shape.dim.enumerated() {
        if j == 0, let b = options.batch {
          guard b >= 1 else { throw invalid(nil, "--batch must be at least 1, found \(b)") }
          dims.append(b)
          continue
        }
        switch d.value {
        case .dimValue(let v)?:
          guard v >= 1 else {
            throw invalid(nil, "input '\(vi.name)': dimension \(j) is \(v); every dimension must be at least 1")
          }
          dims.append(Int(v))
        case .dimParam(let p)?:
          guard let v = symbols[p] else {
            let hint = j == 0 ? "--dim \(p)=N or --batch N" : "--dim \(p)=N"
            throw invalid(nil, "input '\(vi.name)': dimension \(j) is the symbolic '\(p)'; give its size with \(hint)")
          }
          guard v >= 1 else { throw invalid(nil, "--dim \(p)=\(v): sizes must be at least 1") }
          dims.append(v)
        case nil:
          throw invalid(
            nil,
            "input '\(vi.name)': dimension \(j) has neither a size nor a name; netcost cannot analyze it"
              + (j == 0 ? " (--batch N sets it)" : ""))
        }
      }
      guard let shape = Shape(dims) else {
        throw invalid(nil, "input '\(vi.name)' is a scalar; netcost needs inputs with at least one axis")
      }
      do { _ = try shape.elementCount() } catch {
        throw invalid(nil, "input '\(vi.name)': the element count of \(shape) does not fit in a 64-bit integer")
      }
      // Integer inputs are token ids: no spatial axes to follow.
      builder.addInput(
        GraphInput(
          name: vi.name, dims: dims, dtype: ONNXType.dtype(t.elemType), isSequence: !ONNXType.isFloat(t.elemType),
          location: loc, dimsIncludeBatch: true),
        shape: shape)
    }
    guard !builder.inputs.isEmpty else {
      throw invalid(nil, "the graph has no inputs besides its initializers: nothing is computed at run time")
    }
  }

  /// The nodes, each after the nodes it reads from (the file's order when it already is one).
  func orderedNodes(_ g: Onnx_GraphProto) throws -> [ONNXNode] {
    var list: [ONNXNode] = []
    list.reserveCapacity(g.node.count)
    for (i, n) in g.node.enumerated() {
      let name = builder.uniqueName(n.name, opType: n.opType, index: i)
      list.append(
        ONNXNode(
          index: i, name: name, opType: n.opType, domain: n.domain, inputs: n.input, outputs: n.output,
          attributes: n.attribute))
    }
    var producer: [String: Int] = [:]
    for (i, n) in list.enumerated() { for o in n.outputs where !o.isEmpty { producer[o] = i } }
    var sorted = true
    var defined = Set(known.keys).union(builder.names.keys)
    outer: for n in list {
      for name in n.inputs where !name.isEmpty && !defined.contains(name) {
        guard producer[name] != nil else {
          throw invalid(
            n, "\(n.opType) reads '\(name)', which no graph input, initializer or node defines (a missing initializer?)"
          )
        }
        sorted = false
        break outer
      }
      for o in n.outputs where !o.isEmpty { defined.insert(o) }
    }
    if sorted { return list }
    // Kahn's algorithm, earliest node first.
    var producers = Array(repeating: [Int](), count: list.count)
    for (i, n) in list.enumerated() {
      for name in Set(n.inputs) where !name.isEmpty && slot(named: name) == nil {
        guard let p = producer[name] else {
          throw invalid(
            n, "\(n.opType) reads '\(name)', which no graph input, initializer or node defines (a missing initializer?)"
          )
        }
        if p != i { producers[i].append(p) }
      }
    }
    let (order, blocked) = TopologicalOrder.sort(count: list.count) { producers[$0] }
    guard blocked.isEmpty else {
      let stuck = blocked.prefix(5).map { list[$0].name }
      throw invalid(list[blocked[0]], "nodes depend on each other in a cycle (among \(stuck.joined(separator: ", ")))")
    }
    return order.map { list[$0] }
  }

  func process(_ node: ONNXNode) throws {
    try validate(node)
    if !unsized.isEmpty, let origin = node.inputs.lazy.compactMap({ self.unsized[$0] }).first {
      // Depends on an unknown op's output of unknown shape: listed, not guessed.
      for o in node.outputs where !o.isEmpty { unsized[o] = origin }
      if let k = skipped.firstIndex(where: { $0.node == origin }) { skipped[k].dependents.append(node.name) }
      return
    }
    var hasActivation = false
    for name in node.inputs where !name.isEmpty {
      guard let slot = slot(named: name) else {
        if let why = dropped[name] { throw invalid(node, "\(node.opType) reads '\(name)', \(why)") }
        throw invalid(
          node,
          "\(node.opType) reads '\(name)', which no graph input, initializer or node defines (a missing initializer?)")
      }
      if case .activation = slot { hasActivation = true }
    }
    if try controlFlow(node) { return }
    let contrib = node.domain == "com.microsoft"
    let standard =
      node.domain.isEmpty || node.domain == "ai.onnx"
      || (contrib && (node.opType == "QuantizeLinear" || node.opType == "DequantizeLinear"))
    if standard, Fold.ops.contains(node.opType), !hasActivation || node.opType == "Shape" || node.opType == "Size" {
      try fold(node)
      return
    }
    if standard, try map(node) { return }
    if contrib, try mapContribOp(node) { return }
    try unknownOp(node)
  }

  /// Evaluates a node whose inputs are all known.
  func fold(_ node: ONNXNode) throws {
    var ins: [Known?] = []
    for name in node.inputs {
      guard !name.isEmpty, let slot = slot(named: name) else {
        ins.append(nil)
        continue
      }
      switch slot {
      case .activation(_, let s): ins.append(Known(dims: s.dims, type: ONNXType.float))
      case .known(var k):
        if k.values == nil, k.locator != nil, ONNXType.isInteger(k.type) || k.count <= 16, k.count <= Fold.maxElements {
          k.values = try? load(k)
          setKnown(name, k)
        }
        ins.append(k)
      }
    }
    let outs: [Known]
    do {
      outs = try Fold.evaluate(node, ins) { (attr: String) throws(FoldIssue) -> Known? in
        try self.tensorAttribute(node, attr)
      }
    } catch {
      throw invalid(node, "\(node.opType): \(error.message)")
    }
    if node.opType == "Einsum" { foldedMACs &+= Fold.einsumMACs(node, ins) }
    for (k, name) in node.outputs.enumerated() where !name.isEmpty {
      guard k < outs.count else {
        dropped[name] = "output \(k + 1) of \(node.described), which netcost does not compute"
        continue
      }
      setKnown(name, outs[k])
    }
  }

  /// The tensor attribute `name` of `node`, with its values when small.
  func tensorAttribute(_ node: ONNXNode, _ name: String) throws(FoldIssue) -> Known? {
    guard let (a, i) = node.attribute(name), a.hasT else { return nil }
    let t = a.t
    guard t.dims.allSatisfy({ $0 >= 0 }) else { throw FoldIssue("attribute '\(name)' has a negative dimension") }
    var k = Known(
      dims: t.dims.map { Int($0) }, type: t.dataType,
      locator: t.dataLocation == .external
        ? nil
        : node.range.map { .nodeAttribute($0, attribute: i) }
          ?? (node.isNested ? nil : .attribute(node: node.index, attribute: i)))
    if k.count <= Fold.maxElements, k.locator != nil { k.values = try load(k) }
    return k
  }

  /// Decodes a stored tensor's values from its own bytes.
  func load(_ k: Known) throws(FoldIssue) -> Values {
    guard let locator = k.locator else { throw FoldIssue("its values are stored outside the model file") }
    let range: Range<Int>?
    switch locator {
    case .initializer(let i):
      range = index().initializers.indices.contains(i) ? index().initializers[i] : nil
    case .nodeAttribute(let node, let a):
      if let attrs = WireIndex.fields(bytes, node, [5])?[5], attrs.indices.contains(a),
        let t = WireIndex.fields(bytes, attrs[a], [5])?[5]?.last
      {
        range = t
      } else {
        range = nil
      }
    case .attribute(let n, let a):
      let nodeRanges = index().nodes
      if nodeRanges.indices.contains(n), let attrs = WireIndex.fields(bytes, nodeRanges[n], [5])?[5],
        attrs.indices.contains(a),
        let t = WireIndex.fields(bytes, attrs[a], [5])?[5]?.last
      {
        range = t
      } else {
        range = nil
      }
    }
    guard let range else { throw FoldIssue("its bytes could not be located") }
    let data = Data(
      bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + range.lowerBound), count: range.count,
      deallocator: .none)
    let t: Onnx_TensorDataProto
    do { t = try Onnx_TensorDataProto(serializedBytes: data) } catch {
      throw FoldIssue("its bytes are not a readable tensor")
    }
    return try TensorPayload.values(t, count: k.count)
  }

  /// Where the graph's nodes and initializers sit in the file.
  func index() -> (nodes: [Range<Int>], initializers: [Range<Int>]) {
    if let graphIndex { return graphIndex }
    var nodes: [Range<Int>] = []
    var inits: [Range<Int>] = []
    for g in WireIndex.fields(bytes, 0..<bytes.count, [7])?[7] ?? [] {
      let f = WireIndex.fields(bytes, g, [1, 5]) ?? [:]
      nodes += f[1] ?? []
      inits += f[5] ?? []
    }
    graphIndex = (nodes, inits)
    return (nodes, inits)
  }

  // MARK: Layers

  /// The value behind input `i` of `node`, if present.
  func slot(_ node: ONNXNode, _ i: Int) -> Slot? {
    guard let name = node.input(i) else { return nil }
    return slot(named: name)
  }

  /// Input `i` as a tensor computed at run time.
  func activation(_ node: ONNXNode, _ i: Int, _ what: String = "input") throws -> (String, Shape) {
    guard let name = node.input(i), let s = slot(named: name) else {
      throw invalid(node, "\(node.opType) needs \(what) (input \(i + 1))")
    }
    guard case .activation(_, let shape) = s else {
      throw invalid(
        node,
        "\(node.opType) \(what) (input \(i + 1), '\(name)') is a constant; netcost expects a tensor computed at run time there"
      )
    }
    return (name, shape)
  }

  /// Input `i` as a stored or load-time value (a weight), or nil when absent.
  func stored(_ node: ONNXNode, _ i: Int, _ what: String) throws -> Known? {
    guard let name = node.input(i), let s = slot(named: name) else { return nil }
    guard case .known(let k) = s else {
      throw invalid(
        node,
        "\(node.opType) \(what) (input \(i + 1), '\(name)') is computed at run time; netcost supports only stored \(what)s here"
      )
    }
    return k
  }

  /// The values of input `i`, which must be known at load time; nil when absent.
  func values(_ node: ONNXNode, _ i: Int, _ what: String) throws -> Values? {
    guard let name = node.input(i), let s = slot(named: name) else { return nil }
    guard case .known(var k) = s else {
      throw invalid(
        node,
        "\(node.opType) \(what) (input \(i + 1), '\(name)') depends on values computed at run time; netcost needs it at load time"
      )
    }
    if k.values == nil, k.count <= Fold.maxElements {
      do { k.values = try load(k) } catch {
        throw invalid(node, "\(node.opType) \(what) (input \(i + 1), '\(name)'): \(error.message)")
      }
      setKnown(name, k)
    }
    guard let v = k.values else {
      throw invalid(node, "\(node.opType) \(what) (input \(i + 1), '\(name)') is not known at load time")
    }
    return v
  }

  func ints(_ node: ONNXNode, _ i: Int, _ what: String) throws -> [Int]? {
    try values(node, i, what).map { v in (0..<v.count).map { v.int($0) } }
  }

  func doubles(_ node: ONNXNode, _ i: Int, _ what: String) throws -> [Double]? {
    try values(node, i, what).map { v in (0..<v.count).map { v.double($0) } }
  }

  /// A tensor made available to a layer: computed ones by reference, stored
  /// ones as a `constant` layer (made once per value).
  func tensor(_ name: String) throws -> (TensorRef, Shape) {
    switch slot(named: name) {
    case .activation(let r, let s)?: return (r, s)
    case .known(let k)?:
      if let m = materialized[name] { return m }
      guard let shape = Shape(k.dims.isEmpty ? [1] : k.dims) else {
        throw invalid(
          nil, "value '\(name)' has an empty dimension (\(k.dims)); netcost's tensors have sizes of at least 1")
      }
      let index = builder.layers.count
      try builder.addLayer(
        name: builder.uniqueName(name), kind: "constant", op: StoredTensor(shape: shape), inputs: [],
        weights: k.sources.map { initWeight[$0] }, location: loc)
      materialized[name] = (.output(layer: index, index: 0), shape)
      return (.output(layer: index, index: 0), shape)
    case nil:
      throw invalid(nil, "value '\(name)' is not defined")
    }
  }

  /// Adds a layer for `node`: `tensors` are the value names it reads as
  /// tensors, `weights` the stored values it absorbs (their float
  /// initializers are its parameters), `buffers` stored non-trainable state.
  @discardableResult
  func addLayer(
    _ node: ONNXNode, kind: String, op: any Operator, tensors: [String], weights: [Known] = [], buffers: [Known] = []
  ) throws -> [Shape] {
    var refs: [TensorRef] = []
    for t in tensors { refs.append(try tensor(t).0) }
    let extra = pendingBuffers
    pendingBuffers = []
    let declared = !weights.isEmpty || !buffers.isEmpty || !extra.isEmpty
    // Scales and zero points (also those folded into a dequantized weight) are buffers.
    let sources = weights.flatMap(\.sources)
    let stored = (buffers + extra).flatMap(\.sources) + sources.filter { quantParams.contains($0) }
    let outs = try builder.addLayer(
      name: node.name, kind: kind, op: op, inputs: refs, outputs: node.outputs,
      weights: declared ? sources.filter { !quantParams.contains($0) }.map { initWeight[$0] } : nil,
      buffers: stored.map { initWeight[$0] }, location: loc, sourceType: node.opType)
    for (k, name) in node.outputs.enumerated() where !name.isEmpty {
      if k < outs.count {
        known[name] = nil
      } else {
        dropped[name] =
          "output \(k + 1) of \(node.described), which netcost does not compute (its layer has \(outs.count) output(s))"
      }
    }
    return outs
  }

  /// A node of an op type netcost has no rule for.
  func unknownOp(_ node: ONNXNode) throws {
    let type = node.domain.isEmpty || node.domain == "ai.onnx" ? node.opType : "\(node.domain).\(node.opType)"
    guard options.allowUnknown else {
      throw invalid(
        node,
        "unknown op type '\(type)': netcost has no shape or cost rule for it (--allow-unknown counts it as 0, taking its output shapes from the model's value_info)"
      )
    }
    if valueInfo == nil {
      var m: [String: Onnx_ValueInfoProto] = [:]
      for vi in model.graph.valueInfo + model.graph.output { m[vi.name] = vi }
      valueInfo = m
    }
    var shapes: [Shape] = []
    for name in node.outputs where !name.isEmpty {
      // No recorded shape, or one with sizes only shape inference invented
      // (unk__N): the outputs are unsized, and what reads them is skipped.
      guard let vi = valueInfo?[name], case .tensorType(let t)? = vi.type.value, t.hasShape,
        !t.shape.dim.contains(where: {
          if case .dimParam(let p)? = $0.value { return p.hasPrefix("unk__") } else { return $0.value == nil }
        })
      else {
        for o in node.outputs where !o.isEmpty { unsized[o] = node.name }
        for o in node.outputs where !o.isEmpty { known[o] = nil }
        skipped.append((node.name, type, []))
        return
      }
      var dims: [Int] = []
      for (j, d) in t.shape.dim.enumerated() {
        switch d.value {
        case .dimValue(let v)? where v >= 1: dims.append(Int(v))
        case .dimParam(let p)?:
          guard let v = symbols[p] else {
            throw invalid(
              node,
              "unknown op type '\(type)': the value_info shape of '\(name)' has the symbolic dimension '\(p)'; give its size with --dim \(p)=N"
            )
          }
          dims.append(v)
        default:
          throw invalid(
            node, "unknown op type '\(type)': the value_info shape of '\(name)' has no usable size for dimension \(j)")
        }
      }
      guard let s = Shape(dims.isEmpty ? [1] : dims) else {
        throw invalid(node, "unknown op type '\(type)': bad shape \(dims) for '\(name)'")
      }
      shapes.append(s)
    }
    var tensors: [String] = []
    var weights: [Known] = []
    for name in node.inputs where !name.isEmpty {
      switch slot(named: name) {
      case .activation?: tensors.append(name)
      case .known(let k)?: weights.append(k)
      case nil: break
      }
    }
    let outputs = node.outputs.filter { !$0.isEmpty }
    let op = Uncounted(shapes: shapes)
    let compact = ONNXNode(
      index: node.index, name: node.name, opType: node.opType, domain: node.domain, inputs: node.inputs,
      outputs: outputs, attributes: node.attributes)
    try addLayer(compact, kind: type.lowercased(), op: op, tensors: tensors, weights: weights)
  }
}
