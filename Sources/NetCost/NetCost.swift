// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The library's front door: read a network description and analyze it.
///
/// ```swift
/// let report = try NetCost.analyze(file: "Models/resnet50.json")
/// print(report.totals.params, report.totals.macs)
/// ```
public enum NetCost {
  /// The netcost version.
  public static let version = "0.1.0"

  /// Reads a network description, choosing the format by its content and
  /// extension (see ``detectFormat(file:)``) unless `options` names one.
  public static func load(file: String, options: LoadOptions = .init()) throws(NetCostError) -> Graph {
    var format = options.format
    if format == nil { format = try detectFormat(file: file) }
    switch format! {
    case .native: return try NativeSpec.load(file: file)
    case .onnx: return try ONNXImport.load(file: file, options: options.onnx).graph
    case .darknet: return try DarknetImport.load(file: file, allowUnknown: options.onnx.allowUnknown)
    }
  }

  /// The format of a file: one whose first non-blank byte is `{` or `/` (a
  /// comment) is a netcost JSON spec, as is any `.json` file; anything else
  /// is read as an ONNX model (protobuf).
  public static func detectFormat(file: String) throws(NetCostError) -> InputFormat {
    if file.hasSuffix(".json") { return .native }
    if file.lowercased().hasSuffix(".cfg") { return .darknet }
    guard let f = fopen(file, "rb") else { throw .unreadable(file: file, reason: String(cString: strerror(errno))) }
    defer { fclose(f) }
    var head = [UInt8](repeating: 0, count: 256)
    let n = head.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
    var i = 0
    if n >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { i = 3 }
    while i < n, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
    if i == n { return file.hasSuffix(".onnx") ? .onnx : .native }
    if head[i] == UInt8(ascii: "[") { return .darknet }
    return head[i] == UInt8(ascii: "{") || head[i] == UInt8(ascii: "/") ? .native : .onnx
  }

  /// Analyzes a native JSON spec held in memory; `file` names it in messages.
  public static func analyze(json text: String, file: String = "<memory>", options: AnalysisOptions = .init())
    throws(NetCostError) -> Report
  {
    let graph = try NativeSpec.load(json: JSONCParser.parse(bytes: Array(text.utf8), file: file), file: file)
    return try Analyzer.analyze(graph, options: options, file: file)
  }

  /// Reads and analyzes a network description. For an ONNX model the batch
  /// is `loading.onnx.batch`, else `options.batch` when it is not 1, else
  /// the model's own first input dimension.
  public static func analyze(file: String, options: AnalysisOptions = .init(), loading: LoadOptions = .init())
    throws(NetCostError) -> Report
  {
    var loading = loading
    if loading.onnx.batch == nil, options.batch != 1 { loading.onnx.batch = options.batch }
    return try Analyzer.analyze(load(file: file, options: loading), options: options, file: file)
  }
}

/// The formats netcost reads.
public enum InputFormat: String, Sendable, CaseIterable {
  /// netcost's JSON spec.
  case native
  /// An ONNX model (protobuf).
  case onnx
  /// A Darknet `.cfg` network description.
  case darknet
}

/// Choices for reading a network description.
public struct LoadOptions: Sendable, Equatable {
  /// The format; nil detects it (``NetCost/detectFormat(file:)``).
  public var format: InputFormat?
  /// How to read ONNX models: symbolic dimensions, batch, unknown ops.
  public var onnx: ONNXOptions

  /// Creates options.
  public init(format: InputFormat? = nil, onnx: ONNXOptions = .init()) {
    self.format = format
    self.onnx = onnx
  }
}
