// netcost — Apache-2.0

/// netcost's own JSON network description: inputs, layers in sequence or
/// wired by name into any DAG, and reusable parameterized blocks.
///
/// The README's "Spec reference" documents every field. The loader expands
/// blocks and groups into plain layers named with dots
/// (`layer1.0.conv1`), resolves every input name, and hands a ``Graph`` on.
public enum NativeSpec {
  /// Reads a spec file.
  public static func load(file: String) throws(NetCostError) -> Graph {
    try load(json: JSONCParser.parse(file: file), file: file)
  }

  /// Builds the graph from parsed JSON; `file` names it in messages. A
  /// spec that expands to more than `maxLayers` layers is refused before it
  /// is expanded (the fuzzers lower the limit so that every input runs fast
  /// under AddressSanitizer).
  public static func load(
    json: JSONValue, file: String, maxLayers: Int = ExpansionLimits.layers
  ) throws(NetCostError) -> Graph {
    let loader = SpecLoader(file: file, maxLayers: maxLayers)
    do {
      return try loader.load(json)
    } catch let e as NetCostError {
      // Errors collected from earlier layers come first, then the one that stopped loading.
      let last = loader.relocated(e)
      if case .several = last { throw last }
      let all = loader.errors + (loader.errors.contains(last) ? [] : [last])
      throw all.count == 1 ? all[0] : .several(all)
    } catch {
      throw .invalidSpec(SourceLocation(file: file), layer: nil, message: "\(error)")
    }
  }
}

/// Expands a native spec into layers. One instance per load.
final class SpecLoader {
  let file: String
  var blocks: [String: JSONObject] = [:]
  var blockLocations: [String: SourceLocation] = [:]
  var layers: [Layer] = []
  /// Every model input's name, with its index as −1 − index (a layer's
  /// name is checked against ``names``: one table of a million names, not two).
  var defined: [String: Int] = [:]
  /// What each full name reads as an input, in every scope at once: model
  /// inputs, layers, and the labels of expanded blocks and groups (their
  /// outputs). A scope with prefix `p` sees the name `n` as `p + n`, so
  /// `label.name` reaches into an expanded block without per-scope tables
  /// (a million one-layer repetitions made a million dictionaries).
  var names: [String: TensorRef] = [:]
  var inputs: [GraphInput] = []
  /// Unresolved names: the name, the scope it must be found in, where it was written.
  var placeholders: [(name: String, layer: String, location: SourceLocation)] = []
  /// Where each placeholder is used: layer index and input slot.
  var uses: [Int: [(Int, Int)]] = [:]
  var depth = 0
  /// The op decoded from each layer object written without `$` arguments,
  /// by where the object is written (its opening brace), with its
  /// lowercased kind: a block's layers repeat without being decoded again.
  var decoded: [SourceLocation: (kind: String, op: any Operator)] = [:]
  /// Names that stand for a failed layer's input (so that what reads the
  /// layer is not reported too): a later layer may still take the name.
  var standIns: Set<String> = []
  /// ``minimumLayers(ofBlock:)`` by block name.
  var minimumBlockLayers: [String: Int] = [:]
  /// Findings about the spec itself (an input shape that seems to include the batch).
  var notes: [Finding] = []
  /// Errors of layers that do not depend on each other, reported together.
  var errors: [NetCostError] = []
  /// At most this many errors are collected before loading stops.
  static let maxErrors = 20
  /// More layers than any real network has (``ExpansionLimits/layers``
  /// unless the caller lowers it); a spec that expands past it is almost
  /// surely a mistake (a `repeat` with a stray digit), and stopping early
  /// keeps the tool fast on it.
  let maxLayers: Int
  static let reserved: Set<String> = ["name", "type", "inputs", "when", "comment"]

  /// The user's call of the built-in block being expanded, if any: layers
  /// and errors inside it are placed there, not in the built-in source.
  var builtinCall: (location: SourceLocation, block: String)?

  init(file: String, maxLayers: Int) {
    self.file = file
    self.maxLayers = maxLayers
  }

  /// A location in the user's file for something defined in a built-in block.
  func userLocation(_ loc: SourceLocation) -> SourceLocation {
    loc.file == BuiltinBlocks.file ? (builtinCall?.location ?? loc) : loc
  }

  /// An error raised inside a built-in block, moved to the user's call.
  func relocated(_ e: NetCostError) -> NetCostError {
    guard let call = builtinCall else { return e }
    let note = " (inside built-in block '\(call.block)')"
    switch e {
    case .invalidSpec(let l, let layer, let m) where l.file == BuiltinBlocks.file:
      return .invalidSpec(call.location, layer: layer, message: m + note)
    case .shape(let l, let layer, let m) where l.file == BuiltinBlocks.file:
      return .shape(call.location, layer: layer, message: m + note)
    case .duplicateName(let l, let n, _) where l.file == BuiltinBlocks.file:
      return .duplicateName(call.location, name: n, first: call.location)
    case .unknownInput(let l, let layer, let i, let s, let b) where l.file == BuiltinBlocks.file:
      return .unknownInput(call.location, layer: layer, input: i, suggestion: s, insideBlock: b)
    case .overflow(let l, let layer, let w) where l.file == BuiltinBlocks.file:
      return .overflow(call.location, layer: layer, what: w)
    default: return e
    }
  }

  final class Scope {
    let prefix: String
    let inputs: [TensorRef]
    let args: [String: JSONValue]
    var last: TensorRef?
    var owned: [Int] = []  // placeholder ids this scope must resolve
    init(prefix: String, inputs: [TensorRef], args: [String: JSONValue]) {
      self.prefix = prefix
      self.inputs = inputs
      self.args = args
    }
  }

  var top: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

  func load(_ json: JSONValue) throws -> Graph {
    guard case .object(let root) = json else {
      throw NetCostError.invalidSpec(
        top, layer: nil, message: "expected a JSON object with 'inputs' and 'layers', found \(json.typeName)")
    }
    let known: Set<String> = [
      "name", "inputs", "input", "layers", "blocks", "description", "source", "comment", "version", "dtype",
    ]
    for m in root.members where !known.contains(m.key) {
      var msg = "unknown top-level field '\(m.key.clipped)'"
      if let s = Suggest.closest(to: m.key, in: known) { msg += " (did you mean '\(s)'?)" }
      throw NetCostError.invalidSpec(m.location ?? top, layer: nil, message: msg)
    }
    var name = "model"
    if let n = root["name"] {
      guard case .string(let s) = n else { throw field(root, "name", "expected a string, found \(n.typeName)") }
      name = s
    }
    var dtype = DType.float32
    if let d = root["dtype"] { dtype = try readDType(d, root, "dtype") }
    try readInputs(root, defaultDType: dtype)
    if let b = root["blocks"] {
      guard case .object(let bo) = b else {
        throw field(root, "blocks", "expected an object mapping block names to definitions, found \(b.typeName)")
      }
      for m in bo.members {
        guard case .object(let def) = m.value else {
          throw NetCostError.invalidSpec(
            m.location ?? top, layer: nil,
            message: "block '\(m.key)': expected an object with 'layers', found \(m.value.typeName)")
        }
        guard case .array = def["layers"] ?? .null else {
          throw NetCostError.invalidSpec(
            m.location ?? top, layer: nil, message: "block '\(m.key)': missing required field 'layers' (a list)")
        }
        for dm in def.members where !["args", "layers", "output", "description", "comment"].contains(dm.key) {
          throw NetCostError.invalidSpec(
            dm.location ?? top, layer: nil,
            message: "block '\(m.key)': unknown field '\(dm.key)' (expected 'args', 'layers', 'output', 'description')")
        }
        blocks[m.key] = def
        blockLocations[m.key] = m.location ?? top
      }
    }
    for (name, def) in BuiltinBlocks.definitions where blocks[name] == nil {
      blocks[name] = def
      blockLocations[name] = SourceLocation(file: BuiltinBlocks.file)
    }
    guard case .array(let items)? = root["layers"] else {
      if let l = root["layers"] { throw field(root, "layers", "expected a list of layers, found \(l.typeName)") }
      throw NetCostError.invalidSpec(top, layer: nil, message: "missing required field 'layers' (a list of layers)")
    }
    guard !items.isEmpty else { throw field(root, "layers", "the model has no layers") }
    // Siblings that together pass the limit are refused before any is
    // expanded; one entry that passes it alone is refused at its own
    // `repeat`, which names it.
    let each = items.map { minimumLayers(of: [$0]) }
    let fewest = (try? Checked.sum(each)) ?? Int.max
    guard fewest <= maxLayers || each.contains(where: { $0 > maxLayers }) else {
      throw field(
        root, "layers",
        "the model expands to at least \(fewest == Int.max ? "2^63" : String(fewest)) layers, more than \(maxLayers)"
      )
    }
    // The fewest layers the spec makes is known before expanding: size the
    // tables once (each layer's name, and a block instance's label, go in).
    let expected = min(max(fewest, items.count), maxLayers)
    layers.reserveCapacity(expected)
    let scope = Scope(prefix: "", inputs: inputs.indices.map { .input($0) }, args: [:])
    names.reserveCapacity(2 * expected + inputs.count)
    for (i, inp) in inputs.enumerated() { names[inp.name] = .input(i) }
    try expand(items, in: scope, layerLocation: root.member("layers")?.location ?? top)
    try close(scope)
    try throwCollected()
    guard !layers.isEmpty else {
      throw field(root, "layers", "every layer is dropped by its 'when' condition: the model has no layers")
    }
    var graph = try Graph(name: name, inputs: inputs, layers: layers)
    if root["dtype"] != nil { graph.dtype = dtype }
    graph.notes += notes
    return graph
  }

  /// Records an error of one layer and goes on with the next, so that a
  /// spec with several independent mistakes reports them all at once.
  func collect(_ e: Error) throws {
    guard let e = e as? NetCostError else { throw e }
    let placed = relocated(e)
    // A mistake inside a repeated block is one mistake, not one per repetition.
    func key(_ e: NetCostError) -> String {
      if case .invalidSpec(let l, _, let m) = e { return "\(l): \(m)" }
      return e.description
    }
    if !errors.contains(where: { key($0) == key(placed) }) { errors.append(placed) }
    if errors.count >= Self.maxErrors { try throwCollected() }
  }

  /// Throws the errors collected so far, one or several.
  func throwCollected() throws {
    guard let first = errors.first else { return }
    throw errors.count == 1 ? first : NetCostError.several(errors)
  }

  func location(ofDefinition d: Int) -> SourceLocation {
    d >= 0 ? layers[d].location : inputs[-1 - d].location
  }

  func field(_ o: JSONObject, _ key: String, _ msg: String, layer: String? = nil) -> NetCostError {
    .invalidSpec(o.member(key)?.location ?? o.location ?? top, layer: layer, message: "field '\(key)': \(msg)")
  }

  func readDType(_ v: JSONValue, _ o: JSONObject, _ key: String) throws -> DType {
    guard case .string(let s) = v, let d = DType(spelling: s) else {
      throw field(
        o, key,
        "expected one of \"float32\", \"float16\", \"bfloat16\", \"int8\", \"int32\", \"int64\", found \(v.brief)")
    }
    return d
  }

  func readInputs(_ root: JSONObject, defaultDType: DType) throws {
    var list: [JSONValue]
    let key: String
    if let v = root["inputs"] {
      key = "inputs"
      switch v {
      case .array(let a): list = a
      case .object: list = [v]
      default: throw field(root, "inputs", "expected a list of {\"name\", \"shape\"} objects, found \(v.typeName)")
      }
    } else if let v = root["input"] {
      key = "input"
      list = [v]
    } else {
      throw NetCostError.invalidSpec(
        top, layer: nil,
        message: "missing required field 'inputs' (e.g. [{\"name\": \"image\", \"shape\": [3, 224, 224]}])")
    }
    guard !list.isEmpty else { throw field(root, key, "the model has no inputs") }
    for (i, v) in list.enumerated() {
      guard case .object(let o) = v else {
        throw field(root, key, "entry \(i + 1): expected an object with 'name' and 'shape', found \(v.typeName)")
      }
      let loc = o.location ?? root.member(key)?.location ?? top
      var name = list.count == 1 ? "input" : "input\(i)"
      if let n = o["name"] {
        guard case .string(let s) = n, !s.isEmpty else {
          throw field(o, "name", "expected a non-empty string, found \(n.brief)")
        }
        name = s
      }
      for m in o.members where !["name", "shape", "dtype", "layout", "comment"].contains(m.key) {
        throw NetCostError.invalidSpec(
          m.location ?? loc, layer: nil,
          message: "input '\(name)': unknown field '\(m.key)' (expected 'name', 'shape', 'dtype', 'layout')")
      }
      var isSequence = false
      if let l = o["layout"] {
        guard case .string(let s) = l, ["channels_first", "sequence"].contains(s) else {
          throw NetCostError.invalidSpec(
            o.member("layout")?.location ?? loc, layer: nil,
            message:
              "input '\(name)': field 'layout': expected \"channels_first\" (N×C×spatial, the default) or \"sequence\" (N×L×features), found \(l.brief)"
          )
        }
        isSequence = s == "sequence"
      }
      guard let sv = o["shape"] else {
        throw NetCostError.invalidSpec(
          loc, layer: nil,
          message: "input '\(name)': missing required field 'shape' (dimensions without the batch, e.g. [3, 224, 224])")
      }
      guard case .array(let sa) = sv, !sa.isEmpty else {
        throw NetCostError.invalidSpec(
          o.member("shape")?.location ?? loc, layer: nil,
          message: "input '\(name)': field 'shape': expected a list of dimensions, found \(sv.brief)")
      }
      var dims: [Int] = []
      for d in sa {
        guard case .int(let x) = d else {
          throw NetCostError.invalidSpec(
            o.member("shape")?.location ?? loc, layer: nil,
            message: "input '\(name)': field 'shape': expected integer dimensions, found \(d.brief)")
        }
        guard x >= 1 else {
          throw NetCostError.invalidSpec(
            o.member("shape")?.location ?? loc, layer: nil,
            message: "input '\(name)': field 'shape': every dimension must be at least 1, found \(x) in \(sv.brief)")
        }
        dims.append(x)
      }
      let dtype = try o["dtype"].map { try readDType($0, o, "dtype") } ?? defaultDType
      if let first = defined[name] {
        throw NetCostError.duplicateName(loc, name: name, first: location(ofDefinition: first))
      }
      defined[name] = -1 - inputs.count
      if dims.count == 4, dims[0] == 1, !isSequence {
        notes.append(
          Finding(
            kind: .importAssumption, layer: name, location: o.member("shape")?.location ?? loc,
            message:
              "input '\(name)' has shape \(sv.brief): input shapes leave the batch out, so this is a 1-channel \(dims.dropFirst().map(String.init).joined(separator: "×")) volume and its convs are 3-D; for an image write \(Array(dims.dropFirst())) (--batch sets the batch)"
          ))
      }
      inputs.append(GraphInput(name: name, dims: dims, dtype: dtype, isSequence: isSequence, location: loc))
    }
  }

  // MARK: - Expansion

  func expand(_ items: [JSONValue], in scope: Scope, layerLocation: SourceLocation) throws {
    for (position, item) in items.enumerated() {
      guard case .object(let raw) = item else {
        throw NetCostError.invalidSpec(
          layerLocation, layer: nil, message: "layer \(position + 1): expected an object, found \(item.described)")
      }
      let loc = raw.location ?? layerLocation
      let localName: String
      if let n = raw["name"] {
        guard case .string(let s) = n, !s.isEmpty, !s.utf8.contains(0x3A), s.utf8.first != 0x24 else {  // ':', '$'
          throw field(raw, "name", "expected a non-empty string without ':' or a leading '$', found \(n.brief)")
        }
        localName = s
      } else if case .string(let t)? = raw["type"] {
        localName = "\(t)_\(position + 1)"
      } else {
        throw NetCostError.invalidSpec(loc, layer: nil, message: "layer \(position + 1): missing 'name'")
      }
      let fullName = scope.prefix + localName
      if let w = raw["when"] {
        // A condition is an expression whether or not it starts with '$'.
        var cond = w
        if case .string(let s) = w, !s.hasPrefix("$") { cond = .string("$(" + s + ")") }
        let v = try substitute(cond, scope.args, raw, "when", fullName)
        switch v {
        case .bool(let b): if !b { continue }
        case .int(let i): if i == 0 { continue }
        default:
          throw field(
            raw, "when", "expected a condition (true/false or an expression like \"$stride != 1\"), found \(w.brief)",
            layer: fullName)
        }
      }
      let inputRefs = try readInputs(raw, scope: scope, layer: fullName)
      if raw["block"] != nil {
        try expandBlock(raw, localName: localName, inputs: inputRefs, in: scope)
      } else if raw["layers"] != nil && raw["type"] == nil {
        try expandGroup(raw, localName: localName, inputs: inputRefs, in: scope)
      } else {
        do {
          try addLayer(raw, localName: localName, fullName: fullName, inputs: inputRefs, in: scope)
        } catch {
          try collect(error)
          // Stand in the layer's input for it, so that the layers (and the
          // block output) that read it are not reported too.
          if names[fullName] == nil, let standIn = inputRefs.first {
            names[fullName] = standIn
            standIns.insert(fullName)
            scope.last = standIn
          }
        }
      }
    }
  }

  /// The layer's inputs: named ones (possibly not yet defined), or by default
  /// the previous layer in the scope, or the scope's first input.
  func readInputs(_ raw: JSONObject, scope: Scope, layer: String) throws -> [TensorRef] {
    guard let v = raw["inputs"] else {
      if let last = scope.last { return [last] }
      if let first = scope.inputs.first { return [first] }
      throw NetCostError.invalidSpec(raw.location ?? top, layer: layer, message: "has no input: name one with 'inputs'")
    }
    var names: [String] = []
    switch v {
    case .string(let s): names = [s]
    case .array(let a):
      for e in a {
        guard case .string(let s) = e else {
          throw field(raw, "inputs", "expected a list of tensor names, found \(v.brief)", layer: layer)
        }
        names.append(s)
      }
    default: throw field(raw, "inputs", "expected a tensor name or a list of them, found \(v.described)", layer: layer)
    }
    guard !names.isEmpty else { throw field(raw, "inputs", "the list is empty", layer: layer) }
    let loc = raw.member("inputs")?.location ?? raw.location ?? top
    return try names.map { written throws -> TensorRef in
      // "a|b": the first alternative that exists here ($input1|$input: the
      // second block input if the call passed one, else the first).
      var n = written
      if written.utf8.contains(0x7C) {  // '|'
        let options = written.split(separator: "|").map(String.init)
        n =
          options.first { o in
            if o.hasPrefix("$input") {
              let rest = o.dropFirst(6)
              return (rest.isEmpty ? 0 : Int(rest) ?? Int.max) < scope.inputs.count
            }
            return lookup(o, in: scope) != nil
          } ?? options.last ?? written
      }
      if n.hasPrefix("$input") {
        let rest = n.dropFirst(6)
        let k = rest.isEmpty ? 0 : Int(rest)
        guard let k, k >= 0, k < scope.inputs.count else {
          let here =
            scope.prefix.isEmpty
            ? "'$input…' names a block's or group's inputs; at the top level, name a model input"
            : "this block or group has \(scope.inputs.count) input(s): $input0…$input\(scope.inputs.count - 1)"
          throw NetCostError.invalidSpec(
            loc, layer: layer, message: "field 'inputs': '\(n.clipped)' does not exist here (\(here))")
        }
        return scope.inputs[k]
      }
      if let r = lookup(n, in: scope) { return r }
      placeholders.append((n, layer, loc))
      scope.owned.append(placeholders.count - 1)
      return .output(layer: -placeholders.count, index: 0)
    }
  }

  /// A name already defined in the scope, with an optional `:k` output index.
  func lookup(_ n: String, in scope: Scope) -> TensorRef? {
    // `label.rest` reaches into an expanded block or group: its names are
    // `prefix + label + "." + rest` in the one table.
    if let r = names[scope.prefix + n] { return r }
    if let colon = n.lastIndex(of: ":"), let k = Int(n[n.index(after: colon)...]), k >= 0,
      case .output(let l, 0)? = names[scope.prefix + n[..<colon]]
    {
      return .output(layer: l, index: k)
    }
    return nil
  }

  func addLayer(_ raw: JSONObject, localName: String, fullName: String, inputs: [TensorRef], in scope: Scope) throws {
    guard let tv = raw["type"] else {
      throw NetCostError.invalidSpec(
        raw.location ?? top, layer: fullName,
        message: "missing required field 'type' (an op such as \"conv\"), 'block' (a block name) or 'layers' (a group)")
    }
    guard case .string(var kind) = tv else {
      throw field(raw, "type", "expected an op name, found \(tv.described)", layer: fullName)
    }
    if kind.hasPrefix("$") {
      guard case .string(let k) = try substitute(tv, scope.args, raw, "type", fullName) else {
        throw field(raw, "type", "'\(kind)' must name an op", layer: fullName)
      }
      kind = k
    }
    guard let opType = OperatorRegistry.type(for: kind) else {
      if blocks[kind] != nil {
        throw field(
          raw, "type",
          "'\(kind.clipped)' is a block, not an op: call it as {\"block\": \"\(kind.clipped)\", \"args\": {…}}"
            + (blockLocations[kind]?.file == BuiltinBlocks.file ? " (`netcost ops --blocks` shows its arguments)" : ""),
          layer: fullName)
      }
      var msg = "unknown op '\(kind.clipped)'"
      if let s = Suggest.closest(to: kind, in: OperatorRegistry.byKind.keys) {
        msg += " (did you mean '\(s)'?)"
      } else {
        msg += " (`netcost ops` lists the known ones)"
      }
      throw field(raw, "type", msg, layer: fullName)
    }
    let loc = userLocation(raw.location ?? top)
    guard opType.arity.contains(inputs.count) else {
      let want =
        opType.arity.upperBound == Int.max
        ? "at least \(opType.arity.lowerBound)"
        : opType.arity.lowerBound == opType.arity.upperBound
          ? "\(opType.arity.lowerBound)" : "\(opType.arity.lowerBound)–\(opType.arity.upperBound)"
      throw NetCostError.invalidSpec(
        raw.member("inputs")?.location ?? loc, layer: fullName,
        message: "'\(kind)' takes \(want) input(s), found \(inputs.count)")
    }
    var obj = raw
    let substituted =
      Self.hasDollar(tv)
      || raw.members.contains(where: { !Self.reserved.contains($0.key) && Self.hasDollar($0.value) })
    if substituted {
      obj.members = try raw.members.map { m in
        Self.reserved.contains(m.key)
          ? m
          : JSONObject.Member(
            key: m.key, value: try substitute(m.value, scope.args, raw, m.key, fullName), location: m.location)
      }
    }
    // A layer written once and expanded many times (a block's layer, each
    // repetition) without `$` arguments decodes to the same op every time:
    // decode it once, and every repetition shares the op's storage.
    let lowerKind: String
    let op: any Operator
    if !substituted, let at = raw.location, let known = decoded[at] {
      (lowerKind, op) = known
    } else {
      let attrs = Attributes(object: obj, layer: fullName, location: loc, consumed: Self.reserved)
      lowerKind = kind.lowercased()
      op = try opType.init(kind: lowerKind, attributes: attrs)
      try attrs.rejectUnread(kind: kind)
      if !substituted, let at = raw.location { decoded[at] = (lowerKind, op) }
    }
    guard layers.count < maxLayers else {
      throw NetCostError.invalidSpec(
        loc, layer: fullName, message: "the model expands to more than \(maxLayers) layers")
    }
    let index = layers.count
    let out = TensorRef.output(layer: index, index: 0)
    // One hash of the full name to look it up and record it. A name that
    // is a model input's or an earlier layer's, or an expanded block's or
    // group's label, is a duplicate; one held by the stand-in of a layer
    // that failed, or by a label whose output is not defined yet (a
    // placeholder, negative), is not.
    if let earlier = names.updateValue(out, forKey: fullName) {
      let first: SourceLocation?
      if case .output(let l, _) = earlier, l >= 0, l < index, !standIns.contains(fullName) {
        first = layers[l].location  // a layer's name, or a label
      } else {
        first = definition(fullName, as: earlier)
      }
      if let first {
        names[fullName] = earlier
        throw NetCostError.duplicateName(loc, name: fullName, first: first)
      }
    }
    for (slot, r) in inputs.enumerated() {
      if case .output(let l, _) = r, l < 0 { uses[-l - 1, default: []].append((index, slot)) }
    }
    layers.append(Layer(name: fullName, kind: lowerKind, op: op, inputs: inputs, location: loc))
    scope.last = out
  }

  /// Where `name` was defined when ``names`` holds `ref` for it because a
  /// model input or a layer of that name was: nil when `ref` is a label's,
  /// a stand-in's or a placeholder's.
  func definition(_ name: String, as ref: TensorRef) -> SourceLocation? {
    switch ref {
    case .input(let k): return inputs[k].name == name ? inputs[k].location : nil
    case .output(let l, _): return l >= 0 && l < layers.count && layers[l].name == name ? layers[l].location : nil
    }
  }

  /// Refuses a block's or group's label that names an earlier model input
  /// or layer (the label would hide it from the layers after).
  func checkLabel(_ fullName: String, _ raw: JSONObject) throws {
    if let earlier = names[fullName], let first = definition(fullName, as: earlier) {
      throw NetCostError.duplicateName(userLocation(raw.location ?? top), name: fullName, first: first)
    }
  }

  func expandGroup(_ raw: JSONObject, localName: String, inputs: [TensorRef], in scope: Scope) throws {
    try checkLabel(scope.prefix + localName, raw)
    guard case .array(let items)? = raw["layers"], !items.isEmpty else {
      throw field(raw, "layers", "expected a non-empty list of layers", layer: scope.prefix + localName)
    }
    for m in raw.members where !["name", "layers", "inputs", "when", "comment", "output"].contains(m.key) {
      throw NetCostError.invalidSpec(
        m.location ?? top, layer: scope.prefix + localName,
        message: "unknown field '\(m.key)' for a group (expected 'name', 'inputs', 'layers', 'output')")
    }
    let child = Scope(prefix: scope.prefix + localName + ".", inputs: inputs, args: scope.args)
    try expand(items, in: child, layerLocation: raw.member("layers")?.location ?? top)
    let out = try output(of: child, raw["output"], raw, scope.prefix + localName)
    try close(child)
    publish(localName, output: out, into: scope)
  }

  func expandBlock(_ raw: JSONObject, localName: String, inputs: [TensorRef], in scope: Scope) throws {
    let fullName = scope.prefix + localName
    try checkLabel(fullName, raw)
    guard case .string(let blockName)? = raw["block"] else {
      throw field(raw, "block", "expected a block name", layer: fullName)
    }
    guard let def = blocks[blockName] else {
      var msg = "unknown block '\(blockName.clipped)'"
      if let s = Suggest.closest(to: blockName, in: blocks.keys) {
        msg += " (did you mean '\(s)'?)"
      } else {
        msg +=
          blocks.isEmpty
          ? " (the spec defines no 'blocks')" : " (defined: \(blocks.keys.sorted().joined(separator: ", ")))"
      }
      throw field(raw, "block", msg, layer: fullName)
    }
    for m in raw.members
    where !["name", "block", "args", "repeat", "first", "instance", "inputs", "when", "comment"].contains(m.key) {
      throw NetCostError.invalidSpec(
        m.location ?? top, layer: fullName,
        message:
          "unknown field '\(m.key)' for a block call (expected 'block', 'args', 'repeat', 'first', 'instance', 'inputs')"
      )
    }
    // How repetitions are named: `name.0`, `name.1`… or a template such as
    // "denselayer{i+1}" giving `name.denselayer1`, `name.denselayer2`….
    var instance: String?
    if let t = raw["instance"] {
      guard case .string(let s) = t, s.contains("{i}") || s.contains("{i+1}") else {
        throw field(
          raw, "instance",
          "expected a name template containing {i} (counting from 0) or {i+1} (from 1), found \(t.brief)",
          layer: fullName)
      }
      // The names it makes are layer names: no ':' (it selects an output).
      guard !s.contains(":") else {
        throw field(
          raw, "instance", "the names it makes may not contain ':' (it selects an output), found \(t.brief)",
          layer: fullName)
      }
      instance = s
    }
    depth += 1
    defer { depth -= 1 }
    // Entering a built-in block from the user's file: remember the call.
    let outerCall = builtinCall
    if builtinCall == nil, blockLocations[blockName]?.file == BuiltinBlocks.file {
      builtinCall = (userLocation(raw.location ?? top), blockName)
    }
    guard depth <= 32 else {
      throw field(raw, "block", "blocks nest more than 32 deep (does '\(blockName)' call itself?)", layer: fullName)
    }
    // Argument defaults from the definition; `null` marks a required one.
    var defaults: [(String, JSONValue?)] = []
    if let a = def["args"] {
      guard case .object(let ao) = a else {
        throw NetCostError.invalidSpec(
          blockLocations[blockName]!, layer: nil,
          message: "block '\(blockName)': 'args' must be an object of argument defaults (null = required)")
      }
      for m in ao.members { defaults.append((m.key, m.value == .null ? nil : m.value)) }
    }
    func readArgs(_ key: String) throws -> [String: JSONValue] {
      guard let v = raw[key] else { return [:] }
      guard case .object(let o) = v else {
        throw field(raw, key, "expected an object of block arguments, found \(v.typeName)", layer: fullName)
      }
      var out: [String: JSONValue] = [:]
      for m in o.members {
        guard defaults.contains(where: { $0.0 == m.key }) else {
          var msg = "block '\(blockName)' has no argument '\(m.key)'"
          if let s = Suggest.closest(to: m.key, in: defaults.map(\.0)) { msg += " (did you mean '\(s)'?)" }
          throw NetCostError.invalidSpec(m.location ?? top, layer: fullName, message: msg)
        }
        out[m.key] = try substitute(m.value, scope.args, o, m.key, fullName)
      }
      return out
    }
    let given = try readArgs("args")
    let first = try readArgs("first")
    var repeatCount: Int?
    if let r = raw["repeat"] {
      guard case .int(let n) = try substitute(r, scope.args, raw, "repeat", fullName), n >= 1 else {
        throw field(raw, "repeat", "expected an integer ≥ 1, found \(r.brief)", layer: fullName)
      }
      repeatCount = n
      // The fewest layers one repetition expands to, nested repeats multiplied
      // out: an over-limit nest is refused before any of it is expanded.
      let perRepetition = max(minimumLayers(ofBlock: blockName), 1)
      guard n <= (maxLayers - layers.count) / perRepetition else {
        let each = perRepetition > 1 ? " (at least \(perRepetition) layers each)" : ""
        throw field(
          raw, "repeat",
          "repeating block '\(blockName.clipped)' \(n) times\(each) would make more than \(maxLayers) layers",
          layer: fullName)
      }
    }
    guard case .array(let items)? = def["layers"] else { return }
    var current = inputs
    var lastOut: TensorRef = inputs[0]
    for i in 0..<(repeatCount ?? 1) {
      let label: String
      if let instance {
        label =
          localName + "."
          + instance.replacingOccurrences(of: "{i+1}", with: String(i + 1)).replacingOccurrences(
            of: "{i}", with: String(i))
      } else {
        label = repeatCount == nil ? localName : "\(localName).\(i)"
      }
      var args: [String: JSONValue] = [:]
      for (k, d) in defaults {
        let v = (i == 0 ? first[k] : nil) ?? given[k] ?? d
        guard let v else {
          let which =
            repeatCount == nil
            ? ""
            : " in repetition \(i) (\(label))"
              + (i > 0 && first[k] != nil ? " ('first' applies to repetition 0 only; give it in 'args')" : "")
          throw NetCostError.invalidSpec(
            raw.location ?? top, layer: fullName, message: "block '\(blockName)' needs argument '\(k)'\(which)")
        }
        args[k] = v
      }
      let child = Scope(prefix: scope.prefix + label + ".", inputs: current, args: args)
      try expand(items, in: child, layerLocation: blockLocations[blockName]!)
      lastOut = try output(of: child, def["output"], def, fullName)
      try close(child)
      publish(label, output: lastOut, into: scope)
      current = [lastOut]
    }
    names[fullName] = lastOut
    scope.last = lastOut
    builtinCall = outerCall  // reached only on success: an error keeps the call for relocation
  }

  /// The fewest layers block `name` expands to: layers with a `when` count
  /// 0 (they may be dropped), a `repeat` given as an expression counts 1,
  /// nested calls and groups multiply out (saturating at `Int.max`).
  func minimumLayers(ofBlock name: String) -> Int {
    if let known = minimumBlockLayers[name] { return known }
    minimumBlockLayers[name] = 0  // a block that calls itself adds nothing (the depth limit stops it)
    guard case .array(let items)? = blocks[name]?["layers"] else { return 0 }
    let n = minimumLayers(of: items)
    minimumBlockLayers[name] = n
    return n
  }

  /// The fewest layers a list of layer entries expands to (see ``minimumLayers(ofBlock:)``).
  func minimumLayers(of items: [JSONValue]) -> Int {
    var total = 0
    for item in items {
      guard case .object(let o) = item, o["when"] == nil else { continue }
      var n = 1
      if case .string(let block)? = o["block"] {
        var times = 1
        if case .int(let r)? = o["repeat"], r > 1 { times = r }
        n = (try? Checked.mul(times, minimumLayers(ofBlock: block))) ?? Int.max
      } else if o["type"] == nil, case .array(let inner)? = o["layers"] {
        n = minimumLayers(of: inner)
      }
      total = (try? Checked.add(total, n)) ?? Int.max
    }
    return total
  }

  func output(of scope: Scope, _ named: JSONValue?, _ o: JSONObject, _ layer: String) throws -> TensorRef {
    if let named {
      guard case .string(let n) = named, let r = lookup(n, in: scope) else {
        throw field(o, "output", "names no layer of the block: \(named.brief)", layer: layer)
      }
      return r
    }
    guard let last = scope.last else {
      throw NetCostError.invalidSpec(o.location ?? top, layer: layer, message: "block or group has no layers")
    }
    return last
  }

  /// Makes an expanded block or group the parent's `label`: its output (its own names are reachable as `label.name` through ``names``).
  func publish(_ label: String, output: TensorRef, into parent: Scope) {
    names[parent.prefix + label] = output
    parent.last = output
  }

  /// Resolves the names the scope's layers used before they were defined.
  func close(_ scope: Scope) throws {
    for id in scope.owned {
      let p = placeholders[id]
      guard let r = lookup(p.name, in: scope) else {
        // The names this scope sees (its own and, through labels, its blocks').
        let visible = names.keys.filter { $0.hasPrefix(scope.prefix) }.map { String($0.dropFirst(scope.prefix.count)) }
        let suggestion = Suggest.closest(to: p.name, in: visible)
        try collect(
          NetCostError.unknownInput(
            p.location, layer: p.layer, input: p.name, suggestion: suggestion, insideBlock: !scope.prefix.isEmpty))
        continue
      }
      for (layer, slot) in uses[id] ?? [] { layers[layer].inputs[slot] = r }
    }
  }

  // MARK: - Arguments

  /// Whether a value holds a `$` string anywhere (only those need substituting).
  static func hasDollar(_ v: JSONValue) -> Bool {
    switch v {
    case .string(let s): return s.utf8.first == 0x24
    case .array(let a): return a.contains(where: hasDollar)
    default: return false
    }
  }

  /// Replaces `$name` and `$expression` strings with argument values.
  func substitute(_ v: JSONValue, _ args: [String: JSONValue], _ o: JSONObject, _ key: String, _ layer: String) throws
    -> JSONValue
  {
    switch v {
    case .string(let s) where s.hasPrefix("$"):
      let body = String(s.dropFirst())
      if let exact = args[body] { return exact }
      do {
        return .int(
          try Expression.evaluate(body) { name in
            switch args[name] {
            case .int(let i)?: return i
            case .bool(let b)?: return b ? 1 : 0
            default: return nil
            }
          })
      } catch let f {
        let msg: String
        switch f {
        case .unknown(let n):
          if args[n] != nil {
            msg = "'\(s.clipped)': argument '\(n)' is \(args[n]!.described), not an integer"
          } else if args.isEmpty {
            msg = "'\(s.clipped)' refers to a block argument, but this layer is not inside a block"
          } else {
            msg =
              "'\(s.clipped)' names no block argument '\(n)'"
              + (Suggest.closest(to: n, in: args.keys).map { " (did you mean '\($0)'?)" } ?? "")
          }
        case .syntax(let why): msg = "cannot evaluate '\(s.clipped)': \(why)"
        case .divisionByZero: msg = "'\(s.clipped)' divides by zero"
        case .overflow: msg = "'\(s.clipped)' does not fit in a 64-bit integer"
        }
        throw field(o, key, msg, layer: layer)
      }
    case .array(let a):
      return .array(try a.map { try substitute($0, args, o, key, layer) })
    default:
      return v
    }
  }
}
