// netcost — Apache-2.0

import ArgumentParser
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

struct RF: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rf",
    abstract: "Receptive field of every layer: size, jump (effective stride), centre and equivalent padding.",
    discussion: """
      Centres are in input pixel coordinates (0 = the first pixel) for output index 0; \
      a jump below 1 (after upsampling) is shown as a fraction. --at y,x gives the input \
      box that one output position sees, clipped to the image.
      """)

  @Argument(help: "The network description: a netcost JSON spec or an ONNX model.")
  var file: String

  @OptionGroup(title: "Reading the model") var importing: ImportArguments

  @Option(help: "An output position, one coordinate per spatial axis (e.g. 3,4).")
  var at: String?

  @Option(help: "The layer for --at (default: the last layer with a spatial field).")
  var layer: String?

  @Option(help: "Output format: table or json.")
  var format: RFFormat = .table

  enum RFFormat: String, ExpressibleByArgument { case table, json }

  func validate() throws {
    if layer != nil && at == nil {
      throw ValidationError(
        "--layer picks the layer whose output position --at names; give --at too (without both, rf lists every layer)")
    }
  }

  func run() throws {
    let graph: Graph
    let report: Report
    let loading = try importing.options
    do {
      graph = try NetCost.load(file: file, options: loading)
      report = try Analyzer.analyze(graph, options: AnalysisOptions(batch: importing.analysisBatch), file: file)
    } catch { fail(error) }
    if let at {
      do { writeStdout(try report.describeRegion(at: at, layer: layer, graph: graph)) } catch {
        // Exits 64 with rf's own usage (a plain throw would show netcost's).
        writeStderr(
          "Error: \(error.message)\nUsage: \(NetCostCommand.usageString(for: RF.self))\n"
            + "  See 'netcost rf --help' for more information.\n")
        Glibc.exit(64)
      }
      return
    }
    switch format {
    case .json: writeStdout(ReportFormat.json.render(report))
    case .table: writeStdout(DocumentRenderer.text(report.receptiveFieldDocument))
    }
  }
}
