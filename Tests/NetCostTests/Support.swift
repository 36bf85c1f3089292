// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

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
