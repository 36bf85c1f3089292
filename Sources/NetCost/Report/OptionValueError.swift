// netcost — Apache-2.0

/// A command-line value netcost cannot use: a malformed `--at` position or
/// tolerance, an unknown column or layer. The message names the option and
/// what was expected.
public struct OptionValueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The message.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// The message, as one printable line.
  public var description: String { PrintableText.line(message) }
}
