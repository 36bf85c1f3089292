// netcost — Apache-2.0

extension Report {
  /// `netcost rf` as a document: every layer's receptive field (size, jump,
  /// centre, equivalent padding) and the geometry warnings; its JSON form is
  /// the analysis report's.
  public var receptiveFieldDocument: Document {
    var d = document
    d.kind = "rf"
    let columns = [
      DocumentColumn("name", "Layer", value: LayerCell.name),
      DocumentColumn("type", "Type", value: LayerCell.type),
      DocumentColumn("output_shape", "Output shape", value: LayerCell.shapes, kind: .firstShapeOnly),
      DocumentColumn("rf_size", "RF size", value: LayerCell.field, kind: .field(.brief), rightAligned: true),
      DocumentColumn("rf_jump", "Jump", value: LayerCell.field, kind: .field(.jump), rightAligned: true),
      DocumentColumn("rf_center", "Centre", value: LayerCell.field, kind: .field(.center), rightAligned: true),
      DocumentColumn("rf_padding", "Eq. padding", value: LayerCell.field, kind: .field(.padding), rightAligned: true),
    ]
    d.tables.append(DocumentTable(key: "receptive_fields", columns: columns, rows: d.tables[0].rows))
    d.blocks = [
      DocumentBlock(.heading(.plain("Model: \(model)")), media: .text),
      DocumentBlock(.heading(.plain(model)), media: [.markdown, .html]),
      DocumentBlock(.table(1)),
      DocumentBlock(
        .lines(findings.map { .plain("warning: \($0.location): layer '\($0.layer)': \($0.message)") }), media: .human),
    ]
    if findings.isEmpty { d.blocks.removeLast() }
    d.csvTable = 1
    return d
  }

  /// What input region one output position of a layer sees, in words:
  /// `Output 3,4 of 'fc' sees input rows 0…223, columns 0…223 (224×224 pixels of the 224×224 image)`.
  ///
  /// - Parameters:
  ///   - at: the position as written on the command line (`3,4`).
  ///   - layer: the layer, or nil for the last one with a spatial field.
  ///   - graph: the graph analyzed into this report; with it the region is
  ///     exact (``InputRegion/exact(graph:report:layer:at:)``), without it
  ///     (or where an op has no backward rule) it is the summary field's box.
  /// - Throws: ``OptionValueError`` for a malformed position, an unknown
  ///   layer or a position outside the layer's output.
  public func describeRegion(at: String, layer: String?, graph: Graph? = nil) throws(OptionValueError) -> String {
    let coords = at.split(separator: ",", omittingEmptySubsequences: false).map {
      Int(String($0.filter { $0 != " " }))
    }
    guard coords.allSatisfy({ $0 != nil && $0! >= 0 }) else {
      throw OptionValueError("--at expects non-negative integers separated by commas, e.g. 3,4; found '\(at)'")
    }
    let target: LayerReport
    if let name = layer {
      guard let l = layers.first(where: { $0.name == name }) else {
        let hint = Suggest.closest(to: name, in: layers.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
        throw OptionValueError("--layer: no layer named '\(name)'\(hint)")
      }
      target = l
    } else {
      guard let l = layers.last(where: { $0.receptiveField.axes != nil }) else {
        throw OptionValueError("no layer has a spatial receptive field")
      }
      target = l
    }
    let idx = coords.map { $0! }
    let outSize = Array(target.outputShapes[0].spatial)
    if idx.count == outSize.count, let bad = idx.indices.first(where: { idx[$0] >= outSize[$0] }) {
      throw OptionValueError(
        "position \(at) is outside layer '\(target.name)' (output \(target.outputShapes[0]); \(Axis.spatialName(bad, of: outSize.count)) has \(outSize[bad]) positions, 0…\(outSize[bad] - 1))"
      )
    }
    let image = inputs.first { $0.shape.rank == idx.count + 2 }.map { Array($0.shape.spatial) } ?? []
    var summaryNote = ""
    var result = InputRegion.of(target.receptiveField, at: idx, inputSize: image)
    if let graph, let index = layers.firstIndex(where: { $0.name == target.name }) {
      switch InputRegion.exact(graph: graph, report: self, layer: index, at: idx) {
      case .failure(.unknown(let why)):
        // No exact backward rule somewhere on the way: the summary field's box.
        summaryNote = " — from the summary field: \(why)"
      case let exact: result = exact
      }
    }
    switch result {
    case .failure(let e): throw OptionValueError("layer '\(target.name)': \(e)")
    case .success(let region):
      let names = idx.count == 2 ? ["rows", "columns"] : idx.count == 3 ? ["depth", "rows", "columns"] : ["positions"]
      var s = "Output \(at) of '\(target.name)' sees input "
      s += zip(names, region.axes).map { "\($0) \($1.clippedFirst)…\($1.clippedLast)" }.joined(separator: ", ")
      let seen = region.axes.map { String($0.clippedLast - $0.clippedFirst + 1) }.joined(separator: "×")
      s +=
        idx.count == 1
        ? " (\(seen) of the \(image.first.map(String.init) ?? "?") positions of the input"
        : " (\(seen) pixels of the \(image.map(String.init).joined(separator: "×")) image"
      let unclipped = region.axes.map { "\($0.first)…\($0.last)" }.joined(separator: ", ")
      s +=
        region.axes.contains { $0.first < $0.clippedFirst || $0.last > $0.clippedLast }
        ? "; unclipped \(unclipped))\(summaryNote)\n" : ")\(summaryNote)\n"
      return s
    }
  }
}
