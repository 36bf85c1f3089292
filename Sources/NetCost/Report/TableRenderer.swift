// netcost — Apache-2.0

/// The terminal table: one row per layer as torchinfo prints it, then the
/// totals, the memory figures and the zero-cost ops.
public enum TableRenderer {
  /// The table text.
  public static func render(_ r: Report) -> String {
    let t = r.totals
    var table = TextTableView(
      header: ["Layer", "Type", "Output shape", "Params", "MACs", "FLOPs", "Activations", "RF", "MACs %"],
      rightAligned: [3, 4, 5, 6, 7, 8])
    for l in r.layers {
      table.rows.append([
        l.name, l.type, l.outputShapes.map(\.description).joined(separator: ", "),
        l.cost.params == 0 ? "-" : Units.grouped(l.cost.params),
        l.cost.macs == 0 ? "-" : Units.si(l.cost.macs),
        l.cost.flops == 0 ? "-" : Units.si(l.cost.flops),
        Units.bytes(l.activationBytes),
        Self.brief(l.receptiveField),
        l.cost.macs == 0 ? "" : Units.percent(l.cost.macs, of: t.macs),
      ])
    }
    var s = "Model: \(r.model)"
    if let f = r.file { s += "  (\(f))" }
    s +=
      "\nInputs: " + r.inputs.map { "\($0.name) \($0.shape) \($0.dtype.shortName)" }.joined(separator: ", ")
      + "   batch \(r.batch)\n"
    s += table.render()
    s += Self.totals(r)
    return s
  }

  /// A receptive field in a few characters: `427`, `11×5`, `global`.
  public static func brief(_ f: ReceptiveField) -> String {
    switch f {
    case .none: return ""
    case .global: return "global"
    case .unknown: return "?"
    case .spatial(let a):
      let sizes = a.map(\.size.description)
      return Set(sizes).count == 1 ? sizes[0] : sizes.joined(separator: "×")
    }
  }

  static func totals(_ r: Report) -> String {
    let t = r.totals
    var s = ""
    s +=
      "Layers:              \(Units.grouped(r.layers.count)) (\(r.layers.filter { $0.cost.params > 0 }.count) with parameters)\n"
    s += "Params:              \(Units.grouped(t.params)) trainable (\(Units.si(t.params)))"
    s += t.buffers > 0 ? ", buffers \(Units.grouped(t.buffers))\n" : "\n"
    s +=
      "MACs:                \(Units.grouped(t.macs)) (\(Units.si(t.macs)))   conv + linear + matmul multiply-accumulates\n"
    let conv = r.flopConvention == .exact ? "every multiply and add" : "Darknet convention, 2 × MACs"
    s += "FLOPs:               \(Units.grouped(t.flops)) (\(Units.si(t.flops)))   \(conv)\n"
    s +=
      "Weights:             "
      + DType.weightTypes.map { "\($0.shortName) \(Units.bytes(t.weightBytesByDType[$0] ?? 0))" }.joined(
        separator: " · ") + "\n"
    s +=
      "Activations:         \(Units.bytes(t.activationBytes)) in layer outputs (+ \(Units.bytes(t.inputBytes)) input); \(Units.bytes(t.peakActivationBytes)) peak live at inference"
    if let p = t.peakLayer { s += " (at \(p))" }
    s += "\n"
    s +=
      "Training estimate:   \(Units.bytes(t.training.totalBytes)) (\(t.training.optimizer.rawValue); weights \(Units.bytes(t.training.weightBytes)), gradients \(Units.bytes(t.training.gradientBytes)), optimizer \(Units.bytes(t.training.optimizerBytes)), saved activations \(Units.bytes(t.training.activationBytes)))\n"
    let z = r.zeroCostOps
    if !z.isEmpty {
      s +=
        "Zero-cost ops:       " + z.map { "\($0.type) ×\($0.count)" }.joined(separator: ", ")
        + "  (data movement or no-op at inference; 0 FLOPs by rule)\n"
    }
    let outs = r.outputLayers.filter { $0.receptiveField != .none }
    if !outs.isEmpty {
      s +=
        "Receptive field:     " + outs.map { "\($0.name) \(brief($0.receptiveField))" }.joined(separator: ", ")
        + "  (`netcost rf` for details)\n"
    }
    let u = r.uncountedOps
    if !u.isEmpty {
      s +=
        "Uncounted ops:       " + u.map { "\($0.type) ×\($0.count)" }.joined(separator: ", ")
        + "  (no cost rule; counted as 0)\n"
    }
    if let llm = t.llm { s += llm.text }
    for l in r.layers where l.note != nil { s += "note: layer '\(l.name)': \(l.note!)\n" }
    for f in r.findings { s += "warning: \(f.location): layer '\(f.layer)': \(f.message)\n" }
    return s
  }
}
