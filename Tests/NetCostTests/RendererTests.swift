// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Renderers")
struct RendererTests {
  let tricky =
    #"{"name": "m \"q\" \\ \n", "inputs": [{"name": "x,y", "shape": [2, 3]}], "layers": [{"name": "a\"b\\c\td", "type": "relu"}]}"#

  @Test("JSON output escapes quotes, backslashes and control characters, and parses back")
  func jsonEscaping() throws {
    let r = try analyze(tricky)
    let text = ReportFormat.json.render(r)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(j["model"] as? String == "m \"q\" \\ \n")
    let layers = try #require(j["layers"] as? [[String: Any]])
    #expect(layers[0]["name"] as? String == "a\"b\\c\td")
    #expect(layers[0]["inputs"] as? [String] == ["x,y"])
    #expect(layers[0]["output_shape"] as? [Int] == [1, 2, 3])
  }

  @Test("CSV quotes fields with commas and quotes (RFC 4180)")
  func csvQuoting() throws {
    let text = ReportFormat.csv.render(try analyze(tricky))
    #expect(text.contains("\"a\"\"b\\c\td\",relu,\"x,y\",1x2x3"))
  }

  @Test("negative and large integers are written exactly")
  func integers() throws {
    let r = try analyze(spec(input: [4096, 4096, 4096], #"{"type": "relu"}"#), batch: 4096)
    let text = ReportFormat.json.render(r)
    // 4096⁴ = 2⁴⁸ elements, one FLOP each.
    #expect(text.contains("\"flops\":\(1 << 48)"))
  }

  @Test("human units: SI prefixes with two decimals, grouped integers")
  func units() {
    #expect(Units.si(4_089_184_256) == "4.09G")
    #expect(Units.si(999) == "999")
    #expect(Units.grouped(25_557_032) == "25,557,032")
    #expect(Units.grouped(-1_000) == "-1,000")
    #expect(Units.grouped(0) == "0")
    #expect(Units.grouped(999) == "999")
    #expect(Units.grouped(-999) == "-999")
    #expect(Units.grouped(100_000) == "100,000")
    // The extremes, digit by digit: 2^63 − 1 and −2^63.
    #expect(Units.grouped(Int.max) == "9,223,372,036,854,775,807")
    #expect(Units.grouped(Int.min) == "-9,223,372,036,854,775,808")
    #expect(Units.bytes(102_440_608) == "102.44 MB")
    #expect(Units.fixed(0.125, 2) == "0.13")
    #expect(Units.fixed(-2.5, 0) == "-3")
  }
}
