// netcost — Apache-2.0
//
// Every kernel against the direct reference, on random data (never zeros)
// of odd sizes, with outputs poisoned with NaN before each run so an
// element a kernel forgets to write shows up as an infinite error.

import CNetCostKernels
import NetCostProfile
import Testing

/// Runs every applicable algorithm (or those given) on `p` with 1 and 3
/// threads, at the best instruction-set level and at the baseline one, and
/// checks each against the direct reference (computed single-threaded).
func checkAgainstReference(
  _ p: ConvProblem, algorithms: [ConvAlgorithm]? = nil, seed: UInt64 = 1,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let x = FloatBuffer(count: p.inputCount!)
  let w = FloatBuffer(count: p.weightCount!)
  x.fillRandom(seed: seed)
  w.fillRandom(seed: seed &+ 1)
  let ref = FloatBuffer(count: p.outputCount!)
  ref.fill(.nan)
  try ConvAlgorithm.direct.makeKernel(p, weights: w.pointer, threads: 1).run(input: x.pointer, output: ref.pointer)
  #expect(
    ref.array.allSatisfy { $0.isFinite }, "reference left elements unwritten for \(p)", sourceLocation: sourceLocation)
  let algos = algorithms ?? ConvAlgorithm.applicable(to: p)
  let out = FloatBuffer(count: p.outputCount!)
  defer { _ = nc_set_level(-1) }
  for level in Set([nc_supported_level(), 0]).sorted() {
    _ = nc_set_level(level)
    for algo in algos {
      for threads in [1, 3] {
        let kernel = try algo.makeKernel(p, weights: w.pointer, threads: threads)
        for _ in 0..<2 {  // twice: a second run must not depend on leftovers
          out.fill(.nan)
          kernel.run(input: x.pointer, output: out.pointer)
          let err = relativeL2Error(UnsafeBufferPointer(out.buffer), reference: UnsafeBufferPointer(ref.buffer))
          #expect(
            err < 1e-4,
            "\(algo) on \(p), \(threads) threads, \(String(cString: nc_level_name(Int32(level)))): relative error \(err)",
            sourceLocation: sourceLocation)
        }
      }
    }
  }
}

@Suite("Convolution kernels against the direct reference")
struct KernelTests {
  @Test("im2col: odd sizes, stride 2, dilation 2, asymmetric pads, batch > 1")
  func im2col() throws {
    try checkAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 5, height: 13, width: 11, outChannels: 7, kernel: (3, 3),
        pads: (1, 1, 1, 1)))
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 3, height: 17, width: 15, outChannels: 9, kernel: (5, 3),
        stride: (2, 2), pads: (2, 1, 1, 0)))
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 4, height: 19, width: 21, outChannels: 6, kernel: (3, 3),
        dilation: (2, 2), pads: (2, 2, 2, 2)))
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 3, height: 23, width: 23, outChannels: 8, kernel: (7, 7),
        stride: (2, 3), dilation: (1, 2), pads: (3, 0, 2, 4)))
  }

  @Test("im2col: tiles that span images and threads (many columns, a large K)")
  func im2colTiles() throws {
    // 5 images of 9×9 outputs: column tiles cross image boundaries.
    try checkAgainstReference(
      ConvProblem(
        batch: 5, inChannels: 65, height: 9, width: 9, outChannels: 11, kernel: (3, 3),
        pads: (1, 1, 1, 1)), algorithms: [.im2col, .winograd, .winograd4x4])
    // Stride 2 1×1 (a ResNet shortcut).
    try checkAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 6, height: 15, width: 15, outChannels: 5, kernel: (1, 1),
        stride: (2, 2)))
  }

  @Test("gemm1x1: odd sizes, batch not a multiple of the threads")
  func gemm1x1() throws {
    try checkAgainstReference(
      ConvProblem(batch: 5, inChannels: 7, height: 9, width: 13, outChannels: 11, kernel: (1, 1)))
    try checkAgainstReference(
      ConvProblem(batch: 1, inChannels: 33, height: 3, width: 5, outChannels: 17, kernel: (1, 1)))
  }

  @Test("winograd: odd outputs, asymmetric and zero pads, batch > 1")
  func winograd() throws {
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 5, height: 13, width: 11, outChannels: 7, kernel: (3, 3),
        pads: (1, 1, 1, 1)))
    try checkAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 3, height: 20, width: 37, outChannels: 4, kernel: (3, 3),
        pads: (0, 2, 1, 0)))
    try checkAgainstReference(ConvProblem(batch: 1, inChannels: 2, height: 3, width: 3, outChannels: 3, kernel: (3, 3)))
    // Rows wide enough for the 8-tile vector paths of both tile sizes, with odd remainders.
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 7, height: 11, width: 75, outChannels: 13, kernel: (3, 3),
        pads: (1, 1, 1, 1)))
    try checkAgainstReference(
      ConvProblem(
        batch: 4, inChannels: 9, height: 7, width: 7, outChannels: 10, kernel: (3, 3),
        pads: (1, 1, 1, 1)))
  }

  @Test("winograd with large weights: threads share each block (transformed weights over 4 MB)")
  func winogradCooperative() throws {
    // 36 · 176 · 176 floats of F(4×4) weights = 4.5 MB.
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 176, height: 7, width: 9, outChannels: 176, kernel: (3, 3),
        pads: (1, 1, 1, 1)), algorithms: [.winograd, .winograd4x4])
  }

  @Test("winograd-dilated: dilation 2 and 3, asymmetric pads, odd sizes")
  func winogradDilated() throws {
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 5, height: 13, width: 11, outChannels: 7, kernel: (3, 3),
        dilation: (2, 2), pads: (2, 2, 2, 2)))
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 4, height: 17, width: 40, outChannels: 6, kernel: (3, 3),
        dilation: (3, 2), pads: (1, 3, 4, 0)))
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 3, height: 6, width: 5, outChannels: 2, kernel: (3, 3),
        dilation: (2, 1), pads: (0, 0, 0, 0)))
  }

  @Test("depthwise: stride 1 and 2, dilation, asymmetric pads, a channel multiplier, wide rows")
  func depthwise() throws {
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 5, height: 13, width: 11, outChannels: 5, kernel: (3, 3),
        pads: (1, 1, 1, 1), groups: 5))
    try checkAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 3, height: 17, width: 75, outChannels: 3, kernel: (3, 3),
        stride: (2, 2), pads: (1, 1, 1, 1), groups: 3))
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 4, height: 15, width: 41, outChannels: 8, kernel: (5, 3),
        stride: (1, 2), dilation: (2, 3), pads: (3, 0, 1, 4), groups: 4))
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 2, height: 9, width: 70, outChannels: 2, kernel: (3, 9),
        stride: (3, 3), pads: (4, 4, 0, 2), groups: 2))
  }

  @Test("grouped: small and large groups, stride 2, dilation 2")
  func grouped() throws {
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 12, height: 11, width: 13, outChannels: 8, kernel: (3, 3),
        pads: (1, 1, 1, 1), groups: 4))
    try checkAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 6, height: 15, width: 9, outChannels: 9, kernel: (3, 3),
        stride: (2, 2), dilation: (2, 2), pads: (2, 1, 0, 2), groups: 3))
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 40, height: 7, width: 9, outChannels: 40, kernel: (3, 3),
        pads: (1, 1, 1, 1), groups: 2))
    // 5 output channels per group (a partial block of 4), 19-wide rows (a 16-block, then scalars).
    try checkAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 6, height: 9, width: 19, outChannels: 10, kernel: (3, 3),
        pads: (1, 1, 1, 1), groups: 2))
    // More taps than one chunk (17 input channels × 9 = 153 > 128), stride 2 rows of 8 + scalars.
    try checkAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 34, height: 7, width: 27, outChannels: 6, kernel: (3, 3),
        stride: (1, 2), pads: (0, 1, 2, 1), groups: 2))
  }

  @Test("sgemm: a linear layer is a 1×1 convolution of a 1×1 image")
  func linear() throws {
    try checkAgainstReference(
      ConvProblem(batch: 7, inChannels: 33, height: 1, width: 1, outChannels: 19, kernel: (1, 1)))
  }

  @Test("applicability: each algorithm says why it does not apply")
  func applicability() throws {
    let p = try ConvProblem(
      inChannels: 4, height: 8, width: 8, outChannels: 4, kernel: (3, 3), stride: (2, 2), groups: 2)
    #expect(ConvAlgorithm.applicable(to: p) == [.direct, .grouped, .groupedDirect])
    #expect(ConvAlgorithm.winograd.unsupportedReason(p)?.contains("stride 1") == true)
    let w = FloatBuffer(count: 72)
    w.fill(1)
    #expect(throws: ProfileError.self) { try ConvAlgorithm.im2col.makeKernel(p, weights: w.pointer, threads: 1) }
    let dw = try ConvProblem(inChannels: 6, height: 8, width: 8, outChannels: 6, kernel: (3, 3), groups: 6)
    #expect(ConvAlgorithm.applicable(to: dw) == [.direct, .depthwise, .grouped, .groupedDirect])
    let one = try ConvProblem(inChannels: 6, height: 8, width: 8, outChannels: 6, kernel: (1, 1))
    #expect(ConvAlgorithm.applicable(to: one) == [.direct, .im2col, .gemm1x1])
    #expect(throws: ProfileError.self) { try ConvAlgorithm.named("fft") }
  }

  @Test("impossible layers are errors")
  func impossible() {
    #expect(throws: ProfileError.self) {
      try ConvProblem(inChannels: 6, height: 8, width: 8, outChannels: 4, kernel: (3, 3), groups: 4)
    }
    #expect(throws: ProfileError.self) {
      try ConvProblem(inChannels: 3, height: 2, width: 8, outChannels: 4, kernel: (3, 3))
    }
    #expect(throws: ProfileError.self) {
      try ConvProblem(inChannels: 3, height: 8, width: 8, outChannels: 0, kernel: (3, 3))
    }
    #expect(throws: ProfileError.self) {
      try ConvProblem(inChannels: 3, height: 8, width: 8, outChannels: 4, kernel: (3, 3), pads: (-1, 0, 0, 0))
    }
  }
}
