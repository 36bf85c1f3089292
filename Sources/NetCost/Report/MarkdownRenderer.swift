// netcost — Apache-2.0

/// A Markdown table of the layers and a totals list, for pull requests and docs.
public enum MarkdownRenderer {
  /// The Markdown text.
  public static func render(_ r: Report) -> String {
    var s = "### \(r.model)\n\n"
    s +=
      "Inputs: " + r.inputs.map { "`\($0.name)` \($0.shape) \($0.dtype.shortName)" }.joined(separator: ", ")
      + ", batch \(r.batch)\n\n"
    s += "| Layer | Type | Output shape | Params | MACs | FLOPs | Activations | RF |\n"
    s += "|---|---|---|--:|--:|--:|--:|--:|\n"
    for l in r.layers {
      s +=
        "| `\(l.name)` | \(l.type) | \(l.outputShapes.map(\.description).joined(separator: ", ")) | \(Units.grouped(l.cost.params)) | \(Units.si(l.cost.macs)) | \(Units.si(l.cost.flops)) | \(Units.bytes(l.activationBytes)) | \(TableRenderer.brief(l.receptiveField)) |\n"
    }
    s += "\n"
    for line in TableRenderer.totals(r).split(separator: "\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      s += "- **\(parts[0])**: \(parts.count > 1 ? parts[1].drop { $0 == " " } : "")\n"
    }
    return s
  }
}
