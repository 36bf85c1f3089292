// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Print a model's figures as a baseline lock file for `check --baseline`.",
    discussion: "netcost baseline model.json > netcost.lock.json")

  @Argument(help: "The network description.") var file: String
  @OptionGroup(title: "Reading the model") var importing: ImportArguments

  func run() throws {
    let loading = try importing.options
    do {
      let report = try NetCost.analyze(
        file: file, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading)
      writeStdout(Baseline(report: report).render())
    } catch {
      fail(error)
    }
  }
}
