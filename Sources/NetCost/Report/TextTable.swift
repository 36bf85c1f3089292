// netcost — Apache-2.0

/// Lays out columns of text, left- or right-aligned, for terminal tables.
public struct TextTableView: Sendable {
  /// Column titles.
  public var header: [String]
  /// Indices of right-aligned (numeric) columns.
  public var rightAligned: Set<Int>
  /// The cells, row by row.
  public var rows: [[String]]

  /// Creates a table.
  public init(header: [String], rightAligned: Set<Int>, rows: [[String]] = []) {
    self.header = header
    self.rightAligned = rightAligned
    self.rows = rows
  }

  /// The table with rules above and below the header and at the end.
  public func render(separator: String = "  ") -> String {
    // One row is one line: a name holding a line break or an escape is shown escaped.
    let rows = rows.map { $0.map(PrintableText.line) }
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
      var s = ""
      for (i, c) in cells.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - c.count)
        s += (i > 0 ? separator : "") + (rightAligned.contains(i) ? pad + c : (i == cells.count - 1 ? c : c + pad))
      }
      return s
    }
    let total = widths.reduce(0, +) + separator.count * max(widths.count - 1, 0)
    var out =
      String(repeating: "─", count: total) + "\n" + line(header) + "\n" + String(repeating: "─", count: total) + "\n"
    for r in rows { out += line(r) + "\n" }
    out += String(repeating: "─", count: total) + "\n"
    return out
  }
}
