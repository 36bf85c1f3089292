// netcost — Apache-2.0

/// Writes a report as JSON with a fixed key order and exact integers.
///
/// This is a stable interface for CI tools; keys are only ever added.
/// `schema_version` changes if a key's meaning changes.
public enum JSONRenderer {
  /// The version of the JSON layout.
  public static let schemaVersion = 1

  /// The JSON text, ending in a newline.
  public static func render(_ r: Report) -> String { DocumentRenderer.json(r.document) }
}
