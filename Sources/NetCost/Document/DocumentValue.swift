// netcost — Apache-2.0

/// A JSON value with its keys in a fixed order, as a document's
/// machine-readable form is laid out. ``table(_:)`` stands for one of the
/// document's tables, written row by row as objects.
public indirect enum DocumentValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An exact integer.
  case int(Int)
  /// A measured number (integral values print without a fraction; non-finite ones as null).
  case number(Double)
  /// A string.
  case string(String)
  /// An array of integers (a shape).
  case ints([Int])
  /// Exact fractions: integers as integers, others as decimals.
  case rationals([Rational])
  /// A receptive field: an object of sizes, jumps, centres and paddings, `"global"`, `"unknown"` or null.
  case field(ReceptiveField)
  /// An array.
  case array([DocumentValue])
  /// An object; keys keep their order.
  case object([DocumentMember])
  /// The document's table at this position, as an array of row objects.
  case table(Int)
  /// A value that writes itself (a section with a layout of its own, such
  /// as a language model's `totals.llm`).
  case written(@Sendable (inout JSONWriter) -> Void)

  /// An object from key-value pairs.
  public static func members(_ pairs: KeyValuePairs<String, DocumentValue>) -> DocumentValue {
    .object(pairs.map { DocumentMember($0.key, $0.value) })
  }

  /// A string, or null.
  public static func optional(_ s: String?) -> DocumentValue { s.map { .string($0) } ?? .null }

  /// An integer, or null.
  public static func optional(_ i: Int?) -> DocumentValue { i.map { .int($0) } ?? .null }
}
