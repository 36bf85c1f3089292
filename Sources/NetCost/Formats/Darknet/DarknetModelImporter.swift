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
    guard let text = probe.text else { return isCfg ? .extensionOnly : .no }
    for line in text.split(whereSeparator: \.isNewline) {
      let t = line.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
      if t.isEmpty || t.hasPrefix("#") || t.hasPrefix(";") || t == "\u{FEFF}" { continue }
      let first = t.hasPrefix("\u{FEFF}") ? String(t.dropFirst()) : t
      if first.hasPrefix("[net]") || first.hasPrefix("[network]") { return isCfg ? .certain : .likely }
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
