// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Per-layer shapes, parameters, MACs, FLOPs and memory of a network.")

  @Argument(help: "The network description (netcost JSON spec).")
  var file: String

  @Option(help: "Batch size prepended to every input.")
  var batch: Int = 1

  @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ReportFormat = .table

  @Flag(help: "Report FLOPs as Darknet does (2 × MACs) instead of the exact per-op rules.")
  var darknetFlops = false

  @Option(help: "Optimizer for the training-memory estimate: adam, momentum, sgd.")
  var optimizer: Optimizer = .adam

  func validate() throws {
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1, found \(batch)") }
  }

  func run() throws {
    let options = AnalysisOptions(batch: batch, flopConvention: darknetFlops ? .darknet : .exact, optimizer: optimizer)
    do {
      let report = try NetCost.analyze(file: file, options: options)
      writeStdout(format.render(report))
    } catch {
      fail(error)
    }
  }
}
