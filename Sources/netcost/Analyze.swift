// netcost — Apache-2.0

import ArgumentParser
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Per-layer shapes, parameters, MACs, FLOPs and memory of a network.")

  @Argument(help: "The network description: a netcost JSON spec or an ONNX model.")
  var file: String

  @Option(
    help:
      "Batch size prepended to every input (ONNX: the first dimension of every input). Default 1, or the ONNX model's own."
  )
  var batch: Int?

  @OptionGroup var importing: ImportOptions

  @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ReportFormat = .table

  @Flag(help: "Report FLOPs as Darknet does (2 × MACs) instead of the exact per-op rules.")
  var darknetFlops = false

  @Option(help: "Optimizer for the training-memory estimate: adam, momentum, sgd.")
  var optimizer: Optimizer = .adam

  func validate() throws {
    if let batch, batch < 1 { throw ValidationError("--batch must be at least 1, found \(batch)") }
  }

  func run() throws {
    let options = AnalysisOptions(
      batch: batch ?? 1, flopConvention: darknetFlops ? .darknet : .exact, optimizer: optimizer)
    let loading = try importing.loadOptions(batch: batch)
    do {
      let graph = try NetCost.load(file: file, options: loading)
      let report = try Analyzer.analyze(graph, options: options, file: file)
      writeStdout(format.render(report))
      // A one-shot process: exit without tearing down the graph and report
      // (hundreds of thousands of small objects for a large model).
      withExtendedLifetime((graph, report)) { Glibc.exit(0) }
    } catch {
      fail(error)
    }
  }
}
