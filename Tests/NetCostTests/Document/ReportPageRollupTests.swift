// netcost — Apache-2.0
//
// Module roll-ups (`analyze --depth N`, `report --depth N`): layers summed
// by dotted-name prefix, as torchinfo's and fvcore's tables show modules,
// in the table, Markdown, CSV and JSON forms and on the page.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Module roll-ups")
struct ReportPageRollupTests {
  /// torchvision's ResNet-18 leaf modules (Tests/Fixtures/torchvision/resnet18.json:
  /// torch's trainable parameters, fvcore's counts; conv and linear counts are MACs).
  func leaves() throws -> [[String: Any]] {
    try #require(try reference("resnet18")["leaf_layers"] as? [[String: Any]])
  }

  /// `layer1.0.conv1` → `layer1` at depth 1, `layer1.0` at depth 2.
  func prefix(_ name: String, _ depth: Int) -> String {
    name.split(separator: ".", omittingEmptySubsequences: false).prefix(depth).joined(separator: ".")
  }

  /// The reference's parameters and conv + linear MACs per module at `depth`, in first-seen order.
  func expected(depth: Int) throws -> [(name: String, params: Int, macs: Int)] {
    var order: [String] = []
    var sums: [String: (Int, Int)] = [:]
    for l in try leaves() {
      let key = prefix(l["name"] as! String, depth)
      if sums[key] == nil { order.append(key) }
      let type = l["type"] as! String
      let macs = type == "Conv2d" || type == "Linear" ? l["fvcore_macs"] as! Int : 0
      let s = sums[key] ?? (0, 0)
      sums[key] = (s.0 + (l["params"] as! Int), s.1 + macs)
    }
    return order.map { ($0, sums[$0]!.0, sums[$0]!.1) }
  }

  func resnet18() throws -> Report {
    try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/resnet18.json").path)
  }

  @Test("depth 1 and 2: every module's params and MACs are the sums of torchvision's leaf modules")
  func modulesMatchTorchvision() throws {
    let report = try resnet18()
    for depth in [1, 2] {
      let mods = report.modules(depth: depth)
      let want = try expected(depth: depth)
      #expect(!want.isEmpty)
      for w in want {
        let m = try #require(mods.first { $0.name == w.name }, "module \(w.name) at depth \(depth)")
        #expect(m.cost.params == w.params, "\(m.name) params")
        #expect(m.cost.macs == w.macs, "\(m.name) MACs")
      }
      // Layers torchvision has no module for (flatten, the residual adds' own names) cost nothing.
      for m in mods where !want.contains(where: { $0.name == m.name }) {
        #expect(m.cost.params == 0 && m.cost.macs == 0, "\(m.name)")
      }
    }
  }

  @Test("ResNet-18's layer1 at depth 1: four 3×3 64→64 convs and four batch norms, fvcore's 0.148M")
  func layer1ByHand() throws {
    let layer1 = try #require(try resnet18().modules(depth: 1).first { $0.name == "layer1" })
    // 4 convs × 64·64·3·3 weights (no bias) + 4 batch norms × (64 scales + 64 shifts).
    let params = 4 * 64 * 64 * 3 * 3 + 4 * 2 * 64
    #expect(layer1.cost.params == params)
    // fvcore's table prints it as 0.148M.
    #expect((Double(params) / 1e3).rounded() / 1e3 == 0.148)
    // Each conv: 64·64·3·3 MACs per output position, 56×56 positions.
    #expect(layer1.cost.macs == 4 * 64 * 64 * 9 * 56 * 56)
    // 4 batch norms × 2 buffers (running mean and variance) × 64 channels.
    #expect(layer1.cost.buffers == 4 * 2 * 64)
  }

  @Test("the roll-up in every format: table and Markdown rows, a CSV row, JSON modules with depth")
  func everyFormat() throws {
    let report = try resnet18()
    let d = report.document(depth: 1)
    let want = try #require(try expected(depth: 1).first { $0.name == "layer1" })
    let grouped = "147,968"
    #expect(want.params == 147_968)

    let table = ReportFormat.table.render(d)
    let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("layer1 ") })
    #expect(row.contains(grouped))
    #expect(!table.contains("layer1.0.conv1"), "rolled up: no per-layer rows")

    let md = ReportFormat.markdown.render(d)
    #expect(md.split(separator: "\n").contains { $0.contains("layer1") && $0.contains(grouped) && $0.hasPrefix("|") })

    let csv = ReportFormat.csv.render(d).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let header = try #require(csv.first)
    let csvRow = try #require(csv.first { $0.first == "layer1" })
    #expect(csvRow[try #require(header.firstIndex(of: "params"))] == String(want.params))
    #expect(csvRow[try #require(header.firstIndex(of: "macs"))] == String(want.macs))
    #expect(csv.count == 1 + report.modules(depth: 1).count)

    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(d).utf8)) as? [String: Any])
    #expect(json["depth"] as? Int == 1)
    let mods = try #require(json["modules"] as? [[String: Any]])
    let m = try #require(mods.first { $0["name"] as? String == "layer1" })
    #expect(m["params"] as? Int == want.params)
    #expect(m["macs"] as? Int == want.macs)
    let layers = try #require(json["layers"] as? [[String: Any]])
    #expect(m["layers"] as? Int == layers.filter { ($0["name"] as! String).hasPrefix("layer1.") }.count)
    // Every layer is in exactly one module: the modules' sums are the totals.
    let totals = try #require(json["totals"] as? [String: Any])
    #expect(mods.reduce(0) { $0 + ($1["params"] as! Int) } == totals["params"] as? Int)
    #expect(mods.reduce(0) { $0 + ($1["macs"] as! Int) } == totals["macs"] as? Int)
  }

  @Test("the page with --depth draws the modules table")
  func pageWithDepth() throws {
    let html = HTMLRenderer.render(try resnet18().pageDocument(depth: 1))
    #expect(html.contains("data-key=\"modules\""))
    #expect(!html.contains("data-key=\"layers\""))
  }
}
