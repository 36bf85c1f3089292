// netcost — Apache-2.0

/// Renders a ``Document`` as one self-contained HTML page: style, data and
/// script inline, nothing fetched. The header, cards and findings are
/// written here; the script draws the module tree table, the SVG charts and
/// the graph from the document's data (embedded as JSON, numbers exact).
public enum HTMLRenderer {
  /// The page.
  public static func render(_ d: Document) -> String { ByteSink.collect { write(d, to: $0) } }

  /// The page, written to `sink` a piece at a time.
  public static func write(_ d: Document, to sink: ByteSink) {
    var s = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    s += "<title>netcost: \(escape(d.title))</title>"
    // Nothing may be fetched: the policy blocks any request, and a blocked one is recorded.
    s +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
    s += "<script>\(errorCapture)</script>"
    s +=
      "<style>\(HTMLStyle.css)</style></head>\n<body data-kind=\"\(escape(d.kind))\">\n<header><h1>\(escape(d.title))</h1>"
    s += "<div class=\"meta\">"
    for m in d.metadata {
      s += "<span data-key=\"\(escape(m.key))\"><b>\(escape(m.label))</b> \(escape(m.text))</span>"
    }
    s += "</div>"
    if !d.cards.isEmpty {
      s += "<div class=\"cards\">"
      for c in d.cards {
        s += "<div class=\"card\" data-key=\"\(escape(c.key))\"\(valueAttribute(c.value))>"
        s += "<div class=\"k\">\(escape(c.label))</div><div class=\"v\">\(escape(c.text))</div></div>"
      }
      s += "</div>"
    }
    s += "</header>\n<main>\n"
    if !d.findings.isEmpty {
      s += "<section id=\"findings\"><h2>Warnings and notes</h2><ul class=\"findings\">"
      for f in d.findings {
        s += "<li class=\"\(f.severity.rawValue)\">\(f.severity.rawValue): "
        if let loc = f.location { s += "\(escape(loc)): " }
        if let l = f.layer { s += "layer <code>\(escape(l))</code>: " }
        s += "\(escape(f.message))</li>"
      }
      s += "</ul></section>\n"
    }
    for b in d.blocks where b.media.contains(.html) {
      switch b.content {
      case .heading(let t): s += "<h2>\(inline(t))</h2>\n"
      case .line(let t): s += "<p>\(inline(t))</p>\n"
      case .lines(let ls): s += "<pre class=\"lines\">" + ls.map(inline).joined(separator: "\n") + "</pre>\n"
      case .fields(let fs):
        s += "<ul>" + fs.map { "<li><b>\(escape($0.label))</b>: \(escape($0.text))</li>" }.joined() + "</ul>\n"
      case .table(let i):
        let key = escape(d.tables[i].key)
        s += "<section class=\"table\" data-table=\"\(i)\" data-key=\"\(key)\"><h2>\(title(d.tables[i].key))</h2>"
        s += "<div class=\"controls\"></div><div class=\"tablewrap\"></div></section>\n"
      }
    }
    s += "<section id=\"charts\"><h2>Charts</h2><div class=\"charts\"></div></section>\n"
    if d.graph != nil {
      s += "<section id=\"graph-section\"><h2>Graph</h2><div class=\"gbar controls\">"
      s += "<button type=\"button\" data-act=\"expand\">expand all</button>"
      s += "<button type=\"button\" data-act=\"auto\">collapse repeated</button>"
      s += "<button type=\"button\" data-act=\"fit\">fit</button>"
      s += "<input class=\"gfind\" type=\"search\" placeholder=\"Find a layer, Enter\" aria-label=\"Find a layer\">"
      s += "<span class=\"meta gcount\"></span></div>"
      s += "<div id=\"graph\"><div id=\"details\"></div><div id=\"hover\"></div></div>"
      s += "<div class=\"meta\">Drag to pan, wheel to zoom, click a box for its details, double-click a module to "
      s += "expand it; colour: MACs on a log scale; edges carry output shapes when zoomed in.</div></section>\n"
    }
    s += "</main>\n<script type=\"application/json\" id=\"nc-data\">"
    // The data is most of the page (a hundred megabytes at a million
    // layers): the page is written around it by the one writer, in pieces.
    var w = JSONWriter(scriptSafe: true, sink: sink)
    w.raw(s)
    writeData(d, &w)
    w.raw("</script>\n<script>\(HTMLScript.js)</script>\n</body></html>\n")
    w.finish()
  }

  /// Records script errors, rejected promises, `console.error` calls and
  /// blocked requests in `window.ncErrors`, before any other script runs.
  static let errorCapture =
    "window.ncErrors=[];"
    + "window.addEventListener('error',function(e){window.ncErrors.push('error: '+String(e.message))});"
    + "window.addEventListener('unhandledrejection',function(e){window.ncErrors.push('rejection: '+String(e.reason))});"
    + "document.addEventListener('securitypolicyviolation',function(e){window.ncErrors.push('blocked: '+e.violatedDirective+' '+e.blockedURI)});"
    + "(function(){var o=console.error;console.error=function(){window.ncErrors.push('console: '+Array.prototype.join.call(arguments,' '));return o.apply(console,arguments)}})();"

  /// The data the script draws from, written by `w` (made `scriptSafe`, so
  /// that no string ends the script element).
  static func writeData(_ d: Document, _ w: inout JSONWriter) {
    w.beginObject()
    w.key("kind")
    w.string(d.kind)
    w.key("title")
    w.string(d.title)
    w.key("tables")
    w.beginArray()
    for t in d.tables {
      let cols = t.columns(in: .html)
      w.beginObject()
      w.key("key")
      w.string(t.key)
      w.key("columns")
      w.beginArray()
      for c in cols {
        w.beginObject()
        w.key("key")
        w.string(c.key)
        w.key("title")
        w.string(c.title)
        w.key("kind")
        w.string(kindName(c.kind))
        w.key("num")
        w.bool(c.rightAligned)
        w.endObject()
      }
      w.endArray()
      // Each row: the texts people read, then the exact values (null where text only).
      w.key("rows")
      w.beginArray()
      var memo = DocumentCellMemo.human(.html)
      for r in t.rows {
        w.beginArray()
        w.beginArray()
        for k in cols.indices { w.string(memo.text(cols[k], column: k, r[cols[k].value])) }
        w.endArray()
        w.beginArray()
        for k in cols.indices {
          switch r[cols[k].value] {
          case .int(let v), .bytes(let v): w.int(v)
          case .number(let x): w.number(x)
          case .text(let t): w.string(t)
          default: w.null()
          }
        }
        w.endArray()
        w.endArray()
        w.endPiece()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.key("series")
    w.beginArray()
    for s in d.series {
      w.beginObject()
      w.key("key")
      w.string(s.key)
      w.key("title")
      w.string(s.title)
      w.key("unit")
      w.string(s.unit)
      if let labels = s.labels {
        w.key("labels")
        w.beginArray()
        for l in labels { w.string(l) }
        w.endArray()
      }
      w.key("values")
      w.beginArray()
      for v in s.values { w.number(v) }
      w.endArray()
      w.key("marked")
      if let m = s.marked { w.int(m) } else { w.null() }
      w.endObject()
    }
    w.endArray()
    w.key("metadata")
    w.beginObject()
    for m in d.metadata {
      w.key(m.key)
      DocumentRenderer.write(m.value, d, &w)
    }
    w.endObject()
    if let g = d.graph {
      w.key("graph")
      w.beginObject()
      w.key("inputs")
      w.beginArray()
      for i in g.inputs {
        w.beginArray()
        w.string(i.name)
        w.string(i.shape)
        w.endArray()
      }
      w.endArray()
      w.key("nodes")
      w.beginArray()
      for n in g.nodes {
        w.beginArray()
        w.string(n.name)
        w.string(n.type)
        w.string(n.category)
        w.string(n.shape)
        w.int(n.macs)
        w.ints(n.inputs)
        w.endArray()
        w.endPiece()
      }
      w.endArray()
      w.endObject()
    }
    w.endObject()
  }

  /// `layers` → `Layers`, `receptive_fields` → `Receptive fields`.
  static func title(_ key: String) -> String {
    let words = key.replacingOccurrences(of: "_", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  static func kindName(_ k: DocumentColumn.Kind) -> String {
    switch k {
    case .text, .code, .names, .shape, .extraShapes, .firstShapeOnly, .field: return "text"
    case .integer, .count, .signedCount: return "count"
    case .quantity: return "quantity"
    case .bytes, .signedBytes: return "bytes"
    case .share: return "share"
    case .decimal, .milliseconds: return "number"
    }
  }

  static func valueAttribute(_ v: DocumentValue) -> String {
    switch v {
    case .int(let i): return " data-value=\"\(i)\""
    case .number(let x): return " data-value=\"\(x)\""
    case .bool(let b): return " data-value=\"\(b)\""
    default: return ""
    }
  }

  static func inline(_ t: DocumentText) -> String {
    var s = ""
    for span in t.spans {
      switch span {
      case .plain(let p): s += escape(p)
      case .code(let c): s += "<code>\(escape(c))</code>"
      case .only(let m, let p): if m.contains(.html) { s += escape(p) }
      }
    }
    return s
  }

  /// Text with `&`, `<`, `>` and `"` escaped.
  public static func escape(_ s: String) -> String {
    guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return s }
    var o = ""
    for c in s {
      switch c {
      case "&": o += "&amp;"
      case "<": o += "&lt;"
      case ">": o += "&gt;"
      case "\"": o += "&quot;"
      default: o.append(c)
      }
    }
    return o
  }
}
