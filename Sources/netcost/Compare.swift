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
  @Option(help: "Output format: table, markdown, csv, json, html.") var format: ReportFormat = .table
  @Option(
    name: .customLong("profile"),
    help: ArgumentHelp(
      "A `netcost profile --format json` file (repeatable): adds measured ms and GFLOP/s to the model of the same file and batch; a model without one shows an empty cell.",
      valueName: "file"))
  var profiles: [String] = []
  @OptionGroup(title: "Reading the models") var importing: ImportArguments

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one model file") }
  }

  func run() throws {
    let loading = try importing.options
    var cols = Comparison.defaultColumns + (profiles.isEmpty ? [] : [.ms, .gflops])
    if let columns {
      do { cols = try Comparison.Column.parseList(columns) } catch { usageFailure(error.message) }
    }
    var measurements: [Comparison.Measurement] = []
    for p in profiles {
      do { measurements.append(try Comparison.Measurement.load(file: p)) } catch { fail(error) }
    }
    var reports: [Report] = []
    for f in files {
      do {
        reports.append(
          try NetCost.analyze(
            file: f, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading))
      } catch { fail(error) }
    }
    let comparison = Comparison(
      reports, columns: cols, sort: sort, descending: descending, measurements: measurements)
    for m in measurements where !comparison.rows.contains(where: { $0.measured == m }) {
      writeStderr(
        "netcost: warning: \(m.source): the profile of '\(m.model)' (\(m.file ?? "no file"), batch \(m.batch)) matches no model compared at its file and batch\n"
      )
    }
    writeStdout(comparison.render(format))
  }
}

extension Comparison.Column: ExpressibleByArgument {}
