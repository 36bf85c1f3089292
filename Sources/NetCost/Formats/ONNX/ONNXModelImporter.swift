// netcost — Apache-2.0

/// ONNX models (protobuf) as a ``ModelImporter``: see ``ONNXImport``.
///
/// Claims `.onnx` files, binary data that starts like a `ModelProto`
/// (field 1, `ir_version`), and, last of all, any other binary data that no
/// format recognises, so that its error says what is wrong with it as a
/// model.
public struct ONNXModelImporter: ModelImporter {
  /// Creates the importer.
  public init() {}

  public var format: InputFormat { .onnx }
  public var displayName: String { "ONNX models" }
  public var fileExtensions: [String] { ["onnx"] }

  public func sniff(_ probe: FileProbe) -> SniffConfidence {
    if probe.isDirectory { return .no }
    let binary = !probe.looksLikeText
    if binary, probe.head.first == 0x08 { return .likely }
    if probe.fileExtension == "onnx" { return .extensionOnly }
    if probe.head.isEmpty { return .no }
    if binary, FormatLookalike.describe(probe) == nil { return .fallback }
    return .no
  }

  public func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    try ONNXImport.load(file: file, options: options.onnx).graph
  }
}
