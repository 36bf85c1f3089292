// netcost — Apache-2.0
//
// ONNX attributes that a typed op cannot take are refused where the ONNX
// importer reads them, in ONNX's terms: one line naming the node, never a trap.

import NetCost
import NetCostTestSupport
import Testing

@Suite("ONNX attributes checked for the typed ops")
struct ONNXTypedOpTests {
  func message(_ bytes: [UInt8]) -> String? {
    do {
      _ = try ONNXImport.load(bytes: bytes, file: "bad.onnx")
      return nil
    } catch {
      return error.description
    }
  }

  /// One node reading x (1×4×8×8) and, for convolutions, a weight W.
  func model(_ op: String, _ attrs: [ONNX.Attr], weight: [Int]? = nil, opset: Int = 17) -> [UInt8] {
    ONNX.model(
      nodes: [ONNX.node(op, weight == nil ? ["x"] : ["x", "W"], ["y"], name: "n", attrs)],
      initializers: weight.map { [ONNX.tensor("W", $0)] } ?? [],
      inputs: [ONNX.value("x", [.value(1), .value(4), .value(8), .value(8)])], opset: opset)
  }

  @Test("a zero stride or kernel, a negative output_padding, a non-permutation, an unknown Gelu approximation")
  func refused() {
    #expect(
      message(model("Conv", [.ints("strides", [0, 1])], weight: [8, 4, 3, 3]))
        == "bad.onnx: error: layer 'n': Conv strides [0, 1] must be at least 1")
    #expect(
      message(model("MaxPool", [.ints("kernel_shape", [2, 0])]))
        == "bad.onnx: error: layer 'n': MaxPool kernel_shape [2, 0] must be at least 1")
    #expect(
      message(model("ConvTranspose", [.ints("output_padding", [-1, 0])], weight: [4, 2, 3, 3]))
        == "bad.onnx: error: layer 'n': ConvTranspose output_padding [-1, 0] must not be negative")
    #expect(
      message(model("Transpose", [.ints("perm", [0, 1, 1, 3])]))
        == "bad.onnx: error: layer 'n': Transpose perm [0, 1, 1, 3] is not a permutation of 0…3")
    #expect(
      message(model("Gelu", [.string("approximate", "erf")], opset: 20))
        == "bad.onnx: error: layer 'n': Gelu approximate 'erf' is not one of none, tanh")
  }

  @Test("Gelu's tanh approximation is counted as such, under the type gelu")
  func geluTanh() throws {
    let m = try ONNXImport.load(bytes: model("Gelu", [.string("approximate", "tanh")], opset: 20), file: "g.onnx")
    let r = try Analyzer.analyze(m.graph)
    #expect(r.layers[0].type == "gelu")
    // x³ (2), ×0.044715, add, ×√(2/π), tanh (5), add, ×½, ×x: 13 FLOPs for each of 4·8·8 elements.
    #expect(r.layers[0].cost.flops == 13 * 4 * 8 * 8)
  }
}
