// netcost — Apache-2.0
//
// The GPU algorithms without a GPU: each algorithm's plan (the very steps
// CUDADevice runs) on the CPU emulator (GPUEmulator.swift): the CUDA C
// kernels compiled with a C++ compiler, every CUDA thread a fiber with real
// barriers, blocks' threads run first-to-last and last-to-first, cuBLAS's
// SGEMM by its definition (TF32 rounding for the -tf32 variants). Outputs
// start as NaN, buffers sit between guard zones, and every result is
// compared with the CPU direct reference on random data of odd sizes.

import Foundation
import NetCostProfile
import Testing

extension GPUKernelTests {
  static let emulator: KernelEmulator? = try? KernelEmulator.shared.get()
  static let unavailable = "no C++ compiler (g++, clang++ or c++) on PATH: the GPU kernels are not emulated"
}

/// Runs `plan` on the emulator: the output, after checking that no guard
/// zone was written and that the input and weights are unchanged.
func emulate(
  _ plan: GPUPlan, x: FloatBuffer, w: FloatBuffer, on emulator: KernelEmulator, reverse: Bool,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> [Float] {
  try KernelEmulator.lock.withLock { _ in
    let memory = EmulatedMemory(plan, x: x, w: w)
    emulator.reverse = reverse
    try plan.run(on: emulator, addresses: memory.addresses)
    #expect(
      memory.overrun.isEmpty, "\(plan.algorithm) on \(plan.problem) wrote outside \(memory.overrun)",
      sourceLocation: sourceLocation)
    #expect(
      Array(memory.contents(.input)) == x.array, "\(plan.algorithm) wrote its input", sourceLocation: sourceLocation)
    #expect(
      Array(memory.contents(.weights)) == w.array, "\(plan.algorithm) wrote its weights", sourceLocation: sourceLocation
    )
    return Array(memory.contents(.output))
  }
}

/// Every applicable GPU algorithm (or those given), TF32 variants included,
/// on `p` against the CPU direct reference, with both thread orders.
func checkGPUAgainstReference(
  _ p: ConvProblem, algorithms: [GPUConvAlgorithm]? = nil, workspaceLimit: Int = GPUConvAlgorithm.workspaceLimit,
  seed: UInt64 = 7, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let emulator = try #require(GPUKernelTests.emulator)
  let x = FloatBuffer(count: p.inputCount!)
  let w = FloatBuffer(count: p.weightCount!)
  x.fillRandom(seed: seed)
  w.fillRandom(seed: seed &+ 1)
  let ref = FloatBuffer(count: p.outputCount!)
  try ConvAlgorithm.direct.makeKernel(p, weights: w.pointer, threads: 1).run(input: x.pointer, output: ref.pointer)
  let algos = algorithms ?? GPUConvAlgorithm.applicable(to: p, tf32: true)
  #expect(!algos.isEmpty)
  for algo in algos {
    let plan = try algo.plan(p, workspaceLimit: workspaceLimit)
    #expect(
      plan.problemDescription() == nil, "\(algo) on \(p): \(plan.problemDescription() ?? "")",
      sourceLocation: sourceLocation)
    for reverse in [false, true] {
      let y = try emulate(plan, x: x, w: w, on: emulator, reverse: reverse, sourceLocation: sourceLocation)
      let err = y.withUnsafeBufferPointer { relativeL2Error($0, reference: UnsafeBufferPointer(ref.buffer)) }
      #expect(
        err <= algo.precision.tolerance,
        "\(algo) on \(p)\(reverse ? ", threads last to first" : ""): relative error \(err) (tolerance \(algo.precision.tolerance))",
        sourceLocation: sourceLocation)
    }
  }
}

@Suite("GPU kernels, emulated on the CPU", .serialized)
struct GPUKernelTests {
  @Test(
    "the kernel source compiles as C++ with the emulation header, every warning an error; each kernel is in the table",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func compiles() throws {
    let e: KernelEmulator
    switch KernelEmulator.shared {
    case .success(let s): e = s
    case .failure(let error):
      Issue.record("\(error)")
      return
    }
    for name in GPUKernels.names {
      #expect(GPUKernels.source.contains("extern \"C\" __global__ void") && GPUKernels.source.contains("\(name)("))
      #expect(e.arity(name) > 0, "\(name) is not in the emulator's table")
    }
    // ConvShape is as many ints as GPUKernels.shape gives (a static_assert in the unit), and the
    // conv kernels take it by value after their pointers.
    #expect(
      e.arity("nc_implicit_gemm") == 4 && e.parameterSize("nc_implicit_gemm", 3) == 4 * GPUKernels.shapeFields.count)
    #expect(e.parameterSize("nc_direct", 0) == 8)
  }

  @Test(
    "direct: odd sizes, stride 2, dilation 2, asymmetric pads, groups, batch > 1",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func direct() throws {
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 5, height: 13, width: 11, outChannels: 7, kernel: (3, 3),
        pads: (1, 1, 1, 1)), algorithms: [.direct])
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 6, height: 15, width: 9, outChannels: 9, kernel: (3, 5),
        stride: (2, 2), dilation: (2, 1), pads: (2, 1, 0, 3), groups: 3), algorithms: [.direct])
  }

  @Test(
    "depthwise: stride 2, dilation, asymmetric pads, a channel multiplier",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func depthwise() throws {
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 5, height: 13, width: 11, outChannels: 5, kernel: (3, 3),
        stride: (2, 2), pads: (1, 1, 1, 1), groups: 5))
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 4, height: 15, width: 17, outChannels: 8, kernel: (5, 3),
        stride: (1, 2), dilation: (2, 3), pads: (3, 0, 1, 4), groups: 4))
  }

  @Test(
    "im2col + sgemm (and TF32): groups 1 and 3, stride 2, dilation 2, chunks of images",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func im2col() throws {
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 5, height: 13, width: 11, outChannels: 7, kernel: (3, 3),
        stride: (2, 2), dilation: (2, 2), pads: (2, 1, 1, 2)),
      algorithms: [.im2col, .im2colTF32])
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 6, height: 9, width: 12, outChannels: 9, kernel: (3, 3),
        pads: (1, 1, 1, 1), groups: 3),
      algorithms: [.im2col, .im2colTF32])
    // A workspace of two images' columns: 5 images in chunks of 2, 2, 1.
    let p = try ConvProblem(
      batch: 5, inChannels: 4, height: 7, width: 9, outChannels: 6, kernel: (3, 3), pads: (1, 1, 1, 1), groups: 2)
    let perImage = p.groups * p.inPerGroup * 9 * p.outPlane
    let plan = try GPUConvAlgorithm.im2col.plan(p, workspaceLimit: 2 * perImage)
    #expect(plan.workspaceFloats == 2 * perImage)
    #expect(plan.steps.filter { if case .launch = $0 { true } else { false } }.count == 3)
    try checkGPUAgainstReference(p, algorithms: [.im2col], workspaceLimit: 2 * perImage)
    try checkGPUAgainstReference(p, algorithms: [.im2col], workspaceLimit: 1)
  }

  @Test(
    "gemm1x1 and sgemm (and TF32): the column-major cuBLAS calls compute the row-major products",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func gemms() throws {
    try checkGPUAgainstReference(
      ConvProblem(batch: 3, inChannels: 7, height: 9, width: 13, outChannels: 11, kernel: (1, 1)),
      algorithms: [.gemm1x1, .gemm1x1TF32, .im2col, .implicitGemm])
    try checkGPUAgainstReference(
      ConvProblem(batch: 7, inChannels: 33, height: 1, width: 1, outChannels: 19, kernel: (1, 1)),
      algorithms: [.sgemm, .sgemmTF32, .gemm1x1, .direct])
  }

  @Test(
    "implicit-gemm: several 64×64 tiles in both directions, partial tiles, k-steps with a remainder, groups, stride, dilation",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func implicitGemm() throws {
    // 70 output channels: two row tiles, the second 6 rows; 2·11·9 = 198 positions: 4 column tiles;
    // 5·9 = 45 reduction rows: 3 k-steps, the last of 13.
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 5, height: 11, width: 9, outChannels: 70, kernel: (3, 3),
        pads: (1, 1, 1, 1)), algorithms: [.implicitGemm])
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 3, inChannels: 6, height: 15, width: 13, outChannels: 9, kernel: (3, 3),
        stride: (2, 2), dilation: (2, 2), pads: (2, 0, 1, 2), groups: 3),
      algorithms: [.implicitGemm])
    // Depthwise through the GEMM (one row a group), and a 7×7 stride-2 stem.
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 3, height: 9, width: 8, outChannels: 6, kernel: (3, 3),
        pads: (1, 1, 1, 1), groups: 3), algorithms: [.implicitGemm])
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 1, inChannels: 3, height: 23, width: 21, outChannels: 8, kernel: (7, 7),
        stride: (2, 2), pads: (3, 3, 3, 3)), algorithms: [.implicitGemm])
  }

  @Test(
    "every applicable algorithm on a ResNet-like 3×3 layer and on a 1×1 shortcut",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func everyAlgorithm() throws {
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 17, height: 10, width: 10, outChannels: 67, kernel: (3, 3),
        pads: (1, 1, 1, 1)))
    try checkGPUAgainstReference(
      ConvProblem(
        batch: 2, inChannels: 16, height: 9, width: 9, outChannels: 20, kernel: (1, 1),
        stride: (2, 2)))
  }

  @Test(
    "TF32 rounding is visible: its error on K = 576 is above the float32 tolerance and under the TF32 one",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func tf32Error() throws {
    // So an fp32 GEMM that silently ran on TF32 tensor cores would fail the float32 check on the device.
    let emulator = try #require(Self.emulator)
    let p = try ConvProblem(
      batch: 1, inChannels: 64, height: 8, width: 8, outChannels: 16, kernel: (3, 3), pads: (1, 1, 1, 1))
    let x = FloatBuffer(count: p.inputCount!)
    let w = FloatBuffer(count: p.weightCount!)
    x.fillRandom(seed: 3)
    w.fillRandom(seed: 4)
    let ref = FloatBuffer(count: p.outputCount!)
    try ConvAlgorithm.direct.makeKernel(p, weights: w.pointer, threads: 1).run(input: x.pointer, output: ref.pointer)
    var errors: [GPUConvAlgorithm: Double] = [:]
    for algo in [GPUConvAlgorithm.im2col, .im2colTF32] {
      let y = try emulate(algo.plan(p), x: x, w: w, on: emulator, reverse: false)
      errors[algo] = y.withUnsafeBufferPointer { relativeL2Error($0, reference: UnsafeBufferPointer(ref.buffer)) }
    }
    #expect(errors[.im2col]! < 1e-6)
    #expect(
      errors[.im2colTF32]! > Precision.fp32.tolerance && errors[.im2colTF32]! < Precision.tf32.tolerance,
      "TF32 error \(errors[.im2colTF32]!)")
  }

  @Test(
    "the peak measurement's random fill: every float written, in ±[0.1, 1), both signs, none zero",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func fillRandom() throws {
    let emulator = try #require(Self.emulator)
    let count = 1000
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count + 1)
    defer { buffer.deallocate() }
    buffer.initialize(repeating: .nan, count: count + 1)
    try KernelEmulator.lock.withLock { _ in
      try emulator.launch(
        GPUKernels.fillRandom(count: count, seed: 9), addresses: [.output: CUdeviceptr(UInt(bitPattern: buffer))])
    }
    let values = Array(UnsafeBufferPointer(start: buffer, count: count))
    #expect(values.allSatisfy { abs($0) >= 0.1 && abs($0) < 1 }, "\(values.prefix(8))")
    #expect(values.contains { $0 < 0 } && values.contains { $0 > 0 })
    #expect(Set(values).count > 990)
    #expect(buffer[count].isNaN, "wrote past the count")
  }

  @Test(
    "the emulator catches a missing barrier: the tiled kernel without either __syncthreads() gives wrong results",
    .enabled(if: Toolchain.cxx != nil, Comment(rawValue: unavailable)))
  func missingBarrier() throws {
    // What makes the emulator worth trusting for the tiled kernel: a race is not hidden.
    let p = try ConvProblem(
      batch: 2, inChannels: 5, height: 11, width: 9, outChannels: 70, kernel: (3, 3), pads: (1, 1, 1, 1))
    let x = FloatBuffer(count: p.inputCount!)
    let w = FloatBuffer(count: p.weightCount!)
    x.fillRandom(seed: 5)
    w.fillRandom(seed: 6)
    let ref = FloatBuffer(count: p.outputCount!)
    try ConvAlgorithm.direct.makeKernel(p, weights: w.pointer, threads: 1).run(input: x.pointer, output: ref.pointer)
    let barrier = "    __syncthreads();\n"
    let source = GPUKernels.source
    #expect(source.components(separatedBy: barrier).count == 3, "the tiled kernel has two barriers")
    for drop in 0..<2 {
      var parts = source.components(separatedBy: barrier)
      let after = parts.remove(at: drop + 1)
      parts[drop] += after  // joined around the dropped barrier
      let mutant = try KernelEmulator(source: parts.joined(separator: barrier))
      var worst = 0.0
      for reverse in [false, true] {
        let y = try emulate(GPUConvAlgorithm.implicitGemm.plan(p), x: x, w: w, on: mutant, reverse: reverse)
        worst = max(
          worst, y.withUnsafeBufferPointer { relativeL2Error($0, reference: UnsafeBufferPointer(ref.buffer)) })
      }
      #expect(worst > 1e-2, "without barrier \(drop + 1) the error is only \(worst)")
    }
    // And the real kernel passes its barriers: 3 k-steps × 2 barriers × 8 blocks.
    let e = try #require(Self.emulator)
    let before = e.barriers
    _ = try emulate(GPUConvAlgorithm.implicitGemm.plan(p), x: x, w: w, on: e, reverse: false)
    #expect(e.barriers - before == 3 * 2 * 8)
  }
}

@Suite("GPU plans and loader choices (no compiler needed)")
struct GPUPlanTests {
  @Test("every plan of every applicable algorithm is valid: launches within CUDA's limits, GEMMs within their buffers")
  func plansAreValid() throws {
    var rng = SplitMix64(seed: 11)
    var checked = 0
    for _ in 0..<300 {
      let g = [1, 1, 2, 3][Int(rng.next() % 4)]
      let cin = g * Int(1 + rng.next() % 9)
      let cout = g * Int(1 + rng.next() % 40)
      let k = (Int(1 + rng.next() % 5), Int(1 + rng.next() % 5))
      let s = (Int(1 + rng.next() % 3), Int(1 + rng.next() % 3))
      let d = (Int(1 + rng.next() % 2), Int(1 + rng.next() % 2))
      let pads = (Int(rng.next() % 3), Int(rng.next() % 3), Int(rng.next() % 3), Int(rng.next() % 3))
      guard
        let p = try? ConvProblem(
          batch: Int(1 + rng.next() % 5), inChannels: cin, height: Int(1 + rng.next() % 30),
          width: Int(1 + rng.next() % 30), outChannels: cout, kernel: k, stride: s, dilation: d,
          pads: pads, groups: g)
      else { continue }
      for algo in GPUConvAlgorithm.applicable(to: p, tf32: true) {
        for limit in [GPUConvAlgorithm.workspaceLimit, 1 + Int(rng.next() % 5000)] {
          let plan = try algo.plan(p, workspaceLimit: limit)
          #expect(plan.problemDescription() == nil, "\(algo) on \(p): \(plan.problemDescription() ?? "")")
          checked += 1
        }
      }
    }
    #expect(checked > 500)
  }

  @Test("plan checks catch a GEMM outside its buffer, a bad leading dimension, too many threads")
  func badPlans() throws {
    let p = try ConvProblem(batch: 2, inChannels: 3, height: 5, width: 5, outChannels: 4, kernel: (1, 1))
    var plan = try GPUConvAlgorithm.gemm1x1.plan(p)
    guard case .gemm(var g) = plan.steps[0] else {
      Issue.record("gemm1x1 is one GEMM")
      return
    }
    g.batch = 3
    plan.steps = [.gemm(g)]
    #expect(plan.problemDescription()?.contains("buffer") == true)
    g.batch = 2
    g.lda = 4
    plan.steps = [.gemm(g)]
    #expect(plan.problemDescription()?.contains("lda") == true)
    var direct = try GPUConvAlgorithm.direct.plan(p)
    guard case .launch(var l) = direct.steps[0] else {
      Issue.record("direct is one launch")
      return
    }
    l.block = (2048, 1, 1)
    direct.steps = [.launch(l)]
    #expect(direct.problemDescription()?.contains("threads per block") == true)
  }

  @Test("applicability and choices: TF32 only when asked, names, reasons")
  func applicability() throws {
    let conv = try ConvProblem(inChannels: 4, height: 8, width: 8, outChannels: 4, kernel: (3, 3), groups: 2)
    #expect(GPUConvAlgorithm.applicable(to: conv, tf32: false) == [.direct, .im2col, .implicitGemm])
    #expect(GPUConvAlgorithm.applicable(to: conv, tf32: true) == [.direct, .im2col, .im2colTF32, .implicitGemm])
    let linear = try ConvProblem(batch: 8, inChannels: 6, height: 1, width: 1, outChannels: 5, kernel: (1, 1))
    #expect(
      GPUConvAlgorithm.applicable(to: linear, tf32: false) == [.direct, .im2col, .gemm1x1, .implicitGemm, .sgemm])
    let dw = try ConvProblem(inChannels: 6, height: 8, width: 8, outChannels: 12, kernel: (3, 3), groups: 6)
    #expect(GPUConvAlgorithm.depthwise.unsupportedReason(dw) == nil)
    #expect(GPUConvAlgorithm.gemm1x1.unsupportedReason(dw)?.contains("1×1") == true)
    #expect(try GPUAlgorithmChoice.parse("im2col-tf32", tf32: false).tf32)
    #expect(
      try GPUAlgorithmChoice.parse("best", tf32: false).algorithms(for: conv) == [.direct, .im2col, .implicitGemm])
    #expect(throws: ProfileError.self) { try GPUAlgorithmChoice.parse("winograd", tf32: false) }
    #expect(throws: ProfileError.self) { try GPUAlgorithmChoice.parse("depthwise", tf32: false).algorithms(for: conv) }
    #expect(GPUConvAlgorithm.im2colTF32.precision == .tf32 && GPUConvAlgorithm.implicitGemm.precision == .fp32)
  }

  @Test("NVRTC target: the device's own sm_XY, else PTX for the newest older architecture, else none")
  func nvrtcTarget() {
    let archs = [50, 60, 70, 75, 80, 86, 89, 90]
    #expect(NVRTCTarget.choose(major: 9, minor: 0, supported: archs, cubin: true)! == (90, true))
    #expect(NVRTCTarget.choose(major: 9, minor: 0, supported: archs, cubin: false)! == (90, false))
    #expect(NVRTCTarget.choose(major: 12, minor: 0, supported: archs, cubin: true)! == (90, false))
    #expect(NVRTCTarget.choose(major: 8, minor: 7, supported: archs, cubin: true)! == (86, false))
    #expect(NVRTCTarget.choose(major: 3, minor: 5, supported: archs, cubin: true) == nil)
    #expect(NVRTCTarget.choose(major: 9, minor: 0, supported: nil, cubin: true)! == (90, true))
  }

  @Test("ConvShape: the fields the kernels declare, in order, one Int32 each")
  func shape() throws {
    let p = try ConvProblem(
      batch: 2, inChannels: 6, height: 9, width: 11, outChannels: 8, kernel: (3, 5), stride: (2, 1),
      dilation: (1, 2), pads: (1, 2, 0, 3), groups: 2)
    let s = GPUKernels.shape(p)
    #expect(s.count == GPUKernels.shapeFields.count)
    let fields = Dictionary(uniqueKeysWithValues: zip(GPUKernels.shapeFields, s))
    #expect(fields["n"] == 2 && fields["c"] == 6 && fields["h"] == 9 && fields["w"] == 11 && fields["k"] == 8)
    #expect(fields["oh"] == Int32(p.outHeight) && fields["ow"] == Int32(p.outWidth))
    #expect(
      fields["kh"] == 3 && fields["kw"] == 5 && fields["sh"] == 2 && fields["sw"] == 1 && fields["dh"] == 1
        && fields["dw"] == 2)
    #expect(fields["pt"] == 1 && fields["pl"] == 2 && fields["g"] == 2 && fields["cg"] == 3 && fields["kg"] == 4)
    // The struct in the source declares the same names in the same order.
    let src = GPUKernels.source
    let start = try #require(src.range(of: "struct ConvShape {"))
    let end = try #require(src.range(of: "};", range: start.upperBound..<src.endIndex))
    let declared = src[start.upperBound..<end.lowerBound].split(separator: "\n").flatMap { line -> [String] in
      let code = line.split(separator: "/", maxSplits: 1).first ?? ""
      return code.split(whereSeparator: { ", ;".contains($0) }).map(String.init).filter { $0 != "int" }
    }
    #expect(declared == GPUKernels.shapeFields)
  }
}
