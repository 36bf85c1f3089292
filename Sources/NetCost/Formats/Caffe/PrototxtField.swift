// netcost — Apache-2.0

/// One field of a protobuf text-format file, where it is written: what
/// swift-protobuf's decoder does not tell (its errors carry no position).
struct PrototxtField: Sendable {
  /// The field name as written.
  var name: String
  /// 1-based line and column of the name.
  var line: Int
  var column: Int
  /// Byte range from the name to the end of the value.
  var range: Range<Int>
  /// The scalar values (a string without its quotes, a number or enum name
  /// as written); several for the list form `f: [1, 2]`; empty for a message.
  var values: [String]
  /// The fields of a message value; nil for a scalar.
  var children: [PrototxtField]?

  /// The first child named `name`.
  func child(_ name: String) -> PrototxtField? { children?.first { $0.name == name } }

  /// Every child named `name`, in order.
  func children(_ name: String) -> [PrototxtField] { children?.filter { $0.name == name } ?? [] }

  /// Where this field is, in `file`.
  func location(_ file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
}
