// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Print a model's figures as a baseline lock file for `check --baseline`.",
    discussion: "netcost baseline model.json > netcost.lock.json")

  @Argument(help: "The network description.") var file: String
  @Option(help: "Batch size.") var batch: Int = 1

  func validate() throws {
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1, found \(batch)") }
  }

  func run() throws {
    do {
      let report = try NetCost.analyze(file: file, options: AnalysisOptions(batch: batch))
      writeStdout(Baseline(report: report).render())
    } catch {
      fail(error)
    }
  }
}
