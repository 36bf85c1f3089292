// netcost — Apache-2.0

import NetCost

/// Which GPU algorithms to time.
public struct GPUAlgorithmChoice: Sendable, Equatable, CustomStringConvertible {
  /// `all` or `best`: every applicable algorithm (on the GPU the direct
  /// kernel is fast enough to time on every layer, so the two are the
  /// same); or just one.
  public enum Kind: Sendable, Equatable {
    case all
    case best
    case only(GPUConvAlgorithm)
  }

  /// What was asked.
  public var kind: Kind
  /// Whether the TF32 tensor-core variants may run (and be chosen).
  public var tf32: Bool

  /// Creates a choice.
  public init(_ kind: Kind, tf32: Bool = false) {
    self.kind = kind
    self.tf32 = tf32
  }

  /// `all`, `best` or a GPU algorithm's name; a `-tf32` name implies `tf32`.
  public static func parse(_ s: String, tf32: Bool) throws(ProfileError) -> GPUAlgorithmChoice {
    switch s.lowercased() {
    case "all": return GPUAlgorithmChoice(.all, tf32: tf32)
    case "best": return GPUAlgorithmChoice(.best, tf32: tf32)
    default:
      guard let a = GPUConvAlgorithm(rawValue: s.lowercased()) else {
        throw ProfileError(
          "unknown GPU algorithm '\(s)' (known: all, best, \(GPUConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      return GPUAlgorithmChoice(.only(a), tf32: tf32 || a.precision == .tf32)
    }
  }

  /// The algorithms to time on `p`.
  public func algorithms(for p: ConvProblem) throws(ProfileError) -> [GPUConvAlgorithm] {
    switch kind {
    case .all, .best:
      return GPUConvAlgorithm.applicable(to: p, tf32: tf32)
    case .only(let a):
      if let reason = a.unsupportedReason(p) {
        throw ProfileError("GPU algorithm '\(a.rawValue)' does not apply to \(p): \(reason)")
      }
      return [a]
    }
  }

  /// The single algorithm asked for, if one was.
  public var only: GPUConvAlgorithm? {
    if case .only(let a) = kind { return a }
    return nil
  }

  public var description: String {
    let base: String
    switch kind {
    case .all: base = "all"
    case .best: base = "best"
    case .only(let a): return a.rawValue
    }
    return tf32 ? base + " (tf32 allowed)" : base
  }
}

/// Times GPU convolution kernels on random data, every result checked.
public enum GPUBench {
  /// NaN's bits: outputs are poisoned with it before each checked run, so
  /// an element a kernel does not write shows as a non-finite error.
  static let nanBits: UInt32 = 0x7FC0_0000

  /// Times each algorithm of `choice` on `problem`.
  ///
  /// Correct first: the device's `direct` kernel runs on the problem and
  /// its output is compared with the CPU direct reference on the first
  /// image (every image with `check`); every algorithm's output is then
  /// compared with the device's `direct` output on the whole batch. Each
  /// checked run starts from an output poisoned with NaN. An error over
  /// the algorithm's tolerance (`Precision.tolerance`) is thrown, not
  /// reported as a timing. Then each algorithm is timed with CUDA events
  /// around each run, after `timing.warmups` untimed runs, until
  /// `timing.minTime` and `timing.minRuns`.
  public static func run(
    _ problem: ConvProblem, choice: GPUAlgorithmChoice, device: CUDADevice, profile: GPUDeviceProfile,
    threads: Int, timing: TimingOptions, check: Bool = false, seed: UInt64 = 42
  ) throws(ProfileError) -> ConvBenchResult {
    let p = problem
    let algos = try choice.algorithms(for: p)
    let plans = try algos.map { a throws(ProfileError) in try a.plan(p) }
    let reference = try GPUConvAlgorithm.direct.plan(p)
    for plan in plans + [reference] {
      if let why = plan.problemDescription() {
        throw ProfileError("internal error: the \(plan.algorithm.rawValue) plan for \(p): \(why)")
      }
    }
    let x = FloatBuffer(count: p.inputCount!)
    let w = FloatBuffer(count: p.weightCount!)
    x.fillRandom(seed: seed)
    w.fillRandom(seed: seed &+ 1)
    let dx = try device.allocate(floats: x.count)
    let dw = try device.allocate(floats: w.count)
    let dy = try device.allocate(floats: p.outputCount!)
    let workspace = plans.map(\.workspaceFloats).max() ?? 0
    let dws = workspace > 0 ? try device.allocate(floats: workspace) : nil
    try device.upload(x.pointer, count: x.count, to: dx)
    try device.upload(w.pointer, count: w.count, to: dw)
    let addresses: [GPUBufferRole: CUdeviceptr] = [
      .input: dx.address, .weights: dw.address, .output: dy.address,
      .workspace: dws?.address ?? dy.address,
    ]
    let y = FloatBuffer(count: p.outputCount!)

    /// One checked run of `plan`: poisoned output, run, wait, copy back.
    func runOnce(_ plan: GPUPlan) throws(ProfileError) {
      try device.fill(dy, bits: nanBits)
      try plan.run(on: device, addresses: addresses)
      try device.synchronize()
      try device.download(dy, count: y.count, to: y.pointer)
    }

    // The device's reference, itself checked against the CPU's.
    try runOnce(reference)
    let ref = FloatBuffer(count: y.count)
    ref.pointer.update(from: y.pointer, count: y.count)
    let cpuProblem =
      check
      ? p
      : try ConvProblem(
        batch: 1, inChannels: p.inChannels, height: p.height, width: p.width, outChannels: p.outChannels,
        kernel: (p.kernelH, p.kernelW), stride: (p.strideH, p.strideW), dilation: (p.dilationH, p.dilationW),
        pads: (p.padTop, p.padLeft, p.padBottom, p.padRight), groups: p.groups)
    let cpu = FloatBuffer(count: cpuProblem.outputCount!)
    try ConvAlgorithm.direct.makeKernel(cpuProblem, weights: w.pointer, threads: threads).run(
      input: x.pointer, output: cpu.pointer)
    let directError = relativeL2Error(
      UnsafeBufferPointer(start: ref.pointer, count: cpu.count),
      reference: UnsafeBufferPointer(cpu.buffer))
    guard directError <= Precision.fp32.tolerance else {
      throw ProfileError(
        "the GPU direct kernel disagrees with the CPU reference on \(p)\(check ? "" : " (first image)"): "
          + "relative error \(directError), over the float32 tolerance \(Precision.fp32.tolerance)")
    }

    var timings: [AlgorithmTiming] = []
    for (algo, plan) in zip(algos, plans) {
      var error = directError
      if algo != .direct {
        try runOnce(plan)
        error = relativeL2Error(UnsafeBufferPointer(y.buffer), reference: UnsafeBufferPointer(ref.buffer))
        guard error <= algo.precision.tolerance else {
          throw ProfileError(
            "GPU algorithm '\(algo.rawValue)' gives a wrong result on \(p): relative error \(error) "
              + "against the direct kernel, over the \(algo.precision.rawValue) tolerance \(algo.precision.tolerance)")
        }
      }
      let stats = try timing.measureDurations({ () throws(ProfileError) -> Double in
        try device.time { () throws(ProfileError) in try plan.run(on: device, addresses: addresses) }
      })
      timings.append(
        AlgorithmTiming(
          algorithm: algo.rawValue, precision: algo.precision, stats: stats,
          gflops: p.flops / stats.median / 1e9, relativeError: error))
    }
    return ConvBenchResult(problem: p, threads: threads, device: .gpu(profile), timings: timings)
  }
}

extension Profiler {
  /// Profiles the conv and linear layers of `graph` on the GPU: as
  /// `profile(graph:…)` on the CPU, each unique geometry timed once with
  /// `GPUBench.run`.
  public static func profileGPU(
    graph: Graph, report: Report, choice: GPUAlgorithmChoice, device: CUDADevice,
    profile: GPUDeviceProfile, threads: Int, timing: TimingOptions,
    progress: ((Int, Int, String) -> Void)? = nil
  ) throws(ProfileError) -> ModelProfile {
    let only = choice.only.map { a in (name: a.rawValue, reason: { (p: ConvProblem) in a.unsupportedReason(p) }) }
    return try Profiler.profile(
      graph: graph, report: report, choice: choice.description, only: only, threads: threads,
      device: .gpu(profile), progress: progress
    ) { (p: ConvProblem, fallback: Bool) throws(ProfileError) in
      let c = fallback ? GPUAlgorithmChoice(.best, tf32: choice.tf32) : choice
      return try GPUBench.run(p, choice: c, device: device, profile: profile, threads: threads, timing: timing)
    }
  }
}
