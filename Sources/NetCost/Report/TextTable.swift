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
  /// Each cell's length in `bytes` (a cell is far under 4 GiB: every
  /// input is read with a bound), where it ends found as the table is written.
  private var lengths: [UInt32] = []
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
    lengths.reserveCapacity((rows + 1) * columns)
    cellWidths.reserveCapacity((rows + 1) * columns)
    bytes.reserveCapacity((rows + 1) * columns * 8)
  }

  /// Appends the next cell; one row is one line, so a cell holding a line
  /// break or an escape is shown escaped (``PrintableText/line(_:)``).
  mutating func append(_ cell: String) {
    let column = lengths.count % columns
    let before = bytes.count
    let width: Int
    if let w = plainWidth(cell) {
      bytes.append(contentsOf: cell.utf8)
      width = w
    } else {
      let shown = PrintableText.line(cell)
      bytes.append(contentsOf: shown.utf8)
      width = shown.count
    }
    lengths.append(UInt32(clamping: bytes.count - before))
    cellWidths.append(UInt32(clamping: width))
    if width > widths[column] { widths[column] = width }
  }

  /// Non-ASCII scalars seen in cells that are printable and stand alone as
  /// one character (`×`, `−`, `→`): a table repeats a few of them a
  /// million times, and each is judged once.
  private var standalone: [UInt32] = []

  /// The cell's width in characters when it is shown as it is: printable,
  /// and every scalar one character (no combining mark or joiner that
  /// would make the scalar count differ from the character count); nil
  /// otherwise, for the slow path.
  private mutating func plainWidth(_ cell: String) -> Int? {
    var width = 0
    for b in cell.utf8 {
      if b < 0x80 {
        if b < 0x20 || b == 0x7F { return nil }
        width += 1
      } else if b >= 0xC0 {
        width += 1
      }
    }
    if width == cell.utf8.count { return width }
    for u in cell.unicodeScalars where u.value >= 0x80 && !standalone.contains(u.value) {
      guard Self.standsAlone(u) else { return nil }
      if standalone.count < 32 { standalone.append(u.value) }
    }
    return width
  }

  /// Whether `u` is printable and one character beside any letter: not a
  /// mark, joiner or modifier that merges with a neighbour, and not one of
  /// the scalars that pair with each other (Hangul jamo, regional indicators).
  private static func standsAlone(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    guard PrintableText.isPrintable(u) else { return false }
    if (0x1100...0x11FF).contains(v) || (0xA960...0xA97F).contains(v) || (0xD7B0...0xD7FF).contains(v)
      || (0x1F1E6...0x1F1FF).contains(v)
    {
      return false
    }
    let s = String(u)
    return (s + "a").count == 2 && ("a" + s).count == 2
  }

  /// The table: a rule, the header, a rule, the rows, a rule.
  func render(separator: String = "  ") -> String {
    ByteSink.collect { sink in
      var out = PieceWriter(sink)
      write(to: &out, separator: separator)
      out.finish()
    }
  }

  private func total(separator: String) -> Int {
    widths.reduce(0, +) + separator.count * max(columns - 1, 0)
  }

  /// Writes the table (rules, header, rows) into `out`, a row at a time.
  func write(to out: inout PieceWriter, separator: String = "  ") {
    let sep = Array(separator.utf8)
    let rule = Array(String(repeating: "─", count: total(separator: separator)).utf8) + [0x0A]
    bytes.withUnsafeBufferPointer { cellBytes in
      sep.withUnsafeBufferPointer { sep in
        rule.withUnsafeBufferPointer { rule in
          var start = 0
          out.append(rule)
          for i in 0..<lengths.count {
            let column = i % columns
            let end = start + Int(lengths[i])
            let padding = widths[column] - Int(cellWidths[i])
            if column > 0 { out.append(sep) }
            if rightAligned[column] { out.append(spaces: padding) }
            out.append(UnsafeBufferPointer(rebasing: cellBytes[start..<end]))
            if !rightAligned[column] && column < columns - 1 { out.append(spaces: padding) }
            if column == columns - 1 {
              out.append(0x0A)
              if i == columns - 1 { out.append(rule) }
              out.endPiece()
            }
            start = end
          }
          out.append(rule)
        }
      }
    }
  }
}
