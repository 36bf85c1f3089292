// netcost — Apache-2.0

/// Reads a Darknet `.cfg` network description (pjreddie/darknet and its
/// maintained fork AlexeyAB/darknet, whose behaviour is followed where the
/// two differ) into a ``Graph``.
///
/// Every section after `[net]` becomes one layer, named as darknet numbers
/// and prints it — the 0-based layer index and darknet's short word for the
/// layer (`"0 conv"`, `"1 max"`, `"16 yolo"`, `"17 route"`) — so a report
/// lines up with darknet's own table. A layer reads the previous layer's
/// output; `[route]` and `[shortcut]` also read the layers they name by
/// relative (negative) or absolute index. The input is `channels×height×width`
/// from `[net]`, per image: the training `batch` and `subdivisions` are not
/// the analysis batch.
///
/// Keys darknet does not read in a section are ignored, as darknet does
/// (it prints "Unused field"), each with a warning naming it and its line;
/// `allowUnknown` leaves the warnings out.
public enum DarknetImport {
  /// Reads the `.cfg` file at `file`.
  ///
  /// - Throws: ``NetCostError`` naming the file, line, column and layer of
  ///   anything darknet could not build, or that netcost does not model.
  public static func load(file: String, allowUnknown: Bool = false) throws(NetCostError) -> Graph {
    try load(DarknetConfig.read(file: file), allowUnknown: allowUnknown)
  }

  /// Builds the graph of a parsed `.cfg`.
  public static func load(_ config: DarknetConfig, allowUnknown: Bool = false) throws(NetCostError) -> Graph {
    let net = config.sections[0]
    guard net.name == "net" || net.name == "network" else {
      throw .invalidSpec(
        net.location, layer: nil,
        message: "the first section must be [net] or [network] (the input size), found [\(net.name.clipped)]")
    }
    let netFields = DarknetFields(net, layer: nil, known: DarknetKeys.net)
    let input = try readInput(netFields, file: config.file)
    // The builder every importer shares infers each layer's shapes as it is
    // added (one image), so a layer that does not fit is reported there.
    var graph = GraphBuilder(name: baseName(config.file))
    guard let shape = Shape([1] + input.dims) else {
      throw netFields.error(nil, "the input \(input.dims) is too large")
    }
    graph.addInput(input, shape: shape)
    graph.notes += unusedKeyFindings(netFields, section: "net", allowUnknown: allowUnknown)
    for (index, section) in config.sections.dropFirst().enumerated() {
      let isLast = index == config.sections.count - 2
      var builder = DarknetLayerBuilder(
        section: section, index: index, allowUnknown: allowUnknown,
        truncationHint: isLast && config.endsWithoutNewline)
      let layer = try builder.build()
      graph.notes += builder.findings
      try graph.addLayer(
        name: layer.name, kind: layer.kind, op: layer.op, inputs: layer.inputs, location: layer.location)
    }
    guard !graph.layers.isEmpty else {
      throw .invalidSpec(net.location, layer: nil, message: "the file has a [net] section but no layers")
    }
    return try graph.build()
  }

  /// Darknet's input: `channels×height×width`, or `inputs` values when the
  /// network reads no image.
  private static func readInput(_ f: DarknetFields, file: String) throws(NetCostError) -> GraphInput {
    let h = try f.int("height", default: 0, minimum: 0)
    let w = try f.int("width", default: 0, minimum: 0)
    let c = try f.int("channels", default: 0, minimum: 0)
    let dims: [Int]
    if h > 0, w > 0, c > 0 {
      dims = [c, h, w]
    } else {
      let inputs = try f.int("inputs", default: 0, minimum: 0)
      guard inputs > 0 else {
        throw f.error(
          nil, "[net] needs width, height and channels (or inputs); found width=\(w) height=\(h) channels=\(c)")
      }
      dims = [inputs, 1, 1]
    }
    return GraphInput(name: "data", dims: dims, location: f.section.location)
  }

  /// One warning per key darknet does not read in the section (none with
  /// `allowUnknown`): darknet prints "Unused field" and runs, so netcost
  /// reads the file the same way and says which keys it ignored.
  static func unusedKeyFindings(_ f: DarknetFields, section: String, allowUnknown: Bool) -> [Finding] {
    guard !allowUnknown else { return [] }
    return f.unknownKeys().map { option, suggestion in
      var message = "key '\(option.key.clipped)' is not one darknet reads in [\(section)]"
      if let suggestion { message += " (did you mean '\(suggestion)'?)" }
      message += "; ignored, as darknet does (it prints \"Unused field\"); --allow-unknown silences this"
      return Finding(kind: .importAssumption, layer: f.layer ?? section, location: option.location, message: message)
    }
  }

  private static func baseName(_ path: String) -> String {
    var name = String(path.split(separator: "/").last ?? Substring(path))
    if name.hasSuffix(".cfg") { name.removeLast(4) }
    return name.isEmpty ? "darknet" : name
  }
}
