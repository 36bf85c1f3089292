// netcost — Apache-2.0
//
// Every kind of bad input ends in one clear error: file:line:column, the
// layer, what was expected and what was found — never a crash.

import NetCost
import NetCostTestSupport
import Testing

@Suite("Bad input")
struct BadInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var what: String
    var spec: String
    var expected: [String]
    var testDescription: String { what }
  }

  static let cases: [Case] = [
    Case(
      what: "malformed JSON (missing comma) at its line and column",
      spec: "{\n  \"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}]\n  \"layers\": []\n}\n",
      expected: ["test.json:3:3:", "malformed JSON"]),
    Case(
      what: "truncated JSON",
      spec: "{\n  \"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n  \"layers\": [\n",
      expected: ["test.json:4:1:", "unexpected end of file"]),
    Case(
      what: "text after the document",
      spec: "{\"inputs\": [{\"name\": \"x\", \"shape\": [3]}], \"layers\": [{\"type\": \"relu\"}]}\n}",
      expected: ["test.json:2:1:", "after the end"]),
    Case(
      what: "empty file",
      spec: "  \n// only a comment\n",
      expected: ["test.json", "empty"]),
    Case(
      what: "unknown op, with a suggestion",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"convv\", \"out\": 4, \"kernel\": 3}]}",
      expected: ["test.json:3:18:", "'c1'", "unknown op 'convv'", "did you mean 'conv'"]),
    Case(
      what: "missing required field",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"conv2d\", \"kernel\": 3}]}",
      expected: ["test.json:3:4:", "'c1'", "missing required field 'out'"]),
    Case(
      what: "misspelled field",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"conv2d\", \"out\": 4, \"kernal\": 3}]}",
      expected: ["test.json:3:46:", "'c1'", "'kernal'", "did you mean 'kernel'"]),
    Case(
      what: "unknown optional field",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"conv2d\", \"out\": 4, \"kernel\": 3, \"strides\": 2}]}",
      expected: ["test.json:3:59:", "unknown field 'strides'", "did you mean 'stride'"]),
    Case(
      what: "wrong field type",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"conv2d\", \"out\": \"16\", \"kernel\": 3}]}",
      expected: ["test.json:3:36:", "'c1'", "field 'out'", "expected an integer", "found a string \"16\""]),
    Case(
      what: "zero dimension",
      spec: "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 0, 8]}],\n \"layers\": [{\"type\": \"relu\"}]}",
      expected: ["test.json:1:27:", "input 'x'", "at least 1", "found 0"]),
    Case(
      what: "negative dimension",
      spec: "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, -8, 8]}],\n \"layers\": [{\"type\": \"relu\"}]}",
      expected: ["test.json:1:27:", "at least 1", "found -8"]),
    Case(
      what: "channels not divisible by groups",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 8, 8]}],\n \"layers\": [\n  {\"name\": \"c1\", \"type\": \"conv2d\", \"out\": 8, \"kernel\": 3, \"groups\": 4}]}",
      expected: ["test.json:3:4:", "'c1'", "input channels 6", "groups 4"]),
    Case(
      what: "add shape mismatch names both operands and shapes",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 8, 8]}],\n \"layers\": [\n  {\"name\": \"a\", \"type\": \"conv2d\", \"out\": 8, \"kernel\": 3},\n  {\"name\": \"b\", \"type\": \"conv2d\", \"inputs\": \"x\", \"out\": 8, \"kernel\": 1},\n  {\"name\": \"sum\", \"type\": \"add\", \"inputs\": [\"a\", \"b\"]}]}",
      expected: ["test.json:5:4:", "'sum'", "1×8×6×6", "1×8×8×8"]),
    Case(
      what: "concat shape mismatch names both operands and shapes",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 8, 8]}],\n \"layers\": [\n  {\"name\": \"a\", \"type\": \"conv2d\", \"out\": 8, \"kernel\": 3},\n  {\"name\": \"b\", \"type\": \"conv2d\", \"inputs\": \"x\", \"out\": 8, \"kernel\": 1},\n  {\"name\": \"cat\", \"type\": \"concat\", \"inputs\": [\"a\", \"b\"]}]}",
      expected: ["test.json:5:4:", "'cat'", "1×8×6×6", "1×8×8×8", "6 vs 8"]),
    Case(
      what: "kernel larger than the padded input",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"big\", \"type\": \"conv2d\", \"out\": 8, \"kernel\": 7, \"pad\": 1}]}",
      expected: ["test.json:3:4:", "'big'", "kernel 7", "4 + 1 + 1 = 6"]),
    Case(
      what: "unknown input name, with a suggestion",
      spec:
        "{\"inputs\": [{\"name\": \"image\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"a\", \"type\": \"relu\", \"inputs\": \"imgae\"}]}",
      expected: ["test.json:3:33:", "'a'", "input 'imgae'", "did you mean 'image'"]),
    Case(
      what: "duplicate layer name",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"a\", \"type\": \"relu\"},\n  {\"name\": \"a\", \"type\": \"relu\"}]}",
      expected: ["test.json:4:4:", "duplicate layer name 'a'", "test.json:3:4"]),
    Case(
      what: "a layer named like a model input",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"x\", \"type\": \"relu\"}]}",
      expected: ["test.json:3:4:", "duplicate layer name 'x'", "first defined at test.json:1:"]),
    Case(
      what: "a layer named like an expanded block's label",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"blocks\": {\"one\": {\"layers\": [{\"name\": \"r\", \"type\": \"relu\"}]}},\n \"layers\": [\n  {\"name\": \"b\", \"block\": \"one\"},\n  {\"name\": \"b\", \"type\": \"relu\"}]}",
      expected: ["test.json:5:4:", "duplicate layer name 'b'", "first defined at test.json:2:"]),
    Case(
      what: "a block call labelled like an earlier layer",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"blocks\": {\"one\": {\"layers\": [{\"name\": \"r\", \"type\": \"relu\"}]}},\n \"layers\": [\n  {\"name\": \"a\", \"type\": \"relu\"},\n  {\"name\": \"a\", \"block\": \"one\"}]}",
      expected: ["test.json:5:4:", "duplicate layer name 'a'", "first defined at test.json:4:4"]),
    Case(
      what: "a cycle, listed in order",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"a\", \"type\": \"add\", \"inputs\": [\"x\", \"c\"]},\n  {\"name\": \"b\", \"type\": \"relu\", \"inputs\": \"a\"},\n  {\"name\": \"c\", \"type\": \"relu\", \"inputs\": \"b\"}]}",
      expected: ["test.json:3:4:", "cycle", "a -> b -> c -> a"]),
    Case(
      what: "a dimension product overflowing Int64 does not trap",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [3, 4096, 4096]}],\n \"layers\": [\n  {\"name\": \"huge\", \"type\": \"conv2d\", \"out\": 4194304, \"kernel\": 1},\n  {\"name\": \"huger\", \"type\": \"conv2d\", \"out\": 4194304, \"kernel\": 1}]}",
      expected: ["test.json:4:4:", "'huger'", "does not fit in a 64-bit integer"]),
    Case(
      what: "an input whose element count overflows",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [4294967296, 4294967296]}],\n \"layers\": [{\"type\": \"relu\"}]}",
      expected: ["test.json:1:14:", "input 'x'", "does not fit in a 64-bit integer"]),
    Case(
      what: "wrong number of inputs",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"s\", \"type\": \"add\"}]}",
      expected: ["'s'", "'add' takes at least 2 input(s), found 1"]),
    Case(
      what: "unknown block argument",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"blocks\": {\"b\": {\"args\": {\"width\": null}, \"layers\": [{\"type\": \"conv2d\", \"out\": \"$widht\", \"kernel\": 1}]}},\n \"layers\": [{\"name\": \"b1\", \"block\": \"b\", \"args\": {\"width\": 4}}]}",
      expected: ["test.json:2:", "'b1.conv2d_1'", "'$widht'", "did you mean 'width'"]),
    Case(
      what: "missing required block argument",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"blocks\": {\"b\": {\"args\": {\"width\": null}, \"layers\": [{\"type\": \"conv2d\", \"out\": \"$width\", \"kernel\": 1}]}},\n \"layers\": [{\"name\": \"b1\", \"block\": \"b\"}]}",
      expected: ["test.json:3:", "'b1'", "needs argument 'width'"]),
    Case(
      what: "an output index that does not exist",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [\n  {\"name\": \"s\", \"type\": \"split\", \"parts\": 2},\n  {\"name\": \"r\", \"type\": \"relu\", \"inputs\": \"s:2\"}]}",
      expected: ["test.json:4:4:", "'r'", "'s' has 2 output(s)"]),
    Case(
      what: "a top-level typo",
      spec: "{\"inputs\": [{\"name\": \"x\", \"shape\": [6]}], \"layer\": []}",
      expected: ["test.json:1:", "unknown top-level field 'layer'", "did you mean 'layers'"]),
    // Found by fuzzing: each of these trapped or hung before.
    Case(
      what: "an input name that is only alternatives separators",
      spec: "{\"inputs\": [{\"shape\": [4]}], \"layers\": [{\"name\": \"a\", \"type\": \"relu\", \"inputs\": \"||\"}]}",
      expected: ["'a'", "input '||' names no model input or layer"]),
    Case(
      what: "a repeat far beyond any real network stops at once",
      spec:
        "{\"inputs\": [{\"shape\": [4]}], \"blocks\": {\"b\": {\"layers\": [{\"type\": \"relu\"}]}}, \"layers\": [{\"name\": \"r\", \"block\": \"b\", \"repeat\": 3037000500}]}",
      expected: ["'r'", "field 'repeat'", "more than 1000000 layers"]),
    Case(
      what: "a duplicate key would silently lose a value",
      spec:
        "{\"inputs\": [{\"shape\": [3]}],\n \"layers\": [{\"type\": \"relu\", \"comment\": \"a\",\n   \"comment\": \"b\"}]}",
      expected: ["test.json:3:4:", "duplicate key \"comment\""]),
    Case(
      what: "an error inside a built-in block points at the user's call",
      spec:
        "{\"inputs\": [{\"shape\": [5, 8], \"layout\": \"sequence\"}],\n \"layers\": [\n  {\"name\": \"att\", \"block\": \"multi_head_attention\", \"args\": {\"dim\": 8, \"heads\": 3}}]}",
      expected: ["test.json:3:4:", "'att.q_heads'", "not divisible by 3 heads"]),
    Case(
      what: "null where an integer belongs is named once",
      spec: "{\"inputs\": [{\"shape\": [3]}], \"layers\": [{\"type\": \"linear\", \"out\": null}]}",
      expected: ["expected an integer ≥ 1, found null"]),
    Case(
      what: "crop lists only the forms crop takes",
      spec: "{\"inputs\": [{\"shape\": [3, 8, 8]}], \"layers\": [{\"type\": \"crop\", \"crop\": \"same\"}]}",
      expected: ["field 'crop'", "[begin, end] pairs; found"]),
    Case(
      what: "control characters in names are escaped, keeping the message on one line",
      spec: "{\"inputs\": [{\"shape\": [3]}], \"layers\": [{\"name\": \"a\\nb\", \"type\": \"nope\"}]}",
      expected: ["layer 'a\\nb'"]),
    Case(
      what: "a huge unknown op name is clipped in the message",
      spec: "{\"inputs\": [{\"shape\": [4]}], \"layers\": [{\"name\": \"p\", \"type\": \""
        + String(repeating: "pool", count: 5_000) + "\"}]}",
      expected: ["unknown op 'poolpool", "(20000 characters)"]),
    Case(
      what: "reshape to a different element count",
      spec:
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [6, 4, 4]}],\n \"layers\": [{\"name\": \"v\", \"type\": \"reshape\", \"shape\": [10, -1]}]}",
      expected: ["'v'", "96 elements per sample are not divisible by 10"]),
  ]

  @Test("bad input gets one clear message", arguments: cases)
  func badInput(_ c: Case) {
    let message = errorMessage(c.spec)
    #expect(message != nil, "expected an error for \(c.what)")
    for e in c.expected {
      #expect(message?.contains(e) == true, "'\(e)' missing from: \(message ?? "nil")")
    }
  }

  @Test("a missing file names the file and the system's reason")
  func missingFile() {
    #expect(throws: NetCostError.unreadable(file: "/nonexistent/model.json", reason: "No such file or directory")) {
      try NetCost.analyze(file: "/nonexistent/model.json")
    }
  }

  @Test("a caller's lower layer limit refuses a repeat past it before expanding it, and keeps one at it")
  func lowerLayerLimit() throws {
    func spec(_ n: Int) throws -> JSONValue {
      try JSONCParser.parse(
        bytes: Array(
          """
          {"inputs": [{"name": "x", "shape": [3, 8, 8]}],
           "blocks": {"b": {"layers": [{"name": "r", "type": "relu"}, {"name": "s", "type": "relu"}]}},
           "layers": [{"name": "b", "block": "b", "repeat": \(n)}]}
          """.utf8), file: "limit.json")
    }
    // 5 repetitions of a 2-layer block are 10 layers: at the limit of 10, and
    // past it at 6 repetitions (12 layers).
    #expect(try NativeSpec.load(json: spec(5), file: "limit.json", maxLayers: 10).layers.count == 5 * 2)
    #expect {
      try NativeSpec.load(json: spec(6), file: "limit.json", maxLayers: 10)
    } throws: { "\($0)".contains("would make more than 10 layers") }
  }

  @Test("json-c's leniency: comments and a trailing comma are accepted")
  func lenientJSON() throws {
    let r = try analyze(
      """
      // a comment
      {"inputs": [{"name": "x", "shape": [3, 8, 8]}], /* another */
       "layers": [{"type": "relu"},]}
      """)
    #expect(r.layers.count == 1)
  }
}
