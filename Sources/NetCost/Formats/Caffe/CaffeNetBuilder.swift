// netcost — Apache-2.0

/// Turns a decoded `Caffe_NetParameter` into a ``Graph``, layer by layer in
/// file order, as Caffe's Net builds it: blob names bind to the latest
/// layer that wrote them, so an in-place layer (top == bottom) re-binds its
/// blob; layers excluded from phase TEST are left out.
///
/// Blobs, layers and shapes are kept by the ``GraphBuilder`` every importer
/// shares: each layer's output shapes are inferred as it is added (one image
/// per batch), so a layer that does not fit its bottoms is reported at that
/// layer, in the same words as for every other format.
struct CaffeNetBuilder {
  let file: String
  let net: Caffe_NetParameter
  let fields: [PrototxtField]

  var graph: GraphBuilder
  var layerNames: [String: SourceLocation] = [:]
  var declaredBatch: Int?

  init(file: String, net: Caffe_NetParameter, fields: [PrototxtField]) {
    self.file = file
    self.net = net
    self.fields = fields
    self.graph = GraphBuilder(name: net.name.isEmpty ? "caffe" : net.name, weightNoun: "blob")
  }

  /// Where the file starts, for errors about the file as a whole.
  var fileStart: SourceLocation {
    fields.first.map { $0.location(file) } ?? SourceLocation(file: file)
  }

  /// The top-level fields named `name`, in order.
  func top(_ name: String) -> [PrototxtField] { fields.filter { $0.name == name } }

  mutating func build() throws(NetCostError) -> CaffeImport.Model {
    try legacyInputs()
    let layerFields = top("layer")
    let v1Fields = top("layers")
    if !net.layer.isEmpty, !net.layers.isEmpty {
      throw .invalidSpec(
        v1Fields[0].location(file), layer: nil,
        message:
          "the file mixes 'layer' (line \(layerFields[0].line)) and legacy V1 'layers' blocks; Caffe reads one form")
    }
    if net.layers.isEmpty {
      for (p, f) in zip(net.layer, layerFields) { try add(p, at: f) }
    } else {
      for (v, f) in zip(net.layers, v1Fields) { try add(try CaffeV1.upgrade(v, at: f, file: file), at: f) }
    }
    guard !graph.inputs.isEmpty else {
      throw .invalidSpec(
        fileStart, layer: nil,
        message:
          "the network declares no input: expected 'input' with 'input_shape' or 'input_dim', or an Input layer (a training prototxt's Data layers are not read; use the deploy file)"
      )
    }
    guard !graph.layers.isEmpty else {
      throw .invalidSpec(fileStart, layer: nil, message: "the network has no layers")
    }
    return CaffeImport.Model(graph: try graph.build(), blobs: graph.names, declaredBatch: declaredBatch)
  }

  // MARK: - Inputs

  /// `input: "data"` with four `input_dim` values or one `input_shape` per input.
  mutating func legacyInputs() throws(NetCostError) {
    let names = top("input")
    guard !names.isEmpty else {
      if let f = top("input_dim").first ?? top("input_shape").first {
        throw .invalidSpec(f.location(file), layer: nil, message: "'\(f.name)' without an 'input' naming the blob")
      }
      return
    }
    if !net.inputShape.isEmpty {
      guard net.inputShape.count == net.input.count else {
        throw .invalidSpec(
          names[0].location(file), layer: nil,
          message: "\(net.input.count) inputs but \(net.inputShape.count) input_shape blocks; expected one per input")
      }
      for (k, name) in net.input.enumerated() {
        try addInput(name, dims: net.inputShape[k].dim.map(Int.init), at: top("input_shape")[k], by: nil)
      }
    } else {
      guard net.inputDim.count == 4 * net.input.count else {
        throw .invalidSpec(
          (top("input_dim").first ?? names[0]).location(file), layer: nil,
          message:
            "\(net.input.count) input\(net.input.count == 1 ? "" : "s") need \(4 * net.input.count) input_dim values (N, C, H, W each), found \(net.inputDim.count)"
        )
      }
      for (k, name) in net.input.enumerated() {
        try addInput(name, dims: net.inputDim[(4 * k)..<(4 * k + 4)].map(Int.init), at: names[k], by: nil)
      }
    }
  }

  /// A model input from a full Caffe shape, batch first.
  mutating func addInput(_ name: String, dims: [Int], at f: PrototxtField, by layer: String?) throws(NetCostError) {
    guard dims.count >= 2, dims.allSatisfy({ $0 >= 1 }) else {
      throw .invalidSpec(
        f.location(file), layer: layer,
        message: "input '\(name)' has shape \(dims); expected N×C… with every dimension at least 1")
    }
    if declaredBatch == nil { declaredBatch = dims[0] }
    if dims[0] != 1 {
      graph.notes.append(
        Finding(
          kind: .importAssumption, layer: layer ?? name, location: f.location(file),
          message:
            "input '\(name)' declares a batch of \(dims[0]) (deploy files often hold 10 crops); analyzed per image unless --batch is given"
        ))
    }
    // Shapes are inferred per image here; the analysis infers them again at its batch.
    guard let shape = Shape([1] + dims.dropFirst()) else {
      throw .invalidSpec(f.location(file), layer: layer, message: "input '\(name)' has shape \(dims), too large")
    }
    graph.addInput(GraphInput(name: name, dims: Array(dims.dropFirst()), location: f.location(file)), shape: shape)
  }

  // MARK: - Layers

  /// Whether Caffe's TEST-phase net (no stages, level 0) holds the layer.
  static func included(_ p: Caffe_LayerParameter) -> Bool {
    func meets(_ r: Caffe_NetStateRule) -> Bool {
      if r.hasPhase, r.phase != .test { return false }
      if r.hasMinLevel, 0 < r.minLevel { return false }
      if r.hasMaxLevel, 0 > r.maxLevel { return false }
      return r.stage.isEmpty
    }
    if !p.include.isEmpty { return p.include.contains(where: meets) }
    return !p.exclude.contains(where: meets)
  }

  mutating func add(_ p: Caffe_LayerParameter, at f: PrototxtField) throws(NetCostError) {
    guard Self.included(p) else { return }
    let loc = f.location(file)
    let name = p.name.isEmpty ? "\(p.type.lowercased())\(graph.layers.count)" : p.name
    if let first = layerNames[name] { throw .duplicateName(loc, name: name, first: first) }
    layerNames[name] = loc
    let at = CaffeLayerContext(file: file, name: name, field: f, layer: p)

    if p.type == "Input" {
      let shapes = p.inputParam.shape
      guard !p.top.isEmpty, shapes.count == 1 || shapes.count == p.top.count else {
        throw at.error(
          "an Input layer needs one shape for all its tops or one per top; found \(shapes.count) shape\(shapes.count == 1 ? "" : "s") for \(p.top.count) top\(p.top.count == 1 ? "" : "s")",
          field: "input_param")
      }
      let shapeFields = f.child("input_param")?.children("shape") ?? []
      for (k, top) in p.top.enumerated() {
        let s = shapes[shapes.count == 1 ? 0 : k]
        try addInput(top, dims: s.dim.map(Int.init), at: shapeFields.count > k ? shapeFields[k] : f, by: name)
      }
      return
    }
    // Caffe's Split copies a blob to several names; no data moves.
    if p.type == "Split" {
      let source = try inputRefs(p, at: at, arity: 1...1)[0]
      for top in p.top { graph.bind(top, to: source) }
      return
    }
    if p.type == "Silence" {
      _ = try inputRefs(p, at: at, arity: 1...Int.max)
      return
    }
    let mapped = try CaffeLayerMapping.op(for: p, at: at)
    var refs = try inputRefs(p, at: at, arity: mapped.arity)
    if let used = mapped.usedInputs { refs = Array(refs.prefix(used)) }
    let outputs = mapped.outputs ?? 1
    guard p.top.count == outputs else {
      throw at.error(
        "a \(p.type) layer has \(outputs) top\(outputs == 1 ? "" : "s") here, found \(p.top.count)", field: nil)
    }
    try graph.addLayer(
      name: name, kind: p.type.lowercased(), op: mapped.op, inputs: refs, outputs: p.top, location: loc)
  }

  /// The tensors a layer's bottoms name, checked against its arity.
  func inputRefs(_ p: Caffe_LayerParameter, at: CaffeLayerContext, arity: ClosedRange<Int>) throws(NetCostError)
    -> [TensorRef]
  {
    guard arity.contains(p.bottom.count) else {
      let want =
        arity.lowerBound == arity.upperBound
        ? "\(arity.lowerBound)"
        : arity.upperBound == Int.max ? "at least \(arity.lowerBound)" : "\(arity.lowerBound)–\(arity.upperBound)"
      throw at.error(
        "a \(p.type) layer takes \(want) bottom\(want == "1" ? "" : "s"), found \(p.bottom.count)", field: nil)
    }
    var refs: [TensorRef] = []
    let bottomFields = at.field.children("bottom")
    for (k, b) in p.bottom.enumerated() {
      guard let r = graph.names[b] else {
        let loc = (bottomFields.count > k ? bottomFields[k] : at.field).location(file)
        throw .unknownInput(
          loc, layer: at.name, input: b, suggestion: Suggest.closest(to: b, in: graph.names.keys.sorted()))
      }
      refs.append(r)
    }
    return refs
  }
}
