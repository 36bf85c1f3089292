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
  public func render(_ format: ReportFormat) -> String { format.render(document) }

  /// The totals compared: old, new, the change and the change in percent.
  static let comparedMetrics: [Metric] = [.params, .macs, .flops, .weightBytes, .activationBytes, .peakActivationBytes]

  /// The diff as a document: a table of changed layers (shown with a mark,
  /// exact in CSV and JSON), a table of totals, and the summary as heading.
  public var document: Document {
    var rows: [[DocumentCell]] = []
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
      rows.append([
        .text(mark), .text(c.name), .text((c.new ?? c.old)!.type), .text(shape), .int(c.paramsDelta),
        .int(c.macsDelta), .text(c.kind.rawValue), c.old.map { .text($0.name) } ?? .null,
        c.new.map { .text($0.name) } ?? .null, c.old.map { .shapes([$0.outputShapes[0]]) } ?? .null,
        c.new.map { .shapes([$0.outputShapes[0]]) } ?? .null,
      ])
    }
    let people: DocumentMedium = [.text, .markdown, .html]
    let changeColumns = [
      DocumentColumn("mark", "", value: 0, media: people),
      DocumentColumn("layer", "Layer", value: 1, media: people),
      DocumentColumn("type", "Type", value: 2, media: people),
      DocumentColumn("output_shape", "Output shape", value: 3, media: people),
      DocumentColumn("kind", "Kind", value: 6, media: [.csv, .json, .html]),
      DocumentColumn("old_name", "Old name", value: 7, media: [.csv, .json]),
      DocumentColumn("new_name", "New name", value: 8, media: [.csv, .json]),
      DocumentColumn("old_shape", "Old shape", value: 9, kind: .shape, media: [.csv, .json]),
      DocumentColumn("new_shape", "New shape", value: 10, kind: .shape, media: [.csv, .json]),
      DocumentColumn("params_delta", "Δ Params", value: 4, kind: .signedCount),
      DocumentColumn("macs_delta", "Δ MACs", value: 5, kind: .signedCount),
    ]
    var totals: [[DocumentCell]] = []
    for m in Self.comparedMetrics {
      let (a, b) = (m.value(in: old.totals), m.value(in: new.totals))
      let pct = a == 0 ? "" : (b >= a ? "+" : "−") + Units.fixed(Double(abs(b - a)) * 100 / Double(a), 2) + "%"
      totals.append(
        m.isBytes
          ? [.text(m.optionName), .bytes(a), .bytes(b), .bytes(b - a), .text(pct)]
          : [.text(m.optionName), .int(a), .int(b), .int(b - a), .text(pct)])
    }
    let totalColumns = [
      DocumentColumn("metric", "Total", value: 0),
      DocumentColumn("old", "Old", value: 1, kind: .count),
      DocumentColumn("new", "New", value: 2, kind: .count),
      DocumentColumn("delta", "Δ", value: 3, kind: .signedCount),
      DocumentColumn("delta_percent", "Δ %", value: 4, rightAligned: true),
    ]
    let added = changes.filter { $0.kind == .added }.count
    let removed = changes.filter { $0.kind == .removed }.count
    let changed = changes.count - added - removed
    let summary = "\(old.model) → \(new.model): \(added) layer(s) added, \(removed) removed, \(changed) changed"
    var blocks = [DocumentBlock(.heading(.plain(summary)), media: [.text, .markdown])]
    if !rows.isEmpty { blocks.append(DocumentBlock(.table(0))) }
    blocks.append(DocumentBlock(.table(1)))
    return Document(
      kind: "diff", title: "\(old.model) → \(new.model)",
      metadata: [
        DocumentField(key: "old", label: "Old", text: old.file ?? old.model),
        DocumentField(key: "new", label: "New", text: new.file ?? new.model),
      ],
      cards: [
        DocumentField(key: "added", label: "Added", text: String(added), value: .int(added)),
        DocumentField(key: "removed", label: "Removed", text: String(removed), value: .int(removed)),
        DocumentField(key: "changed", label: "Changed", text: String(changed), value: .int(changed)),
      ],
      tables: [
        DocumentTable(key: "changes", columns: changeColumns, rows: rows),
        DocumentTable(key: "totals", columns: totalColumns, rows: totals),
      ],
      blocks: blocks,
      json: .members([
        "schema_version": .int(1),
        "old": .string(old.file ?? old.model),
        "new": .string(new.file ?? new.model),
        "changes": .table(0),
        "totals": .object(
          Metric.allCases.map { m in
            let (a, b) = (m.value(in: old.totals), m.value(in: new.totals))
            return DocumentMember(m.rawValue, .members(["old": .int(a), "new": .int(b), "delta": .int(b - a)]))
          }),
      ]),
      csvTable: 0)
  }
}
