// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Layers added, removed and changed between two versions of a model, and the change in totals.")

  @Argument(help: "The old network description.") var old: String
  @Argument(help: "The new network description.") var new: String
  @Option(help: "Output format: table, markdown, json.") var format: ReportFormat = .table
  @OptionGroup(title: "Reading the model") var importing: ImportArguments

  func run() throws {
    let loading = try importing.options
    do {
      let a = try NetCost.analyze(
        file: old, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading)
      let b = try NetCost.analyze(
        file: new, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading)
      writeStdout(ReportDiff(old: a, new: b).render(format))
    } catch {
      fail(error)
    }
  }
}
