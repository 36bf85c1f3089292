// netcost — Apache-2.0
//
// The CLI on ONNX models: format detection, --batch, --dim, --input-format,
// and the exit statuses of bad input.

import Foundation
import NetCostTestSupport
import Testing

@Suite("netcost CLI on ONNX models")
struct ONNXCLITests {
  @Test("analyze model.onnx: exit 0, the model's parameters, --batch scales the work")
  func analyze() throws {
    let r = try run(["analyze", "Tests/Fixtures/onnx/resnet18.onnx", "--format", "json"])
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let totals = try #require(j["totals"] as? [String: Any])
    // The exporter's float initializer elements, recorded in the reference.
    let nodes =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/onnx/resnet18.nodes.json")))
      as! [String: Any]
    #expect(totals["params"] as? Int == nodes["float_initializer_elements"] as? Int)
    #expect(j["model"] as? String == "resnet18")
    let warnings = try #require(j["warnings"] as? [[String: Any]])
    #expect(warnings.contains { $0["kind"] as? String == "shared_weights" })
    let b = try run(["analyze", "Tests/Fixtures/onnx/resnet18.onnx", "--format", "json", "--batch", "3"])
    let jb = try #require(try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any])
    #expect(jb["batch"] as? Int == 3)
    #expect((jb["totals"] as? [String: Any])?["macs"] as? Int == 3 * (totals["macs"] as! Int))
  }

  @Test("bad input exits 2 with one line on stderr and nothing on stdout")
  func badInput() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-cli-onnx-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let full = try Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/onnx/resnet18.onnx"))
    let cut = dir.appendingPathComponent("cut.onnx")
    try full.prefix(full.count / 2).write(to: cut)
    let r = try run(["analyze", cut.path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("netcost: \(cut.path): error: "))
    #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    // The same bytes forced through the spec reader: a JSON error instead.
    let asSpec = try run(["analyze", "Tests/Fixtures/onnx/resnet18.onnx", "--input-format", "native"])
    #expect(asSpec.status == 2)
    #expect(asSpec.stderr.contains("JSON"))
  }

  @Test("--dim needs name=N: a bad one is a usage error (64)")
  func badDim() throws {
    let r = try run(["analyze", "Tests/Fixtures/onnx/resnet18.onnx", "--dim", "batch"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("name=N"))
    let unknown = try run(["analyze", "Tests/Fixtures/onnx/resnet18.onnx", "--dim", "batch=2"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no symbolic dimension 'batch'"))
  }

  @Test("rf reads ONNX models too")
  func rf() throws {
    let r = try run(["rf", "Tests/Fixtures/onnx/vgg16.onnx"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("/features/features.0/Conv"))
  }
}
