// netcost — Apache-2.0
//
// The CLI on Caffe prototxts: detection with no flag, and bad files exit 2
// with one line naming the file, line, column and layer.

import Foundation
import NetCostTestSupport
import Testing

@Suite("netcost CLI on Caffe prototxts")
struct CaffeCLITests {
  @Test("analyze ResNet-50-deploy.prototxt with no flag: exit 0, the reference's params and MACs")
  func analyze() throws {
    let r = try run(["analyze", "Tests/Fixtures/caffe/ResNet-50-deploy.prototxt", "--format", "json"])
    #expect(r.status == 0)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let totals = try #require(j["totals"] as? [String: Any])
    let expected =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/caffe/ResNet-50-deploy.expected.json")))
      as! [String: Any]
    #expect(totals["params"] as? Int == expected["params"] as? Int)
    #expect(totals["macs"] as? Int == expected["conv_linear_macs"] as? Int)
  }

  @Test(
    "bad prototxts exit 2 with one line naming file:line:column",
    arguments: [
      ("unknown_type", ":13:3: error: layer 'act1': unknown layer type 'Relu'"),
      ("dangling_bottom", ":18:3: error: layer 'pool1': input 'conv_1'"),
      ("truncated", ":15:1: error: the file ends inside 'convolution_param'"),
      ("unknown_field", ":12:5: error: layer 'conv1': unknown field 'kernal_stride'"),
    ])
  func badFiles(_ name: String, _ expected: String) throws {
    let path = "Tests/Fixtures/caffe/bad/\(name).prototxt"
    let r = try run(["analyze", path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(path + expected), "\(r.stderr)")
    #expect(r.stderr.filter { $0 == "\n" }.count == 1)
  }
}
