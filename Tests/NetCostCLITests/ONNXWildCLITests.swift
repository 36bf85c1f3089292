// netcost — Apache-2.0
//
// The CLI on real exports (issue 13): a transformer with an attention mask
// analyzes, its figures are PyTorch's and fvcore's, and an op netcost cannot
// size is one line and exit 2.

import Foundation
import NetCostTestSupport
import Testing

@Suite("netcost CLI on ONNX exports from the wild")
struct ONNXWildCLITests {
  @Test("analyze a BERT export with its attention mask: exit 0, PyTorch's parameters, fvcore's MACs")
  func bert() throws {
    let r = try run(["analyze", "Tests/Fixtures/onnx-wild/hf_bert.onnx", "--format", "json"])
    #expect(r.status == 0)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let totals = try #require(j["totals"] as? [String: Any])
    let refs = try #require(try loadJSON(fixture("onnx-wild/hf_bert.references.json")) as? [String: Any])
    #expect(totals["params"] as? Int == refs["torch_params"] as? Int)
    #expect(totals["macs"] as? Int == refs["fvcore_macs"] as? Int)
  }

  @Test("--allow-unknown on a torch export without value_info: exit 0 and a warning naming the skipped nodes")
  func allowUnknown() throws {
    let dir = try temporaryFolder("onnx-wild-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("m.onnx")
    try Data(
      ONNX.model(
        nodes: [
          ONNX.node("Fancy", ["x"], ["f"], name: "mystery", domain: "com.example"),
          ONNX.node("Relu", ["f"], ["g"], name: "after"),
          ONNX.node("Relu", ["x"], ["y"], name: "kept"),
        ],
        inputs: [ONNX.value("x", [.value(1), .value(4)])])
    ).write(to: file)
    let refused = try run(["analyze", file.path])
    #expect(refused.status == 2)
    #expect(refused.stdout.isEmpty)
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(refused.stderr.contains("layer 'mystery'") && refused.stderr.contains("'com.example.Fancy'"))
    let kept = try run(["analyze", file.path, "--allow-unknown", "--format", "json"])
    #expect(kept.status == 0)
    #expect(kept.stdout.contains("'after'"))
  }
}
