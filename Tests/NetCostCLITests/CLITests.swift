// netcost — Apache-2.0
//
// End-to-end: run the built `netcost` executable and check stdout, stderr
// and the exit status, as a CI script would see them.

import Foundation
import NetCostTestSupport
import Testing

@Suite("netcost CLI")
struct CLITests {
  @Test("analyze --format json: exit 0, the documented keys, exact integers")
  func analyzeJSON() throws {
    let r = try run(["analyze", "Models/resnet50.json", "--format", "json"])
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(j["model"] as? String == "resnet50")
    #expect(j["batch"] as? Int == 1)
    let totals = try #require(j["totals"] as? [String: Any])
    for key in ["params", "buffers", "macs", "flops", "weight_bytes", "activation_bytes", "peak_activation_bytes"] {
      #expect(totals[key] is Int, "totals.\(key)")
    }
    let ref = try reference("resnet50")
    #expect(totals["params"] as? Int == ref["params"] as? Int)
    // A native spec stores no weights: the stored size is null, not 0.
    #expect(totals["weight_bytes_stored"] is NSNull)
    let layers = try #require(j["layers"] as? [[String: Any]])
    let conv1 = try #require(layers.first)
    for key in ["name", "type", "inputs", "output_shape", "params", "macs", "flops", "activation_bytes"] {
      #expect(conv1[key] != nil, "layers[0].\(key)")
    }
    #expect(conv1["output_shape"] as? [Int] == [1, 64, 112, 112])
    #expect(conv1["inputs"] as? [String] == ["image"])
  }

  @Test("analyze prints a table with a totals block")
  func analyzeTable() throws {
    let r = try run(["analyze", "Models/resnet18.json"])
    #expect(r.status == 0)
    let ref = try reference("resnet18")
    let params = ref["params"] as! Int
    // Params grouped by thousands, as torchinfo prints them.
    let grouped = String(params).reversed().enumerated().map {
      ($0.offset > 0 && $0.offset % 3 == 0 ? "," : "") + String($0.element)
    }.joined()
    #expect(r.stdout.contains("Params:              " + String(grouped.reversed())))
    #expect(r.stdout.contains("layer1.0.conv1"))
    #expect(r.stdout.contains("Peak") || r.stdout.contains("peak"))
  }

  @Test("--batch multiplies MACs; --darknet-flops reports 2 × MACs")
  func batchAndDarknet() throws {
    let one = try run(["analyze", "Models/vgg16.json", "--format", "json", "--darknet-flops"])
    let b16 = try run(["analyze", "Models/vgg16.json", "--format", "json", "--batch", "16"])
    let t1 =
      (try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any])["totals"] as! [String: Any]
    let t16 =
      (try JSONSerialization.jsonObject(with: Data(b16.stdout.utf8)) as! [String: Any])["totals"] as! [String: Any]
    #expect(t1["flops"] as! Int == 2 * (t1["macs"] as! Int))
    #expect(t16["macs"] as! Int == 16 * (t1["macs"] as! Int))
  }

  @Test("csv has a header and one row per layer; markdown is a table")
  func csvAndMarkdown() throws {
    let csv = try run(["analyze", "Models/lenet5.json", "--format", "csv"])
    #expect(csv.status == 0)
    let lines = csv.stdout.split(separator: "\n")
    #expect(
      lines.first
        == "name,type,inputs,output_shape,params,buffers,macs,flops,activation_bytes,cost,rf_size,rf_jump,rf_center")
    let json = try run(["analyze", "Models/lenet5.json", "--format", "json"])
    let layers = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["layers"] as! [Any]
    #expect(lines.count == layers.count + 1)
    let md = try run(["analyze", "Models/lenet5.json", "--format", "markdown"])
    #expect(md.stdout.contains("| Layer | Type | Output shape |"))
  }

  @Test("bad input: exit 2, one message on stderr with file:line:column, nothing on stdout")
  func badInput() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-cli-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let f = dir.appendingPathComponent("bad.json")
    try
      "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"conv2d\", \"out\": 4, \"kernel\": 9}]}"
      .write(to: f, atomically: true, encoding: .utf8)
    let r = try run(["analyze", f.path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("bad.json:3:4: error: layer 'c1'"))
    #expect(r.stderr.split(separator: "\n").count == 1)
    let missing = try run(["analyze", dir.appendingPathComponent("nope.json").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nope.json: cannot read file"))
  }

  @Test("a bad option is a usage error, not a crash")
  func usageError() throws {
    let r = try run(["analyze", "Models/lenet5.json", "--format", "xml"])
    #expect(r.status != 0 && r.status != 2)
    #expect(r.stderr.contains("format"))
    let b = try run(["analyze", "Models/lenet5.json", "--batch", "0"])
    #expect(b.status != 0)
  }

  @Test("rf prints the field of every layer; --at gives the input box, clipped")
  func rf() throws {
    let table = try run(["rf", "Models/resnet50.json"])
    #expect(table.status == 0)
    #expect(table.stdout.contains("Eq. padding"))
    let at = try run(["rf", "Models/vgg16.json", "--at", "3,4", "--layer", "features.30"])
    #expect(at.status == 0)
    // Centre 15.5 + 3·32 = 111.5 and 15.5 + 4·32 = 143.5, half-width (212 − 1)/2 = 105.5, image 224.
    #expect(at.stdout.contains("rows 6…217, columns 38…223"))
    let outside = try run(["rf", "Models/vgg16.json", "--at", "99,0", "--layer", "features.30"])
    #expect(outside.status != 0 && outside.status != 2)
    #expect(outside.stderr.contains("outside"))
  }

  @Test("ops lists every op with its FLOP rule")
  func ops() throws {
    let r = try run(["ops"])
    #expect(r.status == 0)
    for op in ["conv", "conv_transpose", "max_pool", "linear", "batch_norm", "relu", "softmax", "concat", "lrn"] {
      #expect(r.stdout.contains(op))
    }
  }
}

@Suite("netcost CLI: CI gate")
struct CLIGateTests {
  func tmp(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-gate-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name)
  }

  @Test("check: exit 0 within the limits, 1 over them with one line per exceeded limit")
  func checkExitCodes() throws {
    let pass = try run(["check", "Models/resnet50.json", "--max-params", "30M", "--max-macs", "5G"])
    #expect(pass.status == 0)
    #expect(pass.stdout.contains("PASS"))
    let fail = try run([
      "check", "Models/resnet50.json", "--max-params", "20M", "--max-macs", "4G", "--max-peak-memory", "200MiB",
    ])
    #expect(fail.status == 1)
    let failing = fail.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL  ") }
    #expect(failing.count == 2)
    #expect(failing[0].contains("params") && failing[0].contains("20,000,000") && failing[0].contains("by "))
  }

  @Test("check: bad units and missing limits are misused options (64); a bad model file is bad input (2)")
  func checkBadInput() throws {
    let unit = try run(["check", "Models/resnet50.json", "--max-params", "30MB"])
    #expect(unit.status == 64)
    #expect(unit.stderr.contains("memory unit"))
    #expect(try run(["check", "Models/resnet50.json"]).status == 64)
    #expect(try run(["check", "nope.json", "--max-params", "1M"]).status == 2)
  }

  @Test("baseline then check --baseline --tolerance; github annotations; JUnit file")
  func baselineRoundTrip() throws {
    let lock = try tmp("netcost.lock.json")
    let b = try run(["baseline", "Models/resnet18.json"])
    #expect(b.status == 0)
    try b.stdout.write(to: lock, atomically: true, encoding: .utf8)
    #expect(try run(["check", "Models/resnet18.json", "--baseline", lock.path]).status == 0)
    let junit = try tmp("report.xml")
    let grown = try run([
      "check", "Models/resnet34.json", "--baseline", lock.path, "--tolerance", "2%", "--format", "github", "--junit",
      junit.path,
    ])
    #expect(grown.status == 1)
    #expect(grown.stdout.contains("::error file=Models/resnet34.json,line=1,"))
    let xml = try String(contentsOf: junit, encoding: .utf8)
    #expect(xml.contains("<testsuites") && xml.contains("<failure"))
  }

  @Test("compare with an empty column list is a usage error (64), not a crash (found by fuzzing)")
  func compareEmptyColumns() throws {
    let r = try run(["compare", "Models/resnet18.json", "--columns", ","])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--columns"))
  }

  @Test("compare and diff from the command line")
  func compareAndDiff() throws {
    let c = try run([
      "compare", "Models/resnet18.json", "Models/vgg16.json", "--format", "markdown", "--sort", "params",
    ])
    #expect(c.status == 0)
    #expect(c.stdout.hasPrefix("| Model | Depth | Params |"))
    let d = try run(["diff", "Models/resnet18.json", "Models/resnet34.json", "--format", "json"])
    #expect(d.status == 0)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
    #expect((j["changes"] as? [Any])?.count == 56)
  }
}
