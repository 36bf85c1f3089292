// netcost — Apache-2.0

/// Reads a Keras model into a ``Graph``: the JSON of `model.to_json()`
/// (Keras 3 and Keras 2 forms), a `.keras` archive's `config.json`, or a
/// legacy `.h5` file's `model_config` attribute.
///
/// Keras lays images out channels-last (N, H, W, C); netcost's ops work on
/// channels-first tensors, so image tensors are held as N×C×H×W (the
/// README's Keras section says how shapes are shown). Sequences stay
/// N×L×features as Keras has them.
public enum KerasImport {
  /// The most bytes of model configuration read from an archive or an
  /// HDF5 attribute (the configuration of the largest published models is
  /// a few MB).
  public static let configLimit = 64 << 20

  /// Reads the Keras model at `file`.
  ///
  /// - Throws: ``NetCostError`` naming the file, the line and column of the
  ///   configuration where there are lines, the layer, and what was
  ///   expected and found.
  public static func load(file: String, options: ImportOptions = .init()) throws(NetCostError) -> Graph {
    let probe = try FileProbe(file: file)
    let json: JSONValue
    let label: String
    if probe.head.starts(with: KerasH5.signature) {
      label = file + ":model_config"
      json = try JSONCParser.parse(bytes: try KerasH5.modelConfig(file: file), file: label)
    } else if probe.head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      label = file + ":config.json"
      json = try JSONCParser.parse(bytes: try KerasArchive.config(file: file), file: label)
    } else if probe.head.starts(with: [0x50, 0x4B]) || probe.fileExtension == "keras" {
      throw .malformed(
        SourceLocation(file: file), message: "not a Keras archive: a .keras file is a zip holding config.json")
    } else {
      label = file
      json = try JSONCParser.parse(file: file)
    }
    return try load(json, file: label, name: baseName(file), options: options)
  }

  /// Builds the graph of a parsed model configuration; `file` names it in
  /// messages.
  public static func load(_ json: JSONValue, file: String, name: String, options: ImportOptions = .init())
    throws(NetCostError) -> Graph
  {
    guard case .object(let top) = json else {
      throw .malformed(
        SourceLocation(file: file, line: 1, column: 1),
        message:
          "a Keras model configuration is a JSON object with \"class_name\" and \"config\", found \(json.typeName)")
    }
    var builder = KerasGraphBuilder(name: name, file: file, options: options)
    do {
      try builder.buildTop(top)
      return try builder.graph()
    } catch {
      guard builder.leftOpen, case .invalidSpec(let at, let layer, let message) = error else { throw error }
      // Sizes the file leaves open: the parameters, where two sizes give the same.
      guard let a = try? counts(top, file: file, name: name, options: options, size: 224),
        let b = try? counts(top, file: file, name: name, options: options, size: 320), a == b
      else { throw error }
      throw .invalidSpec(
        at, layer: layer,
        message: message + " (its parameters do not depend on them: \(a.0) trainable, \(a.1) non-trainable)")
    }
  }

  /// Trainable and non-trainable totals with every open input axis set to `size`.
  private static func counts(_ top: JSONObject, file: String, name: String, options: ImportOptions, size: Int)
    throws -> (Int, Int)
  {
    var builder = KerasGraphBuilder(name: name, file: file, options: options)
    builder.openSize = size
    try builder.buildTop(top)
    let report = try Analyzer.analyze(try builder.graph())
    return (report.totals.params, report.totals.buffers)
  }

  private static func baseName(_ path: String) -> String {
    var name = String(path.split(separator: "/").last ?? Substring(path))
    for ext in [".keras", ".h5", ".json"] where name.hasSuffix(ext) {
      name.removeLast(ext.count)
      break
    }
    return name.isEmpty ? "keras" : name
  }
}
