// netcost — Apache-2.0
//
// How the importer maps the mask, index, quantized and com.microsoft nodes
// of real exports: which inputs are parameters, which are buffers, what is
// folded. Expected numbers are worked by hand from each small graph.

import NetCost
import NetCostTestSupport
import Testing

@Suite("ONNX import of real-export nodes")
struct ONNXWildImportTests {
  func analyze(_ bytes: [UInt8], options: ONNXOptions = .init()) throws -> Report {
    try Analyzer.analyze(try ONNXImport.load(bytes: bytes, file: "t.onnx", options: options).graph)
  }

  let ids = ONNX.value("ids", [.value(1), .value(16)], type: ONNX.int64)

  @Test("an attention mask built from the input at run time: Equal, Not, Where, CumSum are layers")
  func maskChain() throws {
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node("Equal", ["ids", "pad"], ["is_pad"], name: "eq"),
          ONNX.node("Not", ["is_pad"], ["keep"], name: "not"),
          ONNX.node("Cast", ["keep"], ["keep_i"], name: "cast", [.int("to", 7)]),
          ONNX.node("CumSum", ["keep_i", "axis"], ["pos"], name: "cumsum"),
          ONNX.node("Where", ["keep", "pos", "pad"], ["y"], name: "where"),
        ],
        initializers: [
          ONNX.tensor("pad", [], type: ONNX.int64, int64s: [1]), ONNX.tensor("axis", [], type: ONNX.int64, int64s: [1]),
        ],
        inputs: [ids]))
    #expect(r.layers.map(\.type) == ["equal", "not", "cast", "cumsum", "where"])
    // Equal and Not: one per element (16 each); CumSum: 15 additions on the one line of 16.
    #expect(r.layers.map(\.cost.flops) == [16, 16, 0, 15, 0])
    #expect(r.totals.params == 0)
  }

  @Test("Gather by argmax positions (CLIP's pooled token) is a layer with the shapes' result")
  func gatherByArgmax() throws {
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node("ArgMax", ["ids"], ["last"], name: "argmax", [.int("axis", -1), .int("keepdims", 0)]),
          ONNX.node("Gather", ["h", "last"], ["pooled"], name: "pick", [.int("axis", 1)]),
        ],
        inputs: [ids, ONNX.value("h", [.value(1), .value(16), .value(8)])]))
    #expect(r.layers.map(\.outputShapes) == [[Shape([1])!], [Shape([1, 1, 8])!]])
  }

  @Test("Clip on constants and an Einsum of two stored tensors are evaluated at load time")
  func folds() throws {
    // Clip(5 − 7, 0, ∞) = 0: the pad is empty; the einsum's 3·4·5 = 60 MACs are noted, not counted.
    let m = try ONNXImport.load(
      bytes: ONNX.model(
        nodes: [
          ONNX.node("Sub", ["five", "seven"], ["d"], name: "sub"),
          ONNX.node("Clip", ["d", "zero"], ["p"], name: "clip"),
          ONNX.node("Einsum", ["a", "b"], ["ab"], name: "einsum", [.string("equation", "ij,jk->ik")]),
          ONNX.node("Add", ["x", "ab"], ["y"], name: "add"),
        ],
        initializers: [
          ONNX.tensor("five", [1], type: ONNX.int64, int64s: [5]),
          ONNX.tensor("seven", [1], type: ONNX.int64, int64s: [7]),
          ONNX.tensor("zero", [], type: ONNX.int64, int64s: [0]), ONNX.tensor("a", [3, 4]), ONNX.tensor("b", [4, 5]),
        ],
        inputs: [ONNX.value("x", [.value(3), .value(5)])]), file: "t.onnx")
    #expect(m.foldedEinsumMACs == 60)
    let r = try Analyzer.analyze(m.graph)
    #expect(r.layers.map(\.type) == ["add"])
    // The einsum's operands are the parameters: 12 + 20.
    #expect(r.totals.params == 32)
    #expect(r.totals.macs == 0)
  }

  @Test("QLinearConv is a conv: the int8 weight and int32 bias are parameters, scales and zero points buffers")
  func qlinearConv() throws {
    let scalar = { (n: String) in ONNX.tensor(n, []) }
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node(
            "QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"], ["y"], name: "qconv",
            [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])])
        ],
        initializers: [
          scalar("xs"), ONNX.tensor("xz", [], type: 2), ONNX.tensor("w", [8, 4, 3, 3], type: 3), ONNX.tensor("ws", [8]),
          ONNX.tensor("wz", [8], type: 3), scalar("ys"), ONNX.tensor("yz", [], type: 2), ONNX.tensor("b", [8], type: 6),
        ],
        inputs: [ONNX.value("x", [.value(1), .value(4), .value(8), .value(8)], type: 2)]))
    #expect(r.layers.map(\.type) == ["conv2d"])
    // Weight 8·4·3·3 = 288 + bias 8; buffers: xs, xz, ws (8), wz (8), ys, yz = 20.
    #expect(r.totals.params == 296)
    #expect(r.totals.buffers == 20)
    // MACs as the float conv: 8×8×8 outputs × 4·3·3.
    #expect(r.totals.macs == 512 * 36)
  }

  @Test("QDQ: a dequantized stored weight is the conv's weight; its scale is a buffer")
  func qdqConv() throws {
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node("DequantizeLinear", ["wq", "ws", "wz"], ["w"], name: "dq_w"),
          ONNX.node("Conv", ["x", "w"], ["y"], name: "conv", [.ints("kernel_shape", [1, 1])]),
        ],
        initializers: [
          ONNX.tensor("wq", [8, 4, 1, 1], type: 3), ONNX.tensor("ws", []), ONNX.tensor("wz", [], type: 3),
        ],
        inputs: [ONNX.value("x", [.value(1), .value(4), .value(8), .value(8)])]))
    #expect(r.totals.params == 32)
    #expect(r.totals.buffers == 2)
  }

  @Test("MatMulNBits counts its packed int4 weight as K×N parameters")
  func matMulNBits() throws {
    // K = 64, N = 32, block 32: B is uint8 32×2×16 (1,024 bytes for 2,048 int4 values).
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node(
            "MatMulNBits", ["x", "b", "scales"], ["y"], name: "mm",
            [.int("K", 64), .int("N", 32), .int("bits", 4), .int("block_size", 32)], domain: "com.microsoft")
        ],
        initializers: [ONNX.tensor("b", [32, 2, 16], type: 2), ONNX.tensor("scales", [64])],
        inputs: [ONNX.value("x", [.value(1), .value(16), .value(64)])]))
    #expect(r.layers.map(\.type) == ["linear"])
    #expect(r.totals.params == 64 * 32)
    #expect(r.totals.buffers == 64)
    #expect(r.totals.macs == 16 * 64 * 32)
  }

  @Test("SkipLayerNormalization is an add (its sum is output 4) and a layer norm")
  func skipLayerNorm() throws {
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node(
            "SkipLayerNormalization", ["a", "b", "g", "beta", "bias"], ["y", "", "", "sum"], name: "sln",
            domain: "com.microsoft"),
          ONNX.node("Add", ["y", "sum"], ["z"], name: "residual"),
        ],
        initializers: [ONNX.tensor("g", [8]), ONNX.tensor("beta", [8]), ONNX.tensor("bias", [8])],
        inputs: [
          ONNX.value("a", [.value(1), .value(4), .value(8)]), ONNX.value("b", [.value(1), .value(4), .value(8)]),
        ]
      ))
    #expect(r.layers.map(\.type) == ["add", "layer_norm", "add"])
    #expect(r.totals.params == 24)
  }

  @Test("com.microsoft Attention counts the packed projection and the products")
  func attention() throws {
    let r = try analyze(
      ONNX.model(
        nodes: [
          ONNX.node(
            "Attention", ["x", "w", "bias"], ["y"], name: "attn", [.int("num_heads", 4)], domain: "com.microsoft")
        ],
        initializers: [ONNX.tensor("w", [64, 192]), ONNX.tensor("bias", [192])],
        inputs: [ONNX.value("x", [.value(1), .value(16), .value(64)])]))
    #expect(r.totals.params == 64 * 192 + 192)
    // 16·64·192 projection + 2 · 16·16·64 products.
    #expect(r.totals.macs == 196_608 + 32_768)
  }

  @Test("an op with no rule on a value netcost cannot size is one line naming node, type and domain")
  func refusal() {
    let bytes = ONNX.model(
      nodes: [ONNX.node("Fancy", ["x"], ["y"], name: "mystery", domain: "com.example")],
      inputs: [ONNX.value("x", [.value(1), .value(4)])])
    do {
      _ = try ONNXImport.load(bytes: bytes, file: "t.onnx")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("layer 'mystery'") && error.description.contains("'com.example.Fancy'"))
    }
  }

  @Test("--allow-unknown without value_info: the unknown node and what depends on it are listed, the rest analyzed")
  func allowUnknownWithoutValueInfo() throws {
    let bytes = ONNX.model(
      nodes: [
        ONNX.node("Fancy", ["x"], ["f"], name: "mystery", domain: "com.example"),
        ONNX.node("Relu", ["f"], ["g"], name: "after"),
        ONNX.node("Relu", ["x"], ["y"], name: "independent"),
      ],
      inputs: [ONNX.value("x", [.value(1), .value(4)])])
    let m = try ONNXImport.load(bytes: bytes, file: "t.onnx", options: ONNXOptions(allowUnknown: true))
    #expect(m.graph.layers.map(\.name) == ["independent"])
    let note = m.graph.notes.first { $0.layer == "mystery" }?.message ?? ""
    #expect(note.contains("'com.example.Fancy'") && note.contains("1 node(s) that depend on it ('after')"))
  }

  @Test("an If whose condition is computed at run time is one error naming the node")
  func ifAtRunTime() {
    let bytes = ONNX.model(
      nodes: [ONNX.node("If", ["c"], ["y"], name: "branch")],
      inputs: [ONNX.value("c", [.value(1)], type: 9)])
    do {
      _ = try ONNXImport.load(bytes: bytes, file: "t.onnx")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "t.onnx: error: layer 'branch': If (domain ai.onnx): its condition is computed at run time; netcost analyzes an If only when the condition is known at load time"
      )
    }
  }
}
