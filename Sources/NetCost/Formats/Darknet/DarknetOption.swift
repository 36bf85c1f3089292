// netcost — Apache-2.0

/// One `key=value` line of a Darknet `.cfg` section, with where its key and
/// its value stand in the file.
public struct DarknetOption: Sendable, Equatable {
  /// The key, with darknet's stripping applied (no white space).
  public var key: String
  /// The value, stripped of white space and of an inline `#` or `;` comment.
  public var value: String
  /// Where the key starts.
  public var location: SourceLocation
  /// Where the value starts (just after `=`, past any white space).
  public var valueLocation: SourceLocation

  /// Creates an option.
  public init(key: String, value: String, location: SourceLocation, valueLocation: SourceLocation) {
    self.key = key
    self.value = value
    self.location = location
    self.valueLocation = valueLocation
  }
}
