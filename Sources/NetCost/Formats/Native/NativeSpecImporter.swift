// netcost — Apache-2.0

/// netcost's own JSON spec (comments allowed) as a ``ModelImporter``.
///
/// Claims `.json` files and any text whose first non-blank byte is `{` or
/// `/` (a comment), with less confidence than a JSON-based format that
/// recognises its own keys (a Keras `model.json`, a transformers
/// `config.json`), so those go to their own importers.
public struct NativeSpecImporter: ModelImporter {
  /// Creates the importer.
  public init() {}

  public var format: InputFormat { .native }
  public var displayName: String { "netcost JSON specs" }
  public var fileExtensions: [String] { ["json"] }

  public func sniff(_ probe: FileProbe) -> SniffConfidence {
    if probe.isDirectory { return .no }
    let body = probe.trimmedHead
    if let first = body.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "/") { return .extensionOnly }
    if probe.fileExtension == "json" { return .extensionOnly }
    // An empty (or all-blank) file: the spec reader says it is empty.
    if body.isEmpty, !probe.head.isEmpty || probe.fileExtension != "onnx" { return .fallback }
    return .no
  }

  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try NativeSpec.load(file: file)
  }
}
