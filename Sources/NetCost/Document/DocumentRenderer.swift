// netcost — Apache-2.0

/// Renders a ``Document`` as text, Markdown, CSV or JSON; every command's
/// output goes through here (and ``HTMLRenderer`` for the page).
public enum DocumentRenderer {
  /// The terminal form: each block on its lines, tables laid out in columns.
  public static func text(_ d: Document) -> String { ByteSink.collect { text(d, to: $0) } }

  /// The terminal form, written to `sink` a piece at a time.
  public static func text(_ d: Document, to sink: ByteSink) {
    var out = PieceWriter(sink)
    for b in d.blocks where b.media.contains(.text) {
      switch b.content {
      case .heading(let t), .line(let t): out.append(t.plain(for: .text) + "\n")
      case .lines(let ls): for l in ls { out.append(l.plain(for: .text) + "\n") }
      case .table(let i): textTableLayout(d.tables[i]).write(to: &out)
      case .fields(let fs):
        for f in fs {
          if f.aligned {
            let label = f.label + ":"
            out.append(label + String(repeating: " ", count: max(1, 21 - label.count)) + f.text + "\n")
          } else {
            out.append(f.label + ": " + f.text + "\n")
          }
        }
      }
      out.endPiece()
    }
    out.finish()
  }

  /// A table as the text form lays it out.
  public static func textTable(_ t: DocumentTable) -> TextTableView {
    let cols = t.columns(in: .text)
    var view = TextTableView(
      header: cols.map(\.title), rightAligned: Set(cols.indices.filter { cols[$0].rightAligned }))
    view.rows.reserveCapacity(t.rows.count)
    for r in t.rows { view.rows.append(cols.map { DocumentFormatter.human($0, r[$0.value], medium: .text) }) }
    return view
  }

  /// A table's cells laid out for the text form: the cells go straight
  /// into one byte run (``TextTableLayout``), never a String array per row.
  static func textTableLayout(_ t: DocumentTable) -> TextTableLayout {
    let cols = t.columns(in: .text)
    var layout = TextTableLayout(
      header: cols.map(\.title), rightAligned: Set(cols.indices.filter { cols[$0].rightAligned }))
    layout.reserve(rows: t.rows.count)
    var memo = DocumentCellMemo.human(.text)
    for r in t.rows {
      for k in cols.indices { layout.append(memo.text(cols[k], column: k, r[cols[k].value])) }
    }
    return layout
  }

  /// Markdown: headings, paragraphs, pipe tables and bullet lists, a blank line between blocks.
  public static func markdown(_ d: Document) -> String { ByteSink.collect { markdown(d, to: $0) } }

  /// Markdown, written to `sink` a piece at a time.
  public static func markdown(_ d: Document, to sink: ByteSink) {
    var out = PieceWriter(sink)
    var first = true
    for b in d.blocks where b.media.contains(.markdown) {
      if !first { out.append(0x0A) }
      first = false
      switch b.content {
      case .heading(let t): out.append("### " + t.markdown + "\n")
      case .line(let t): out.append(t.markdown + "\n")
      case .lines(let ls): for l in ls { out.append(l.markdown + "\n") }
      case .table(let i): markdownTable(d.tables[i], &out)
      case .fields(let fs): for f in fs { out.append("- **\(f.label)**: \(f.text)\n") }
      }
      out.endPiece()
    }
    out.finish()
  }

  static func markdownTable(_ t: DocumentTable, _ out: inout PieceWriter) {
    let cols = t.columns(in: .markdown)
    out.append("|" + cols.map { $0.title.isEmpty ? " " : " \(markdownCell($0.title)) " }.joined(separator: "|") + "|\n")
    out.append("|" + cols.map { $0.rightAligned ? "--:" : "---" }.joined(separator: "|") + "|\n")
    // Cells are appended one by one: a million rows, no array per row.
    var memo = DocumentCellMemo.human(.markdown)
    for r in t.rows {
      out.append("| ")
      for k in cols.indices {
        if k > 0 { out.append(" | ") }
        out.append(markdownCell(memo.text(cols[k], column: k, r[cols[k].value])))
      }
      out.append(" |\n")
      out.endPiece()
    }
  }

  /// A cell's text with its pipes escaped (they would end the cell).
  static func markdownCell(_ s: String) -> String {
    s.utf8.contains(UInt8(ascii: "|")) ? s.replacingOccurrences(of: "|", with: "\\|") : s
  }

  /// CSV (RFC 4180 quoting) of the document's CSV table, exact values, a header row of keys.
  public static func csv(_ d: Document) -> String { ByteSink.collect { csv(d, to: $0) } }

  /// CSV, written to `sink` a piece at a time.
  public static func csv(_ d: Document, to sink: ByteSink) {
    guard let i = d.csvTable ?? (d.tables.isEmpty ? nil : 0) else { return }
    var out = PieceWriter(sink)
    let t = d.tables[i]
    let cols = t.columns(in: .csv)
    out.append(cols.map { quote($0.key) }.joined(separator: ",") + "\n")
    var memo = DocumentCellMemo.exact
    for r in t.rows {
      for k in cols.indices {
        if k > 0 { out.append(0x2C) }
        out.append(quote(memo.text(cols[k], column: k, r[cols[k].value])))
      }
      out.append(0x0A)
      out.endPiece()
    }
    out.finish()
  }

  /// RFC 4180: a field with a comma, a quote or a line break (LF or CR) is
  /// quoted, its quotes doubled.
  public static func quote(_ f: String) -> String {
    guard f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return f }
    return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The JSON form, ending in a newline.
  public static func json(_ d: Document) -> String { ByteSink.collect { json(d, to: $0) } }

  /// The JSON form, written to `sink` a piece at a time.
  public static func json(_ d: Document, to sink: ByteSink) {
    var w = JSONWriter(pretty: d.prettyJSON, sink: sink)
    write(d.json, d, &w)
    w.newline()
    w.finish()
  }

  /// Writes one value (tables row by row).
  public static func write(_ v: DocumentValue, _ d: Document, _ w: inout JSONWriter) {
    switch v {
    case .null: w.null()
    case .bool(let b): w.bool(b)
    case .int(let i): w.int(i)
    case .number(let x): w.number(x)
    case .string(let s): w.string(s)
    case .ints(let xs): w.ints(xs)
    case .rationals(let xs): w.rationals(xs)
    case .field(let f): w.field(f)
    case .array(let xs):
      if !xs.isEmpty, xs.allSatisfy({ if case .int = $0 { true } else { false } }) {
        w.ints(xs.map { if case .int(let i) = $0 { i } else { 0 } })
        return
      }
      w.beginArray()
      for x in xs { write(x, d, &w) }
      w.endArray()
    case .object(let members):
      w.beginObject()
      for m in members {
        w.key(m.key)
        write(m.value, d, &w)
      }
      w.endObject()
    case .written(let write): write(&w)
    case .table(let i):
      let t = d.tables[i]
      let cols = t.columns(in: .json)
      w.beginArray()
      for r in t.rows {
        w.beginObject()
        for k in cols.indices { DocumentFormatter.json(cols[k], r[cols[k].value], &w) }
        w.endObject()
        w.endPiece()
      }
      w.endArray()
    }
  }
}
