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
  }

  /// Reads the ONNX model in `file`.
  public static func load(file: String, options: ONNXOptions = .init()) throws(NetCostError) -> Model {
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

  var slots: [String: Slot] = [:]
  /// Outputs of nodes netcost maps to a layer that does not compute them (MaxPool's indices…).
  var dropped: [String: String] = [:]
  var layers: [Layer] = []
  var usedNames: Set<String> = []
  var inputs: [GraphInput] = []
  var symbols: [String: Int] = [:]
  var nodes: [ONNXNode] = []

  /// Per initializer: element count, element type, name.
  var initCount: [Int] = [], initType: [Int32] = [], initName: [String] = []
  /// Per initializer: the layers that read it, first one counting it.
  var initUsers: [Int: [Int]] = [:]
  /// Constant layers made for stored tensors used like computed ones, by value name.
  var materialized: [String: (TensorRef, Shape)] = [:]
  /// Byte ranges of the graph's nodes and initializers (built on first need).
  var graphIndex: (nodes: [Range<Int>], initializers: [Range<Int>])?
  var valueInfo: [String: Onnx_ValueInfoProto]?

  init(file: String, bytes: UnsafeRawBufferPointer, model: Onnx_ModelProto, options: ONNXOptions) {
    self.file = file
    self.loc = SourceLocation(file: file)
    self.bytes = bytes
    self.model = model
    self.options = options
  }

  // MARK: Errors

  func invalid(_ node: ONNXNode?, _ message: String) -> NetCostError {
    .invalidSpec(loc, layer: node?.name, message: message)
  }

  // MARK: The walk

  func run() throws -> ONNXImport.Model {
    for o in model.opsetImport where o.domain.isEmpty || o.domain == "ai.onnx" { opset = Int(o.version) }
    let g = model.graph
    for (k, t) in g.initializer.enumerated() {
      guard t.dims.allSatisfy({ $0 >= 0 }) else {
        throw invalid(nil, "initializer '\(t.name)' has a negative dimension \(t.dims)")
      }
      let dims = t.dims.map { Int($0) }
      let known = Known(
        dims: dims, type: t.dataType, sources: [k], locator: t.dataLocation == .external ? nil : .initializer(k))
      initCount.append(known.count)
      initType.append(t.dataType)
      initName.append(t.name)
      slots[t.name] = .known(known)
    }
    try readInputs(g)
    nodes = try orderedNodes(g)
    for node in nodes { try process(node) }
    var graph = try Graph(name: Self.modelName(file), inputs: inputs, layers: layers)
    graph.notes = sharedNotes()
    // Activations and weights are sized in the first float input's type, else the weights'.
    if !inputs.contains(where: { $0.dtype.isFloatingPoint }), let t = initType.first(where: ONNXType.isFloat) {
      graph.dtype = ONNXType.dtype(t)
    }
    var shapes: [String: [Int]] = [:]
    shapes.reserveCapacity(slots.count)
    for (name, s) in slots {
      switch s {
      case .activation(_, let shape): shapes[name] = shape.dims
      case .known(let k): shapes[name] = k.dims
      }
    }
    return ONNXImport.Model(graph: graph, valueShapes: shapes, opset: opset, producer: model.producerName)
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
    for vi in g.input where slots[vi.name] == nil {
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
      inputs.append(
        GraphInput(
          name: vi.name, dims: dims, dtype: ONNXType.dtype(t.elemType), isSequence: !ONNXType.isFloat(t.elemType),
          location: loc, dimsIncludeBatch: true))
      slots[vi.name] = .activation(.input(inputs.count - 1), shape)
    }
    guard !inputs.isEmpty else {
      throw invalid(nil, "the graph has no inputs besides its initializers: nothing is computed at run time")
    }
  }

  /// The nodes, each after the nodes it reads from (the file's order when it already is one).
  func orderedNodes(_ g: Onnx_GraphProto) throws -> [ONNXNode] {
    var seen: Set<String> = []
    var list: [ONNXNode] = []
    list.reserveCapacity(g.node.count)
    for (i, n) in g.node.enumerated() {
      var name = n.name.isEmpty ? "\(n.opType)_\(i)" : n.name
      if seen.contains(name) {
        var k = 2
        while seen.contains("\(name)#\(k)") { k += 1 }
        name = "\(name)#\(k)"
      }
      seen.insert(name)
      list.append(
        ONNXNode(
          index: i, name: name, opType: n.opType, domain: n.domain, inputs: n.input, outputs: n.output,
          attributes: n.attribute))
    }
    usedNames = seen
    var producer: [String: Int] = [:]
    for (i, n) in list.enumerated() { for o in n.outputs where !o.isEmpty { producer[o] = i } }
    var sorted = true
    var defined = Set(slots.keys)
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
    var indegree = Array(repeating: 0, count: list.count)
    var consumers = Array(repeating: [Int](), count: list.count)
    for (i, n) in list.enumerated() {
      for name in Set(n.inputs) where !name.isEmpty && slots[name] == nil {
        guard let p = producer[name] else {
          throw invalid(
            n, "\(n.opType) reads '\(name)', which no graph input, initializer or node defines (a missing initializer?)"
          )
        }
        if p != i {
          indegree[i] += 1
          consumers[p].append(i)
        }
      }
    }
    var ready = (0..<list.count).filter { indegree[$0] == 0 }.reversed().map { $0 }
    var order: [ONNXNode] = []
    while let i = ready.popLast() {
      order.append(list[i])
      for c in consumers[i] {
        indegree[c] -= 1
        if indegree[c] == 0 {
          let pos = ready.firstIndex { $0 < c } ?? ready.count
          ready.insert(c, at: pos)
        }
      }
    }
    guard order.count == list.count else {
      let stuck = list.indices.filter { indegree[$0] > 0 }.prefix(5).map { list[$0].name }
      throw invalid(
        list[list.indices.first { indegree[$0] > 0 }!],
        "nodes depend on each other in a cycle (among \(stuck.joined(separator: ", ")))")
    }
    return order
  }

  func process(_ node: ONNXNode) throws {
    var hasActivation = false
    for name in node.inputs where !name.isEmpty {
      guard let slot = slots[name] else {
        if let why = dropped[name] { throw invalid(node, "\(node.opType) reads '\(name)', \(why)") }
        throw invalid(
          node,
          "\(node.opType) reads '\(name)', which no graph input, initializer or node defines (a missing initializer?)")
      }
      if case .activation = slot { hasActivation = true }
    }
    let standard = node.domain.isEmpty || node.domain == "ai.onnx"
    if standard, Fold.ops.contains(node.opType), !hasActivation || node.opType == "Shape" || node.opType == "Size" {
      try fold(node)
      return
    }
    if standard, try map(node) { return }
    try unknownOp(node)
  }

  /// Evaluates a node whose inputs are all known.
  func fold(_ node: ONNXNode) throws {
    var ins: [Known?] = []
    for name in node.inputs {
      guard !name.isEmpty, let slot = slots[name] else {
        ins.append(nil)
        continue
      }
      switch slot {
      case .activation(_, let s): ins.append(Known(dims: s.dims, type: ONNXType.float))
      case .known(var k):
        if k.values == nil, k.locator != nil, ONNXType.isInteger(k.type) || k.count <= 16, k.count <= Fold.maxElements {
          k.values = try? load(k)
          slots[name] = .known(k)
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
    for (k, name) in node.outputs.enumerated() where !name.isEmpty {
      guard k < outs.count else {
        dropped[name] = "output \(k + 1) of \(node.described), which netcost does not compute"
        continue
      }
      slots[name] = .known(outs[k])
    }
  }

  /// The tensor attribute `name` of `node`, with its values when small.
  func tensorAttribute(_ node: ONNXNode, _ name: String) throws(FoldIssue) -> Known? {
    guard let (a, i) = node.attribute(name), a.hasT else { return nil }
    let t = a.t
    guard t.dims.allSatisfy({ $0 >= 0 }) else { throw FoldIssue("attribute '\(name)' has a negative dimension") }
    var k = Known(
      dims: t.dims.map { Int($0) }, type: t.dataType,
      locator: t.dataLocation == .external ? nil : .attribute(node: node.index, attribute: i))
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
    return slots[name]
  }

  /// Input `i` as a tensor computed at run time.
  func activation(_ node: ONNXNode, _ i: Int, _ what: String = "input") throws -> (String, Shape) {
    guard let name = node.input(i), let s = slots[name] else {
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
    guard let name = node.input(i), let s = slots[name] else { return nil }
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
    guard let name = node.input(i), let s = slots[name] else { return nil }
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
      slots[name] = .known(k)
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

  /// Attributes for an op's `init(kind:attributes:)`, located at the model file.
  func attributes(_ node: ONNXNode, _ fields: [String: JSONValue]) -> Attributes {
    let members = fields.sorted { $0.key < $1.key }.map {
      JSONObject.Member(key: $0.key, value: $0.value, location: nil)
    }
    return Attributes(object: JSONObject(members: members), layer: node.name, location: loc)
  }

  static func json(_ v: [Int]) -> JSONValue { .array(v.map { .int($0) }) }

  /// A tensor made available to a layer: computed ones by reference, stored
  /// ones as a `constant` layer (made once per value).
  func tensor(_ name: String) throws -> (TensorRef, Shape) {
    switch slots[name] {
    case .activation(let r, let s)?: return (r, s)
    case .known(let k)?:
      if let m = materialized[name] { return m }
      guard let shape = Shape(k.dims.isEmpty ? [1] : k.dims) else {
        throw invalid(
          nil, "value '\(name)' has an empty dimension (\(k.dims)); netcost's tensors have sizes of at least 1")
      }
      let index = layers.count
      let params = declare(k.sources, layer: index)
      var layerName = name
      if usedNames.contains(layerName) {
        var n = 2
        while usedNames.contains("\(name)#\(n)") { n += 1 }
        layerName = "\(name)#\(n)"
      }
      usedNames.insert(layerName)
      layers.append(
        Layer(
          name: layerName, kind: "constant",
          op: DeclaredWeights(op: StoredTensor(shape: shape), params: params, buffers: 0), inputs: [], location: loc))
      materialized[name] = (.output(layer: index, index: 0), shape)
      return (.output(layer: index, index: 0), shape)
    case nil:
      throw invalid(nil, "value '\(name)' is not defined")
    }
  }

  /// Counts the float initializers among `sources` that no earlier layer
  /// counted; remembers every reader for the shared-weights notes.
  func declare(_ sources: [Int], layer: Int) -> Int {
    var total = 0
    for s in Set(sources).sorted() where ONNXType.isFloat(initType[s]) {
      var users = initUsers[s] ?? []
      if users.isEmpty { total = total &+ initCount[s] }
      if users.last != layer { users.append(layer) }
      initUsers[s] = users
    }
    return total
  }

  /// Adds a layer for `node`: `tensors` are the value names it reads as
  /// tensors, `weights` the stored values it absorbs (their float
  /// initializers are its parameters), `buffers` stored non-trainable state.
  @discardableResult
  func addLayer(
    _ node: ONNXNode, kind: String, op: any Operator, tensors: [String], weights: [Known] = [], buffers: [Known] = []
  ) throws -> [Shape] {
    var refs: [TensorRef] = []
    var shapes: [Shape] = []
    for t in tensors {
      let (r, s) = try tensor(t)
      refs.append(r)
      shapes.append(s)
    }
    let outs: [Shape]
    do {
      outs = try op.outputShapes(shapes)
    } catch let issue as ShapeIssue {
      let message = shapes.count == 1 ? "\(issue.message) (input \(shapes[0]))" : issue.message
      throw NetCostError.shape(loc, layer: node.name, message: "\(node.opType): \(message)")
    } catch let o as ArithmeticOverflow {
      throw NetCostError.overflow(loc, layer: node.name, what: o.what)
    }
    let index = layers.count
    var layerOp = op
    if !weights.isEmpty || !buffers.isEmpty {
      let params = declare(weights.flatMap(\.sources), layer: index)
      let stored = declare(buffers.flatMap(\.sources), layer: index)
      layerOp = DeclaredWeights(op: op, params: params, buffers: stored)
    }
    layers.append(Layer(name: node.name, kind: kind, op: layerOp, inputs: refs, location: loc))
    for (k, name) in node.outputs.enumerated() where !name.isEmpty {
      if k < outs.count {
        slots[name] = .activation(.output(layer: index, index: k), outs[k])
      } else {
        dropped[name] =
          "output \(k + 1) of \(node.described), which netcost does not compute (its layer has \(outs.count) output(s))"
      }
    }
    return outs
  }

  /// The notes for initializers several layers read.
  func sharedNotes() -> [Finding] {
    var out: [Finding] = []
    for s in initUsers.keys.sorted() {
      guard let users = initUsers[s], users.count > 1 else { continue }
      let first = layers[users[0]].name
      let others =
        users.dropFirst().prefix(3).map { "'\(layers[$0].name)'" }.joined(separator: ", ")
        + (users.count > 4 ? ", …" : "")
      out.append(
        Finding(
          kind: .sharedWeights, layer: first, location: loc,
          message:
            "initializer '\(initName[s])' (\(initCount[s]) elements) is read by \(users.count) layers (also \(others)); its parameters are counted once, here"
        ))
    }
    return out
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
      guard let vi = valueInfo?[name], case .tensorType(let t)? = vi.type.value, t.hasShape else {
        throw invalid(
          node,
          "unknown op type '\(type)': with --allow-unknown its output shapes come from the model's value_info, which has no shape for '\(name)'"
        )
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
      switch slots[name] {
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
