// netcost — Apache-2.0

/// How sure an importer is that a file is in its format, from a look at the
/// file's name and first bytes (``ModelImporter/sniff(_:)``).
///
/// Detection asks every registered importer and takes the most confident;
/// on a tie the importer registered first wins.
public enum SniffConfidence: Int, Comparable, Sendable, CaseIterable {
  /// Not this format.
  case no = 0
  /// Nothing contradicts it, and no other format claims the file: the
  /// format to try last (ONNX for unrecognised binary data).
  case fallback = 1
  /// Only the file's extension points to this format.
  case extensionOnly = 2
  /// The content looks like this format (its typical keys or sections).
  case likely = 3
  /// The content carries this format's signature (magic bytes).
  case certain = 4

  /// Orders by confidence.
  public static func < (a: SniffConfidence, b: SniffConfidence) -> Bool { a.rawValue < b.rawValue }
}
