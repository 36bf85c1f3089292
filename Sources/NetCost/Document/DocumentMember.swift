// netcost — Apache-2.0

/// One key and value of a ``DocumentValue/object(_:)``.
public struct DocumentMember: Sendable {
  /// The key.
  public var key: String
  /// The value.
  public var value: DocumentValue

  /// Creates a member.
  public init(_ key: String, _ value: DocumentValue) {
    self.key = key
    self.value = value
  }
}
