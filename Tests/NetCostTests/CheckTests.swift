// netcost — Apache-2.0
//
// Budgets, baselines, units, comparison and diff (the CI gate).

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("CI gate")
struct CheckTests {
  static func model(_ name: String) throws -> Report {
    try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/\(name).json").path)
  }

  @Test("units: counts take K/M/G/T, memory takes decimal and binary byte units, exactly")
  func units() throws {
    #expect(try Quantity.parse("30M", as: .count) == 30 * 1_000_000)
    #expect(try Quantity.parse("5G", as: .count) == 5 * 1_000_000_000)
    #expect(try Quantity.parse("1.5e9", as: .count) == 1_500_000_000)
    #expect(try Quantity.parse("25_000_000", as: .count) == 25_000_000)
    #expect(try Quantity.parse("2.5k", as: .count) == 2_500)
    #expect(try Quantity.parse("200MB", as: .bytes) == 200 * 1_000_000)
    #expect(try Quantity.parse("200MiB", as: .bytes) == 200 * 1024 * 1024)
    #expect(try Quantity.parse("1.5GiB", as: .bytes) == 3 * 512 * 1024 * 1024)
    #expect(try Quantity.parse("4096", as: .bytes) == 4096)
  }

  @Test(
    "bad units are clear errors",
    arguments: [
      ("30MB", Quantity.Kind.count, "memory unit"), ("200M", .bytes, "byte unit"), ("1.5", .count, "whole number"),
      ("lots", .count, "expected a number"), ("-3M", .count, "negative"), ("5Q", .count, "unknown unit"),
      ("1e99", .count, "expected a number"),
      ("1e-9223372036854775808", .count, "expected a number"),
    ])
  func badUnits(_ text: String, _ kind: Quantity.Kind, _ phrase: String) {
    #expect(throws: Quantity.ParseError.self) { try Quantity.parse(text, as: kind) }
    do { _ = try Quantity.parse(text, as: kind) } catch { #expect(error.description.contains(phrase), "\(error)") }
  }

  @Test("a model whose dtype is an integer type still gets weight bytes (found by fuzzing)")
  func integerModelDType() throws {
    let r = try analyze(
      #"{"dtype": "int64", "inputs": [{"name": "a", "shape": [4]}, {"name": "b", "shape": [4]}], "layers": [{"type": "sub", "inputs": ["a", "b"]}]}"#
    )
    #expect(r.dtype == .int64)
    #expect(r.totals.activationBytes == 4 * 8)
  }

  @Test("a value exactly at its limit passes; one more fails")
  func boundaries() throws {
    let r = try Self.model("resnet18")
    let p = r.totals.params
    #expect(r.check(Budget(limits: [.params: p])).passed)
    let over = r.check(Budget(limits: [.params: p - 1]))
    #expect(!over.passed)
    #expect(over.exitStatus == 1)
    #expect(over.items[0].excess == 1)
    #expect(over.items[0].message.contains("exceeds the limit"))
  }

  @Test("every metric can be limited, and each limit is checked against its own figure")
  func everyMetric() throws {
    let r = try Self.model("mobilenet_v2")
    var b = Budget()
    for m in Metric.allCases { b.limits[m] = m.value(in: r.totals) }
    let res = r.check(b)
    #expect(res.items.count == Metric.allCases.count)
    #expect(res.passed)
    #expect(r.totals.params == res.items.first { $0.metric == .params }!.actual)
    #expect(r.totals.peakActivationBytes == res.items.first { $0.metric == .peakActivationBytes }!.actual)
  }

  @Test("budget file: units as strings or numbers, names as max_… or metric names; typos are errors")
  func budgetFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-budget-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let good = dir.appendingPathComponent("budget.json")
    try #"{"max_params": "30M", "max_macs": 5000000000, "peak_memory": "200MiB" /* comment */}"#.write(
      to: good, atomically: true, encoding: .utf8)
    let b = try Budget.load(file: good.path)
    #expect(b.limits == [.params: 30_000_000, .macs: 5_000_000_000, .peakActivationBytes: 200 << 20])
    let bad = dir.appendingPathComponent("bad.json")
    try "{\n  \"max_parms\": \"30M\"}".write(to: bad, atomically: true, encoding: .utf8)
    #expect(throws: NetCostError.self) { try Budget.load(file: bad.path) }
    do { _ = try Budget.load(file: bad.path) } catch {
      #expect(error.description.contains("bad.json:2:3"))
      #expect(error.description.contains("did you mean 'max_params'"))
    }
    let unit = dir.appendingPathComponent("unit.json")
    try #"{"max_peak_memory": "200M"}"#.write(to: unit, atomically: true, encoding: .utf8)
    do {
      _ = try Budget.load(file: unit.path)
      Issue.record("expected an error")
    } catch { #expect(error.description.contains("byte unit")) }
  }

  @Test("baseline round trip; growth within the tolerance passes, beyond it fails")
  func baseline() throws {
    let r = try Self.model("resnet18")
    let lock = Baseline(report: r).render()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-lock-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let f = dir.appendingPathComponent("netcost.lock.json")
    try lock.write(to: f, atomically: true, encoding: .utf8)
    let loaded = try Baseline.load(file: f.path)
    #expect(loaded == Baseline(report: r))
    #expect(r.check(Budget(), baseline: loaded).passed)
    // A recorded value 2% lower than the model (rounded up, so that 2% growth
    // reaches the model again): 2% tolerance passes, 1% fails.
    var smaller = loaded
    smaller.values = [.params: (r.totals.params * 100 + 101) / 102]
    let two = Rational(2, 100)!
    let one = Rational(1, 100)!
    #expect(r.check(Budget(), baseline: smaller, tolerance: two).passed)
    #expect(!r.check(Budget(), baseline: smaller, tolerance: one).passed)
    // Shrinking always passes.
    var larger = loaded
    larger.values = [.macs: r.totals.macs * 2]
    #expect(r.check(Budget(), baseline: larger).passed)
  }

  @Test("diff of ResNet-18 and ResNet-34: 8 more basic blocks of 7 layers each, nothing removed")
  func diffResNets() throws {
    let (a, b) = (try Self.model("resnet18"), try Self.model("resnet34"))
    let d = ReportDiff(old: a, new: b)
    // Blocks per stage go from [2, 2, 2, 2] to [3, 4, 6, 3]: (1 + 2 + 4 + 1) new blocks, each
    // conv1, bn1, relu, conv2, bn2, add, relu#2.
    #expect(d.changes.filter { $0.kind == .added }.count == (1 + 2 + 4 + 1) * 7)
    #expect(d.changes.filter { $0.kind == .removed }.isEmpty)
    #expect(d.changes.filter { $0.kind == .changed }.isEmpty)
    let ref18 = try #require(try loadJSON(fixture("torchvision/resnet18.json")) as? [String: Any])
    let published = try #require(
      (try loadJSON(fixture("published/figures.json")) as? [String: Any])?["models"] as? [[String: Any]])
    let p34 = try #require(published.first { $0["model"] as? String == "resnet34" }?["params"] as? Int)
    #expect(d.changes.reduce(0) { $0 + $1.paramsDelta } == p34 - (ref18["params"] as! Int))
    #expect(d.render(.table).contains("56 layer(s) added, 0 removed, 0 changed"))
  }

  @Test("diff matches a renamed layer by position and reports the shape change")
  func diffRename() throws {
    let a = try analyze(
      spec(input: [3, 8, 8], #"{"name": "c", "type": "conv2d", "out": 4, "kernel": 3}, {"name": "r", "type": "relu"}"#))
    let b = try analyze(
      spec(
        input: [3, 8, 8], #"{"name": "conv", "type": "conv2d", "out": 8, "kernel": 3}, {"name": "r", "type": "relu"}"#))
    let d = ReportDiff(old: a, new: b)
    #expect(d.changes.count == 2)
    #expect(d.changes[0].kind == .changed && d.changes[0].name == "c → conv")
    #expect(d.changes[0].paramsDelta == (8 - 4) * (3 * 9 + 1))
    #expect(d.changes[1].kind == .changed && d.changes[1].name == "r")
  }

  @Test("compare: one row per model, sortable, any column subset")
  func compare() throws {
    let rs = try ["vgg16", "resnet18", "mobilenet_v2"].map(Self.model)
    let c = Comparison(rs, sort: .params)
    #expect(c.rows.map(\.report.model) == ["mobilenet_v2", "resnet18", "vgg16"])
    #expect(Comparison(rs, sort: .macs, descending: true).rows.first?.report.model == "vgg16")
    let csv = Comparison(rs, columns: [.model, .params]).render(.csv)
    #expect(csv.split(separator: "\n").first == "model,params")
    #expect(csv.contains("resnet18,\(rs[1].totals.params)"))
    let j = try #require(
      try JSONSerialization.jsonObject(with: Data(Comparison(rs).render(.json).utf8)) as? [String: Any])
    #expect((j["models"] as? [[String: Any]])?.count == 3)
  }

  @Test("JUnit XML has one test case per limit and a failure for each exceeded one")
  func junit() throws {
    let r = try Self.model("resnet18")
    let xml = JUnitRenderer.render(r.check(Budget(limits: [.params: 1, .macs: Int.max])))
    #expect(xml.contains("tests=\"2\" failures=\"1\""))
    #expect(xml.components(separatedBy: "<testcase").count - 1 == 2)
    #expect(xml.contains("<failure message=\"params"))
  }
}

/// An op netcost has no rule for, as an importer would produce for an
/// unknown node under --allow-unknown.
struct MysteryOp: Operator {
  static let kinds = ["mystery"]
  static let arity = 1...1
  static let flopRule = "unknown"
  init(kind: String, attributes: Attributes) {}
  init() {}
  var costKind: CostKind { .uncounted }
  func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }
  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

@Suite("CI gate: uncounted ops")
struct UncountedCheckTests {
  @Test("an op without a cost rule is listed and fails the check unless allowed")
  func uncountedFails() throws {
    let loc = SourceLocation(file: "m.json", line: 1, column: 1)
    let g = try Graph(
      name: "m", inputs: [GraphInput(name: "x", dims: [4], location: loc)],
      layers: [Layer(name: "q", kind: "mystery", op: MysteryOp(), inputs: [.input(0)], location: loc)])
    let r = try Analyzer.analyze(g)
    #expect(r.uncountedOps.map(\.type) == ["mystery"])
    let strict = r.check(Budget(limits: [.params: 1_000]))
    #expect(strict.items.allSatisfy { $0.passed })
    #expect(!strict.passed)
    #expect(CheckFormat.text.render(strict).contains("--allow-unknown"))
    #expect(r.check(Budget(limits: [.params: 1_000]), allowUnknown: true).passed)
    #expect(JUnitRenderer.render(strict).contains("uncounted_op"))
  }
}
