// netcost — Apache-2.0
//
// Every worked example of ../shared/SEEDS-DIGEST.md (the interview notes the
// product grew from), each computed by hand in the test.

import NetCost
import NetCostTestSupport
import Testing

@Suite("Seed examples")
struct SeedExampleTests {
  @Test("conv params: 28×28×192 input, 3×3, 128 filters with bias = (3·3·192 + 1)·128 = 221,312")
  func convParams() throws {
    let r = try analyze(spec(input: [192, 28, 28], #"{"type": "conv2d", "out": 128, "kernel": 3, "pad": 1}"#))
    #expect(r.totals.params == (3 * 3 * 192 + 1) * 128)
    #expect(r.totals.params == 221_312)
    let noBias = try analyze(
      spec(input: [192, 28, 28], #"{"type": "conv2d", "out": 128, "kernel": 3, "pad": 1, "bias": false}"#))
    #expect(noBias.totals.params == 3 * 3 * 192 * 128)
  }

  @Test("conv FLOPs: 5×5 input, 3×3 kernel, 1→1 channel: 17 per output pixel, 153 in all (no bias)")
  func convFlops153() throws {
    let r = try analyze(spec(input: [1, 5, 5], #"{"type": "conv2d", "out": 1, "kernel": 3, "bias": false}"#))
    #expect(r.layers[0].outputShapes[0].dims == [1, 1, 3, 3])
    #expect(r.totals.flops == (2 * 1 * 9 - 1) * 3 * 3 * 1)
    #expect(r.totals.flops == 153)
    #expect(r.totals.macs == 9 * 9)
    // With bias the n-th add is the bias: 2·Cin·K² per output.
    let b = try analyze(spec(input: [1, 5, 5], #"{"type": "conv2d", "out": 1, "kernel": 3}"#))
    #expect(b.totals.flops == 2 * 1 * 9 * 3 * 3 * 1)
  }

  @Test("naive Inception module with C1 = 16, no bias: (1·1 + 3·3 + 5·5 + 0)·C1·C1 = 8,960 weights")
  func inceptionNaive() throws {
    let c1 = 16
    let r = try analyze(
      spec(
        input: [c1, 28, 28],
        """
        {"name": "b1", "type": "conv2d", "inputs": "x", "out": 16, "kernel": 1, "bias": false},
        {"name": "b2", "type": "conv2d", "inputs": "x", "out": 16, "kernel": 3, "pad": "same", "bias": false},
        {"name": "b3", "type": "conv2d", "inputs": "x", "out": 16, "kernel": 5, "pad": "same", "bias": false},
        {"name": "b4", "type": "max_pool2d", "inputs": "x", "kernel": 3, "stride": 1, "pad": 1},
        {"name": "cat", "type": "concat", "inputs": ["b1", "b2", "b3", "b4"]}
        """))
    #expect(r.totals.params == (1 * 1 + 3 * 3 + 5 * 5 + 0) * c1 * c1)
    #expect(r.totals.params == 8_960)
    #expect(r.layer("cat")!.outputShapes[0].dims == [1, 4 * c1, 28, 28])
  }

  /// The notes give (1·1·(3·C1 + C2) + 3·3·C2 + 5·5·C2)·C1 = 5,248 for the
  /// module with 1×1 reductions to C2 = 8. The module they draw (GoogLeNet's)
  /// has 1×1 convs C1→C1, C1→C2, C1→C2 and (after pooling) C1→C1, i.e.
  /// (2·C1 + 2·C2)·C1 weights in 1×1 convs, not (3·C1 + C2)·C1; the real
  /// total is 5,120. The test pins the structure; the 128 difference is the
  /// notes' arithmetic.
  @Test("Inception module with 1×1 reductions (C1 = 16, C2 = 8): (2·C1 + 2·C2 + 9·C2 + 25·C2)·C1 weights")
  func inceptionReduced() throws {
    let c1 = 16
    let c2 = 8
    let r = try analyze(
      spec(
        input: [c1, 28, 28],
        """
        {"name": "b1", "type": "conv2d", "inputs": "x", "out": 16, "kernel": 1, "bias": false},
        {"name": "b2r", "type": "conv2d", "inputs": "x", "out": 8, "kernel": 1, "bias": false},
        {"name": "b2", "type": "conv2d", "out": 16, "kernel": 3, "pad": "same", "bias": false},
        {"name": "b3r", "type": "conv2d", "inputs": "x", "out": 8, "kernel": 1, "bias": false},
        {"name": "b3", "type": "conv2d", "out": 16, "kernel": 5, "pad": "same", "bias": false},
        {"name": "b4p", "type": "max_pool2d", "inputs": "x", "kernel": 3, "stride": 1, "pad": 1},
        {"name": "b4", "type": "conv2d", "out": 16, "kernel": 1, "bias": false},
        {"name": "cat", "type": "concat", "inputs": ["b1", "b2", "b3", "b4"]}
        """))
    #expect(r.totals.params == (2 * c1 + 2 * c2 + 9 * c2 + 25 * c2) * c1)
    #expect(r.totals.params == 5_120)
    // The notes' figure, for the record: 128 = C1·C2 more than the module has.
    #expect((1 * 1 * (3 * c1 + c2) + 3 * 3 * c2 + 5 * 5 * c2) * c1 - r.totals.params == c1 * c2)
  }

  @Test("1×1 channel reduction: 24×24×3 input, two 3×3×128 convs vs 3×3×128, 1×1×64, 3×3×128")
  func bottleneckMacs() throws {
    let plain = try analyze(
      spec(
        input: [3, 24, 24],
        """
        {"type": "conv2d", "out": 128, "kernel": 3, "pad": 1},
        {"type": "conv2d", "out": 128, "kernel": 3, "pad": 1}
        """))
    #expect(plain.totals.macs == 24 * 24 * 3 * 3 * 3 * 128 + 24 * 24 * 128 * 3 * 3 * 128)
    let reduced = try analyze(
      spec(
        input: [3, 24, 24],
        """
        {"type": "conv2d", "out": 128, "kernel": 3, "pad": 1},
        {"type": "conv2d", "out": 64, "kernel": 1},
        {"type": "conv2d", "out": 128, "kernel": 3, "pad": 1}
        """))
    #expect(reduced.totals.macs == 24 * 24 * 3 * 3 * 3 * 128 + 24 * 24 * 128 * 1 * 1 * 64 + 24 * 24 * 64 * 3 * 3 * 128)
    #expect(reduced.totals.macs < plain.totals.macs)
  }

  @Test("output size: out = ⌊(in − k + 2p)/s⌋ + 1; VALID pads 0, SAME keeps the size at stride 1, FULL pads k − 1")
  func namedPadding() throws {
    func out(_ input: Int, _ k: Int, _ s: Int, _ pad: String) throws -> [Int] {
      let r = try analyze(
        spec(
          input: [1, input, input],
          "{\"type\": \"conv2d\", \"out\": 1, \"kernel\": \(k), \"stride\": \(s), \"pad\": \(pad)}"))
      return Array(r.layers[0].outputShapes[0].dims.dropFirst(2))
    }
    #expect(try out(5, 3, 1, "\"valid\"") == [(5 - 3) / 1 + 1, (5 - 3) / 1 + 1])
    #expect(try out(5, 3, 1, "\"same\"") == [5, 5])
    #expect(try out(5, 3, 1, "\"full\"") == [(5 + 3 - 2) / 1 + 1, (5 + 3 - 2) / 1 + 1])
    #expect(try out(7, 3, 2, "\"full\"") == [(7 + 3 - 2) / 2 + 1, (7 + 3 - 2) / 2 + 1])
    #expect(try out(32, 5, 1, "2") == [(32 - 5 + 2 * 2) / 1 + 1, (32 - 5 + 2 * 2) / 1 + 1])
    // TensorFlow SAME at stride 2: ceil(in / s), padding may be asymmetric.
    #expect(try out(224, 7, 2, "\"same\"") == [112, 112])
    #expect(try out(5, 3, 2, "\"same\"") == [3, 3])
    // The pad SAME chooses: total = (out − 1)·s + k − in = 111·2 + 7 − 224 = 5, split 2 before and 3 after,
    // which explicit [[2, 3], [2, 3]] reproduces.
    #expect(try out(224, 7, 2, "[[2, 3], [2, 3]]") == [112, 112])
    #expect(try out(224, 7, 2, "[[3, 2], [3, 2]]") == [112, 112])
  }

  @Test("dilation d turns kernel k into an effective d·(k − 1) + 1")
  func dilation() throws {
    let r = try analyze(spec(input: [1, 32, 32], #"{"type": "conv2d", "out": 1, "kernel": 3, "dilation": 2}"#))
    #expect(r.layers[0].outputShapes[0].dims == [1, 1, 32 - (2 * (3 - 1) + 1) + 1, 32 - (2 * (3 - 1) + 1) + 1])
    #expect(r.totals.params == 3 * 3 + 1)
  }

  @Test("depthwise separable, no bias: k·k·Cin + Cin·Cout params; with bias 2·K²·H·W·Cin + 2·Cin·H·W·Cout FLOPs")
  func depthwiseSeparable() throws {
    let (cin, cout, k, h) = (32, 64, 3, 56)
    let nb = try analyze(
      spec(
        input: [cin, h, h],
        """
        {"type": "conv2d", "depthwise": true, "kernel": 3, "pad": 1, "bias": false},
        {"type": "conv2d", "out": 64, "kernel": 1, "bias": false}
        """))
    #expect(nb.totals.params == k * k * cin + cin * cout)
    let b = try analyze(
      spec(
        input: [cin, h, h],
        """
        {"type": "conv2d", "depthwise": true, "kernel": 3, "pad": 1},
        {"type": "conv2d", "out": 64, "kernel": 1}
        """))
    #expect(b.totals.flops == 2 * k * k * h * h * cin + 2 * cin * h * h * cout)
  }

  @Test("group conv divides the weights by the number of groups")
  func groupConv() throws {
    let r = try analyze(
      spec(
        input: [128, 56, 56], #"{"type": "conv2d", "out": 128, "kernel": 3, "pad": 1, "groups": 32, "bias": false}"#))
    #expect(r.totals.params == 3 * 3 * 128 * 128 / 32)
    #expect(r.totals.macs == 56 * 56 * 128 * (128 / 32) * 9)
  }

  @Test("fully connected: I·O + O params, (2I − 1)·O FLOPs without bias, 2·I·O with")
  func fullyConnected() throws {
    let (i, o) = (4096, 1000)
    let r = try analyze(spec(input: [i], #"{"type": "linear", "out": 1000}"#))
    #expect(r.totals.params == i * o + o)
    #expect(r.totals.flops == 2 * i * o)
    let nb = try analyze(spec(input: [i], #"{"type": "linear", "out": 1000, "bias": false}"#))
    #expect(nb.totals.flops == (2 * i - 1) * o)
  }

  @Test("pooling has no params; windowed K²·Hout·Wout·C FLOPs, global H·W·C")
  func pooling() throws {
    let r = try analyze(
      spec(
        input: [64, 112, 112],
        """
        {"name": "p", "type": "max_pool2d", "kernel": 2},
        {"name": "g", "type": "global_avg_pool"}
        """))
    #expect(r.totals.params == 0)
    #expect(r.layer("p")!.cost.flops == 2 * 2 * 56 * 56 * 64)
    #expect(r.layer("g")!.cost.flops == 56 * 56 * 64)
  }

  @Test("ReLU costs 1 per element, sigmoid 4")
  func activations() throws {
    let r = try analyze(
      spec(
        input: [8, 10, 10],
        """
        {"name": "r", "type": "relu"}, {"name": "s", "type": "sigmoid"}
        """))
    #expect(r.layer("r")!.cost.flops == 10 * 10 * 8)
    #expect(r.layer("s")!.cost.flops == 4 * 10 * 10 * 8)
  }

  @Test("BatchNorm: 2·C learnable (γ, β) and 2·C running statistics as buffers")
  func batchNorm() throws {
    let r = try analyze(spec(input: [64, 8, 8], #"{"type": "batch_norm"}"#))
    #expect(r.totals.params == 2 * 64)
    #expect(r.totals.buffers == 2 * 64)
  }

  @Test("local (unshared) conv: out_h·out_w·k·k·Cin·Cout weights plus out_h·out_w·Cout biases")
  func localConv() throws {
    let r = try analyze(spec(input: [16, 12, 12], #"{"type": "local_conv", "out": 8, "kernel": 3}"#))
    #expect(r.totals.params == 10 * 10 * 3 * 3 * 16 * 8 + 10 * 10 * 8)
    let nb = try analyze(spec(input: [16, 12, 12], #"{"type": "local_conv", "out": 8, "kernel": 3, "bias": false}"#))
    #expect(nb.totals.params == 10 * 10 * 3 * 3 * 16 * 8)
  }

  @Test("two stacked 3×3 convs cost fewer parameters than one 5×5 with the same channels")
  func stackedSmallKernels() throws {
    let c = 64
    let two = try analyze(
      spec(
        input: [c, 32, 32],
        #"{"type": "conv2d", "out": 64, "kernel": 3, "bias": false}, {"type": "conv2d", "out": 64, "kernel": 3, "bias": false}"#
      ))
    let one = try analyze(spec(input: [c, 32, 32], #"{"type": "conv2d", "out": 64, "kernel": 5, "bias": false}"#))
    #expect(two.totals.params == 2 * 9 * c * c)
    #expect(one.totals.params == 25 * c * c)
    #expect(two.layers.last!.outputShapes == one.layers.last!.outputShapes)
  }
}
