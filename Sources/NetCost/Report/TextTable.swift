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
    var layout = TextTableLayout(header: header, rightAligned: rightAligned)
    layout.reserve(rows: rows.count)
    for r in rows {
      for c in r { layout.append(c) }
    }
    return layout.render(separator: separator)
  }
}

/// The cells of a text table kept as one run of printable UTF-8 bytes, so
/// that a table of a million rows costs two arrays rather than a String per
/// cell and an array per row, and is written out in one pass. Cells are
/// appended row by row, `columns` per row.
struct TextTableLayout {
  let columns: Int
  let rightAligned: [Bool]
  /// Every cell's printable text, one after another (the header's first).
  private var bytes: [UInt8] = []
  /// Where each cell ends in `bytes`.
  private var ends: [Int] = []
  /// Each cell's width in characters (not its byte count where it holds
  /// non-ASCII text: `1×4`).
  private var cellWidths: [UInt32] = []
  /// The widest cell of each column, in characters.
  private var widths: [Int]

  init(header: [String], rightAligned: Set<Int>) {
    columns = header.count
    self.rightAligned = (0..<header.count).map { rightAligned.contains($0) }
    widths = Array(repeating: 0, count: header.count)
    for h in header { append(h) }
  }

  mutating func reserve(rows: Int) {
    ends.reserveCapacity((rows + 1) * columns)
    cellWidths.reserveCapacity((rows + 1) * columns)
    bytes.reserveCapacity((rows + 1) * columns * 8)
  }

  /// Appends the next cell; one row is one line, so a cell holding a line
  /// break or an escape is shown escaped (``PrintableText/line(_:)``).
  mutating func append(_ cell: String) {
    let column = ends.count % columns
    var plain = true
    for b in cell.utf8 where b < 0x20 || b >= 0x7F {
      plain = false
      break
    }
    let width: Int
    if plain {
      bytes.append(contentsOf: cell.utf8)
      width = cell.utf8.count
    } else {
      let shown = PrintableText.line(cell)
      bytes.append(contentsOf: shown.utf8)
      width = shown.count
    }
    ends.append(bytes.count)
    cellWidths.append(UInt32(clamping: width))
    if width > widths[column] { widths[column] = width }
  }

  /// The table: a rule, the header, a rule, the rows, a rule.
  func render(separator: String = "  ") -> String {
    let sep = Array(separator.utf8)
    let total = widths.reduce(0, +) + separator.count * max(columns - 1, 0)
    let rule = Array(String(repeating: "─", count: total).utf8) + [0x0A]
    let cells = ends.count
    var out: [UInt8] = []
    out.reserveCapacity(rule.count * 3 + (cells / max(columns, 1)) * (total + 1))
    var start = 0
    out.append(contentsOf: rule)
    for i in 0..<cells {
      let column = i % columns
      let end = ends[i]
      let pad = widths[column] - Int(cellWidths[i])
      if column > 0 { out.append(contentsOf: sep) }
      if rightAligned[column] { out.append(contentsOf: repeatElement(0x20, count: pad)) }
      out.append(contentsOf: bytes[start..<end])
      if !rightAligned[column] && column < columns - 1 { out.append(contentsOf: repeatElement(0x20, count: pad)) }
      if column == columns - 1 {
        out.append(0x0A)
        if i == columns - 1 { out.append(contentsOf: rule) }
      }
      start = end
    }
    out.append(contentsOf: rule)
    return String(decoding: out, as: UTF8.self)
  }
}
