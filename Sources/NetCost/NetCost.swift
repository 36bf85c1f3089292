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

  /// Reads a network description with the importer `options.format`
  /// names, or the one detection picks (``detectFormat(file:)``), from
  /// ``ImporterRegistry/shared``.
  public static func load(file: String, options: ImportOptions = .init()) throws(NetCostError) -> Graph {
    try ImporterRegistry.shared.load(file: file, options: options)
  }

  /// The format of a file, by its content and extension: the registered
  /// importer most confident that the file is its format.
  ///
  /// - Throws: ``NetCostError`` when the file cannot be read or no format
  ///   claims it (the message says what it looks like, where it can).
  public static func detectFormat(file: String) throws(NetCostError) -> InputFormat {
    try ImporterRegistry.shared.importer(forFile: file, format: nil).format
  }

  /// Analyzes a native JSON spec held in memory; `file` names it in messages.
  public static func analyze(json text: String, file: String = "<memory>", options: AnalysisOptions = .init())
    throws(NetCostError) -> Report
  {
    let graph = try NativeSpec.load(json: JSONCParser.parse(bytes: Array(text.utf8), file: file), file: file)
    return try Analyzer.analyze(graph, options: options, file: file)
  }

  /// Reads and analyzes a network description. For an ONNX model the batch
  /// is `loading.batch`, else `options.batch` when it is not 1, else
  /// the model's own first input dimension.
  public static func analyze(file: String, options: AnalysisOptions = .init(), loading: LoadOptions = .init())
    throws(NetCostError) -> Report
  {
    var loading = loading
    if loading.batch == nil, options.batch != 1 { loading.batch = options.batch }
    // A transformers config: both stages and the LLM figures.
    if try ImporterRegistry.shared.importer(forFile: file, format: loading.format) is HFConfigImporter {
      return try LLMAnalysis.analyze(file: file, loading: loading, options: options)
    }
    return try Analyzer.analyze(load(file: file, options: loading), options: options, file: file)
  }
}
