// netcost — Apache-2.0

/// The Caffe `.prototxt` format (BVLC Caffe and the forks' deploy files)
/// on the importer interface; the reading is ``CaffeImport``'s.
public struct CaffeModelImporter: ModelImporter {
  /// Creates the importer.
  public init() {}

  public var format: InputFormat { "caffe" }
  public var displayName: String { "Caffe .prototxt" }
  public var fileExtensions: [String] { ["prototxt"] }

  /// Text whose fields are a Caffe net's: `layer {` / `layers {` blocks, or
  /// a top-level `input:` with `name:`; the extension alone says less.
  public func sniff(_ probe: FileProbe) -> SniffConfidence {
    if probe.isDirectory || !probe.looksLikeText { return .no }
    guard let text = probe.text else { return probe.fileExtension == "prototxt" ? .extensionOnly : .no }
    let body = String(String.UnicodeScalarView(text.unicodeScalars.prefix(16_384)))
    if Self.hasBlock(body, "layer") || Self.hasBlock(body, "layers") { return .likely }
    if Self.hasField(body, "input"), Self.hasField(body, "name") { return .likely }
    return probe.fileExtension == "prototxt" ? .extensionOnly : .no
  }

  /// Whether a line starts with `name {` (any spacing).
  static func hasBlock(_ text: String, _ name: String) -> Bool {
    text.split(whereSeparator: \.isNewline).contains { line in
      let t = line.drop { $0 == " " || $0 == "\t" }
      guard t.hasPrefix(name) else { return false }
      return t.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }.first == "{"
    }
  }

  /// Whether a line starts with `name:` (any spacing).
  static func hasField(_ text: String, _ name: String) -> Bool {
    text.split(whereSeparator: \.isNewline).contains { line in
      let t = line.drop { $0 == " " || $0 == "\t" }
      guard t.hasPrefix(name) else { return false }
      return t.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }.first == ":"
    }
  }

  /// Reads the file. Its inputs' first dimension is not kept: the batch is
  /// the analysis's (`--batch`, else 1), and a deploy file's own batch (10
  /// crops) is reported as a note.
  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try CaffeImport.load(file: file).graph
  }
}
