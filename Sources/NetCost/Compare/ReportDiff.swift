// netcost — Apache-2.0

/// What changed between two versions of a model: layers added, removed and
/// changed, and the totals.
///
/// Layers are matched by name first; the layers left over on both sides are
/// then matched by position among themselves (a renamed layer in the same
/// place), and only what still has no partner counts as added or removed.
public struct ReportDiff: Sendable {
  /// One layer's change.
  public struct Change: Sendable {
    /// Added, removed or changed.
    public enum Kind: String, Sendable { case added, removed, changed }
    /// The kind.
    public var kind: Kind
    /// The old layer (nil when added).
    public var old: LayerReport?
    /// The new layer (nil when removed).
    public var new: LayerReport?

    /// The name to show: the new name, with the old one when it differs.
    public var name: String {
      switch (old, new) {
      case (let o?, let n?) where o.name != n.name: return "\(o.name) → \(n.name)"
      case (_, let n?): return n.name
      case (let o?, nil): return o.name
      default: return ""
      }
    }

    /// New minus old parameters.
    public var paramsDelta: Int { (new?.cost.params ?? 0) - (old?.cost.params ?? 0) }
    /// New minus old MACs.
    public var macsDelta: Int { (new?.cost.macs ?? 0) - (old?.cost.macs ?? 0) }
  }

  /// The old report.
  public var old: Report
  /// The new report.
  public var new: Report
  /// Every layer that differs, in the new model's order (removed ones where they were).
  public var changes: [Change]

  /// Compares two reports.
  public init(old: Report, new: Report) {
    self.old = old
    self.new = new
    var oldByName: [String: Int] = [:]
    for (i, l) in old.layers.enumerated() { oldByName[l.name] = i }
    var partnerOfNew = Array(repeating: Int?.none, count: new.layers.count)
    var taken = Array(repeating: false, count: old.layers.count)
    for (j, l) in new.layers.enumerated() {
      if let i = oldByName[l.name] {
        partnerOfNew[j] = i
        taken[i] = true
      }
    }
    // Leftovers paired by position, when their types agree.
    let leftOld = old.layers.indices.filter { !taken[$0] }
    let leftNew = new.layers.indices.filter { partnerOfNew[$0] == nil }
    for (i, j) in zip(leftOld, leftNew) where old.layers[i].type == new.layers[j].type {
      partnerOfNew[j] = i
      taken[i] = true
    }
    var changes: [Change] = []
    var nextOld = 0
    func flushRemoved(upTo limit: Int) {
      while nextOld < limit {
        if !taken[nextOld] { changes.append(Change(kind: .removed, old: old.layers[nextOld], new: nil)) }
        nextOld += 1
      }
    }
    for (j, l) in new.layers.enumerated() {
      if let i = partnerOfNew[j] {
        flushRemoved(upTo: i)
        let o = old.layers[i]
        if o.name != l.name || o.type != l.type || o.outputShapes != l.outputShapes || o.cost != l.cost {
          changes.append(Change(kind: .changed, old: o, new: l))
        }
      } else {
        changes.append(Change(kind: .added, old: nil, new: l))
      }
    }
    flushRemoved(upTo: old.layers.count)
    self.changes = changes
  }

  /// Renders the diff.
  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .json: return json()
    case .markdown, .table, .csv: return text(markdown: format == .markdown)
    }
  }

  func signed(_ v: Int, bytes: Bool = false) -> String {
    v == 0 ? "0" : (v > 0 ? "+" : "−") + (bytes ? Units.bytes(abs(v)) : Units.grouped(abs(v)))
  }

  func text(markdown: Bool) -> String {
    var rows: [[String]] = []
    for c in changes {
      let mark = c.kind == .added ? "+" : c.kind == .removed ? "−" : "~"
      let shape: String
      switch (c.old, c.new) {
      case (let o?, let n?) where o.outputShapes != n.outputShapes:
        shape = "\(o.outputShapes[0]) → \(n.outputShapes[0])"
      case (_, let n?): shape = n.outputShapes[0].description
      case (let o?, nil): shape = o.outputShapes[0].description
      default: shape = ""
      }
      rows.append([mark, c.name, (c.new ?? c.old)!.type, shape, signed(c.paramsDelta), signed(c.macsDelta)])
    }
    var totals: [[String]] = []
    for m in [Metric.params, .macs, .flops, .weightBytes, .activationBytes, .peakActivationBytes] {
      let (a, b) = (m.value(in: old.totals), m.value(in: new.totals))
      let pct = a == 0 ? "" : (b >= a ? "+" : "−") + Units.fixed(Double(abs(b - a)) * 100 / Double(a), 2) + "%"
      totals.append([
        m.optionName, m.isBytes ? Units.bytes(a) : Units.grouped(a), m.isBytes ? Units.bytes(b) : Units.grouped(b),
        signed(b - a, bytes: m.isBytes), pct,
      ])
    }
    let added = changes.filter { $0.kind == .added }.count
    let removed = changes.filter { $0.kind == .removed }.count
    let changed = changes.count - added - removed
    let summary = "\(old.model) → \(new.model): \(added) layer(s) added, \(removed) removed, \(changed) changed\n"
    if markdown {
      var s = "### \(summary)\n"
      if !rows.isEmpty {
        s += "| | Layer | Type | Output shape | Δ Params | Δ MACs |\n|---|---|---|---|--:|--:|\n"
        for r in rows {
          s += "| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        s += "\n"
      }
      s += "| Total | Old | New | Δ | Δ % |\n|---|--:|--:|--:|--:|\n"
      for t in totals { s += "| " + t.joined(separator: " | ") + " |\n" }
      return s
    }
    var s = summary
    if !rows.isEmpty {
      s += TextTableView(
        header: ["", "Layer", "Type", "Output shape", "Δ Params", "Δ MACs"], rightAligned: [4, 5], rows: rows
      ).render()
    }
    s += TextTableView(header: ["Total", "Old", "New", "Δ", "Δ %"], rightAligned: [1, 2, 3, 4], rows: totals).render()
    return s
  }

  func json() -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("schema_version")
    w.int(1)
    w.key("old")
    w.string(old.file ?? old.model)
    w.key("new")
    w.string(new.file ?? new.model)
    w.key("changes")
    w.beginArray()
    for c in changes {
      w.beginObject()
      w.key("kind")
      w.string(c.kind.rawValue)
      w.key("old_name")
      if let o = c.old { w.string(o.name) } else { w.null() }
      w.key("new_name")
      if let n = c.new { w.string(n.name) } else { w.null() }
      w.key("old_shape")
      if let o = c.old { w.ints(o.outputShapes[0].dims) } else { w.null() }
      w.key("new_shape")
      if let n = c.new { w.ints(n.outputShapes[0].dims) } else { w.null() }
      w.key("params_delta")
      w.int(c.paramsDelta)
      w.key("macs_delta")
      w.int(c.macsDelta)
      w.endObject()
    }
    w.endArray()
    w.key("totals")
    w.beginObject()
    for m in Metric.allCases {
      let (a, b) = (m.value(in: old.totals), m.value(in: new.totals))
      w.key(m.rawValue)
      w.beginObject()
      w.key("old")
      w.int(a)
      w.key("new")
      w.int(b)
      w.key("delta")
      w.int(b - a)
      w.endObject()
    }
    w.endObject()
    w.endObject()
    w.newline()
    return w.out
  }
}
