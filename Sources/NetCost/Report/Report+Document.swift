// netcost — Apache-2.0

extension Report {
  /// Positions of the values in each row of the document's `layers` table.
  enum LayerCell {
    static let name = 0
    static let type = 1
    static let inputs = 2
    static let shapes = 3
    static let params = 4
    static let buffers = 5
    static let macs = 6
    static let flops = 7
    static let activation = 8
    static let cost = 9
    static let field = 10
    static let note = 11
    static let category = 12
    static let bytesRead = 13
    static let bytesWritten = 14
    static let dtype = 15
    static let count = 16
  }

  /// The columns of the per-layer table in every medium.
  func layerColumns() -> [DocumentColumn] {
    typealias C = LayerCell
    let people: DocumentMedium = [.text, .markdown, .html]
    return [
      DocumentColumn("name", "Layer", value: C.name, kind: .code),
      DocumentColumn("type", "Type", value: C.type),
      DocumentColumn("category", "Category", value: C.category, media: .html),
      DocumentColumn("inputs", "Inputs", value: C.inputs, kind: .names, media: [.csv, .json]),
      DocumentColumn(
        "output_shape", "Output shape", value: C.shapes, kind: .shape, media: [.text, .markdown, .html, .csv]),
      DocumentColumn("output_shape", "Output shape", value: C.shapes, kind: .shape, media: .json),
      DocumentColumn("output_shapes", "Output shapes", value: C.shapes, kind: .extraShapes, media: .json),
      DocumentColumn("params", "Params", value: C.params, kind: .count, zeroText: "-"),
      DocumentColumn("buffers", "Buffers", value: C.buffers, kind: .count, media: [.csv, .json, .html]),
      DocumentColumn("macs", "MACs", value: C.macs, kind: .quantity(unit: "MACs"), zeroText: "-"),
      DocumentColumn("flops", "FLOPs", value: C.flops, kind: .quantity(unit: "FLOPs"), zeroText: "-"),
      DocumentColumn("activation_bytes", "Activations", value: C.activation, kind: .bytes),
      DocumentColumn("dtype", "DType", value: C.dtype, media: [.json, .html]),
      DocumentColumn("bytes_read", "Bytes read", value: C.bytesRead, kind: .bytes, media: [.json, .html]),
      DocumentColumn("bytes_written", "Bytes written", value: C.bytesWritten, kind: .bytes, media: [.json, .html]),
      DocumentColumn("cost", "Cost", value: C.cost, media: [.csv, .json]),
      DocumentColumn("rf", "RF", value: C.field, kind: .field(.brief), media: people.union(.json), rightAligned: true),
      DocumentColumn("rf_size", "RF size", value: C.field, kind: .field(.size), media: .csv),
      DocumentColumn("rf_jump", "RF jump", value: C.field, kind: .field(.jump), media: .csv),
      DocumentColumn("rf_center", "RF centre", value: C.field, kind: .field(.center), media: .csv),
      DocumentColumn("macs_share", "MACs %", value: C.macs, kind: .share(of: totals.macs), media: .text, zeroText: ""),
      DocumentColumn("note", "Note", value: C.note, media: .json),
    ]
  }

  /// One row of the per-layer table: that of layer `i`, read in place (a
  /// row holds a dozen references; copying it costs more than its cells).
  func layerCells(at i: Int) -> [DocumentCell] {
    var r: [DocumentCell] = []
    r.reserveCapacity(LayerCell.count)
    r.append(.text(layers[i].name))
    r.append(.text(layers[i].type))
    r.append(.names(layers[i].inputs))
    r.append(.shapes(layers[i].outputShapes))
    r.append(.int(layers[i].cost.params))
    r.append(.int(layers[i].cost.buffers))
    r.append(.int(layers[i].cost.macs))
    r.append(.int(layers[i].cost.flops))
    r.append(.int(layers[i].activationBytes))
    r.append(.text(layers[i].costKind.rawValue))
    r.append(.field(layers[i].receptiveField))
    r.append(layers[i].note.map { .text($0) } ?? .absent)
    r.append(.text(layers[i].category.title))
    r.append(.int(layers[i].workload.bytesRead))
    r.append(.int(layers[i].workload.bytesWritten))
    r.append(layers[i].outputDTypes.first.map { .text($0.shortName) } ?? .absent)
    return r
  }

  /// The header line: `Model: name  (file)` in the text form, `### name` in Markdown.
  var headingText: DocumentText {
    DocumentText([.only(.text, "Model: "), .plain(model), .only(.text, file.map { "  (\($0))" } ?? "")])
  }

  /// `Inputs: x 1×3×224×224 f32   batch 1`.
  var inputsText: DocumentText {
    var spans: [DocumentText.Span] = [.plain("Inputs: ")]
    for (k, i) in inputs.enumerated() {
      if k > 0 { spans.append(.plain(", ")) }
      spans.append(.code(i.name))
      spans.append(.plain(" \(i.shape) \(i.dtype.shortName)"))
    }
    spans.append(.only([.text, .html], "   batch \(batch)"))
    spans.append(.only(.markdown, ", batch \(batch)"))
    return DocumentText(spans)
  }

  /// The totals block: one labelled line per figure, then notes and warnings.
  func totalsFields() -> [DocumentField] {
    let t = totals
    var f: [DocumentField] = []
    var withParams = 0
    for i in layers.indices where layers[i].cost.params > 0 { withParams += 1 }
    f.append(
      DocumentField(
        key: "layers", label: "Layers", text: "\(Units.grouped(layers.count)) (\(withParams) with parameters)",
        value: .int(layers.count)))
    f.append(
      DocumentField(
        key: "params", label: "Params",
        text: "\(Units.grouped(t.params)) trainable (\(Units.si(t.params)))"
          + (t.buffers > 0 ? ", buffers \(Units.grouped(t.buffers))" : ""), value: .int(t.params)))
    f.append(
      DocumentField(
        key: "macs", label: "MACs",
        text: "\(Units.grouped(t.macs)) (\(Units.si(t.macs)))   conv + linear + matmul multiply-accumulates",
        value: .int(t.macs)))
    let conv =
      flopConvention == .exact
      ? "every multiply and add" : "Darknet's BFLOPs convention (2 × MACs; .cfg layers as darknet counts them)"
    f.append(
      DocumentField(
        key: "flops", label: "FLOPs", text: "\(Units.grouped(t.flops)) (\(Units.si(t.flops)))   \(conv)",
        value: .int(t.flops)))
    f.append(
      DocumentField(
        key: "weight_bytes_by_dtype", label: "Weights",
        text: DType.weightTypes.map { "\($0.shortName) \(Units.bytes(t.weightBytesByDType[$0] ?? 0))" }.joined(
          separator: " · "),
        value: .object(DType.weightTypes.map { DocumentMember($0.shortName, .int(t.weightBytesByDType[$0] ?? 0)) })))
    if let stored = t.storedWeightBytes {
      f.append(
        DocumentField(
          key: "weight_bytes_stored", label: "As stored",
          text: "\(Units.bytes(stored)) of weights in the file's own dtypes (\(Units.grouped(stored)) bytes)",
          value: .int(stored)))
    }
    var act =
      "\(Units.bytes(t.activationBytes)) in layer outputs (+ \(Units.bytes(t.inputBytes)) input); \(Units.bytes(t.peakActivationBytes)) peak live at inference"
    if let p = t.peakLayer { act += " (at \(p))" }
    f.append(DocumentField(key: "activation_bytes", label: "Activations", text: act, value: .int(t.activationBytes)))
    let tr = t.training
    f.append(
      DocumentField(
        key: "training_bytes", label: "Training estimate",
        text:
          "\(Units.bytes(tr.totalBytes)) (\(tr.optimizer.rawValue); weights \(Units.bytes(tr.weightBytes)), gradients \(Units.bytes(tr.gradientBytes)), optimizer \(Units.bytes(tr.optimizerBytes)), saved activations \(Units.bytes(tr.activationBytes)))",
        value: .int(tr.totalBytes)))
    let ti = torchinfoTerms
    f.append(
      DocumentField(
        key: "torchinfo", label: "torchinfo terms",
        text:
          "Params size \(Units.bytes(ti.paramsBytes)) (parameters only, no buffers) · Forward/backward pass size \(Units.bytes(ti.forwardBackwardBytes)) (2 × outputs of layers with parameters) · Estimated Total Size \(Units.bytes(ti.totalBytes))",
        value: .int(ti.totalBytes)))
    let z = zeroCostOps
    if !z.isEmpty {
      f.append(
        DocumentField(
          key: "zero_cost_ops", label: "Zero-cost ops",
          text: z.map { "\($0.type) ×\($0.count)" }.joined(separator: ", ")
            + "  (data movement or no-op at inference; 0 FLOPs by rule)"))
    }
    if let rf = fieldSummary {
      f.append(DocumentField(key: "rf", label: "Receptive field", text: rf + "  (`netcost rf` for details)"))
    }
    let u = uncountedOps
    if !u.isEmpty {
      f.append(
        DocumentField(
          key: "uncounted_ops", label: "Uncounted ops",
          text: u.map { "\($0.type) ×\($0.count)" }.joined(separator: ", ") + "  (no cost rule; counted as 0)"))
    }
    for i in layers.indices where layers[i].note != nil {
      let l = layers[i]
      f.append(DocumentField(key: "note", label: "note", text: "layer '\(l.name)': \(l.note!)", aligned: false))
    }
    for w in findings {
      f.append(
        DocumentField(
          key: "warning", label: "warning", text: "\(w.location): layer '\(w.layer)': \(w.message)", aligned: false))
    }
    return f
  }

  /// The headline figures, as cards.
  func cards() -> [DocumentField] {
    let t = totals
    var c: [DocumentField] = [
      DocumentField(key: "params", label: "Params", text: Units.grouped(t.params), value: .int(t.params)),
      DocumentField(key: "buffers", label: "Buffers", text: Units.grouped(t.buffers), value: .int(t.buffers)),
      DocumentField(key: "macs", label: "MACs", text: Units.si(t.macs), value: .int(t.macs)),
      DocumentField(key: "flops", label: "FLOPs", text: Units.si(t.flops), value: .int(t.flops)),
    ]
    for d in DType.weightTypes {
      let b = t.weightBytesByDType[d] ?? 0
      c.append(
        DocumentField(
          key: "weight_bytes_\(d.shortName)", label: "Weights \(d.shortName)", text: Units.bytes(b), value: .int(b)))
    }
    c.append(
      DocumentField(
        key: "activation_bytes", label: "Activations", text: Units.bytes(t.activationBytes),
        value: .int(t.activationBytes)))
    c.append(
      DocumentField(
        key: "peak_activation_bytes", label: "Peak live" + (t.peakLayer.map { " (at \($0))" } ?? ""),
        text: Units.bytes(t.peakActivationBytes), value: .int(t.peakActivationBytes)))
    let last = lastSpatialLayer
    c.append(
      DocumentField(
        key: "final_rf", label: "Receptive field" + (last.map { " (\($0.name))" } ?? ""),
        text: last.map { TableRenderer.brief($0.receptiveField) } ?? "-",
        value: .int(last?.receptiveField.axes?.map(\.size.ceiling).max() ?? 0)))
    c.append(
      DocumentField(
        key: "warnings", label: "Warnings", text: String(findings.count), value: .int(findings.count)))
    return c
  }

  /// The JSON layout (see the README's "JSON output"); `layers` is table `table`.
  func jsonLayout(table: Int) -> DocumentValue {
    let t = totals
    let tr = t.training
    var layout = DocumentValue.members([
      "schema_version": .int(JSONRenderer.schemaVersion),
      "model": .string(model),
      "file": .optional(file),
      "batch": .int(batch),
      "dtype": .string(dtype.rawValue),
      "flop_convention": .string(flopConvention.rawValue),
      "inputs": .array(
        inputs.map {
          .members(["name": .string($0.name), "shape": .ints($0.shape.dims), "dtype": .string($0.dtype.rawValue)])
        }),
      "totals": .members([
        "params": .int(t.params),
        "buffers": .int(t.buffers),
        "macs": .int(t.macs),
        "flops": .int(t.flops),
        "weight_bytes": .int(t.weightBytes),
        "weight_bytes_by_dtype": .object(
          DType.weightTypes.map { DocumentMember($0.shortName, .int(t.weightBytesByDType[$0] ?? 0)) }),
        "weight_bytes_stored": .optional(t.storedWeightBytes),
        "activation_bytes": .int(t.activationBytes),
        "input_bytes": .int(t.inputBytes),
        "peak_activation_bytes": .int(t.peakActivationBytes),
        "peak_layer": .optional(t.peakLayer),
        "training": .members([
          "total_bytes": .int(tr.totalBytes),
          "weight_bytes": .int(tr.weightBytes),
          "gradient_bytes": .int(tr.gradientBytes),
          "optimizer_bytes": .int(tr.optimizerBytes),
          "activation_bytes": .int(tr.activationBytes),
          "optimizer": .string(tr.optimizer.rawValue),
          "assumptions": .string(TrainingEstimate.assumptions),
        ]),
        "rf": .object(outputLayers.map { DocumentMember($0.name, .field($0.receptiveField)) }),
      ]),
      "zero_cost_ops": .tally(zeroCostOps),
      "uncounted_ops": .tally(uncountedOps),
      "warnings": .findings(findings),
      "layers": .table(table),
    ])
    // A language model's figures sit in the totals, before the receptive field.
    if let llm = t.llm, case .object(var top) = layout, let ti = top.firstIndex(where: { $0.key == "totals" }),
      case .object(var totalsMembers) = top[ti].value
    {
      let at = totalsMembers.firstIndex { $0.key == "rf" } ?? totalsMembers.endIndex
      totalsMembers.insert(DocumentMember("llm", .written { llm.write(into: &$0) }), at: at)
      top[ti] = DocumentMember("totals", .object(totalsMembers))
      layout = .object(top)
    }
    return layout
  }

  /// The report as a document: the per-layer table, totals, cards, series
  /// for charts (per layer: MACs, params, activation and live bytes,
  /// receptive-field size and jump; per op category: MACs) and warnings.
  public var document: Document { document(charts: true) }

  /// The document, with its chart series only when `charts` (the page
  /// draws them; the table, JSON, CSV and Markdown do not, and a million
  /// layers make seven series of a million values).
  func document(charts: Bool) -> Document {
    // The rows are made from the report as a renderer reads them.
    let report = self
    let rows = DocumentRows(count: layers.count) { report.layerCells(at: $0) }
    let table = DocumentTable(key: "layers", columns: layerColumns(), rows: rows)
    return Document(
      kind: "analyze", title: model,
      metadata: metadataFields(),
      cards: cards(), tables: [table], series: charts ? chartSeries() : [],
      findings: findings.map {
        DocumentFinding(severity: .warning, layer: $0.layer, location: $0.location.description, message: $0.message)
      } + layerNotes(),
      blocks: [
        DocumentBlock(.heading(headingText), media: [.text, .markdown]),
        DocumentBlock(.line(inputsText), media: [.text, .markdown]),
        DocumentBlock(.table(0)),
        DocumentBlock(.fields(totalsFields()), media: [.text, .markdown]),
      ] + llmBlocks(),
      json: jsonLayout(table: 0), csvTable: 0)
  }

  /// Each layer's note as a finding (rows read in place: copying a
  /// million rows to look at their notes cost more than the notes).
  func layerNotes() -> [DocumentFinding] {
    var notes: [DocumentFinding] = []
    for i in layers.indices {
      if let n = layers[i].note { notes.append(DocumentFinding(severity: .note, layer: layers[i].name, message: n)) }
    }
    return notes
  }

  /// A language model's figures (memory budget, FLOPs per token, KV cache,
  /// roofline), as the lines ``LLMSummary`` writes.
  func llmBlocks() -> [DocumentBlock] {
    guard let llm = totals.llm else { return [] }
    let lines = llm.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return [
      DocumentBlock(
        .lines((lines.last == "" ? lines.dropLast() : lines[...]).map { .plain($0) }),
        media: [.text, .markdown, .html])
    ]
  }

  /// File, inputs, batch, dtype and FLOP convention.
  func metadataFields() -> [DocumentField] {
    [
      DocumentField(key: "model", label: "Model", text: model, value: .string(model)),
      DocumentField(key: "file", label: "File", text: file ?? "-", value: .optional(file)),
      DocumentField(
        key: "inputs", label: "Inputs",
        text: inputs.map { "\($0.name) \($0.shape) \($0.dtype.shortName)" }.joined(separator: ", ")),
      DocumentField(key: "batch", label: "Batch", text: String(batch), value: .int(batch)),
      DocumentField(key: "dtype", label: "Dtype", text: dtype.rawValue, value: .string(dtype.rawValue)),
      DocumentField(
        key: "flop_convention", label: "FLOPs", text: flopConvention.rawValue, value: .string(flopConvention.rawValue)),
    ]
  }

  /// Per-layer and per-category series for charts.
  func chartSeries() -> [DocumentSeries] {
    var macs: [Double] = []
    var params: [Double] = []
    var act: [Double] = []
    var size: [Double] = []
    var jump: [Double] = []
    macs.reserveCapacity(layers.count)
    params.reserveCapacity(layers.count)
    act.reserveCapacity(layers.count)
    var byCategory: [OpCategory: (macs: Int, flops: Int, params: Int, layers: Int)] = [:]
    for i in layers.indices {
      macs.append(Double(layers[i].cost.macs))
      params.append(Double(layers[i].cost.params))
      act.append(Double(layers[i].activationBytes))
      if let a = layers[i].receptiveField.axes {
        size.append(a.map(\.size.double).max() ?? 0)
        jump.append(a.map(\.jump.double).max() ?? 0)
      } else {
        size.append(0)
        jump.append(0)
      }
      var c = byCategory[layers[i].category] ?? (0, 0, 0, 0)
      c.macs &+= layers[i].cost.macs
      c.flops &+= layers[i].cost.flops
      c.params &+= layers[i].cost.params
      c.layers += 1
      byCategory[layers[i].category] = c
    }
    let cats = OpCategory.allCases.filter { byCategory[$0] != nil }
    let peak = liveBytes.indices.max { liveBytes[$0] < liveBytes[$1] }
    return [
      DocumentSeries(key: "macs", title: "MACs per layer", unit: "MACs", values: macs),
      DocumentSeries(key: "params", title: "Parameters per layer", unit: "params", values: params),
      DocumentSeries(key: "activation_bytes", title: "Activation memory per layer", unit: "B", values: act),
      DocumentSeries(
        key: "live_bytes", title: "Live memory over execution", unit: "B", values: liveBytes.map(Double.init),
        marked: peak),
      DocumentSeries(key: "rf_size", title: "Receptive-field size", unit: "px", values: size),
      DocumentSeries(key: "rf_jump", title: "Receptive-field jump", unit: "px", values: jump),
      DocumentSeries(
        key: "category_macs", title: "MACs by op category", unit: "MACs", labels: cats.map(\.title),
        values: cats.map { Double(byCategory[$0]!.macs) }),
      DocumentSeries(
        key: "category_flops", title: "FLOPs by op category", unit: "FLOPs", labels: cats.map(\.title),
        values: cats.map { Double(byCategory[$0]!.flops) }),
      DocumentSeries(
        key: "category_layers", title: "Layers by op category", unit: "layers", labels: cats.map(\.title),
        values: cats.map { Double(byCategory[$0]!.layers) }),
    ]
  }
}

extension DocumentValue {
  /// Op types with their layer counts: `{"reshape": 2}`.
  static func tally(_ t: [(type: String, count: Int)]) -> DocumentValue {
    .object(t.map { DocumentMember($0.type, .int($0.count)) })
  }

  /// Geometry warnings: `[{"kind", "layer", "location", "message"}]`.
  static func findings(_ list: [Finding]) -> DocumentValue {
    .array(
      list.map {
        .members([
          "kind": .string($0.kind.rawValue), "layer": .string($0.layer), "location": .string($0.location.description),
          "message": .string($0.message),
        ])
      })
  }
}
