// netcost — Apache-2.0

/// The name of a model format netcost can read: `native`, `onnx`, and one
/// per registered importer (``ModelImporter/format``).
///
/// A string-backed value rather than a closed enum, so that adding a format
/// is one folder and one registration line, and `--input-format` takes any
/// registered name.
public struct InputFormat: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// The format's registered name, as `--input-format` takes it.
  public var rawValue: String

  /// Creates a format name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates a format name from a literal.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// netcost's JSON spec.
  public static let native: InputFormat = "native"
  /// An ONNX model (protobuf).
  public static let onnx: InputFormat = "onnx"

  /// The name.
  public var description: String { rawValue }
}
