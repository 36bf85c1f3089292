// netcost — Apache-2.0

import Foundation
import NetCost
import Testing

/// The repository root, found from this file's path, so tests run from any
/// working directory.
let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A fixture file under Tests/Fixtures.
func fixture(_ path: String) -> URL { repoRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(path) }

/// Parses a fixture with Foundation (not with the code under test).
func loadJSON(_ url: URL) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(contentsOf: url))
}

/// Analyzes a spec given as text.
func analyze(_ spec: String, batch: Int = 1, convention: FlopConvention = .exact) throws(NetCostError) -> Report {
  try NetCost.analyze(json: spec, file: "test.json", options: AnalysisOptions(batch: batch, flopConvention: convention))
}

/// A one-input spec: `layers` is the JSON text of the layer list.
func spec(input: [Int], _ layers: String) -> String {
  "{\"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"shape\": \(input)}], \"layers\": [\(layers)]}"
}

extension Report {
  /// The row of the named layer.
  func layer(_ name: String) -> LayerReport? { layers.first { $0.name == name } }
}

/// The error a spec produces, as the user would read it.
func errorMessage(_ spec: String) -> String? {
  do {
    _ = try analyze(spec)
    return nil
  } catch {
    return error.description
  }
}
