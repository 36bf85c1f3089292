// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("README")
struct ReadmeTests {
  @Test("the model comparison table is what `netcost compare Models/*.json --format markdown` prints")
  func comparisonTableIsCurrent() throws {
    let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- compare:begin"))
    let afterMarker = try #require(readme[begin.upperBound...].range(of: "-->\n"))
    let end = try #require(readme.range(of: "<!-- compare:end -->"))
    let table = String(readme[afterMarker.upperBound..<end.lowerBound])
    // The shell sorts the glob by name, as here.
    let files = try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("Models").path)
      .filter { $0.hasSuffix(".json") }.sorted()
    let reports = try files.map { try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/\($0)").path) }
    let expected = Comparison(reports).render(.markdown)
    #expect(
      table == expected,
      "README's table is stale; regenerate it with: netcost compare Models/*.json --format markdown\n\(expected)")
  }

  @Test("the quick start is exactly two commands: make run and make test")
  func quickStart() throws {
    let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(
      readme.components(separatedBy: "## Quick start").dropFirst().first?.components(separatedBy: "\n## ").first)
    let block = try #require(
      section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
    let commands = block.split(separator: "\n").map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    #expect(commands == ["make run", "make test"])
  }
}
