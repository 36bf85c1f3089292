// netcost — Apache-2.0
//
// The HTML report in a real browser: `netcost report` writes a page,
// headless Chromium opens it with a `#nc-selftest` fragment, the page works
// itself as a person would (sort, search, filter, collapse, scroll, hover,
// expand the graph) and writes what it showed; these tests compare that
// with `netcost analyze --format json` for the same model. They need
// Chromium, so they run only with NETCOST_BROWSER_TESTS=1 (`make
// browser-test`, which installs it); plain `make test` skips them.

import Foundation
import NetCostTestSupport
import Testing

/// Whether the browser tests were asked for.
let browserTestsEnabled = ProcessInfo.processInfo.environment["NETCOST_BROWSER_TESTS"] == "1"

@Suite("Report pages in headless Chromium", .enabled(if: browserTestsEnabled), .serialized)
struct BrowserTests {
  /// The browser, or a failure that says how to install it.
  func browser() throws -> Chromium {
    try #require(Chromium.find(), "no chromium on PATH: `make browser-deps` installs Debian's chromium")
  }

  /// `netcost analyze FILE --format json`, parsed by Foundation.
  func analysis(_ args: [String]) throws -> [String: Any] {
    let r = try run(["analyze"] + args + ["--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  /// Writes the report page for `args` into `dir` and returns it.
  func page(_ args: [String], in dir: URL, name: String) throws -> URL {
    let file = dir.appendingPathComponent(name + ".html")
    let r = try run(["report"] + args + ["-o", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    return file
  }

  /// The page ran without a script error, fetched nothing and logged no console error.
  func expectClean(_ result: [String: Any], log: String) {
    #expect((result["errors"] as? [Any])?.isEmpty == true, "script errors: \(result["errors"] ?? "?")")
    #expect((result["resources"] as? [Any])?.isEmpty == true, "network requests: \(result["resources"] ?? "?")")
    let console = log.split(separator: "\n").filter {
      $0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("rror"))
    }
    #expect(console.isEmpty, "console: \(console)")
  }

  /// Layers whose name or type contains `q`, as the search box finds them
  /// (the other text columns, shape, category and dtype, never hold the queries used here).
  func matching(_ layers: [[String: Any]], _ q: String) -> [String] {
    layers.filter {
      ($0["name"] as! String).lowercased().contains(q) || ($0["type"] as! String).lowercased().contains(q)
    }.map { $0["name"] as! String }
  }

  /// Checks one model's page against its JSON report.
  func check(
    model args: [String], name: String, search: String, in dir: URL, layer: String? = nil
  ) throws -> [String: Any] {
    let json = try analysis(args)
    let layers = try #require(json["layers"] as? [[String: Any]])
    let totals = try #require(json["totals"] as? [String: Any])
    let n = layers.count
    let (r, log) = try browser().selfTest(
      try page(args, in: dir, name: name), "search:\(search)" + (layer.map { ";layer:" + $0 } ?? ""))
    expectClean(r, log: log)

    // Cards: the JSON totals.
    let cards = try #require(r["cards"] as? [String: Any])
    for key in ["params", "buffers", "macs", "flops", "activation_bytes", "peak_activation_bytes"] {
      #expect(cards[key] as? Int == totals[key] as? Int, "card \(key)")
    }
    let byDType = try #require(totals["weight_bytes_by_dtype"] as? [String: Int])
    for (d, v) in byDType { #expect(cards["weight_bytes_\(d)"] as? Int == v, "card weights \(d)") }
    #expect(cards["warnings"] as? Int == (json["warnings"] as? [Any])?.count)

    // The table: one row per layer; its cells are the JSON layer's numbers.
    let table = try #require(r["table"] as? [String: Any])
    #expect(table["rows"] as? Int == n)
    #expect(table["layer_rows"] as? Int == n)
    #expect(table["shown_text"] as? String == "\(n) of \(n) rows")
    let byName = Dictionary(layers.map { ($0["name"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
    let cells = try #require(table["cells"] as? [[String: Any]])
    #expect(!cells.isEmpty)
    for c in cells {
      let l = try #require(byName[c["name"] as! String])
      for key in ["params", "buffers", "macs", "flops", "activation_bytes", "bytes_read", "bytes_written"] {
        #expect(c[key] as? Int == l[key] as? Int, "\(c["name"]!).\(key)")
      }
    }
    // Only the rows in view are in the DOM; scrolling to the end shows the last layer.
    #expect((table["dom_rows"] as? Int ?? .max) <= min(n + (table["module_rows"] as? Int ?? 0), 200))
    #expect(table["last_after_scroll"] as? String == layers.last?["name"] as? String)

    // Sorting by MACs: the first rows are the layers with most (ties in execution order), then the fewest.
    let indexed = layers.enumerated().map { ($0.offset, $0.element["macs"] as! Int, $0.element["name"] as! String) }
    let desc = indexed.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(5).map(\.2)
    let asc = indexed.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(5).map(\.2)
    #expect(table["sort_desc"] as? [String] == Array(desc))
    #expect(table["sort_asc"] as? [String] == Array(asc))
    #expect(table["sorted_header"] as? String == "MACs")

    // The search box shows exactly the matching layers.
    let expected = matching(layers, search.lowercased())
    let s = try #require(table["search"] as? [String: Any])
    #expect(s["shown"] as? Int == expected.count)
    #expect(s["shown_text"] as? String == "\(expected.count) of \(n) rows")
    let shownNames = try #require(s["dom_layers"] as? [String])
    #expect(!shownNames.isEmpty)
    #expect(Set(shownNames).isSubset(of: Set(expected)))

    // Collapsing a top-level module hides its layers.
    if let c = table["collapse"] as? [String: Any], let path = c["path"] as? String {
      let inside = layers.filter {
        let name = $0["name"] as! String
        return name.hasPrefix(path + ".") || name.hasPrefix("/" + path + "/") || name.hasPrefix(path + "/")
      }.count
      #expect(c["layers"] as? Int == inside)
      #expect(c["after"] as? Int == n - inside)
      #expect(c["row"] as? Bool == true)
    }

    // Charts: one bar per layer in execution order.
    let charts = try #require(r["charts"] as? [String: [String: Int]])
    for key in ["macs", "params", "activation_bytes"] { #expect(charts[key]?["bars"] == n, "chart \(key)") }
    #expect(charts["activation_bytes"]?["peak"] == 1)

    // The graph: one box per layer once expanded; hovering and clicking a box describe it.
    let graph = try #require(r["graph"] as? [String: Any])
    #expect(graph["layers"] as? Int == n)
    #expect(graph["units_all"] as? Int == n)
    let drawn = try #require(graph["drawn_all"] as? Int)
    #expect(drawn > 0 && drawn <= min(n, 2500))
    let first = layers[0]["name"] as! String
    #expect((graph["hover"] as? String)?.contains("MACs") == true)
    #expect((graph["details"] as? String)?.isEmpty == false)
    if graph["units_auto"] as? Int == n { #expect((graph["hover"] as? String)?.hasPrefix(first) == true) }
    return r
  }

  @Test("ResNet-50's page: no errors, one row, bar and graph box per layer, numbers equal the JSON; screenshot")
  func resnet50() throws {
    let dir = try temporaryFolder("browser-resnet50")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try check(model: ["Models/resnet50.json"], name: "resnet50", search: "downsample", in: dir)
    // Screenshots go where NETCOST_SCREENSHOTS says (default .build/browser-screenshots).
    let shots = URL(
      fileURLWithPath: ProcessInfo.processInfo.environment["NETCOST_SCREENSHOTS"]
        ?? repoRoot.appendingPathComponent(".build/browser-screenshots").path)
    try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
    let png = shots.appendingPathComponent("report-resnet50.png")
    try? FileManager.default.removeItem(at: png)
    try browser().screenshot(dir.appendingPathComponent("resnet50.html"), to: png)
    let data = try Data(contentsOf: png)
    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
    #expect(data.count > 20_000, "a picture of the page, not a blank one")
  }

  @Test("GoogLeNet's page (branches and concats)")
  func googlenet() throws {
    let dir = try temporaryFolder("browser-googlenet")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try check(
      model: ["Models/googlenet.json"], name: "googlenet", search: "branch2", in: dir, layer: "inception4c.cat")
    // Going to a layer (what `#nc-layer=NAME` does): its row highlighted, its box selected and described.
    let focus = try #require((r["graph"] as? [String: Any])?["focus"] as? [String: Any])
    #expect(focus["row"] as? String == "inception4c.cat")
    #expect(focus["selected"] as? Int == 1)
    #expect((focus["details"] as? String)?.hasPrefix("inception4c.cat\nconcat") == true)
  }

  @Test("GPT-2's page (a transformer from the spec language)")
  func gpt2() throws {
    let dir = try temporaryFolder("browser-gpt2")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try check(model: ["Models/gpt2.json"], name: "gpt2", search: "attn", in: dir)
  }

  @Test("ResNet-50 exported to ONNX: module paths from /layer1/layer1.0/… names")
  func resnet50ONNX() throws {
    let dir = try temporaryFolder("browser-onnx")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try check(model: ["Tests/Fixtures/onnx/resnet50.onnx"], name: "resnet50-onnx", search: "relu", in: dir)
  }

  @Test("a 10,000-layer chain: repeated blocks collapse into one box, only what is in view is drawn")
  func chain10k() throws {
    let dir = try temporaryFolder("browser-chain")
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("chain10k.json")
    try ChainModel.spec(blocks: 3333).write(to: spec, atomically: true, encoding: .utf8)
    let r = try check(model: [spec.path], name: "chain10k", search: "blocks.33.", in: dir)
    let graph = try #require(r["graph"] as? [String: Any])
    let auto = try #require(graph["units_auto"] as? Int)
    #expect(auto <= 400, "collapsed to a few boxes, found \(auto)")
    #expect((graph["kinds_auto"] as? [String: Int])?["repeat"] ?? 0 >= 1, "the 3,333 blocks as one ×3333 box")
    #expect((graph["drawn_all"] as? Int ?? .max) < 200, "expanded, only the boxes in view are drawn")
    #expect((graph["drawn_zoomed_out"] as? Int ?? .max) <= 2500)
    let table = try #require(r["table"] as? [String: Any])
    #expect((table["dom_rows"] as? Int ?? .max) < 200, "10,000 rows, only those in view in the DOM")
  }

  @Test("a profile adds measured time per layer and a roofline with one point per timed layer")
  func profile() throws {
    let dir = try temporaryFolder("browser-profile")
    defer { try? FileManager.default.removeItem(at: dir) }
    let prof = try run(["profile", "Models/lenet5.json", "--format", "json"])
    #expect(prof.status == 0, "\(prof.stderr)")
    let profileFile = dir.appendingPathComponent("lenet5.profile.json")
    try prof.stdout.write(to: profileFile, atomically: true, encoding: .utf8)
    let timed = try #require(
      (try JSONSerialization.jsonObject(with: Data(prof.stdout.utf8)) as? [String: Any])?["layers"] as? [[String: Any]])
    let layers = try #require(try analysis(["Models/lenet5.json"])["layers"] as? [[String: Any]])
    let page = try page(["Models/lenet5.json", "--profile", profileFile.path], in: dir, name: "lenet5")
    let (r, log) = try browser().selfTest(page)
    expectClean(r, log: log)
    let charts = try #require(r["charts"] as? [String: [String: Int]])
    #expect(charts["measured_ms"]?["bars"] == layers.count)
    let points = timed.filter { ($0["gflops"] as? Double ?? 0) > 0 && ($0["arithmetic_intensity"] as? Double ?? 0) > 0 }
    #expect(charts["roofline"]?["points"] == points.count)
    #expect(charts["roofline"]?["lines"] == 1, "the roof: bandwidth slope, then the peak")
  }

  @Test("compare: one bar per model for each metric; diff: added, removed and changed layers highlighted")
  func compareAndDiff() throws {
    let compare = try run(["compare", "Models/resnet18.json", "Models/resnet50.json", "--format", "html"])
    #expect(compare.status == 0, "\(compare.stderr)")
    let dir = try temporaryFolder("browser-compare")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cf = dir.appendingPathComponent("compare.html")
    try compare.stdout.write(to: cf, atomically: true, encoding: .utf8)
    let (c, clog) = try browser().selfTest(cf)
    expectClean(c, log: clog)
    let charts = try #require(c["charts"] as? [String: [String: Int]])
    #expect(!charts.isEmpty)
    for (k, v) in charts { #expect(v["bars"] == 2, "compare chart \(k)") }

    let diffJSON = try run(["diff", "Models/resnet18.json", "Models/resnet34.json", "--format", "json"])
    let changes = try #require(
      (try JSONSerialization.jsonObject(with: Data(diffJSON.stdout.utf8)) as? [String: Any])?["changes"]
        as? [[String: Any]])
    let diff = try run(["diff", "Models/resnet18.json", "Models/resnet34.json", "--format", "html"])
    #expect(diff.status == 0, "\(diff.stderr)")
    let df = dir.appendingPathComponent("diff.html")
    try diff.stdout.write(to: df, atomically: true, encoding: .utf8)
    let (d, dlog) = try browser().selfTest(df)
    expectClean(d, log: dlog)
    let table = try #require(d["table"] as? [String: Any])
    #expect(table["rows"] as? Int == changes.count)
    let kinds = try #require(table["kinds"] as? [String: Int])
    for k in ["added", "removed", "changed"] {
      #expect(kinds[k] ?? 0 == changes.filter { $0["kind"] as? String == k }.count, "\(k) rows highlighted")
    }
  }
}
