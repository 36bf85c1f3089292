// netcost — Apache-2.0

/// Keras models on the importer interface: the JSON of `model.to_json()`,
/// a `.keras` archive (a zip holding `config.json`) and a legacy `.h5`
/// file (its `model_config` attribute). The reading is ``KerasImport``'s.
public struct KerasModelImporter: ModelImporter {
  /// Creates the importer.
  public init() {}

  public var format: InputFormat { "keras" }
  public var displayName: String { "Keras model (.keras, .h5, model.to_json())" }
  public var fileExtensions: [String] { ["keras", "h5", "json"] }

  /// Certain for an HDF5 signature and for a zip named `.keras` or holding
  /// a `config.json` entry; likely for JSON whose top-level object has a
  /// `"class_name"` and a `"config"` with `"layers"` (a Keras model JSON
  /// is never taken for a netcost spec, which has no `class_name`).
  public func sniff(_ probe: FileProbe) -> SniffConfidence {
    if probe.isDirectory { return .no }
    let h = probe.head
    if h.starts(with: KerasH5.signature) { return .certain }
    if h.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      if probe.fileExtension == "keras" { return .certain }
      return Self.contains(h, "config.json") ? .certain : .no
    }
    guard probe.trimmedHead.first == UInt8(ascii: "{") else { return .no }
    if Self.contains(h, "\"class_name\""), Self.contains(h, "\"config\""), Self.contains(h, "\"layers\"") {
      return .certain
    }
    return .no
  }

  /// Whether `bytes` hold `text`.
  static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
    let key = Array(text.utf8)
    guard bytes.count >= key.count else { return false }
    var i = 0
    while i <= bytes.count - key.count {
      if bytes[i] == key[0], bytes[i..<(i + key.count)].elementsEqual(key) { return true }
      i += 1
    }
    return false
  }

  /// Reads the file: per image (the analysis batch is `--batch`, else 1);
  /// sizes the file leaves open come from `--dim` (`height`, `width`…).
  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try KerasImport.load(file: file, options: options)
  }
}
