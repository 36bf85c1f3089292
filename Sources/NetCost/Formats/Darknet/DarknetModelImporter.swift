// netcost — Apache-2.0

/// The Darknet `.cfg` format (pjreddie/darknet and AlexeyAB/darknet) on the
/// importer interface; the reading is ``DarknetImport``'s.
public struct DarknetModelImporter: ModelImporter {
  /// Creates the importer.
  public init() {}

  public var format: InputFormat { "darknet" }
  public var displayName: String { "Darknet .cfg" }
  public var fileExtensions: [String] { ["cfg"] }

  /// Text whose first section, past blank and comment lines, is `[net]` or
  /// `[network]` (what darknet requires): certain with the `.cfg`
  /// extension, likely without; the extension alone says less.
  public func sniff(_ probe: FileProbe) -> SniffConfidence {
    let isCfg = probe.fileExtension == "cfg"
    if probe.isDirectory || !probe.looksLikeText { return .no }
    guard probe.text != nil else { return isCfg ? .extensionOnly : .no }
    // The first line that is not blank or a comment decides.
    for line in probe.headLines() {
      let t = line.filter { $0 != 0x20 && $0 != 0x09 }
      if t.isEmpty || t[0] == UInt8(ascii: "#") || t[0] == UInt8(ascii: ";") { continue }
      if t.starts(with: Array("[net]".utf8)) || t.starts(with: Array("[network]".utf8)) {
        return isCfg ? .certain : .likely
      }
      break
    }
    return isCfg ? .extensionOnly : .no
  }

  /// Reads the file. The input is per image: the `[net]` section's training
  /// `batch` is not the analysis batch (`--batch`, else 1).
  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try DarknetImport.load(file: file, allowUnknown: options.allowUnknown)
  }
}
