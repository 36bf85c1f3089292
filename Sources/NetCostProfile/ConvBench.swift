// netcost — Apache-2.0

/// Which algorithms to time.
public enum AlgorithmChoice: Sendable, Equatable, CustomStringConvertible {
  /// Every applicable algorithm, the direct reference included.
  case all
  /// Every applicable algorithm but the direct reference, unless the layer
  /// is small (the reference is slow), or it is the only one.
  case best
  /// Just this one (an error where it does not apply).
  case only(ConvAlgorithm)

  /// `all`, `best` or an algorithm's name.
  public static func parse(_ s: String) throws(ProfileError) -> AlgorithmChoice {
    switch s.lowercased() {
    case "all": return .all
    case "best": return .best
    default:
      guard let a = ConvAlgorithm(rawValue: s.lowercased()) else {
        throw ProfileError(
          "unknown algorithm '\(s)' (known: all, best, \(ConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      return .only(a)
    }
  }

  /// The layers up to this many MACs get the direct reference under `best`.
  public static let directLimit = 20_000_000

  /// The algorithms to time on `p`.
  public func algorithms(for p: ConvProblem) throws(ProfileError) -> [ConvAlgorithm] {
    switch self {
    case .all:
      return ConvAlgorithm.applicable(to: p)
    case .best:
      let fast = ConvAlgorithm.applicable(to: p).filter { $0 != .direct }
      return fast.isEmpty || p.macs <= Self.directLimit ? ConvAlgorithm.applicable(to: p) : fast
    case .only(let a):
      if let reason = a.unsupportedReason(p) {
        throw ProfileError("algorithm '\(a.rawValue)' does not apply to \(p): \(reason)")
      }
      return [a]
    }
  }

  public var description: String {
    switch self {
    case .all: "all"
    case .best: "best"
    case .only(let a): a.rawValue
    }
  }
}

/// One algorithm's timing on one problem.
public struct AlgorithmTiming: Sendable {
  /// The algorithm's name (a `ConvAlgorithm` on the CPU, a
  /// `GPUConvAlgorithm` on the GPU).
  public var algorithm: String
  /// Its arithmetic.
  public var precision: Precision
  /// Run times, seconds.
  public var stats: SampleStats
  /// 2·MACs / median time, in GFLOP/s.
  public var gflops: Double
  /// Relative L2 error against the direct reference, when it was computed.
  public var relativeError: Double?

  /// Creates a timing.
  public init(
    algorithm: String, precision: Precision = .fp32, stats: SampleStats, gflops: Double, relativeError: Double?
  ) {
    self.algorithm = algorithm
    self.precision = precision
    self.stats = stats
    self.gflops = gflops
    self.relativeError = relativeError
  }
}

/// Every timed algorithm on one problem, and the device it ran on.
public struct ConvBenchResult: Sendable {
  /// The layer.
  public var problem: ConvProblem
  /// CPU threads used (on the GPU: for the CPU reference).
  public var threads: Int
  /// Where it ran: peak and bandwidth.
  public var device: ComputeDevice
  /// One entry per algorithm timed, fastest (by median) first.
  public var timings: [AlgorithmTiming]

  /// Creates a result; `timings` are sorted fastest first.
  public init(problem: ConvProblem, threads: Int, device: ComputeDevice, timings: [AlgorithmTiming]) {
    self.problem = problem
    self.threads = threads
    self.device = device
    self.timings = timings.sorted { $0.stats.median < $1.stats.median }
  }

  /// The fastest algorithm.
  public var best: AlgorithmTiming { timings[0] }
  /// FLOPs per byte of input, weights and output.
  public var intensity: Double { problem.arithmeticIntensity }
  /// "compute" when the intensity is at least the device's (float32)
  /// balance, else "memory".
  public var bound: String { intensity >= device.balance ? "compute" : "memory" }
  /// The roofline's (float32) ceiling for this layer, GFLOP/s.
  public var roof: Double { device.roof(intensity: intensity) }
  /// A timing as a percentage of the device's peak in its precision.
  public func percentOfPeak(_ t: AlgorithmTiming) -> Double { 100 * t.gflops / device.peakGFLOPS(t.precision) }
  /// A timing as a percentage of the roofline's ceiling for this layer in its precision.
  public func percentOfRoof(_ t: AlgorithmTiming) -> Double {
    100 * t.gflops / device.roof(intensity: intensity, precision: t.precision)
  }
}

/// Times convolution kernels on random data.
public enum ConvBench {
  /// Times each algorithm of `choice` on `problem` with `threads` threads.
  /// With `check`, every output is compared with the direct reference
  /// (computed once, untimed unless the reference is itself timed).
  public static func run(
    _ problem: ConvProblem, choice: AlgorithmChoice, threads: Int, timing: TimingOptions,
    machine: MachineProfile, check: Bool = false, seed: UInt64 = 42
  ) throws(ProfileError) -> ConvBenchResult {
    let algos = try choice.algorithms(for: problem)
    let x = FloatBuffer(count: problem.inputCount!)
    let w = FloatBuffer(count: problem.weightCount!)
    x.fillRandom(seed: seed)
    w.fillRandom(seed: seed &+ 1)
    let y = FloatBuffer(count: problem.outputCount!)
    var reference: FloatBuffer?
    if check && !algos.contains(.direct) {
      let r = FloatBuffer(count: problem.outputCount!)
      try ConvAlgorithm.direct.makeKernel(problem, weights: w.pointer, threads: threads).run(
        input: x.pointer, output: r.pointer)
      reference = r
    }
    var timings: [AlgorithmTiming] = []
    // The reference first, so the others can be checked against it.
    for algo in algos.sorted(by: { ($0 == .direct ? 0 : 1, $0) < ($1 == .direct ? 0 : 1, $1) }) {
      let kernel = try algo.makeKernel(problem, weights: w.pointer, threads: threads)
      y.fill(.nan)
      let stats = timing.measure { kernel.run(input: x.pointer, output: y.pointer) }
      var error: Double?
      if algo == .direct && (check || algos.count > 1) {
        let r = FloatBuffer(count: y.count)
        r.pointer.update(from: y.pointer, count: y.count)
        reference = r
      } else if let reference {
        error = relativeL2Error(UnsafeBufferPointer(y.buffer), reference: UnsafeBufferPointer(reference.buffer))
      }
      timings.append(
        AlgorithmTiming(
          algorithm: algo.rawValue, stats: stats, gflops: problem.flops / stats.median / 1e9,
          relativeError: error))
    }
    return ConvBenchResult(problem: problem, threads: threads, device: .cpu(machine), timings: timings)
  }
}
