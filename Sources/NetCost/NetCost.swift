// netcost — Apache-2.0

/// The library's front door: read a network description and analyze it.
///
/// ```swift
/// let report = try NetCost.analyze(file: "Models/resnet50.json")
/// print(report.totals.params, report.totals.macs)
/// ```
public enum NetCost {
  /// The netcost version.
  public static let version = "0.1.0"

  /// Reads a network description, choosing the format by its content and extension.
  public static func load(file: String) throws(NetCostError) -> Graph {
    try NativeSpec.load(file: file)
  }

  /// Analyzes a native JSON spec held in memory; `file` names it in messages.
  public static func analyze(json text: String, file: String = "<memory>", options: AnalysisOptions = .init()) throws(NetCostError) -> Report {
    let graph = try NativeSpec.load(json: JSONCParser.parse(bytes: Array(text.utf8), file: file), file: file)
    return try Analyzer.analyze(graph, options: options, file: file)
  }

  /// Reads and analyzes a network description.
  public static func analyze(file: String, options: AnalysisOptions = .init()) throws(NetCostError) -> Report {
    try Analyzer.analyze(load(file: file), options: options, file: file)
  }
}
