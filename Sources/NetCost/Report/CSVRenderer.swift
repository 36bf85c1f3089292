// netcost — Apache-2.0

/// One CSV row per layer with exact integers (RFC 4180 quoting).
public enum CSVRenderer {
  /// The CSV text with a header row.
  public static func render(_ r: Report) -> String { DocumentRenderer.csv(r.document) }
}

extension String {
  /// `self` with every `target` replaced (Foundation-free).
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
