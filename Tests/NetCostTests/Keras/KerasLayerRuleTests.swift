// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// Keras layers on small configurations whose figures are worked by hand
/// here from Keras's weight shapes and the textbook MAC counts.
@Suite struct KerasLayerRuleTests {
  /// A Keras 3 functional model: `layers` are `(class, name, config, inputs)`,
  /// each input a layer name (or `"name:3.0"` for a number operand).
  static func functional(
    input: String = "[null, 16, 16, 3]", dtype: String = "float32", _ layers: [(String, String, String, [String])]
  ) -> String {
    var entries = [
      """
      {"module": "keras.layers", "class_name": "InputLayer", "name": "x",
       "config": {"batch_shape": \(input), "dtype": "\(dtype)", "name": "x"}, "inbound_nodes": []}
      """
    ]
    for (cls, name, config, inputs) in layers {
      let args = inputs.map { i -> String in
        if let colon = i.firstIndex(of: ":") { return String(i[i.index(after: colon)...]) }
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"\(i)\", 0, 0]}}"
      }
      let arg =
        inputs.count == 1 || cls.hasPrefix("ops.")
        ? args.joined(separator: ", ") : "[" + args.joined(separator: ", ") + "]"
      let module = cls.hasPrefix("ops.") ? "keras.src.ops.numpy" : "keras.layers"
      let className = cls.hasPrefix("ops.") ? String(cls.dropFirst(4)) : cls
      entries.append(
        """
        {"module": "\(module)", "class_name": "\(className)", "name": "\(name)",
         "config": {"name": "\(name)"\(config.isEmpty ? "" : ", " + config)},
         "inbound_nodes": [{"args": [\(arg)], "kwargs": {}}]}
        """)
    }
    let last = layers.last?.1 ?? "x"
    return """
      {"module": "keras", "class_name": "Functional", "config": {"name": "m", "layers": [\(entries.joined(separator: ",\n"))],
       "input_layers": [["x", 0, 0]], "output_layers": [["\(last)", 0, 0]]}}
      """
  }

  static func load(_ text: String, dims: [String: Int] = [:]) throws(NetCostError) -> Graph {
    let json = try JSONCParser.parse(bytes: Array(text.utf8), file: "m.json")
    return try KerasImport.load(json, file: "m.json", name: "m", options: ImportOptions(dims: dims))
  }

  static func report(_ text: String, dims: [String: Int] = [:]) throws -> Report {
    try Analyzer.analyze(try load(text, dims: dims))
  }

  static func message(_ text: String, dims: [String: Int] = [:]) -> String? {
    do {
      _ = try load(text, dims: dims)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func sameConvPadsTheOddPixelAtTheEndAsTensorFlow() throws {
    // 16 wide, kernel 4, stride 3: out = ceil(16/3) = 6; total pad = (6−1)·3 + 4 − 16 = 3 → 1 before, 2 after.
    let r = try Self.report(
      Self.functional([
        ("Conv2D", "c", "\"filters\": 5, \"kernel_size\": [4, 4], \"strides\": [3, 3], \"padding\": \"same\"", ["x"])
      ]))
    let c = try #require(r.layers.first { $0.name == "c" })
    #expect(c.outputShapes[0].dims == [1, 5, 6, 6])
    let pads = try #require(c.op.slidingWindow).window.padding.resolve(
      input: [16, 16], effectiveKernel: [4, 4], stride: [3, 3])
    #expect(pads.map { [$0.0, $0.1] } == [[1, 2], [1, 2]])
    // Params 4·4·3·5 + 5; MACs = 6·6·5 outputs × 4·4·3.
    #expect(c.cost.params == 4 * 4 * 3 * 5 + 5)
    #expect(c.cost.macs == 6 * 6 * 5 * 4 * 4 * 3)
  }

  @Test func causalConv1DPadsOnlyTheStart() throws {
    let r = try Self.report(
      Self.functional(
        input: "[null, 20, 6]",
        [("Conv1D", "c", "\"filters\": 4, \"kernel_size\": 3, \"dilation_rate\": 2, \"padding\": \"causal\"", ["x"])]))
    let c = try #require(r.layers.last)
    // Causal keeps the length: 20 steps, 4 channels (held N×C×L); pads (2·(3−1), 0).
    #expect(c.outputShapes[0].dims == [1, 4, 20])
    #expect(c.cost.macs == 20 * 4 * 3 * 6)
    #expect(c.cost.params == 3 * 6 * 4 + 4)
  }

  @Test func batchNormStatisticsAreNonTrainableBuffers() throws {
    let r = try Self.report(
      Self.functional([("BatchNormalization", "bn", "\"axis\": -1, \"center\": true, \"scale\": false", ["x"])]))
    // β only (scale=False): 3 trainable; moving mean and variance: 2·3 non-trainable.
    #expect(r.totals.params == 3)
    #expect(r.totals.buffers == 6)
  }

  @Test func sequenceModelMACsByHand() throws {
    let r = try Analyzer.analyze(try ImporterRegistry.shared.load(file: fixture("keras/SequenceModel.json").path))
    let steps = 32
    let lstm = 4 * 48 * (64 + 48) * steps  // g·H·(I + H) per step
    let gru = 3 * 40 * (48 + 40) * steps
    let birnn = 2 * 24 * (40 + 24) * steps
    let projections = 4 * steps * 48 * 64  // query, key, value (48 → 4·16) and output (64 → 48)
    let attention = 4 * steps * steps * (16 + 16)  // heads · pairs · (dqk + dv)
    let ffn = steps * 48 * 32
    let last = 4 * 16 * (32 + 16) * steps
    let head = 16 * 5
    #expect(r.totals.macs == lstm + gru + birnn + projections + attention + ffn + last + head)
  }

  @Test func kerasRecurrentBiasConventions() throws {
    // Keras LSTM: 4·(I·H + H·H + H); GRU with reset_after=False: 3·(I·H + H·H + H); with it, 3·(I·H + H·H + 2H).
    for (cls, extra, expected) in [
      ("LSTM", "", 4 * (6 * 5 + 5 * 5 + 5)), ("GRU", ", \"reset_after\": false", 3 * (6 * 5 + 5 * 5 + 5)),
      ("GRU", "", 3 * (6 * 5 + 5 * 5 + 2 * 5)), ("SimpleRNN", "", 6 * 5 + 5 * 5 + 5),
    ] {
      let r = try Self.report(Self.functional(input: "[null, 7, 6]", [(cls, "r", "\"units\": 5\(extra)", ["x"])]))
      #expect(r.totals.params == expected, "\(cls)\(extra)")
      // Without return_sequences the output is the last step.
      #expect(r.layers.last?.outputShapes[0].dims == [1, 5])
    }
  }

  @Test func tensorMathWithANumberIsElementwise() throws {
    // MobileNetV3's hard sigmoid in a Keras 3 config: (x + 3.0), ReLU(6), × (1/6).
    let r = try Self.report(
      Self.functional([
        ("ops.Add", "add", "", ["x", "n:3.0"]), ("ReLU", "relu", "\"max_value\": 6.0", ["add"]),
        ("ops.Multiply", "mul", "", ["relu", "n:0.16666666"]),
      ]))
    #expect(r.layers.map(\.type) == ["add", "relu6", "multiply"])
    #expect(r.layers.allSatisfy { $0.outputShapes[0].dims == [1, 3, 16, 16] })
  }

  @Test func aSharedLayerIsCountedOnce() throws {
    let text = """
      {"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 8]}, "inbound_nodes": []},
        {"class_name": "Dense", "name": "d", "config": {"units": 8},
         "inbound_nodes": [[["x", 0, 0, {}]], [["d", 0, 0, {}]]]}],
       "input_layers": [["x", 0, 0]], "output_layers": [["d", 1, 0]]}}
      """
    let r = try Self.report(text)
    #expect(r.layers.map(\.name) == ["d", "d#2"])
    #expect(r.totals.params == 8 * 8 + 8)
    #expect(r.totals.macs == 2 * 8 * 8)
  }

  /// The conv's parameters are 3·3·3·2 + 2 = 56 whatever the size.
  @Test func openInputSizesNeedDim() throws {
    let text = Self.functional(
      input: "[null, null, null, 3]", [("Conv2D", "c", "\"filters\": 2, \"kernel_size\": 3", ["x"])])
    #expect(
      Self.message(text)
        == "m.json:2:13: error: layer 'x': input 'x' (None, None, None, 3) leaves height and width open; give them with --dim height=N --dim width=N (its parameters do not depend on them: 56 trainable, 0 non-trainable)"
    )
    let r = try Self.report(text, dims: ["height": 10, "width": 12])
    #expect(r.layers.last?.outputShapes[0].dims == [1, 2, 8, 10])
  }

  @Test func channelsFirstIsRefusedInOneLine() {
    let m = Self.message(
      Self.functional([
        ("Conv2D", "c", "\"filters\": 2, \"kernel_size\": 3, \"data_format\": \"channels_first\"", ["x"])
      ]))
    #expect(m?.contains("layer 'c': data_format \"channels_first\" is not supported") == true, "\(m ?? "")")
  }

  @Test func multiHeadAttentionWeightsAsKerasShapesThem() throws {
    // query/key kernels (D, h, k) + biases (h, k), value (D, h, v) + (h, v), output (h, v, D) + D.
    let text = """
      {"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 10, 12]}, "inbound_nodes": []},
        {"class_name": "MultiHeadAttention", "name": "a", "config": {"num_heads": 3, "key_dim": 4, "value_dim": 5},
         "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}},
                                     {"class_name": "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}}],
                            "kwargs": {}}]}],
       "input_layers": [["x", 0, 0]], "output_layers": [["a", 0, 0]]}}
      """
    let r = try Self.report(text)
    let (d, h, k, v) = (12, 3, 4, 5)
    #expect(r.totals.params == 2 * (d * h * k + h * k) + (d * h * v + h * v) + (h * v * d + d))
    #expect(r.layers.last?.outputShapes[0].dims == [1, 10, 12])
  }
}
