// netcost — Apache-2.0
//
// Every layer of real Darknet .cfg files against darknet's own figures for
// them (Tests/Fixtures/darknet, see PROVENANCE.md): output shape, FLOPs,
// parameters and buffers.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// One darknet reference table: the cfg beside it and what darknet computed.
struct DarknetTable: CustomStringConvertible, Sendable {
  /// The cfg, relative to Tests/Fixtures/darknet.
  var cfg: String
  /// The table, relative to Tests/Fixtures/darknet.
  var table: String
  /// Whether the cfg holds keys darknet does not read (it only warns).
  var hasUnusedKeys: Bool

  var description: String { cfg }

  /// The tables of one folder: every `<name>.table.json` with its `<name>.cfg`.
  static func all(in folder: String) -> [DarknetTable] {
    let dir = fixture("darknet/" + folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".table.json") }.sorted().map { name in
      let base = String(name.dropLast(".table.json".count))
      let prefix = folder.isEmpty ? "" : folder + "/"
      return DarknetTable(
        cfg: prefix + base + ".cfg", table: prefix + name, hasUnusedKeys: unusedKeys.contains(base))
    }
  }

  /// Cfg files that carry keys darknet ignores ("Unused field"): netcost
  /// reads them as darknet does, warning about each key (tested below).
  static let unusedKeys: Set<String> = ["yolov4-sam-mish-csp-reorg-bfm", "Gaussian_yolov3_BDD"]
}

@Suite("Darknet .cfg against darknet's own tables")
struct DarknetReferenceTests {
  static let shared = DarknetTable.all(in: "")
  static let alexeyAB = DarknetTable.all(in: "alexeyab") + DarknetTable.all(in: "netcost")
  static let pjreddie = DarknetTable.all(in: "pjreddie")

  func load(_ t: DarknetTable) throws -> [String: Any] {
    try loadJSON(fixture("darknet/" + t.table)) as! [String: Any]
  }

  func analyze(_ t: DarknetTable, _ convention: FlopConvention) throws -> Report {
    try NetCost.analyze(
      file: fixture("darknet/" + t.cfg).path, options: AnalysisOptions(flopConvention: convention),
      loading: ImportOptions())
  }

  /// Layer count, names in darknet's numbering, and every output shape.
  func checkShapes(_ report: Report, _ ref: [String: Any]) {
    let layers = ref["layers"] as! [[String: Any]]
    #expect(report.layers.count == layers.count)
    let input = ref["input"] as! [Int]
    #expect(Array(report.inputs[0].shape.dims.dropFirst()) == input)
    for (row, l) in zip(report.layers, layers) {
      let index = l["index"] as! Int
      #expect(row.name.hasPrefix("\(index) "), "layer \(index) is named '\(row.name)'")
      let dims = row.outputShapes[0].dims
      let (c, h, w) = (l["out_c"] as! Int, l["out_h"] as! Int, l["out_w"] as! Int)
      let elements = dims.dropFirst().reduce(1, *)
      // darknet leaves out_c/h/w at 0 for [softmax] and [cost]; then only the count is known.
      if !(c == 0 && h == 0 && w == 0) {
        #expect(Array(dims.dropFirst()) == [c, h, w], "layer \(row.name)")
      }
      if let outputs = l["outputs"] as? Int { #expect(elements == outputs, "layer \(row.name)") }
    }
  }

  /// Per-layer parameters and buffers as darknet stores them in a .weights file.
  func checkParams(_ report: Report, _ ref: [String: Any]) {
    let layers = ref["layers"] as! [[String: Any]]
    for (row, l) in zip(report.layers, layers) {
      #expect(row.cost.params == l["params"] as! Int, "params of \(row.name)")
      #expect(row.cost.buffers == l["buffers"] as! Int, "buffers of \(row.name)")
    }
    #expect(report.totals.params == ref["params"] as! Int)
    #expect(report.totals.buffers == ref["buffers"] as! Int)
  }

  @Test("AlexeyAB/darknet: shapes, BFLOPs, parameters and buffers, layer by layer", arguments: alexeyAB)
  func alexeyABTables(_ t: DarknetTable) throws {
    let ref = try load(t)
    let report = try analyze(t, .darknet)
    checkShapes(report, ref)
    checkParams(report, ref)
    let layers = ref["layers"] as! [[String: Any]]
    for (row, l) in zip(report.layers, layers) {
      // darknet's own field, a float of BFLOPs (7 significant digits)...
      let bflops = (l["bflops"] as! NSNumber).doubleValue
      let ours = Double(row.cost.flops) / 1e9
      #expect(abs(ours - bflops) <= 1e-6 * max(bflops, 1e-3), "BFLOPs of \(row.name): \(ours) vs \(bflops)")
      // ...and its formula for it in integers, where it has one (not for XNOR layers).
      if let exact = l["flops"] as? Int { #expect(row.cost.flops == exact, "FLOPs of \(row.name)") }
    }
    // The total is darknet's float sum, written with 6 decimals.
    let total = (ref["total_bflops"] as! NSNumber).doubleValue
    #expect(abs(Double(report.totals.flops) / 1e9 - total) <= 1e-6 + 1e-5 * total)
  }

  @Test("pjreddie/darknet: shapes, 2 × MACs of conv and connected, parameters and buffers", arguments: pjreddie)
  func pjreddieTables(_ t: DarknetTable) throws {
    let ref = try load(t)
    let report = try analyze(t, .exact)
    checkShapes(report, ref)
    checkParams(report, ref)
    for (row, l) in zip(report.layers, ref["layers"] as! [[String: Any]]) {
      #expect(2 * row.cost.macs == l["flops"] as! Int, "FLOPs of \(row.name)")
    }
  }

  @Test("the shared reference: shapes, 2 × MACs, conv and connected weights + biases", arguments: shared)
  func sharedTables(_ t: DarknetTable) throws {
    let ref = try load(t)
    let report = try analyze(t, .exact)
    checkShapes(report, ref)
    var conv = 0
    var connected = 0
    var weightsAndBiases = 0
    for (row, l) in zip(report.layers, ref["layers"] as! [[String: Any]]) {
      #expect(2 * row.cost.macs == l["flops"] as! Int, "FLOPs of \(row.name)")
      if row.type == "convolutional" { conv += 2 * row.cost.macs }
      if row.type == "connected" { connected += 2 * row.cost.macs }
      // Batch norm adds one scale per filter and two rolling statistics (buffers) per filter.
      if row.type == "convolutional" || row.type == "connected" {
        weightsAndBiases += row.cost.params - row.cost.buffers / 2
      }
    }
    #expect(conv == ref["conv_flops"] as! Int)
    #expect(connected == ref["connected_flops"] as! Int)
    #expect(weightsAndBiases == ref["conv_and_connected_weights_plus_biases"] as! Int)
  }

  @Test(
    "files with keys darknet ignores read with no flag, each key a warning with its line; allowUnknown silences them")
  func unusedKeysWarn() throws {
    for t in Self.alexeyAB where t.hasUnusedKeys {
      let report = try NetCost.analyze(file: fixture("darknet/" + t.cfg).path)
      let warned = report.findings.filter { $0.message.contains("is not one darknet reads") }
      #expect(!warned.isEmpty, "\(t.cfg)")
      #expect(warned.allSatisfy { $0.location.line != nil }, "\(t.cfg)")
      let quiet = try NetCost.analyze(
        file: fixture("darknet/" + t.cfg).path, loading: ImportOptions(allowUnknown: true))
      #expect(!quiet.findings.contains { $0.message.contains("is not one darknet reads") })
      #expect(quiet.totals.params == report.totals.params)
    }
  }

  @Test("the reference sets are all there")
  func counts() {
    #expect(Self.shared.count == 3)
    #expect(Self.alexeyAB.count >= 19)
    #expect(Self.pjreddie.count >= 4)
  }
}
