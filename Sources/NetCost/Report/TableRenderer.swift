// netcost — Apache-2.0

/// The terminal table: one row per layer as torchinfo prints it, then the
/// totals, the memory figures and the zero-cost ops.
public enum TableRenderer {
  /// The table text.
  public static func render(_ r: Report) -> String { DocumentRenderer.text(r.document) }

  /// A receptive field in a few characters: `427`, `11×5`, `global`.
  public static func brief(_ f: ReceptiveField) -> String {
    switch f {
    case .none: return ""
    case .global: return "global"
    case .unknown: return "?"
    case .spatial(let a):
      let sizes = a.map(\.size.description)
      return sizes.allSatisfy({ $0 == sizes[0] }) ? sizes[0] : sizes.joined(separator: "×")
    }
  }
}
