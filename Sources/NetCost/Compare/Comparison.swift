// netcost — Apache-2.0

/// Several models side by side, one row each.
public struct Comparison: Sendable {
  /// A column of the comparison.
  public enum Column: String, CaseIterable, Sendable {
    /// The model's name.
    case model
    /// Depth: layers with multiply-accumulates (conv, linear, matmul),
    /// shortcut projections included.
    case depth
    /// Trainable parameters.
    case params
    /// Multiply-accumulates.
    case macs
    /// FLOPs.
    case flops
    /// Weight memory.
    case weights
    /// Sum of activation bytes.
    case activations
    /// Peak live activation memory.
    case peak
    /// Receptive field of the last spatial layer.
    case rf
    /// The spec file.
    case file

    var title: String {
      switch self {
      case .model: return "Model"
      case .depth: return "Depth"
      case .params: return "Params"
      case .macs: return "MACs"
      case .flops: return "FLOPs"
      case .weights: return "Weights"
      case .activations: return "Activations"
      case .peak: return "Peak memory"
      case .rf: return "RF"
      case .file: return "File"
      }
    }

    var numeric: Bool { self != .model && self != .file && self != .rf }
  }

  /// One model's row.
  public struct Row: Sendable {
    /// The model's report.
    public let report: Report
    /// Layers with multiply-accumulates (conv, linear, matmul).
    public let depth: Int
    /// The last layer that still has a spatial receptive field.
    public let finalField: ReceptiveField

    /// Summarizes a report once (sorting reads these many times).
    public init(report: Report) {
      self.report = report
      depth = report.layers.reduce(0) { $0 + ($1.cost.macs > 0 ? 1 : 0) }
      finalField = report.lastSpatialLayer?.receptiveField ?? .none
    }

    /// The exact value of a numeric column.
    public func value(_ c: Column) -> Int {
      switch c {
      case .depth: return depth
      case .params: return report.totals.params
      case .macs: return report.totals.macs
      case .flops: return report.totals.flops
      case .weights: return report.totals.weightBytes
      case .activations: return report.totals.activationBytes
      case .peak: return report.totals.peakActivationBytes
      case .rf: return finalField.axes?.map(\.size.ceiling).max() ?? 0
      case .model, .file: return 0
      }
    }

    func text(_ c: Column, human: Bool) -> String {
      switch c {
      case .model: return report.model
      case .file: return report.file ?? ""
      case .rf: return report.fieldBrief
      case .depth, .params: return human ? Units.grouped(value(c)) : String(value(c))
      case .macs, .flops: return human ? Units.si(value(c)) : String(value(c))
      case .weights, .activations, .peak: return human ? Units.bytes(value(c)) : String(value(c))
      }
    }
  }

  /// The rows, in display order.
  public var rows: [Row]
  /// The columns shown.
  public var columns: [Column]

  /// The default columns.
  public static let defaultColumns: [Column] = [
    .model, .depth, .params, .macs, .flops, .weights, .activations, .peak, .rf,
  ]

  /// Compares reports; `sort` orders rows by a column (ties keep the given order).
  public init(
    _ reports: [Report], columns: [Column] = Comparison.defaultColumns, sort: Column? = nil, descending: Bool = false
  ) {
    var rows = reports.map { Row(report: $0) }
    if let sort {
      let indexed = rows.enumerated().map { ($0.offset, $0.element) }
      rows = indexed.sorted { a, b in
        let (x, y) = (a.1, b.1)
        if sort.numeric || sort == .rf {
          let (u, v) = (x.value(sort), y.value(sort))
          if u != v { return descending ? u > v : u < v }
        } else {
          let (u, v) = (x.text(sort, human: false), y.text(sort, human: false))
          if u != v { return descending ? u > v : u < v }
        }
        return a.0 < b.0
      }.map(\.1)
    }
    self.rows = rows
    self.columns = columns
  }

  /// Renders in a format.
  public func render(_ format: ReportFormat) -> String { format.render(document) }

  /// The comparison as a document: one row per model (every column's value,
  /// the chosen columns shown), a series per metric for bar charts.
  public var document: Document {
    let all = Column.allCases
    func kind(_ c: Column) -> DocumentColumn.Kind {
      switch c {
      case .model, .file, .rf: return .text
      case .depth, .params: return .count
      case .macs: return .quantity(unit: "MACs")
      case .flops: return .quantity(unit: "FLOPs")
      case .weights, .activations, .peak: return .bytes
      }
    }
    let shown = columns.map { c in
      DocumentColumn(
        c.rawValue, c.title, value: all.firstIndex(of: c)!, kind: kind(c), media: [.text, .markdown, .csv, .html],
        rightAligned: c.numeric || c == .rf)
    }
    let cells: [[DocumentCell]] = rows.map { r in
      all.map { c in c.numeric ? .int(r.value(c)) : .text(r.text(c, human: false)) }
    }
    let metrics: [Column] = [.params, .macs, .flops, .weights, .activations, .peak]
    let names = rows.map(\.report.model)
    return Document(
      kind: "compare", title: names.joined(separator: " · "),
      tables: [DocumentTable(key: "models", columns: shown, rows: cells)],
      series: metrics.map { m in
        DocumentSeries(
          key: m.rawValue, title: m.title, unit: kind(m) == .bytes ? "B" : m.title, labels: names,
          values: rows.map { Double($0.value(m)) })
      },
      blocks: [DocumentBlock(.table(0))],
      json: .members([
        "schema_version": .int(1),
        "models": .array(
          rows.map { r in
            .object(
              [
                DocumentMember("model", .string(r.report.model)), DocumentMember("file", .optional(r.report.file)),
                DocumentMember("batch", .int(r.report.batch)), DocumentMember("depth", .int(r.depth)),
                DocumentMember("layers", .int(r.report.layers.count)),
              ] + Metric.allCases.map { DocumentMember($0.rawValue, .int($0.value(in: r.report.totals))) } + [
                DocumentMember("rf", .field(r.finalField))
              ])
          }),
      ]),
      csvTable: 0)
  }
}
