// netcost — Apache-2.0

extension Comparison.Column {
  /// Parses `compare --columns`: names separated by commas (`model,params,macs`).
  ///
  /// - Throws: ``OptionValueError`` for an empty list or an unknown name, listing the known ones.
  public static func parseList(_ text: String) throws(OptionValueError) -> [Comparison.Column] {
    let known = allCases.map(\.rawValue).joined(separator: ", ")
    guard text.contains(where: { $0 != "," && $0 != " " }) else {
      throw OptionValueError("--columns: expected column names separated by commas (known: \(known))")
    }
    var columns: [Comparison.Column] = []
    for name in text.split(separator: ",") {
      guard let c = Comparison.Column(rawValue: String(name)) else {
        throw OptionValueError("--columns: unknown column '\(name)' (known: \(known))")
      }
      columns.append(c)
    }
    return columns
  }
}
