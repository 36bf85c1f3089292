// netcost — Apache-2.0

/// Renders a ``Document`` as text, Markdown, CSV or JSON; every command's
/// output goes through here (and ``HTMLRenderer`` for the page).
public enum DocumentRenderer {
  /// The terminal form: each block on its lines, tables laid out in columns.
  public static func text(_ d: Document) -> String {
    // Lines between the tables are short; a table may be a hundred
    // megabytes, so each is laid out once and written into the result.
    var parts: [TextPart] = []
    var s = ""
    for b in d.blocks where b.media.contains(.text) {
      switch b.content {
      case .heading(let t), .line(let t): s += t.plain(for: .text) + "\n"
      case .lines(let ls): for l in ls { s += l.plain(for: .text) + "\n" }
      case .table(let i):
        parts.append(.text(s))
        s = ""
        parts.append(.table(textTableLayout(d.tables[i])))
      case .fields(let fs):
        for f in fs {
          if f.aligned {
            let label = f.label + ":"
            s += label + String(repeating: " ", count: max(1, 21 - label.count)) + f.text + "\n"
          } else {
            s += f.label + ": " + f.text + "\n"
          }
        }
      }
    }
    parts.append(.text(s))
    let capacity = parts.reduce(0) { n, part in
      switch part {
      case .text(let t): n + t.utf8.count
      case .table(let layout): n + layout.capacity()
      }
    }
    return String(unsafeUninitializedCapacity: capacity) { out in
      var n = 0
      for part in parts {
        switch part {
        case .text(var t):
          t.withUTF8 { u in
            if let from = u.baseAddress, let to = out.baseAddress { (to + n).update(from: from, count: u.count) }
            n += u.count
          }
        case .table(let layout): n = layout.write(into: out, at: n)
        }
      }
      return n
    }
  }

  /// A piece of the text form: lines, or a table laid out.
  private enum TextPart {
    case text(String)
    case table(TextTableLayout)
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
    for r in t.rows {
      for k in cols.indices { layout.append(DocumentFormatter.human(cols[k], r[cols[k].value], medium: .text)) }
    }
    return layout
  }

  /// Markdown: headings, paragraphs, pipe tables and bullet lists, a blank line between blocks.
  public static func markdown(_ d: Document) -> String {
    var parts: [String] = []
    for b in d.blocks where b.media.contains(.markdown) {
      switch b.content {
      case .heading(let t): parts.append("### " + t.markdown + "\n")
      case .line(let t): parts.append(t.markdown + "\n")
      case .lines(let ls): parts.append(ls.map { $0.markdown + "\n" }.joined())
      case .table(let i): parts.append(markdownTable(d.tables[i]))
      case .fields(let fs): parts.append(fs.map { "- **\($0.label)**: \($0.text)\n" }.joined())
      }
    }
    return parts.joined(separator: "\n")
  }

  static func markdownTable(_ t: DocumentTable) -> String {
    let cols = t.columns(in: .markdown)
    var s = "|" + cols.map { $0.title.isEmpty ? " " : " \(markdownCell($0.title)) " }.joined(separator: "|") + "|\n"
    s += "|" + cols.map { $0.rightAligned ? "--:" : "---" }.joined(separator: "|") + "|\n"
    // Cells are appended one by one: a million rows, no array per row.
    s.reserveCapacity(s.utf8.count + t.rows.count * 16 * max(cols.count, 1))
    for r in t.rows {
      s += "| "
      for (k, c) in cols.enumerated() {
        if k > 0 { s += " | " }
        s += markdownCell(DocumentFormatter.human(c, r[c.value], medium: .markdown))
      }
      s += " |\n"
    }
    return s
  }

  /// A cell's text with its pipes escaped (they would end the cell).
  static func markdownCell(_ s: String) -> String {
    s.utf8.contains(UInt8(ascii: "|")) ? s.replacingOccurrences(of: "|", with: "\\|") : s
  }

  /// CSV (RFC 4180 quoting) of the document's CSV table, exact values, a header row of keys.
  public static func csv(_ d: Document) -> String {
    guard let i = d.csvTable ?? (d.tables.isEmpty ? nil : 0) else { return "" }
    let t = d.tables[i]
    let cols = t.columns(in: .csv)
    var s = cols.map { quote($0.key) }.joined(separator: ",") + "\n"
    s.reserveCapacity(t.rows.count * 96)
    for r in t.rows {
      for (k, c) in cols.enumerated() {
        if k > 0 { s += "," }
        s += quote(DocumentFormatter.exact(c, r[c.value]))
      }
      s += "\n"
    }
    return s
  }

  /// RFC 4180: a field with a comma, a quote or a line break (LF or CR) is
  /// quoted, its quotes doubled.
  public static func quote(_ f: String) -> String {
    guard f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return f }
    return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The JSON form, ending in a newline.
  public static func json(_ d: Document) -> String {
    var w = JSONWriter(pretty: d.prettyJSON)
    var rows = 0
    for t in d.tables { rows += t.rows.count }
    w.reserve(512 + rows * 320)
    write(d.json, d, &w)
    w.newline()
    return w.out
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
        for c in cols { DocumentFormatter.json(c, r[c.value], &w) }
        w.endObject()
      }
      w.endArray()
    }
  }
}
