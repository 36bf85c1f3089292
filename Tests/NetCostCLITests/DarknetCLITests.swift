// netcost — Apache-2.0
//
// Darknet .cfg files end to end: read with no flag, and bad files exit 2
// with one line naming the file, line, column and layer.

import Foundation
import NetCostTestSupport
import Testing

@Suite("Darknet .cfg, end to end")
struct DarknetCLITests {
  @Test("a real cfg analyzes with no flag; compare and check take it too")
  func realCfg() throws {
    let r = try run(["analyze", "Tests/Fixtures/darknet/yolov3-tiny.cfg", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\"layers\""))
    #expect(try run(["compare", "Tests/Fixtures/darknet/yolov3-tiny.cfg", "Models/lenet5.json"]).status == 0)
    #expect(try run(["check", "Tests/Fixtures/darknet/yolov3-tiny.cfg", "--max-params", "1T"]).status == 0)
  }

  @Test(
    "bad files: one line with file:line:column and what is wrong, exit 2",
    arguments: [
      ("unknown-section.cfg", ":13:1:", "unknown section [fancy]"),
      ("route-nowhere.cfg", ":14:8:", "layer '1 route'"),
      ("truncated.cfg", ":8:1:", "truncated"),
    ])
  func badFiles(_ name: String, _ location: String, _ expected: String) throws {
    let path = "Tests/Fixtures/darknet/bad/\(name)"
    let r = try run(["analyze", path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(path + location), "\(r.stderr)")
    #expect(r.stderr.contains(expected), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  @Test("a key darknet does not read is ignored as darknet does, with a warning naming it, its line and a suggestion")
  func unusedKeyWarns() throws {
    let path = "Tests/Fixtures/darknet/bad/bad-key.cfg"
    let r = try run(["analyze", path])
    #expect(r.status == 0, "\(r.stderr)")
    let all = r.stdout + r.stderr
    #expect(all.contains(path + ":11:1"), "\(all)")
    #expect(all.contains("did you mean 'activation'"), "\(all)")
    // --allow-unknown silences it; check --strict fails on it.
    #expect(try !run(["analyze", path, "--allow-unknown"]).stdout.contains("did you mean"))
    #expect(try run(["check", path, "--max-params", "1T", "--strict"]).status == 1)
  }
}
