// netcost — Apache-2.0

/// One CSV row per layer with exact integers (RFC 4180 quoting).
public enum CSVRenderer {
  /// The CSV text with a header row.
  public static func render(_ r: Report) -> String {
    var s = "name,type,inputs,output_shape,params,buffers,macs,flops,activation_bytes,cost,rf_size,rf_jump,rf_center\n"
    s.reserveCapacity(r.layers.count * 96)
    for l in r.layers {
      let fields =
        [
          l.name, l.type, l.inputs.joined(separator: " "),
          l.outputShapes.map { $0.dims.map(String.init).joined(separator: "x") }.joined(separator: " "),
          String(l.cost.params), String(l.cost.buffers), String(l.cost.macs), String(l.cost.flops),
          String(l.activationBytes), l.costKind.rawValue,
        ] + rfFields(l.receptiveField)
      s += fields.map(quote).joined(separator: ",") + "\n"
    }
    return s
  }

  static func rfFields(_ f: ReceptiveField) -> [String] {
    guard let a = f.axes else { return [TableRenderer.brief(f), "", ""] }
    return [
      a.map(\.size.description).joined(separator: "x"), a.map(\.jump.description).joined(separator: "x"),
      a.map(\.center.description).joined(separator: "x"),
    ]
  }

  static func quote(_ f: String) -> String {
    guard f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return f }
    return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension String {
  /// `self` with every `target` replaced (Foundation-free).
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
