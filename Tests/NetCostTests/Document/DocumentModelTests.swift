// netcost — Apache-2.0

import Foundation
import NetCost
import Testing

@Suite("Report rows and the document model")
struct DocumentModelTests {
  let small = spec(
    input: [3, 8, 8],
    #"""
    {"name": "c", "type": "conv2d", "out": 4, "kernel": 3, "pad": 1},
    {"name": "bn", "type": "batch_norm"}, {"name": "r", "type": "relu"}, {"name": "p", "type": "max_pool2d", "kernel": 2},
    {"name": "f", "type": "flatten"}, {"name": "fc", "type": "linear", "out": 10}
    """#)

  @Test("a row keeps its index, its op category and its workload (bytes read and written worked by hand)")
  func rowFields() throws {
    let r = try analyze(small)
    #expect(r.layers.map(\.index) == Array(0..<6))
    #expect(r.layers.map(\.category) == [.conv, .norm, .activation, .pooling, .dataMovement, .linear])
    let c = r.layers[0]
    // 4 filters of 3×3×3 plus 4 biases = 112 parameters; input 3×8×8 = 192 elements; output 4×8×8 = 256; float32.
    #expect(c.workload == Workload(flops: c.cost.flops, bytesRead: (192 + 112) * 4, bytesWritten: 256 * 4))
    #expect(c.inputShapes == [Shape([1, 3, 8, 8])!])
    #expect(c.op is Conv)
    // The linear layer reads 4×4×4 = 64 features and 64×10 + 10 weights, writes 10 values.
    #expect(r.layers[5].workload.bytesRead == (64 + 650) * 4 && r.layers[5].workload.bytesWritten == 40)
  }

  @Test("live memory over execution: each step holds what is still needed; its largest value is the peak")
  func liveTimeline() throws {
    let r = try analyze(spec(input: [1, 2, 2], #"{"name": "a", "type": "relu"}, {"name": "b", "type": "relu"}"#))
    // 4 float32 values = 16 B per tensor: a runs with the input (32 B); b runs with a's output (32 B).
    #expect(r.liveBytes == [32, 32])
    #expect(r.liveBytes.max() == r.totals.peakActivationBytes)
  }

  @Test("the analysis document: one row per layer, JSON, CSV and Markdown from the same table")
  func analyzeDocument() throws {
    let r = try analyze(small)
    let d = r.document
    #expect(d.kind == "analyze" && d.title == "t")
    let t = try #require(d.table("layers"))
    #expect(t.rows.count == 6)
    let md = DocumentRenderer.markdown(d)
    #expect(md.contains("| `c` | conv2d | 1×4×8×8 | 112 |"))
    #expect(!md.contains("─"))
    let csv = DocumentRenderer.csv(d).split(separator: "\n")
    #expect(csv.count == 7)
    #expect(csv[1].hasPrefix("c,conv2d,x,1x4x8x8,112,0,"))
    let j = try #require(try JSONSerialization.jsonObject(with: Data(DocumentRenderer.json(d).utf8)) as? [String: Any])
    #expect((j["layers"] as? [[String: Any]])?.map { $0["params"] as? Int } == r.layers.map { $0.cost.params })
    #expect(d.series("macs")?.values == r.layers.map { Double($0.cost.macs) })
    #expect(d.cards.first { $0.key == "params" }?.text == Units.grouped(r.totals.params))
  }

  @Test("diff --format csv is CSV: a header of keys and one row per change")
  func diffCSV() throws {
    let a = try analyze(spec(input: [3, 8, 8], #"{"name": "c", "type": "conv2d", "out": 4, "kernel": 3}"#))
    let b = try analyze(
      spec(input: [3, 8, 8], #"{"name": "c", "type": "conv2d", "out": 8, "kernel": 3}, {"name": "r", "type": "relu"}"#))
    let lines = ReportDiff(old: a, new: b).render(.csv).split(separator: "\n")
    #expect(lines.first == "kind,old_name,new_name,old_shape,new_shape,params_delta,macs_delta")
    // c: 4 more filters of 3×3×3 + bias = 112 params; 4 more channels × 6×6 positions × 27 MACs = 3,888.
    #expect(lines.dropFirst().first == "changed,c,c,1x4x6x6,1x8x6x6,112,3888")
    #expect(lines.last == "added,,r,,1x8x6x6,0,0")
  }

  @Test("one JSON writer: compact and indented layouts of the same value")
  func jsonWriter() {
    let v = DocumentValue.members([
      "a": .int(1), "b": .ints([2, 3]), "c": .array([.members(["d": .string("x\"y")])]), "e": .object([]),
      "f": .number(2.5), "g": .number(.infinity),
    ])
    let d = Document(kind: "t", title: "t", json: v)
    #expect(DocumentRenderer.json(d) == #"{"a":1,"b":[2,3],"c":[{"d":"x\"y"}],"e":{},"f":2.5,"g":null}"# + "\n")
    let pretty = Document(kind: "t", title: "t", json: v, prettyJSON: true)
    #expect(
      DocumentRenderer.json(pretty)
        == "{\n  \"a\": 1,\n  \"b\": [2, 3],\n  \"c\": [\n    {\n      \"d\": \"x\\\"y\"\n    }\n  ],\n  \"e\": {},\n  \"f\": 2.5,\n  \"g\": null\n}\n"
    )
  }

  @Test("Markdown tables come from typed columns: names as code, pipes escaped, numbers right-aligned")
  func markdownTable() {
    let t = DocumentTable(
      key: "t",
      columns: [
        DocumentColumn("n", "Name", value: 0, kind: .code), DocumentColumn("v", "Value", value: 1, kind: .count),
      ],
      rows: [[.text("a|b"), .int(1234)]])
    let d = Document(kind: "t", title: "t", tables: [t], blocks: [DocumentBlock(.table(0))])
    #expect(DocumentRenderer.markdown(d) == "| Name | Value |\n|---|--:|\n| `a\\|b` | 1,234 |\n")
    #expect(DocumentRenderer.text(d).contains("a|b   1,234\n"))
    #expect(DocumentRenderer.csv(d) == "n,v\na|b,1234\n")
  }
}
