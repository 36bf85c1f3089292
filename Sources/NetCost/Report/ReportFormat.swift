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
  public func render(_ report: Report) -> String {
    self == .html ? render(report.pageDocument()) : render(report.document)
  }

  /// Renders any result's document in this format.
  public func render(_ document: Document) -> String {
    switch self {
    case .table: return DocumentRenderer.text(document)
    case .json: return DocumentRenderer.json(document)
    case .csv: return DocumentRenderer.csv(document)
    case .markdown: return DocumentRenderer.markdown(document)
    case .html: return HTMLRenderer.render(document)
    }
  }
}
