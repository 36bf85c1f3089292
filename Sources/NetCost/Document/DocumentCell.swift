// netcost — Apache-2.0

/// One value of a table row. The column decides how each medium shows it.
public enum DocumentCell: Sendable {
  /// Nothing: an empty cell, a key left out of JSON.
  case absent
  /// A known absence: an empty cell, JSON null.
  case null
  /// Text.
  case text(String)
  /// An exact integer.
  case int(Int)
  /// A number of bytes (whatever the column's kind: a table of mixed units).
  case bytes(Int)
  /// A measured number.
  case number(Double)
  /// A yes or no.
  case bool(Bool)
  /// Shapes (a layer's outputs).
  case shapes([Shape])
  /// Names (a layer's inputs).
  case names([String])
  /// A receptive field.
  case field(ReceptiveField)

  /// The integer, if the cell holds one.
  public var int: Int? {
    switch self {
    case .int(let v), .bytes(let v): return v
    default: return nil
    }
  }

  /// The text, if the cell holds text.
  public var text: String? {
    if case .text(let v) = self { return v }
    return nil
  }
}
