// netcost — Apache-2.0

/// Builds the graph of a Keras model configuration: Functional models
/// (their `layers` with `inbound_nodes`, `input_layers`, `output_layers`),
/// Sequential ones (a chain), and models nested in either as blocks whose
/// layers are named `inner.layer`.
///
/// A Keras layer becomes one netcost layer named as Keras names it; where
/// netcost needs more than one op for it (SeparableConv2D's depthwise and
/// pointwise parts, a fused activation, a move of the channel axis) the
/// others are named `layer/part`, and the last of them gives Keras's
/// output. A layer called more than once shares its weights: they are
/// counted at its first call.
struct KerasGraphBuilder {
  /// The graph under construction.
  var b: GraphBuilder
  /// The configuration's file, for locations.
  let file: String
  /// Dimension sizes and the rest of the user's choices.
  let options: ImportOptions
  /// Outputs of every layer call, by `scope + layer + "@" + node`.
  var outputs: [String: [KerasTensor]] = [:]
  /// Whether the layers being added reuse weights counted elsewhere (a
  /// nested model called a second time).
  var sharing = false
  /// The size given to input axes the file leaves open and `--dim` does not
  /// set; nil makes such an axis an error.
  var openSize: Int?
  /// Whether an input axis was left open (set before that error is thrown).
  var leftOpen = false

  init(name: String, file: String, options: ImportOptions) {
    b = GraphBuilder(name: name)
    self.file = file
    self.options = options
  }

  /// The finished graph.
  func graph() throws(NetCostError) -> Graph {
    var g = try b.build()
    g.notes += b.notes
    return g
  }

  /// The top-level object: `{"class_name": "Functional" | "Sequential", "config": {...}}`.
  mutating func buildTop(_ top: JSONObject) throws(NetCostError) {
    let at = top.location ?? SourceLocation(file: file, line: 1, column: 1)
    guard case .string(let cls)? = top["class_name"] else {
      throw .invalidSpec(
        at, layer: nil, message: "a Keras model JSON needs \"class_name\" (Functional, Model or Sequential)")
    }
    guard case .object(let config)? = top["config"] else {
      throw .invalidSpec(at, layer: nil, message: "a Keras model JSON needs a \"config\" object")
    }
    guard ["Functional", "Model", "Sequential"].contains(cls), config["layers"] != nil else {
      throw .invalidSpec(
        top.member("class_name")?.location ?? at, layer: nil,
        message:
          "expected a Keras model (class_name Functional, Model or Sequential, with config.layers), found class_name \"\(cls.clipped)\""
      )
    }
    let model = KerasFields(config, layer: "model", at: at)
    _ = try buildModel(className: cls, model, scope: "", inputs: nil)
  }

  /// Adds a model's layers; `inputs` are the tensors a nested model is called on.
  mutating func buildModel(className: String, _ model: KerasFields, scope: String, inputs: [KerasTensor]?)
    throws(NetCostError) -> [KerasTensor]
  {
    guard case .array(let list)? = model["layers"] else {
      throw model.error("layers", "a model's config needs a \"layers\" list")
    }
    var specs: [KerasLayerSpec] = []
    for (i, v) in list.enumerated() {
      specs.append(try KerasLayerSpec(v, file: file, index: i, fallback: model.location("layers")))
    }
    if className == "Sequential" { return try buildSequential(specs, model, scope: scope, inputs: inputs) }
    return try buildFunctional(specs, model, scope: scope, inputs: inputs)
  }

  /// A Sequential model: each layer reads the one before.
  mutating func buildSequential(_ specs: [KerasLayerSpec], _ model: KerasFields, scope: String, inputs: [KerasTensor]?)
    throws(NetCostError) -> [KerasTensor]
  {
    var rest = specs[...]
    var x: KerasTensor
    if let first = rest.first, first.className == "InputLayer" {
      if let given = inputs?.first { x = given } else { x = try addInput(first, scope: scope) }
      rest = rest.dropFirst()
    } else if let given = inputs?.first {
      x = given
    } else if let first = rest.first {
      x = try addInput(first, scope: scope, named: "input")
    } else {
      throw model.error("layers", "the Sequential model has no layers")
    }
    for spec in rest {
      let outs = try apply(spec, scope: scope, node: 0, inputs: [x], call: nil)
      guard let y = outs.first else { break }
      x = y
    }
    return [x]
  }

  /// `[name, node, index]`, or a list of them.
  private func endpoints(_ model: KerasFields, _ key: String) throws(NetCostError) -> [KerasCall.History] {
    guard let v = model[key] else { throw model.error(key, "a functional model's config needs \"\(key)\"") }
    func one(_ x: JSONValue) -> KerasCall.History? {
      guard case .array(let p) = x, p.count >= 3, case .string(let n) = p[0], case .int(let k) = p[1],
        case .int(let i) = p[2]
      else { return nil }
      return KerasCall.History(layer: n, node: k, index: i)
    }
    if let h = one(v) { return [h] }
    guard case .array(let list) = v else { throw model.error(key, "\"\(key)\" should be [layer, node, index] entries") }
    var out: [KerasCall.History] = []
    for x in list {
      guard let h = one(x) else {
        throw model.error(key, "\"\(key)\" should be [layer, node, index] entries, found \(x.brief)")
      }
      out.append(h)
    }
    return out
  }

  /// A Functional model: layer calls in an order where each reads tensors
  /// already made.
  mutating func buildFunctional(_ specs: [KerasLayerSpec], _ model: KerasFields, scope: String, inputs: [KerasTensor]?)
    throws(NetCostError) -> [KerasTensor]
  {
    let ins = try endpoints(model, "input_layers")
    let outs = try endpoints(model, "output_layers")
    var byName: [String: Int] = [:]
    for (i, s) in specs.enumerated() {
      if byName[s.name] != nil {
        throw .invalidSpec(s.location, layer: s.name, message: "a second layer is named '\(s.name.clipped)'")
      }
      byName[s.name] = i
    }
    for (k, h) in ins.enumerated() {
      guard let i = byName[h.layer] else {
        throw model.error("input_layers", "input_layers names '\(h.layer.clipped)', which is not a layer of the model")
      }
      let spec = specs[i]
      let t: KerasTensor
      if let inputs {
        guard k < inputs.count else {
          throw .invalidSpec(
            spec.location, layer: scope + spec.name,
            message: "the nested model has \(ins.count) inputs but is called on \(inputs.count) tensors")
        }
        t = inputs[k]
      } else {
        t = try addInput(spec, scope: scope)
      }
      outputs[scope + h.layer + "@0"] = [t]
    }
    // Pending calls: (layer, node) in file order.
    var pending: [(Int, Int, KerasCall)] = []
    for (i, s) in specs.enumerated() where s.className != "InputLayer" {
      for (n, node) in s.inboundNodes.enumerated() {
        pending.append((i, n, try KerasCall(node: node, at: s.location, layer: scope + s.name)))
      }
    }
    while !pending.isEmpty {
      var progressed = false
      var waiting: [(Int, Int, KerasCall)] = []
      for (i, n, call) in pending {
        var ts: [KerasTensor] = []
        var ready = true
        for h in call.tensors {
          guard let made = outputs[scope + h.layer + "@\(h.node)"] else {
            ready = false
            break
          }
          guard h.index < made.count else {
            throw .invalidSpec(
              specs[i].location, layer: scope + specs[i].name,
              message: "reads output \(h.index) of '\(h.layer.clipped)', which has \(made.count) output(s)")
          }
          ts.append(made[h.index])
        }
        guard ready else {
          waiting.append((i, n, call))
          continue
        }
        outputs[scope + specs[i].name + "@\(n)"] = try apply(specs[i], scope: scope, node: n, inputs: ts, call: call)
        progressed = true
      }
      if !progressed {
        let (i, _, call) = waiting[0]
        let missing = call.tensors.first { outputs[scope + $0.layer + "@\($0.node)"] == nil }!
        let known = byName[missing.layer] != nil
        let message =
          known
          ? "reads '\(missing.layer.clipped)' (call \(missing.node)), which is never made (a call it has not, or a loop)"
          : "reads '\(missing.layer.clipped)', which is not a layer of the model"
        throw .invalidSpec(specs[i].location, layer: scope + specs[i].name, message: message)
      }
      pending = waiting
    }
    var result: [KerasTensor] = []
    for h in outs {
      guard let made = outputs[scope + h.layer + "@\(h.node)"], h.index < made.count else {
        throw model.error("output_layers", "output_layers names '\(h.layer.clipped)', which the model never makes")
      }
      result.append(made[h.index])
    }
    return result
  }
}
