// netcost — Apache-2.0
//
// The native spec's wiring features: sequence, named inputs, groups, blocks
// with arguments, repeat, first, instance names, when, expressions.

import NetCost
import NetCostTestSupport
import Testing

@Suite("Spec language")
struct SpecLanguageTests {
  let blockSpec = """
    {"name": "b", "inputs": [{"name": "x", "shape": [8, 16, 16]}],
     "blocks": {
       "unit": {"args": {"c": null, "stride": 1, "proj": false},
                "layers": [
                  {"name": "conv", "type": "conv2d", "out": "$c", "kernel": 3, "stride": "$stride", "pad": "$(3 / 2)"},
                  {"name": "proj", "type": "conv2d", "when": "$proj", "inputs": "$input", "out": "$c", "kernel": 1, "stride": "$stride"},
                  {"name": "add", "type": "add", "when": "$proj", "inputs": ["conv", "proj"]},
                  {"name": "add", "type": "add", "when": "!proj", "inputs": ["conv", "$input"]}
                ]}
     },
     "layers": [
       {"name": "stage", "block": "unit", "repeat": 3, "args": {"c": 16}, "first": {"stride": 2, "proj": true}},
       {"name": "named", "block": "unit", "repeat": 2, "instance": "unit{i+1}", "args": {"c": "$(8 * 2)"}}
     ]}
    """

  @Test("repeat names instances name.i; first applies to repetition 0; when drops layers")
  func repeatFirstWhen() throws {
    let r = try analyze(blockSpec)
    let names = r.layers.map(\.name)
    #expect(names.prefix(4) == ["stage.0.conv", "stage.0.proj", "stage.0.add", "stage.1.conv"])
    #expect(!names.contains("stage.1.proj"))
    #expect(r.layer("stage.0.conv")!.outputShapes[0].dims == [1, 16, 8, 8])
    #expect(r.layer("stage.2.add")!.inputs == ["stage.2.conv", "stage.1.add"])
    #expect(r.layer("named.unit1.conv")!.inputs == ["stage.2.add"])
    #expect(r.layer("named.unit2.add") != nil)
  }

  @Test("groups nest, default to the previous layer, and expose dotted names")
  func groups() throws {
    let r = try analyze(
      spec(
        input: [4, 8, 8],
        """
        {"name": "branch", "inputs": "x", "layers": [
          {"name": "0", "type": "conv2d", "out": 4, "kernel": 1},
          {"name": "1", "layers": [{"name": "act", "type": "relu"}]}
        ]},
        {"name": "other", "type": "conv2d", "inputs": "x", "out": 4, "kernel": 1},
        {"name": "sum", "type": "add", "inputs": ["branch", "branch.0", "other"]}
        """))
    #expect(r.layers.map(\.name) == ["branch.0", "branch.1.act", "other", "sum"])
    #expect(r.layer("sum")!.inputs == ["branch.1.act", "branch.0", "other"])
  }

  @Test("nested repeats resolve dotted names through every level")
  func nestedRepeats() throws {
    var blocks = #""b0": {"layers": [{"name": "r", "type": "relu"}]}"#
    for k in 1...6 {
      blocks += ", \"b\(k)\": {\"layers\": [{\"name\": \"c\", \"block\": \"b\(k - 1)\", \"repeat\": 2}]}"
    }
    let r = try analyze(
      "{\"inputs\": [{\"shape\": [4]}], \"blocks\": {\(blocks)}, \"layers\": [{\"name\": \"top\", \"block\": \"b6\"}, {\"name\": \"s\", \"type\": \"add\", \"inputs\": [\"top.c.1.c.0.c.1.c.0.c.1.c.0.r\", \"top\"]}]}"
    )
    #expect(r.layers.count == 64 + 1)
    #expect(r.layer("s")!.inputs == ["top.c.1.c.0.c.1.c.0.c.1.c.0.r", "top.c.1.c.1.c.1.c.1.c.1.c.1.r"])
  }

  @Test("a layer may name a later layer: written order is not required")
  func forwardReference() throws {
    let r = try analyze(
      spec(
        input: [4, 8, 8],
        """
        {"name": "sum", "type": "add", "inputs": ["a", "b"]},
        {"name": "a", "type": "relu", "inputs": "x"},
        {"name": "b", "type": "sigmoid", "inputs": "x"}
        """))
    #expect(r.layers.map(\.name) == ["a", "b", "sum"])
  }

  @Test("several inputs, addressed by name")
  func multipleInputs() throws {
    let r = try analyze(
      """
      {"inputs": [{"name": "rgb", "shape": [3, 32, 32]}, {"name": "depth", "shape": [1, 32, 32], "dtype": "fp16"}],
       "layers": [{"name": "cat", "type": "concat", "inputs": ["rgb", "depth"]}]}
      """)
    #expect(r.layer("cat")!.outputShapes[0].dims == [1, 4, 32, 32])
    #expect(r.inputs.map(\.dtype) == [.float32, .float16])
  }

  @Test("expressions: + − * / % with floor semantics, comparisons, && || !")
  func expressions() throws {
    // The expression sets a linear layer's width (offset so negatives stay valid).
    func eval(_ e: String) throws -> Int {
      let probe = """
        {"inputs": [{"name": "x", "shape": [1000]}],
         "blocks": {"b": {"args": {"a": 7, "t": true}, "layers": [{"type": "linear", "out": "$((\(e)) + 500)"}]}},
         "layers": [{"name": "b", "block": "b"}]}
        """
      return try analyze(probe).layers[0].outputShapes[0].dims[1] - 500
    }
    #expect(try eval("a * 4 + 1") == 29)
    #expect(try eval("a / 2") == 3)
    #expect(try eval("(0 - a) / 2") == -4)
    #expect(try eval("(0 - a) % 3") == 2)
    #expect(try eval("a % (0 - 3)") == -2)
    #expect(try eval("(a > 5) + (a == 7) + (a != 7) + !t") == 2)
    #expect(try eval("t && a < 3 || a >= 7") == 1)
  }

  @Test(
    "expression overflow and division by zero are errors, not crashes",
    arguments: [
      "$((0 - 9223372036854775807 - 1) / (0 - 1))", "$(9223372036854775807 + 1)", "$(4611686018427387904 * 2)",
      "$(1 / 0)", "$(5 % 0)", "$(99999999999999999999)", "$(a +)", "$(nosuch)",
      // Found by fuzzing: deep nesting overflowed the stack.
      "$" + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000),
      "$(" + String(repeating: "-", count: 5_000) + "1)", "$(" + String(repeating: "!", count: 70) + "1)",
    ])
  func expressionErrors(_ e: String) {
    let s = """
      {"inputs": [{"name": "x", "shape": [4]}],
       "blocks": {"b": {"args": {"a": 1}, "layers": [{"name": "fc", "type": "linear", "out": "\(e)"}]}},
       "layers": [{"name": "b", "block": "b"}]}
      """
    let m = errorMessage(s)
    #expect(m?.contains("'b.fc'") == true, "\(m ?? "no error")")
    #expect(m?.contains("field 'out'") == true)
  }

  @Test("expressions also work outside blocks and inside lists")
  func expressionsInLists() throws {
    let r = try analyze(spec(input: [3, 9, 9], #"{"type": "conv2d", "out": 4, "kernel": ["$(1 + 2)", 3]}"#))
    #expect(r.layers[0].outputShapes[0].dims == [1, 4, 7, 7])
  }

  @Test("a repeated block's missing argument names the repetition")
  func repetitionNamedInError() {
    let m = errorMessage(
      """
      {"inputs": [{"name": "x", "shape": [4]}],
       "blocks": {"b": {"args": {"w": null}, "layers": [{"type": "linear", "out": "$w"}]}},
       "layers": [{"name": "L", "block": "b", "repeat": 2, "first": {"w": 4}}]}
      """)
    #expect(m?.contains("repetition 1 (L.1)") == true, "\(m ?? "")")
    #expect(m?.contains("'first' applies to repetition 0 only") == true)
  }

  @Test("inside a block, outer names are not visible, and the message says so")
  func blockScope() {
    let m = errorMessage(
      """
      {"inputs": [{"name": "x", "shape": [4]}],
       "blocks": {"b": {"layers": [{"name": "s", "type": "add", "inputs": ["$input", "x"]}]}},
       "layers": [{"name": "B", "block": "b"}]}
      """)
    #expect(m?.contains("only its own layers and $input") == true, "\(m ?? "")")
  }

  @Test(
    "kinds with a 1d/2d/3d suffix check the input rank",
    arguments: [
      #"{"type": "conv_transpose1d", "out": 2, "kernel": 2}"#, #"{"type": "max_pool1d", "kernel": 2}"#,
      #"{"type": "adaptive_avg_pool1d", "output": 2}"#, #"{"type": "batch_norm3d"}"#, #"{"type": "instance_norm1d"}"#,
    ])
  func rankSuffix(_ layer: String) {
    let m = errorMessage(spec(input: [4, 8, 8], layer))
    #expect(m?.contains("expects") == true, "\(m ?? "no error")")
  }
}
