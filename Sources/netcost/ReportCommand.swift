// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "One self-contained HTML page for a model: cards, module tree, charts and the graph.",
    discussion: """
      The page needs no network (style, data and script are inline): open it from disk. \
      netcost report model.onnx -o report.html; with --profile profile.json (from \
      `netcost profile MODEL --format json`) it adds measured time per layer and a roofline.
      """)

  @Argument(help: "The model: a netcost JSON spec, an ONNX model, or any format --input-format lists.")
  var file: String

  @OptionGroup(title: "Reading the model") var importing: ImportArguments

  @OptionGroup(title: "Language models (Hugging Face config.json)") var llm: LLMArguments

  @Option(name: [.customShort("o"), .long], help: "Write the page here (default: standard output).")
  var output: String?

  @Option(help: "A profile written by `netcost profile --format json`, shown beside the static cost.")
  var profile: String?

  @Option(help: "Show the table rolled up by dotted-name prefix to this depth.")
  var depth: Int?

  func validate() throws {
    if let depth, depth < 1 { throw ValidationError("--depth must be at least 1, found \(depth)") }
  }

  func run() throws {
    let page: String
    do {
      var loading = try importing.options
      loading.llm = try llm.options()
      let report = try NetCost.analyze(
        file: file, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading)
      var d = report.pageDocument(depth: depth)
      if let profile { try ProfileOverlay.load(file: profile).apply(to: &d) }
      page = HTMLRenderer.render(d)
    } catch let e as NetCostError {
      fail(e)
    }
    if let output {
      if let reason = writeFile(output, page) { inputFailure("cannot write the report to '\(output)': \(reason)") }
    } else {
      writeStdout(page)
    }
  }
}
