// netcost — Apache-2.0

/// A labelled value: a metadata entry, a card, a line of a totals block.
public struct DocumentField: Sendable {
  /// A stable key (JSON-style) for tools and tests.
  public var key: String
  /// The label people read.
  public var label: String
  /// The value in words, as the text and Markdown forms print it.
  public var text: String
  /// The exact figure behind it, where there is one (cards show it; a test
  /// compares it with the JSON form).
  public var value: DocumentValue
  /// Whether the text form aligns the value in a column after the label
  /// (`Params:              25,557,032`) or writes `label: value`.
  public var aligned: Bool

  /// Creates a field.
  public init(key: String, label: String, text: String, value: DocumentValue = .null, aligned: Bool = true) {
    self.key = key
    self.label = label
    self.text = text
    self.value = value
    self.aligned = aligned
  }
}
