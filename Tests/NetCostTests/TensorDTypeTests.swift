// netcost — Apache-2.0
//
// Every tensor carries its own dtype: an fp16 image beside an int64 mask,
// and a Cast to int8, each sized by its own element width. The models are
// written byte by byte (ONNXBuilder.swift); the expected bytes are worked
// by hand from ONNX's element sizes (fp16 2, int8 1, int64 8, float 4).

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Tensor dtypes")
struct TensorDTypeTests {
  static let float16 = 10
  static let int8 = 3

  /// x: fp16 1×3×8×8 → Conv (fp16 weights 4×3×3×3, pad 1) → c: fp16 1×4×8×8
  /// → Cast(to int8) → q; mask: int64 1×8 → Cast(to float) → m.
  static func model() throws -> URL {
    let bytes = ONNX.model(
      nodes: [
        ONNX.node(
          "Conv", ["x", "W"], ["c"], name: "conv", [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]),
        ONNX.node("Cast", ["c"], ["q"], name: "to_int8", [.int("to", int8)]),
        ONNX.node("Cast", ["mask"], ["m"], name: "mask_to_float", [.int("to", ONNX.float)]),
      ],
      initializers: [ONNX.tensor("W", [4, 3, 3, 3], type: float16)],
      inputs: [
        ONNX.value("x", [.value(1), .value(3), .value(8), .value(8)], type: float16),
        ONNX.value("mask", [.value(1), .value(8)], type: ONNX.int64),
      ],
      outputs: [
        ONNX.value("q", [.value(1), .value(4), .value(8), .value(8)], type: int8),
        ONNX.value("m", [.value(1), .value(8)]),
      ])
    let url = try temporaryFolder("dtype").appendingPathComponent("mixed.onnx")
    try Data(bytes).write(to: url)
    return url
  }

  @Test("each layer's output is sized by its own dtype, not the model's")
  func activationBytesFollowEachTensor() throws {
    let r = try NetCost.analyze(file: Self.model().path)
    let conv = try #require(r.layer("conv"))
    let toInt8 = try #require(r.layer("to_int8"))
    let mask = try #require(r.layer("mask_to_float"))
    #expect(conv.outputDTypes == [.float16])
    #expect(toInt8.outputDTypes == [.int8])
    #expect(mask.outputDTypes == [.float32])
    // 4·8·8 = 256 values: 2 bytes each at fp16, 1 at int8; 8 floats of 4 bytes.
    #expect(conv.activationBytes == 256 * 2)
    #expect(toInt8.activationBytes == 256 * 1)
    #expect(mask.activationBytes == 8 * 4)
  }

  @Test("the bytes a layer reads are its inputs' own widths")
  func bytesReadFollowEachTensor() throws {
    let r = try NetCost.analyze(file: Self.model().path)
    let toInt8 = try #require(r.layer("to_int8"))
    let mask = try #require(r.layer("mask_to_float"))
    #expect(toInt8.workload.bytesRead == 256 * 2)  // the fp16 conv output
    #expect(mask.workload.bytesRead == 8 * 8)  // the int64 mask
  }

  @Test("the JSON report names each layer's output dtype")
  func jsonNamesTheDType() throws {
    let r = try NetCost.analyze(file: Self.model().path)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(r).utf8)) as? [String: Any])
    let layers = try #require(json["layers"] as? [[String: Any]])
    #expect(layers.map { $0["dtype"] as? String } == ["fp16", "int8", "fp32"])
  }
}
