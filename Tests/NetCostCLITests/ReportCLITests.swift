// netcost — Apache-2.0
//
// `netcost report` end to end, without a browser: where the page goes,
// the options it shares with analyze, and its one-line errors.

import Foundation
import NetCostTestSupport
import Testing

@Suite("netcost report")
struct ReportCLITests {
  /// The JSON inside the page's `<script type="application/json" id="nc-data">`.
  func pageData(_ html: String) throws -> [String: Any] {
    let open = "<script type=\"application/json\" id=\"nc-data\">"
    let start = try #require(html.range(of: open))
    let end = try #require(html[start.upperBound...].range(of: "</script>"))
    return try #require(
      try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
  }

  /// The per-layer rows' MACs in the page's data.
  func pageMACs(_ html: String) throws -> [Int] {
    let table = try #require((try pageData(html)["tables"] as? [[String: Any]])?.first)
    let macs = try #require((table["columns"] as? [[String: Any]])?.firstIndex { $0["key"] as? String == "macs" })
    return try #require(table["rows"] as? [[[Any]]]).map { $0[1][macs] as! Int }
  }

  func analyzedMACs(_ args: [String]) throws -> [Int] {
    let r = try run(["analyze"] + args + ["--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    return try #require(j["layers"] as? [[String: Any]]).map { $0["macs"] as! Int }
  }

  @Test("-o writes the page and prints nothing; without -o the page goes to standard output")
  func output() throws {
    let dir = try temporaryFolder("report-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("r.html")
    let r = try run(["report", "Models/lenet5.json", "-o", file.path])
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty && r.stderr.isEmpty)
    let written = try String(contentsOf: file, encoding: .utf8)
    let printed = try run(["report", "Models/lenet5.json"])
    #expect(printed.status == 0)
    #expect(printed.stdout == written)
    #expect(try pageMACs(written) == (try analyzedMACs(["Models/lenet5.json"])))
  }

  @Test("--seq reaches a Hugging Face config as it does for analyze")
  func sequenceLength() throws {
    let config = "Tests/Fixtures/llm/gpt2/config.json"
    let short = try run(["report", config, "--seq", "128"])
    #expect(short.status == 0, "\(short.stderr)")
    let expected = try analyzedMACs([config, "--seq", "128"])
    #expect(try pageMACs(short.stdout) == expected)
    #expect(expected != (try analyzedMACs([config, "--seq", "256"])), "the length changes the figures")
    // The language-model figures (memory, FLOPs per token, KV cache) are on the page too.
    #expect(short.stdout.contains("KV cache"))
  }

  @Test("misused options exit 64; a bad profile or an unwritable -o path exit 2 with one line")
  func errors() throws {
    let zero = try run(["report", "Models/lenet5.json", "--seq", "0"])
    #expect(zero.status == 64)
    let depth = try run(["report", "Models/lenet5.json", "--depth", "0"])
    #expect(depth.status == 64)
    let badProfile = try run(["report", "Models/lenet5.json", "--profile", "Models/lenet5.json"])
    #expect(badProfile.status == 2)
    #expect(badProfile.stdout.isEmpty)
    #expect(badProfile.stderr.split(separator: "\n").count == 1)
    #expect(badProfile.stderr.contains("Models/lenet5.json"))
    let unwritable = try run(["report", "Models/lenet5.json", "-o", "/nonexistent-dir/r.html"])
    #expect(unwritable.status == 2)
    #expect(unwritable.stderr.split(separator: "\n").count == 1)
  }
}
