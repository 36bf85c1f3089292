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
      finalField = report.layers.last { $0.receptiveField.axes != nil }?.receptiveField ?? .none
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
      case .rf: return TableRenderer.brief(finalField)
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
  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .table:
      return TextTableView(
        header: columns.map(\.title),
        rightAligned: Set(columns.indices.filter { columns[$0].numeric || columns[$0] == .rf }),
        rows: rows.map { r in columns.map { r.text($0, human: true) } }
      ).render()
    case .markdown:
      var s = "| " + columns.map(\.title).joined(separator: " | ") + " |\n"
      s += "|" + columns.map { $0.numeric || $0 == .rf ? "--:" : "---" }.joined(separator: "|") + "|\n"
      for r in rows { s += "| " + columns.map { r.text($0, human: true) }.joined(separator: " | ") + " |\n" }
      return s
    case .csv:
      var s = columns.map(\.rawValue).joined(separator: ",") + "\n"
      for r in rows { s += columns.map { CSVRenderer.quote(r.text($0, human: false)) }.joined(separator: ",") + "\n" }
      return s
    case .json:
      var w = JSONWriter()
      w.beginObject()
      w.key("schema_version")
      w.int(1)
      w.key("models")
      w.beginArray()
      for r in rows {
        w.beginObject()
        w.key("model")
        w.string(r.report.model)
        w.key("file")
        if let f = r.report.file { w.string(f) } else { w.null() }
        w.key("batch")
        w.int(r.report.batch)
        w.key("depth")
        w.int(r.depth)
        w.key("layers")
        w.int(r.report.layers.count)
        for m in Metric.allCases {
          w.key(m.rawValue)
          w.int(m.value(in: r.report.totals))
        }
        w.key("rf")
        w.field(r.finalField)
        w.endObject()
      }
      w.endArray()
      w.endObject()
      w.newline()
      return w.out
    }
  }
}
