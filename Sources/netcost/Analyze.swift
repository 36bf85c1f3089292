// netcost — Apache-2.0

import ArgumentParser
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Per-layer shapes, parameters, MACs, FLOPs and memory of a network.")

  @Argument(help: "The model: a netcost JSON spec, an ONNX model, or any format --input-format lists.")
  var file: String

  @OptionGroup(title: "Reading the model") var importing: ImportArguments

  @OptionGroup(title: "Language models (Hugging Face config.json)") var llm: LLMArguments

  @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ReportFormat = .table

  @Flag(help: "Report FLOPs as Darknet does (2 × MACs) instead of the exact per-op rules.")
  var darknetFlops = false

  @Option(help: "Optimizer for the training-memory estimate: adam, momentum, sgd.")
  var optimizer: Optimizer = .adam

  @Option(
    help:
      "Roll layers up by dotted-name prefix to this depth (1: ResNet's layer1, layer2…; 2: layer1.0 …), as torchinfo and fvcore show modules."
  )
  var depth: Int?

  func validate() throws {
    if let depth, depth < 1 { throw ValidationError("--depth must be at least 1, found \(depth)") }
  }

  func run() throws {
    let options = AnalysisOptions(
      batch: importing.analysisBatch, flopConvention: darknetFlops ? .darknet : .exact, optimizer: optimizer)
    var loading = try importing.options
    do {
      loading.llm = try llm.options()
      let report = try NetCost.analyze(file: file, options: options, loading: loading)
      if let depth {
        format.write(
          format == .html ? report.pageDocument(depth: depth) : report.document(depth: depth), to: standardOutput)
      } else {
        format.write(report, to: standardOutput)
      }
      // A one-shot process: exit without tearing down the report
      // (hundreds of thousands of small objects for a large model).
      withExtendedLifetime(report) { Glibc.exit(0) }
    } catch {
      fail(error)
    }
  }
}
