// netcost — Apache-2.0

import ArgumentParser
import NetCost

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

  func run() throws {
    let report: Report
    let loading = try importing.options
    do {
      report = try NetCost.analyze(
        file: file, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading)
    } catch { fail(error) }
    if let at {
      let coords = at.split(separator: ",", omittingEmptySubsequences: false).map {
        Int(String($0.filter { $0 != " " }))
      }
      guard coords.allSatisfy({ $0 != nil && $0! >= 0 }) else {
        throw ValidationError("--at expects non-negative integers separated by commas, e.g. 3,4; found '\(at)'")
      }
      let target: LayerReport
      if let name = layer {
        guard let l = report.layers.first(where: { $0.name == name }) else {
          throw ValidationError("no layer named '\(name)'")
        }
        target = l
      } else {
        guard let l = report.layers.last(where: { $0.receptiveField.axes != nil }) else {
          throw ValidationError("no layer has a spatial receptive field")
        }
        target = l
      }
      let idx = coords.map { $0! }
      let outSize = Array(target.outputShapes[0].spatial)
      if idx.count == outSize.count, let bad = idx.indices.first(where: { idx[$0] >= outSize[$0] }) {
        throw ValidationError(
          "position \(at) is outside layer '\(target.name)' (output \(target.outputShapes[0]); axis \(bad) has \(outSize[bad]) positions)"
        )
      }
      let image = report.inputs.first { $0.shape.rank == idx.count + 2 }.map { Array($0.shape.spatial) } ?? []
      switch InputRegion.of(target.receptiveField, at: idx, inputSize: image) {
      case .failure(let e): throw ValidationError("layer '\(target.name)': \(e)")
      case .success(let region):
        let names =
          idx.count == 2 ? ["rows", "columns"] : idx.count == 3 ? ["depth", "rows", "columns"] : ["positions"]
        var s = "Output \(at) of '\(target.name)' sees input "
        s += zip(names, region.axes).map { "\($0) \($1.clippedFirst)…\($1.clippedLast)" }.joined(separator: ", ")
        s +=
          " (\(region.axes.map { String($0.clippedLast - $0.clippedFirst + 1) }.joined(separator: "×")) pixels of the \(image.map(String.init).joined(separator: "×")) image"
        let unclipped = region.axes.map { "\($0.first)…\($0.last)" }.joined(separator: ", ")
        s +=
          region.axes.contains { $0.first < $0.clippedFirst || $0.last > $0.clippedLast }
          ? "; unclipped \(unclipped))\n" : ")\n"
        writeStdout(s)
      }
      return
    }
    switch format {
    case .json: writeStdout(ReportFormat.json.render(report))
    case .table: writeStdout(Self.table(report))
    }
  }

  static func table(_ r: Report) -> String {
    var rows: [[String]] = []
    for l in r.layers {
      let f = l.receptiveField
      let axes = f.axes
      func join(_ v: (ReceptiveField.AxisField) -> String) -> String {
        guard let axes else { return "" }
        let parts = axes.map(v)
        return Set(parts).count == 1 ? parts[0] : parts.joined(separator: "×")
      }
      rows.append([
        l.name, l.type, l.outputShapes[0].description, TableRenderer.brief(f),
        join { $0.jump.description }, join { $0.center.description },
        join { ($0.equivalentPadding ?? .zero).description },
      ])
    }
    var out = "Model: \(r.model)\n"
    out += TextTableView(
      header: ["Layer", "Type", "Output shape", "RF size", "Jump", "Centre", "Eq. padding"],
      rightAligned: [3, 4, 5, 6], rows: rows
    ).render()
    for f in r.findings { out += "warning: \(f.location): layer '\(f.layer)': \(f.message)\n" }
    return out
  }
}
