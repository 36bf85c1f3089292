// netcost — Apache-2.0

/// The importer for Hugging Face transformers `config.json` files (and
/// model directories holding one): the graph of the architecture the config
/// describes, built for the stage and lengths in ``ImportOptions/llm``.
public struct HFConfigImporter: ModelImporter {
  /// Creates the importer.
  public init() {}

  public var format: InputFormat { "hf-config" }
  public var displayName: String { "Hugging Face transformers config.json" }
  public var fileExtensions: [String] { ["json"] }

  /// A JSON object with a `"model_type"` key among its first bytes, or a
  /// directory holding a `config.json`.
  public func sniff(_ probe: FileProbe) -> SniffConfidence {
    if probe.isDirectory {
      let path = HFConfigImport.configPath(probe.path)
      return (try? FileProbe(file: path)).map { sniff($0) } ?? .no
    }
    guard probe.trimmedHead.first == UInt8(ascii: "{") else { return .no }
    let key = Array("\"model_type\"".utf8)
    let head = probe.head
    guard head.count >= key.count else { return .no }
    for i in 0...(head.count - key.count) where head[i] == key[0] && Array(head[i..<i + key.count]) == key {
      return .likely
    }
    return .no
  }

  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try HFConfigImport.load(file: file, options: options.llm).graph
  }
}
