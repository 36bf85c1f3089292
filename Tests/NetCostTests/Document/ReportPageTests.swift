// netcost — Apache-2.0
//
// The HTML page's structure without a browser: it fetches nothing, and the
// data its script draws from carries exactly the JSON report's numbers.
// (Tests/NetCostCLITests/BrowserTests.swift runs the same pages in Chromium.)

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("HTML report page")
struct ReportPageTests {
  /// A model's report, its page, the JSON report and the page's embedded data, parsed by Foundation.
  struct Page {
    var report: Report
    var html: String
    var json: [String: Any]
    var data: [String: Any]
  }

  func page(_ file: String, depth: Int? = nil) throws -> Page {
    let report = try NetCost.analyze(file: repoRoot.appendingPathComponent(file).path)
    let html = HTMLRenderer.render(report.pageDocument(depth: depth))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(report).utf8)) as? [String: Any])
    return Page(report: report, html: html, json: json, data: try embeddedData(html))
  }

  /// The JSON inside `<script type="application/json" id="nc-data">`.
  func embeddedData(_ html: String) throws -> [String: Any] {
    let open = "<script type=\"application/json\" id=\"nc-data\">"
    let start = try #require(html.range(of: open))
    let end = try #require(html[start.upperBound...].range(of: "</script>"))
    return try #require(
      try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
  }

  /// `data-key="k" data-value="v"` of every card.
  func cards(_ html: String) -> [String: String] {
    var out: [String: String] = [:]
    var rest = html[...]
    while let r = rest.range(of: "<div class=\"card\" data-key=\"") {
      let tail = rest[r.upperBound...]
      guard let q = tail.firstIndex(of: "\"") else { break }
      let key = String(tail[..<q])
      let after = tail[q...]
      if after.hasPrefix("\" data-value=\""), let v = after.dropFirst(14).firstIndex(of: "\"") {
        out[key] = String(after.dropFirst(14)[..<v])
      }
      rest = tail
    }
    return out
  }

  @Test("the page fetches nothing: no URL, no src or href, a policy that blocks every request")
  func fetchesNothing() throws {
    for file in ["Models/resnet50.json", "Models/gpt2.json", "Tests/Fixtures/onnx/googlenet.onnx"] {
      let html = try page(file).html
      for banned in ["http://", "https://", " src=", " href=", "<link", "@import", "url(", "<iframe", "<img"] {
        #expect(!html.contains(banned), "\(file): \(banned)")
      }
      #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"))
      #expect(html.hasPrefix("<!DOCTYPE html>"))
    }
  }

  @Test("every card, table cell and per-layer series on the page equals the JSON report's number")
  func numbersEqualJSON() throws {
    for file in ["Models/resnet50.json", "Models/googlenet.json", "Tests/Fixtures/onnx/resnet18.onnx"] {
      let p = try page(file)
      let totals = try #require(p.json["totals"] as? [String: Any])
      let layers = try #require(p.json["layers"] as? [[String: Any]])
      let c = cards(p.html)
      for key in ["params", "buffers", "macs", "flops", "activation_bytes", "peak_activation_bytes"] {
        #expect(c[key] == (totals[key] as? Int).map(String.init), "\(file) card \(key)")
      }
      for (d, v) in try #require(totals["weight_bytes_by_dtype"] as? [String: Int]) {
        #expect(c["weight_bytes_\(d)"] == String(v), "\(file) card weights \(d)")
      }
      #expect(c["warnings"] == String((p.json["warnings"] as? [Any])?.count ?? -1))
      // The final receptive field card: the largest size of the last layer that has one.
      let lastRF = layers.last { $0["rf"] is [String: Any] }?["rf"] as? [String: Any]
      let sizes = (lastRF?["size"] as? [NSNumber])?.map { Int($0.doubleValue.rounded(.up)) } ?? [0]
      #expect(c["final_rf"] == String(sizes.max() ?? 0), "\(file) final RF")

      let tables = try #require(p.data["tables"] as? [[String: Any]])
      let table = try #require(tables.first { $0["key"] as? String == "layers" })
      let columns = try #require(table["columns"] as? [[String: Any]]).map { $0["key"] as! String }
      let rows = try #require(table["rows"] as? [[[Any]]])
      #expect(rows.count == layers.count)
      for (row, layer) in zip(rows, layers) {
        for key in [
          "name", "type", "params", "buffers", "macs", "flops", "activation_bytes", "bytes_read", "bytes_written",
          "dtype",
        ] {
          let j = try #require(columns.firstIndex(of: key), "column \(key)")
          #expect(
            String(describing: row[1][j]) == String(describing: layer[key] ?? NSNull()),
            "\(file) \(layer["name"]!).\(key)")
        }
      }
      let series = try #require(p.data["series"] as? [[String: Any]])
      func values(_ key: String) throws -> [Double] {
        try #require(series.first { $0["key"] as? String == key }?["values"] as? [Double])
      }
      for key in ["macs", "params", "activation_bytes"] {
        #expect(try values(key) == layers.map { Double($0[key] as! Int) }, "\(file) series \(key)")
      }
      let live = try values("live_bytes")
      #expect(live.max() == Double(totals["peak_activation_bytes"] as! Int))
      let marked = try #require(series.first { $0["key"] as? String == "live_bytes" }?["marked"] as? Int)
      #expect(layers[marked]["name"] as? String == totals["peak_layer"] as? String)
    }
  }

  @Test("the graph has one node per layer, and its edges are the JSON layers' inputs")
  func graphIsTheLayers() throws {
    for file in ["Models/googlenet.json", "Models/resnet50.json", "Tests/Fixtures/onnx/resnet50.onnx"] {
      let p = try page(file)
      let layers = try #require(p.json["layers"] as? [[String: Any]])
      let inputs = try #require(p.json["inputs"] as? [[String: Any]]).map { $0["name"] as! String }
      let graph = try #require(p.data["graph"] as? [String: Any])
      let nodes = try #require(graph["nodes"] as? [[Any]])
      #expect(nodes.count == layers.count)
      let position = Dictionary(
        layers.enumerated().map { ($0.element["name"] as! String, $0.offset) }, uniquingKeysWith: { a, _ in a })
      for (node, layer) in zip(nodes, layers) {
        #expect(node[0] as? String == layer["name"] as? String)
        let expected = (layer["inputs"] as! [String]).compactMap { name -> Int? in
          if let k = inputs.firstIndex(of: name) { return -1 - k }
          let base = name.split(separator: ":").first.map(String.init) ?? name
          return position[name] ?? position[base]
        }
        #expect(node[5] as? [Int] == expected, "\(layer["name"]!)")
        #expect(node[4] as? Int == layer["macs"] as? Int)
      }
    }
  }

  @Test("a name holding </script> and quotes cannot end the data or break an attribute")
  func namesAreEscaped() throws {
    let report = try NetCost.analyze(
      json: #"{"name": "a</script><b>\"x\"", "inputs": [{"name": "x", "shape": [4]}], "#
        + #""layers": [{"name": "l</script>", "type": "linear", "out": 2}]}"#)
    let html = HTMLRenderer.render(report.pageDocument())
    // One closing tag per script element: the error capture, the data, the page script.
    #expect(html.components(separatedBy: "</script>").count - 1 == 3)
    #expect(html.contains("<title>netcost: a&lt;/script&gt;&lt;b&gt;&quot;x&quot;</title>"))
    let data = try embeddedData(html)
    #expect(data["title"] as? String == "a</script><b>\"x\"")
  }

  @Test("a profile adds a measured-time column and series, roofline points, and the machine's ceilings")
  func profileOverlay() throws {
    let dir = try temporaryFolder("profile-overlay")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("p.json")
    // The shape `netcost profile --format json` writes, cut to what the page reads.
    try #"""
    {"device": "cpu", "machine": {"peak_gflops": 100.0, "bandwidth_gbs": 20.0},
     "layers": [{"name": "c1", "ms": 0.5, "gflops": 1.25, "arithmetic_intensity": 3.5},
                {"name": "c3", "ms": 2, "gflops": 4.0, "arithmetic_intensity": 9.0}]}
    """#.write(to: file, atomically: true, encoding: .utf8)
    let report = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/lenet5.json").path)
    var d = report.pageDocument()
    try ProfileOverlay.load(file: file.path).apply(to: &d)
    let data = try embeddedData(HTMLRenderer.render(d))
    let series = try #require(data["series"] as? [[String: Any]])
    let measured = try #require(series.first { $0["key"] as? String == "measured_ms" }?["values"] as? [Any])
    let names = report.layers.map(\.name)
    #expect(measured.count == names.count)
    // Timed layers carry their milliseconds; the others none (JSON null for NaN).
    #expect(measured[names.firstIndex(of: "c1")!] as? Double == 0.5)
    #expect(measured[names.firstIndex(of: "c3")!] as? Double == 2)
    #expect(measured.filter { $0 is NSNull }.count == names.count - 2)
    let ai = try #require(series.first { $0["key"] as? String == "roofline_intensity" })
    #expect(ai["labels"] as? [String] == ["c1", "c3"])
    #expect(ai["values"] as? [Double] == [3.5, 9.0])
    let metadata = try #require(data["metadata"] as? [String: Any])
    #expect(metadata["peak_gflops"] as? Double == 100)
    #expect(metadata["bandwidth_gbs"] as? Double == 20)
    let table = try #require((data["tables"] as? [[String: Any]])?.first)
    #expect((table["columns"] as? [[String: Any]])?.last?["key"] as? String == "measured_ms")
  }

  @Test("a file that is not a profile: one line naming the file and what a profile needs")
  func badProfile() throws {
    let dir = try temporaryFolder("bad-profile")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("not-a-profile.json")
    try #"{"layers": []}"#.write(to: file, atomically: true, encoding: .utf8)
    do {
      _ = try ProfileOverlay.load(file: file.path)
      Issue.record("accepted a file without a machine")
    } catch {
      #expect(error.description.contains("not-a-profile.json"))
      #expect(error.description.contains("netcost profile"))
      #expect(!error.description.contains("\n"))
    }
  }
}
