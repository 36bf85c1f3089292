// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Layers added, removed and changed between two versions of a model, and the change in totals.")

  @Argument(help: "The old network description.") var old: String
  @Argument(help: "The new network description.") var new: String
  @Option(help: "Output format: table, markdown, json.") var format: ReportFormat = .table
  @Option(help: "Batch size.") var batch: Int = 1

  func validate() throws {
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1, found \(batch)") }
  }

  func run() throws {
    do {
      let a = try NetCost.analyze(file: old, options: AnalysisOptions(batch: batch))
      let b = try NetCost.analyze(file: new, options: AnalysisOptions(batch: batch))
      writeStdout(ReportDiff(old: a, new: b).render(format))
    } catch {
      fail(error)
    }
  }
}
