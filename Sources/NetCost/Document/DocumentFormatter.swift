// netcost — Apache-2.0

/// How a column shows a cell in each medium: for people (grouped counts,
/// SI prefixes, bytes), exactly (CSV), or as JSON.
public enum DocumentFormatter {
  /// The cell for people in `medium`; the column's text for zero applies in the text form only.
  public static func human(_ c: DocumentColumn, _ cell: DocumentCell, medium: DocumentMedium) -> String {
    let zeroText = medium == .text
    switch cell {
    case .absent, .null: return ""
    case .text(let s): return c.kind == .code && medium == .markdown ? "`" + s + "`" : s
    case .bool(let b): return b ? "yes" : "no"
    case .names(let n): return n.count == 1 ? n[0] : n.joined(separator: ", ")
    case .shapes(let s):
      return c.kind == .firstShapeOnly ? s[0].description : s.map(\.description).joined(separator: ", ")
    case .field(let f): return fieldText(f, c.kind, joinedBy: "×", collapse: true)
    case .number(let x):
      switch c.kind {
      case .decimal(let d): return Units.fixed(x, d)
      case .milliseconds: return Units.fixed(x * 1000, x < 0.01 ? 3 : 2)
      default: return "\(x)"
      }
    case .bytes(let v):
      switch c.kind {
      case .signedCount, .signedBytes: return v == 0 ? "0" : (v > 0 ? "+" : "−") + Units.bytes(abs(v))
      default: return Units.bytes(v)
      }
    case .int(let v):
      if zeroText, v == 0, let z = c.zeroText { return z }
      switch c.kind {
      case .count: return Units.grouped(v)
      case .quantity: return Units.si(v)
      case .bytes: return Units.bytes(v)
      case .share(let whole): return Units.percent(v, of: whole)
      case .signedCount: return v == 0 ? "0" : (v > 0 ? "+" : "−") + Units.grouped(abs(v))
      case .signedBytes: return v == 0 ? "0" : (v > 0 ? "+" : "−") + Units.bytes(abs(v))
      case .decimal(let d): return Units.fixed(Double(v), d)
      default: return String(v)
      }
    }
  }

  /// The cell exactly, as CSV writes it.
  public static func exact(_ c: DocumentColumn, _ cell: DocumentCell) -> String {
    switch cell {
    case .absent, .null: return ""
    case .text(let s): return s
    case .int(let v), .bytes(let v): return String(v)
    case .number(let x): return x.isFinite ? "\(x)" : ""
    case .bool(let b): return b ? "true" : "false"
    case .names(let n): return n.joined(separator: " ")
    case .shapes(let s): return s.map { $0.dims.map(String.init).joined(separator: "x") }.joined(separator: " ")
    case .field(let f):
      if c.kind == .field(.brief) || f.axes == nil {
        return c.kind == .field(.brief) || c.kind == .field(.size) ? TableRenderer.brief(f) : ""
      }
      return fieldText(f, c.kind, joinedBy: "x", collapse: false)
    }
  }

  /// Writes the cell as the column's JSON member (nothing for an absent cell).
  public static func json(_ c: DocumentColumn, _ cell: DocumentCell, _ w: inout JSONWriter) {
    switch cell {
    case .absent: return
    case .shapes(let s):
      if c.kind == .extraShapes {
        guard s.count > 1 else { return }
        w.key(c.key)
        w.beginArray()
        for x in s { w.ints(x.dims) }
        w.endArray()
      } else {
        w.key(c.key)
        w.ints(s[0].dims)
      }
      return
    default: break
    }
    w.key(c.key)
    switch cell {
    case .absent, .shapes: break
    case .null: w.null()
    case .text(let s): w.string(s)
    case .int(let v), .bytes(let v): w.int(v)
    case .number(let x): w.number(x)
    case .bool(let b): w.bool(b)
    case .names(let n):
      w.beginArray()
      for x in n { w.string(x) }
      w.endArray()
    case .field(let f): w.field(f)
    }
  }

  /// One part of a field's axes, joined; `collapse` writes one value when every axis agrees.
  static func fieldText(_ f: ReceptiveField, _ kind: DocumentColumn.Kind, joinedBy sep: String, collapse: Bool)
    -> String
  {
    guard case .field(let part) = kind, part != .brief else { return TableRenderer.brief(f) }
    guard let axes = f.axes else { return "" }
    let parts: [String]
    switch part {
    case .brief, .size: parts = axes.map(\.size.description)
    case .jump: parts = axes.map(\.jump.description)
    case .center: parts = axes.map(\.center.description)
    case .padding: parts = axes.map { ($0.equivalentPadding ?? .zero).description }
    }
    return collapse && parts.allSatisfy({ $0 == parts[0] }) ? parts[0] : parts.joined(separator: sep)
  }
}
