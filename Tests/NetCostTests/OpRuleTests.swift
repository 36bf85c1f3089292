// netcost — Apache-2.0
//
// Shape and cost rules of individual ops, each worked by hand here.

import NetCost
import NetCostTestSupport
import Testing

@Suite("Op rules")
struct OpRuleTests {
  func one(_ input: [Int], _ layer: String, batch: Int = 1) throws -> LayerReport {
    try analyze(spec(input: input, layer), batch: batch).layers[0]
  }

  @Test("transposed conv: out = (in−1)·s − 2p + d·(k−1) + output_padding + 1; MACs over input positions")
  func convTranspose() throws {
    let l = try one(
      [64, 14, 14], #"{"type": "conv_transpose2d", "out": 32, "kernel": 4, "stride": 2, "pad": 1}"#, batch: 2)
    #expect(l.outputShapes[0].dims == [2, 32, (14 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 0 + 1, (14 - 1) * 2 - 2 + 3 + 1])
    #expect(l.cost.macs == 2 * 64 * 14 * 14 * 32 * 4 * 4)
    #expect(l.cost.params == 64 * 32 * 16 + 32)
    let op = try one(
      [8, 7, 7], #"{"type": "conv_transpose2d", "out": 8, "kernel": 3, "stride": 2, "pad": 1, "output_padding": 1}"#)
    #expect(op.outputShapes[0].dims == [1, 8, (7 - 1) * 2 - 2 + 2 + 1 + 1, 14])
  }

  @Test("ceil mode keeps a last partial window, but not one starting in the padding")
  func ceilMode() throws {
    // GoogLeNet's maxpool1: 112 → ⌈(112 − 3)/2⌉ + 1 = 56 (floor would give 55).
    #expect(
      try one([64, 112, 112], #"{"type": "max_pool2d", "kernel": 3, "stride": 2, "ceil_mode": true}"#).outputShapes[0]
        .dims == [1, 64, 56, 56])
    #expect(
      try one([64, 112, 112], #"{"type": "max_pool2d", "kernel": 3, "stride": 2}"#).outputShapes[0].dims == [
        1, 64, 55, 55,
      ])
    // 5 with k 2, s 2, pad 1: ⌈(5 + 2 − 2)/2⌉ + 1 = 4, but window 3 would start at 6 ≥ 5 + 1, so 3.
    #expect(
      try one([1, 5, 5], #"{"type": "max_pool2d", "kernel": 2, "stride": 2, "pad": 1, "ceil_mode": true}"#)
        .outputShapes[0].dims == [1, 1, 3, 3])
  }

  @Test("adaptive pooling FLOPs sum every window; 13 → 6 windows of 3 (overlapping)")
  func adaptivePool() throws {
    let l = try one([256, 13, 13], #"{"type": "adaptive_avg_pool2d", "output": 6}"#)
    #expect(l.outputShapes[0].dims == [1, 256, 6, 6])
    // Windows along one axis by PyTorch's rule [⌊i·13/6⌋, ⌈(i+1)·13/6⌉): enumerate them.
    var perAxis = 0
    for i in 0..<6 { perAxis += (((i + 1) * 13) + 5) / 6 - (i * 13) / 6 }
    #expect(perAxis == 18)
    #expect(l.cost.flops == 256 * perAxis * perAxis)
    let g = try one([2048, 7, 7], #"{"type": "adaptive_avg_pool2d", "output": 1}"#)
    #expect(g.cost.flops == 2048 * 7 * 7)
  }

  @Test("broadcasting: an SE block scales N×C×H×W by N×C×1×1")
  func broadcast() throws {
    let r = try analyze(
      spec(
        input: [64, 28, 28],
        """
        {"name": "gap", "type": "global_avg_pool"},
        {"name": "fc1", "type": "conv2d", "out": 16, "kernel": 1},
        {"name": "act", "type": "relu"},
        {"name": "fc2", "type": "conv2d", "out": 64, "kernel": 1},
        {"name": "gate", "type": "sigmoid"},
        {"name": "scale", "type": "mul", "inputs": ["x", "gate"]}
        """))
    #expect(r.layer("scale")!.outputShapes[0].dims == [1, 64, 28, 28])
    #expect(r.layer("scale")!.cost.flops == 64 * 28 * 28)
    #expect(r.totals.params == (64 * 16 + 16) + (16 * 64 + 64))
  }

  @Test("split makes several outputs, addressed as name:k; concat on any axis")
  func splitConcat() throws {
    let r = try analyze(
      spec(
        input: [6, 4, 8],
        """
        {"name": "s", "type": "split", "sizes": [2, 4]},
        {"name": "a", "type": "relu", "inputs": "s:1"},
        {"name": "w", "type": "concat", "axis": -1, "inputs": ["s", "s"]}
        """))
    #expect(r.layer("s")!.outputShapes.map(\.dims) == [[1, 2, 4, 8], [1, 4, 4, 8]])
    #expect(r.layer("a")!.outputShapes[0].dims == [1, 4, 4, 8])
    #expect(r.layer("w")!.outputShapes[0].dims == [1, 2, 4, 16])
  }

  @Test("flatten, reshape with −1, permute, pad, slice, crop, upsample, channel shuffle")
  func dataMovement() throws {
    let r = try analyze(
      spec(
        input: [8, 6, 6],
        """
        {"name": "p", "type": "pad", "pads": [[1, 2], [0, 1]]},
        {"name": "c", "type": "crop", "crop": [[1, 2], [0, 1]]},
        {"name": "sl", "type": "slice", "axes": [2, 3], "starts": [1, 0], "ends": [-1, 6], "steps": [1, 2]},
        {"name": "up", "type": "upsample", "scale": 2, "mode": "bilinear"},
        {"name": "sh", "type": "channel_shuffle", "groups": 4},
        {"name": "t", "type": "permute", "perm": [0, 2, 3, 1]},
        {"name": "v", "type": "reshape", "shape": [-1, 8]},
        {"name": "f", "type": "flatten"}
        """))
    #expect(r.layer("p")!.outputShapes[0].dims == [1, 8, 6 + 3, 6 + 1])
    #expect(r.layer("c")!.outputShapes[0].dims == [1, 8, 6, 6])
    #expect(r.layer("sl")!.outputShapes[0].dims == [1, 8, 4, 3])
    #expect(r.layer("up")!.outputShapes[0].dims == [1, 8, 8, 6])
    // Bilinear: 4 multiplies + 3 adds per output element.
    #expect(r.layer("up")!.cost.flops == 7 * 8 * 8 * 6)
    #expect(r.layer("t")!.outputShapes[0].dims == [1, 8, 6, 8])
    #expect(r.layer("v")!.outputShapes[0].dims == [1, 48, 8])
    #expect(r.layer("f")!.outputShapes[0].dims == [1, 384])
    #expect(r.zeroCostOps.map(\.type) == ["pad", "crop", "slice", "channel_shuffle", "permute", "reshape", "flatten"])
  }

  @Test("conv 1-D and 3-D, SAME with asymmetric pads, stride and dilation")
  func convRanks() throws {
    let c1 = try one([16, 100], #"{"type": "conv1d", "out": 32, "kernel": 5, "stride": 2, "pad": "same"}"#)
    #expect(c1.outputShapes[0].dims == [1, 32, 50])
    #expect(c1.cost.macs == 32 * 50 * 16 * 5)
    let c3 = try one(
      [3, 16, 112, 112],
      #"{"type": "conv3d", "out": 64, "kernel": [3, 7, 7], "stride": [1, 2, 2], "pad": [1, 3, 3], "bias": false}"#)
    #expect(c3.outputShapes[0].dims == [1, 64, 16, 56, 56])
    #expect(c3.cost.params == 64 * 3 * 3 * 7 * 7)
    let dil = try one([8, 28, 28], #"{"type": "conv2d", "out": 8, "kernel": 3, "dilation": 2, "pad": 2}"#)
    #expect(dil.outputShapes[0].dims == [1, 8, 28, 28])
  }

  @Test("norms: instance norm has no params by default, group norm 2·C; PReLU slopes are params")
  func norms() throws {
    #expect(try one([32, 8, 8], #"{"type": "instance_norm"}"#).cost.params == 0)
    #expect(try one([32, 8, 8], #"{"type": "group_norm", "groups": 8}"#).cost.params == 2 * 32)
    #expect(try one([32, 8, 8], #"{"type": "group_norm", "groups": 8}"#).cost.flops == 7 * 32 * 8 * 8)
    #expect(try one([32, 8, 8], #"{"type": "prelu"}"#).cost.params == 32)
    #expect(try one([32, 8, 8], #"{"type": "prelu", "shared": true}"#).cost.params == 1)
    // LRN over n = 5 channels: 2n + 3 per element.
    #expect(try one([32, 8, 8], #"{"type": "lrn", "size": 5}"#).cost.flops == (2 * 5 + 3) * 32 * 8 * 8)
  }

  @Test("softmax over n classes: n exps, n − 1 adds, n divides")
  func softmax() throws {
    #expect(try one([1000], #"{"type": "softmax"}"#, batch: 4).cost.flops == 4 * (3 * 1000 - 1))
  }

  @Test("Darknet convention reports FLOPs as 2 × MACs")
  func darknetFlops() throws {
    let r = try analyze(
      spec(input: [3, 32, 32], #"{"type": "conv2d", "out": 16, "kernel": 3, "pad": 1}, {"type": "relu"}"#),
      convention: .darknet)
    #expect(r.totals.flops == 2 * 32 * 32 * 16 * 3 * 9)
    #expect(r.layers[1].cost.flops == 0)
  }

  @Test("batch scales MACs, FLOPs and activations linearly; params do not change")
  func batchScaling() throws {
    let s = try String(contentsOf: repoRoot.appendingPathComponent("Models/resnet18.json"), encoding: .utf8)
    let one = try analyze(s)
    let sixteen = try analyze(s, batch: 16)
    #expect(sixteen.totals.macs == 16 * one.totals.macs)
    #expect(sixteen.totals.flops == 16 * one.totals.flops)
    #expect(sixteen.totals.activationBytes == 16 * one.totals.activationBytes)
    #expect(sixteen.totals.params == one.totals.params)
  }

  @Test("peak memory by liveness: a residual keeps its skip tensor alive")
  func liveness() throws {
    // Input 4 KB (1×1×32×32 fp32 = 4,096 B). a = relu(x); b = relu(a); c = add(a, b).
    let r = try analyze(
      spec(
        input: [1, 32, 32],
        """
        {"name": "a", "type": "relu"},
        {"name": "b", "type": "relu"},
        {"name": "c", "type": "add", "inputs": ["a", "b"]}
        """))
    let t = 32 * 32 * 4
    // Step a: x + a live; x dies. Step b: a + b. Step c: a + b + c (all live), then a, b die.
    #expect(r.totals.peakActivationBytes == 3 * t)
    #expect(r.totals.peakLayer == "c")
    #expect(r.totals.activationBytes == 3 * t)
  }

  @Test(
    "absurd sizes never trap: every op either analyzes or reports an error",
    arguments: [
      #"{"type": "conv2d", "out": 4611686018427387904, "kernel": 1}"#,
      #"{"type": "conv2d", "out": 2, "kernel": 4611686018427387904}"#,
      #"{"type": "conv2d", "out": 2, "kernel": 3, "dilation": 4611686018427387904}"#,
      #"{"type": "conv2d", "out": 2, "kernel": 3, "pad": 9223372036854775807}"#,
      #"{"type": "conv2d", "out": 2, "kernel": 3, "stride": 9223372036854775807, "pad": "same"}"#,
      #"{"type": "max_pool2d", "kernel": 2, "stride": 9223372036854775807, "ceil_mode": true}"#,
      #"{"type": "conv_transpose2d", "out": 2, "kernel": 3, "stride": 4611686018427387904}"#,
      #"{"type": "conv_transpose2d", "out": 2, "kernel": 4611686018427387904, "dilation": 4}"#,
      #"{"type": "local_conv", "out": 4611686018427387904, "kernel": 1}"#,
      #"{"type": "linear", "out": 9223372036854775807}"#,
      #"{"type": "adaptive_avg_pool2d", "output": 9223372036854775807}"#,
      #"{"type": "upsample", "scale": 1e300}"#,
      #"{"type": "pad", "pads": 9223372036854775807}"#,
      #"{"type": "reshape", "shape": [9223372036854775807, 2]}"#,
      #"{"type": "lrn", "size": 9223372036854775807}"#,
      #"{"type": "split", "sizes": [9223372036854775807, 9223372036854775807]}"#,
      #"{"type": "layer_norm"}"#,
      // Found by fuzzing: the transposed conv's receptive-field arithmetic.
      #"{"type": "conv_transpose", "out": 1, "kernel": 1, "stride": 4611686018427387904}"#,
      #"{"type": "conv_transpose", "out": 1, "kernel": 2, "dilation": 4611686018427387909, "pad": [[4611686018427387904, 0], 0]}"#,
      #"{"type": "split", "parts": 10000000, "axis": 0}"#,
    ])
  func noTrap(_ layer: String) {
    // Reaching the end without a crash is the check; the result must be a
    // report or a NetCostError that names the layer.
    do { _ = try analyze(spec(input: [3, 8, 8], layer)) } catch { #expect(error.description.contains("error:")) }
  }

  @Test(
    "absurd sizes in sequence ops never trap (found by fuzzing)",
    arguments: [
      #"{"type": "lstm", "hidden": 4611686018427387904, "bidirectional": true}"#,
      #"{"type": "gru", "hidden": 3037000500, "layers": 3}"#,
      #"{"type": "matmul", "inputs": ["x", "x"], "transpose_b": true}"#,
      #"{"type": "layer_norm"}"#,
    ])
  func noTrapSequence(_ layer: String) {
    do { _ = try analyze(spec(input: [4_611_686_018_427_387_904, 1], layer)) } catch {
      #expect(error.description.contains("error:"))
    }
    do { _ = try analyze(spec(input: [3, 4_611_686_018_427_387_904], layer)) } catch {
      #expect(error.description.contains("error:"))
    }
  }

  @Test("matmul: NumPy batching and broadcasting; MACs = batch·M·K·N")
  func matmul() throws {
    let r = try analyze(
      spec(
        input: [12, 197, 64],
        """
        {"name": "kt", "type": "transpose", "perm": [0, 1, 3, 2]},
        {"name": "scores", "type": "matmul", "inputs": ["x", "kt"]},
        {"name": "ctx", "type": "matmul", "inputs": ["scores", "x"]},
        {"name": "tb", "type": "matmul", "inputs": ["x", "x"], "transpose_b": true}
        """))
    let s = r.layer("scores")!
    #expect(s.outputShapes[0].dims == [1, 12, 197, 197])
    #expect(s.cost.macs == 12 * 197 * 64 * 197)
    #expect(s.cost.flops == 12 * 197 * 197 * (2 * 64 - 1))
    #expect(r.layer("ctx")!.outputShapes[0].dims == [1, 12, 197, 64])
    #expect(r.layer("tb")!.cost.macs == s.cost.macs)
    #expect(r.totals.params == 0)
    // Batch axes broadcast: 2×1×4×8 by 3×8×5 → 2×3×4×5.
    let b = try analyze(
      """
      {"inputs": [{"name": "a", "shape": [1, 4, 8]}, {"name": "b", "shape": [8, 5]}],
       "layers": [{"name": "p", "type": "matmul", "inputs": ["a", "b"]}]}
      """, batch: 3)
    #expect(b.layers[0].outputShapes[0].dims == [3, 3, 4, 5])
    #expect(b.layers[0].cost.macs == 3 * 3 * 4 * 8 * 5)
    let bad = errorMessage(
      #"{"inputs": [{"name": "a", "shape": [4, 8]}, {"name": "b", "shape": [7, 5]}], "layers": [{"name": "p", "type": "matmul", "inputs": ["a", "b"]}]}"#
    )
    #expect(bad?.contains("matmul inner dimensions differ") == true)
  }

  @Test("layer_norm over the last axis: 2·D params; 5 + 2 FLOPs per element")
  func layerNorm() throws {
    let l = try one([197, 768], #"{"type": "layer_norm"}"#)
    #expect(l.outputShapes[0].dims == [1, 197, 768])
    #expect(l.cost.params == 2 * 768)
    #expect(l.cost.flops == 7 * 197 * 768)
    let two = try one([4, 8, 8], #"{"type": "layer_norm", "axis": 1, "bias": false}"#)
    #expect(two.cost.params == 4 * 8 * 8)
    #expect(two.cost.flops == 6 * 4 * 8 * 8)
  }

  @Test("reductions, unary math, gather, expand, embedding, pow, cast")
  func onnxOps() throws {
    let mean = try one([64, 7, 7], #"{"type": "reduce_mean", "axes": [2, 3], "keepdims": false}"#)
    #expect(mean.outputShapes[0].dims == [1, 64])
    #expect(mean.cost.flops == 64 * 7 * 7)
    #expect(mean.receptiveField == .global)
    let erf = try one([3072], #"{"type": "erf"}"#)
    #expect(erf.cost.flops == 3072)
    #expect(try one([10], #"{"type": "clip", "min": 0, "max": 1}"#).cost.flops == 2 * 10)
    let g = try one([197, 768], #"{"type": "gather", "axis": 1, "indices": []}"#)
    #expect(g.outputShapes[0].dims == [1, 768])
    #expect(g.costKind == .zeroCost)
    #expect(
      try one([197, 768], #"{"type": "gather", "axis": 1, "indices": [2, 3]}"#).outputShapes[0].dims == [1, 2, 3, 768])
    #expect(try one([1, 768], #"{"type": "expand", "shape": [4, 5, 1]}"#).outputShapes[0].dims == [4, 5, 768])
    let e = try analyze(
      #"{"inputs": [{"name": "ids", "shape": [128], "dtype": "int64"}], "layers": [{"type": "embedding", "vocab": 30522, "dim": 768}]}"#
    ).layers[0]
    #expect(e.outputShapes[0].dims == [1, 128, 768])
    #expect(e.cost.params == 30522 * 768)
    let r = try analyze(
      spec(input: [8], #"{"name": "sq", "type": "pow", "inputs": ["x", "x"]}, {"name": "c", "type": "cast"}"#))
    #expect(r.layer("sq")!.cost.flops == 8)
    #expect(r.layer("c")!.costKind == .zeroCost)
  }
}
