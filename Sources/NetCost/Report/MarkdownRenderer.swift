// netcost — Apache-2.0

/// A Markdown table of the layers and a totals list, for pull requests and docs.
public enum MarkdownRenderer {
  /// The Markdown text.
  public static func render(_ r: Report) -> String { DocumentRenderer.markdown(r.document) }
}
