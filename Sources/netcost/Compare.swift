// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Several models side by side, one row each.")

  @Argument(help: "Network descriptions.") var files: [String]
  @Option(help: "Sort by a column: \(Comparison.Column.allCases.map(\.rawValue).joined(separator: ", ")).") var sort:
    Comparison.Column?
  @Flag(help: "Sort in descending order.") var descending = false
  @Option(
    help:
      "Columns to show, comma-separated (default: \(Comparison.defaultColumns.map(\.rawValue).joined(separator: ",")))."
  ) var columns: String?
  @Option(help: "Output format: table, markdown, csv, json.") var format: ReportFormat = .table
  @OptionGroup(title: "Reading the models") var importing: ImportArguments

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one model file") }
  }

  func run() throws {
    let loading = try importing.options
    var cols = Comparison.defaultColumns
    if let columns {
      cols = []
      guard columns.contains(where: { $0 != "," && $0 != " " }) else {
        usageFailure(
          "--columns: expected column names separated by commas (known: \(Comparison.Column.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      for name in columns.split(separator: ",") {
        guard let c = Comparison.Column(rawValue: String(name)) else {
          usageFailure(
            "--columns: unknown column '\(name)' (known: \(Comparison.Column.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        cols.append(c)
      }
    }
    var reports: [Report] = []
    for f in files {
      do {
        reports.append(
          try NetCost.analyze(
            file: f, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading))
      } catch { fail(error) }
    }
    writeStdout(Comparison(reports, columns: cols, sort: sort, descending: descending).render(format))
  }
}

extension Comparison.Column: ExpressibleByArgument {}
