// netcost — Apache-2.0

/// The output formats of `netcost analyze`.
public enum ReportFormat: String, CaseIterable, Sendable {
  /// A torchinfo-like text table with a totals block.
  case table
  /// The stable machine-readable interface (see the README's "JSON output").
  case json
  /// One row per layer, exact integers.
  case csv
  /// A Markdown table with totals, for pull requests and docs.
  case markdown
  /// One self-contained HTML page: cards, module tree, charts, graph.
  case html

  /// Renders `report` in this format.
  public func render(_ report: Report) -> String { ByteSink.collect { write(report, to: $0) } }

  /// Renders any result's document in this format.
  public func render(_ document: Document) -> String { ByteSink.collect { write(document, to: $0) } }

  /// Writes `report` in this format to `sink`, a piece at a time (the CLI
  /// writes each to standard output: a large report is never held whole).
  public func write(_ report: Report, to sink: ByteSink) {
    write(self == .html ? report.pageDocument() : report.document(charts: false), to: sink)
  }

  /// Writes any result's document in this format to `sink`, a piece at a time.
  public func write(_ document: Document, to sink: ByteSink) {
    switch self {
    case .table: DocumentRenderer.text(document, to: sink)
    case .json: DocumentRenderer.json(document, to: sink)
    case .csv: DocumentRenderer.csv(document, to: sink)
    case .markdown: DocumentRenderer.markdown(document, to: sink)
    case .html: HTMLRenderer.write(document, to: sink)
    }
  }
}
