// netcost — Apache-2.0

/// `netcost ops OP`: one op's spec names, FLOP rule and fields.
public enum OpHelp {
  /// The text: names, the FLOP rule, then each field with what it holds,
  /// its default (or `required`) and its meaning.
  public static func text(_ type: any SpecDecodable.Type, kind: String) -> String {
    let others = type.kinds.filter { $0 != kind }
    var s = kind + (others.isEmpty ? "" : " (also \(others.joined(separator: ", ")))") + "\n"
    s += "FLOPs: " + type.flopRule + "\n"
    let fields = SpecField.fields(of: type, kind: kind)
    guard !fields.isEmpty else { return s + "\nNo fields besides name, type and inputs.\n" }
    s += "\nFields (besides name, type and inputs):\n"
    for f in fields {
      let also = f.aliases.isEmpty ? "" : " (or PyTorch's \(f.aliases.joined(separator: ", ")))"
      let status = f.required ? "required" : f.defaultText.map { "default \($0)" } ?? "optional"
      s += "  \(f.name)\(also) — \(status)\n"
      var detail: [String] = []
      if let m = f.meaning { detail.append(m) }
      if let w = f.what { detail.append(w) }
      if !detail.isEmpty { s += "      " + detail.joined(separator: "; ") + "\n" }
    }
    return s
  }
}
