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
      ("bad-key.cfg", ":11:1:", "did you mean 'activation'"),
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
}
