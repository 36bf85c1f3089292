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
    guard probe.text != nil else { return probe.fileExtension == "prototxt" ? .extensionOnly : .no }
    let lines = probe.headLines(within: 16_384)
    if Self.hasLine(lines, "layer", then: "{") || Self.hasLine(lines, "layers", then: "{") { return .likely }
    if Self.hasLine(lines, "input", then: ":"), Self.hasLine(lines, "name", then: ":") { return .likely }
    return probe.fileExtension == "prototxt" ? .extensionOnly : .no
  }

  /// Whether a line starts with `name` and then `mark` (`{` for a block, `:`
  /// for a field), with any spacing before and between.
  static func hasLine(_ lines: [ArraySlice<UInt8>], _ name: String, then mark: Character) -> Bool {
    let word = Array(name.utf8)
    let mark = mark.asciiValue ?? 0
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    return lines.contains { line in
      let t = line.drop(while: isSpace)
      guard t.starts(with: word) else { return false }
      return t.dropFirst(word.count).drop(while: isSpace).first == mark
    }
  }

  /// Reads the file. Its inputs' first dimension is not kept: the batch is
  /// the analysis's (`--batch`, else 1), and a deploy file's own batch (10
  /// crops) is reported as a note.
  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try CaffeImport.load(file: file).graph
  }
}
