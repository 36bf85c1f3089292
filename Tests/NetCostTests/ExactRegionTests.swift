// netcost — Apache-2.0
//
// `rf --at` walks the graph back from one output position. After a
// transposed conv or an upsample, which inputs an output sees depends on
// its phase; the expected regions were measured by back-propagating single
// output positions through the equivalent PyTorch networks
// (Scripts/make-rf-region-fixtures.py → Tests/Fixtures/rf/regions.json).

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("exact input regions of one output position")
struct ExactRegionTests {
  static var models: [[String: Any]] {
    let root = try? loadJSON(fixture("rf/regions.json")) as? [String: Any]
    return root?["models"] as? [[String: Any]] ?? []
  }

  @Test("the fixture covers a U-Net and an FPN with nearest and bilinear upsampling")
  func fixtureCoverage() {
    #expect(Self.models.map { $0["name"] as? String } == ["unet", "fpn"])
  }

  @Test("every measured region equals the back-propagated one", arguments: ["unet", "fpn"])
  func regionsMatchBackPropagation(_ name: String) throws {
    let entry = try #require(Self.models.first { $0["name"] as? String == name })
    let spec = repoRoot.appendingPathComponent(try #require(entry["spec"] as? String)).path
    let graph = try NetCost.load(file: spec)
    let report = try Analyzer.analyze(graph, file: spec)
    let last = report.layers.count - 1
    let regions = try #require(entry["regions"] as? [[String: Any]])
    #expect(!regions.isEmpty)
    for r in regions {
      let at = try #require(r["at"] as? [Int])
      let rows = try #require(r["rows"] as? [Int])
      let cols = try #require(r["columns"] as? [Int])
      let region = try InputRegion.exact(graph: graph, report: report, layer: last, at: at).get()
      #expect(region.axes.map { [$0.clippedFirst, $0.clippedLast] } == [rows, cols], "\(name) at \(at)")
    }
  }

  @Test("rf --at prints the exact region: U-Net rows 31 to 33 see one region, row 34 the next")
  func cliPrintsExactRegion() throws {
    let entry = try #require(Self.models.first { $0["name"] as? String == "unet" })
    for r in try #require(entry["regions"] as? [[String: Any]]).prefix(4) {
      let at = try #require(r["at"] as? [Int])
      let rows = try #require(r["rows"] as? [Int])
      let cols = try #require(r["columns"] as? [Int])
      let out = try run(["rf", "Tests/Fixtures/rf/unet.json", "--at", at.map(String.init).joined(separator: ",")])
      #expect(out.status == 0)
      #expect(out.stdout.contains("rows \(rows[0])…\(rows[1]), columns \(cols[0])…\(cols[1])"), "\(out.stdout)")
    }
  }

  @Test("a transposed conv's region depends on the output's phase (worked by hand)")
  func transposedPhase() {
    // Kernel 2, stride 2, no padding: output o reads input ⌊o/2⌋ only.
    #expect(RegionRule.transposed(4...4, kernel: 2, stride: 2, dilation: 1, padBegin: 0) == 2...2)
    #expect(RegionRule.transposed(5...5, kernel: 2, stride: 2, dilation: 1, padBegin: 0) == 2...2)
    #expect(RegionRule.transposed(5...6, kernel: 2, stride: 2, dilation: 1, padBegin: 0) == 2...3)
    // Kernel 3, stride 2, pad 1: o = 2i − 1 + t, so o = 4 ← i = 2 (t = 1); o = 5 ← i = 2 (t = 2), i = 3 (t = 0).
    #expect(RegionRule.transposed(4...4, kernel: 3, stride: 2, dilation: 1, padBegin: 1) == 2...2)
    #expect(RegionRule.transposed(5...5, kernel: 3, stride: 2, dilation: 1, padBegin: 1) == 2...3)
  }

  @Test("bilinear half-pixel sampling reads two neighbours, one at a whole-number sample point")
  func bilinearTaps() {
    // ×2: src = (o + ½)/2 − ½ = o/2 − ¼. o = 0 → clamped to 0, one tap; o = 3 → 1.25: taps 1 and 2.
    #expect(RegionRule.linear(0...0, input: 8, output: 16) == 0...0)
    #expect(RegionRule.linear(3...3, input: 8, output: 16) == 1...2)
    #expect(RegionRule.linear(15...15, input: 8, output: 16) == 7...7)
    // Same size: src = o exactly, one tap.
    #expect(RegionRule.linear(5...5, input: 8, output: 8) == 5...5)
  }
}
