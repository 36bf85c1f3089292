// netcost — Apache-2.0

/// One `[name]` section of a Darknet `.cfg` file and its options in file
/// order.
///
/// Darknet keeps a section's options in a list and looks a key up from the
/// front (`option_find` in `src/option_list.c`), so when a key is repeated
/// the **first** occurrence is the one darknet uses; ``option(_:)`` does the
/// same.
public struct DarknetSection: Sendable, Equatable {
  /// The name between the brackets, as written (`convolutional`, `net`…).
  public var name: String
  /// Where the `[` of the header stands.
  public var location: SourceLocation
  /// The options in file order, repeated keys included.
  public var options: [DarknetOption]

  /// Creates a section.
  public init(name: String, location: SourceLocation, options: [DarknetOption] = []) {
    self.name = name
    self.location = location
    self.options = options
  }

  /// The option darknet reads for `key`: the first with that key, or nil.
  public func option(_ key: String) -> DarknetOption? { options.first { $0.key == key } }
}
