// netcost — Apache-2.0
//
// Every `$ netcost …` example in the README is run, and what it shows must be
// what the tool prints (issue 16, item 10): a shown line equals an output line,
// in order, and a line "…" stands for lines left out. Timing commands
// (bench-conv, profile) print measurements that differ per run and are not run.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("README examples")
struct ReadmeExampleTests {
  /// One `$ command` of a README code block and the lines shown under it.
  struct Example {
    var line: Int
    var command: String
    var shown: [String]
  }

  /// The examples, in README order.
  static func examples(_ readme: String) -> [Example] {
    var out: [Example] = []
    var inBlock = false
    var collecting = false  // inside a block, after a `$ ` line
    for (i, raw) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = String(raw)
      if line.hasPrefix("```") {
        inBlock.toggle()
        collecting = false
        continue
      }
      guard inBlock else { continue }
      if line.hasPrefix("$ ") {
        out.append(Example(line: i + 1, command: String(line.dropFirst(2)), shown: []))
        collecting = true
      } else if collecting {
        out[out.count - 1].shown.append(line)
      }
    }
    return out
  }

  /// Whether `shown` appears in `output` line by line, "…" skipping any number.
  static func matches(_ shown: [String], _ output: [String]) -> String? {
    func trim(_ s: String) -> String {
      var s = Substring(s)
      while s.last == " " { s = s.dropLast() }
      return String(s)
    }
    let out = output.map(trim)
    var at = 0
    var gap = false
    for s in shown.map(trim) {
      if s.trimmingCharacters(in: .whitespaces) == "…" {
        gap = true
        continue
      }
      if gap {
        guard let k = out[at...].firstIndex(of: s) else { return "not printed: \(s)" }
        at = k + 1
      } else {
        guard at < out.count, out[at] == s else {
          return "expected: \(s)\n   found: \(at < out.count ? out[at] : "(end of output)")"
        }
        at += 1
      }
      gap = false
    }
    return nil
  }

  /// A folder holding the files the examples name.
  static func workspace() throws -> URL {
    let dir = try temporaryFolder("netcost-readme")
    let fm = FileManager.default
    try fm.createSymbolicLink(
      at: dir.appendingPathComponent("Models"), withDestinationURL: repoRoot.appendingPathComponent("Models"))
    try fm.createSymbolicLink(
      at: dir.appendingPathComponent("yolov3.cfg"), withDestinationURL: fixture("darknet/alexeyab/yolov3.cfg"))
    try fm.createSymbolicLink(
      at: dir.appendingPathComponent("llama-3-8b"), withDestinationURL: fixture("llm/llama-3-8b"))
    try fm.createSymbolicLink(
      at: dir.appendingPathComponent("ResNet50.keras"), withDestinationURL: fixture("keras/ResNet50.keras"))
    // The two mistakes of "Using it": channels not divisible by groups, and a misspelt field.
    try """
    {"inputs": [{"name": "x", "shape": [6, 8, 8]}],
     "layers": [
      {"name": "c1", "type": "conv", "out": 8, "kernel": 3, "groups": 4}]}
    """.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    try """
    {"inputs": [{"name": "x", "shape": [3, 8, 8]}],
     "layers": [
      {"name": "c1", "type": "conv2d", "out": 8, "kernal": 3}]}
    """.write(to: dir.appendingPathComponent("typo.json"), atomically: true, encoding: .utf8)
    // A BERT-like export whose token axis is the symbolic 'sequence'.
    let bert = ONNX.model(
      nodes: [ONNX.node("Gather", ["emb", "input_ids"], ["h"], name: "embed")],
      initializers: [ONNX.tensor("emb", [100, 8])],
      inputs: [ONNX.value("input_ids", [.value(1), .param("sequence")], type: ONNX.int64)],
      outputs: [ONNX.value("h", [.value(1), .param("sequence"), .value(8)])])
    try Data(bert).write(to: dir.appendingPathComponent("bert.onnx"))
    return dir
  }

  @Test("each README example command prints what the README shows")
  func examplesAreWhatTheToolPrints() throws {
    let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let all = Self.examples(readme)
    #expect(all.count >= 10, "found \(all.count) examples")
    let dir = try Self.workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    var lastStatus: Int32?
    var ran = 0
    for e in all {
      let words = e.command.split(separator: " ").map(String.init)
      if e.command == "echo $?" {
        let status = try #require(lastStatus, "README line \(e.line): echo $? after no command")
        #expect(e.shown == ["\(status)"], "README line \(e.line): exit status \(status)")
        continue
      }
      guard words.first == "netcost", words.count > 1 else {
        Issue.record("README line \(e.line): an example that is not a netcost command: \(e.command)")
        continue
      }
      // Measurements differ per run (and --device gpu needs a GPU).
      if ["bench-conv", "profile"].contains(words[1]) { continue }
      let r = try run(Array(words.dropFirst()), cwd: dir)
      lastStatus = r.status
      ran += 1
      let output = (r.stdout + r.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if let why = Self.matches(e.shown, output) {
        Issue.record(
          "README line \(e.line): `\(e.command)` prints otherwise:\n\(why)\n--- full output:\n\(r.stdout)\(r.stderr)")
      }
    }
    #expect(ran >= 9)
  }

  @Test("the matcher: '…' skips lines, anything else must follow in order")
  func matcher() {
    let out = ["a", "b", "c", "d  "]
    #expect(Self.matches(["a", "b"], out) == nil)
    #expect(Self.matches(["a", "…", "d"], out) == nil)
    #expect(Self.matches(["a", "c"], out) != nil)
    #expect(Self.matches(["…", "x"], out) != nil)
  }

  @Test("make test runs the Swift tests without the empty XCTest pass (no \"Executed 0 tests\" preamble)")
  func makeTestSkipsXCTest() throws {
    let makefile = try String(contentsOf: repoRoot.appendingPathComponent("Makefile"), encoding: .utf8)
    let recipe = try #require(
      makefile.components(separatedBy: "\ntest: ").dropFirst().first?.components(separatedBy: "\n\n").first)
    #expect(recipe.contains("--disable-xctest"), "\(recipe)")
  }
}
