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

  /// Renders `report` in this format.
  public func render(_ report: Report) -> String {
    switch self {
    case .table: return TableRenderer.render(report)
    case .json: return JSONRenderer.render(report)
    case .csv: return CSVRenderer.render(report)
    case .markdown: return MarkdownRenderer.render(report)
    }
  }
}
