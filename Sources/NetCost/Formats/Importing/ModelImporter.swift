// netcost — Apache-2.0

/// One model format: how to recognise its files and how to read one into a
/// ``Graph``.
///
/// Adding a format is one folder holding a conforming type and one line in
/// ``ImporterRegistry/standard`` (or a call to
/// ``ImporterRegistry/register(_:)`` at run time, from any module):
///
/// ```swift
/// struct ToyImporter: ModelImporter {
///   var format: InputFormat { "toy" }
///   var displayName: String { "toy layer list" }
///   var fileExtensions: [String] { ["toy"] }
///   func sniff(_ probe: FileProbe) -> SniffConfidence {
///     probe.fileExtension == "toy" ? .likely : .no
///   }
///   func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph { … }
/// }
/// ImporterRegistry.shared.register(ToyImporter())
/// ```
public protocol ModelImporter: Sendable {
  /// The registered name, as `--input-format` takes it (`"darknet"`).
  var format: InputFormat { get }
  /// The format's name for people (`"Darknet .cfg"`).
  var displayName: String { get }
  /// File extensions of the format, lowercased, without the dot.
  var fileExtensions: [String] { get }
  /// How sure the importer is that the probed file is in its format.
  func sniff(_ probe: FileProbe) -> SniffConfidence
  /// Reads the file into a graph whose layers carry source locations
  /// (file:line:column for text formats, the node's name for binary ones).
  ///
  /// - Throws: ``NetCostError`` with the location, the layer, and what was
  ///   expected and found.
  func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph
}
