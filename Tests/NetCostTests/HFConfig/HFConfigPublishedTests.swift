// netcost — Apache-2.0
//
// Published parameter counts (Tests/Fixtures/llm/published.json, each with its source).

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite struct HFConfigPublishedTests {
  func published() throws -> [String: Any] { try loadJSON(fixture("llm/published.json")) as! [String: Any] }

  func value(_ what: String, _ s: LLMSummary) -> Int {
    what == "active_params" ? s.activeParams : s.params
  }

  @Test func exactCounts() throws {
    let list = try published()["exact"] as! [[String: Any]]
    #expect(list.count >= 7)
    for e in list {
      let r = try llmReport(e["model"] as! String, seq: 16, stage: .prefill)
      let s = try #require(r.totals.llm)
      #expect(value(e["what"] as! String, s) == e["value"] as! Int, "\(e["model"]!)")
    }
  }

  @Test func roundedCounts() throws {
    for e in try published()["billions"] as! [[String: Any]] {
      let r = try llmReport(e["model"] as! String, seq: 16, stage: .prefill)
      let s = try #require(r.totals.llm)
      let decimals = e["decimals"] as! Int
      let scale = pow(10.0, Double(decimals))
      let ours = (Double(value(e["what"] as! String, s)) / 1e9 * scale).rounded() / scale
      #expect(ours == e["value"] as! Double, "\(e["model"]!) \(e["what"]!)")
    }
  }
}
