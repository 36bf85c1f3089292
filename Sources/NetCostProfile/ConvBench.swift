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
        throw ProfileError("unknown algorithm '\(s)' (known: all, best, \(ConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))")
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
    case let .only(a):
      if let reason = a.unsupportedReason(p) { throw ProfileError("algorithm '\(a.rawValue)' does not apply to \(p): \(reason)") }
      return [a]
    }
  }

  public var description: String {
    switch self {
    case .all: "all"
    case .best: "best"
    case let .only(a): a.rawValue
    }
  }
}

/// One algorithm's timing on one problem.
public struct AlgorithmTiming: Sendable {
  /// The algorithm.
  public var algorithm: ConvAlgorithm
  /// Run times, seconds.
  public var stats: SampleStats
  /// 2·MACs / median time, in GFLOP/s.
  public var gflops: Double
  /// Relative L2 error against the direct reference, when it was computed.
  public var relativeError: Double?
}

/// Every timed algorithm on one problem, and the machine it ran on.
public struct ConvBenchResult: Sendable {
  /// The layer.
  public var problem: ConvProblem
  /// Threads used.
  public var threads: Int
  /// Peak and bandwidth.
  public var machine: MachineProfile
  /// One entry per algorithm timed, fastest (by median) first.
  public var timings: [AlgorithmTiming]

  /// The fastest algorithm.
  public var best: AlgorithmTiming { timings[0] }
  /// FLOPs per byte of input, weights and output.
  public var intensity: Double { problem.arithmeticIntensity }
  /// "compute" when the intensity is at least the machine balance, else "memory".
  public var bound: String { intensity >= machine.balance ? "compute" : "memory" }
  /// The roofline's ceiling for this layer, GFLOP/s.
  public var roof: Double { machine.roof(intensity: intensity) }
  /// A timing as a percentage of the machine's peak.
  public func percentOfPeak(_ t: AlgorithmTiming) -> Double { 100 * t.gflops / machine.peakGFLOPS }
  /// A timing as a percentage of the roofline's ceiling for this layer.
  public func percentOfRoof(_ t: AlgorithmTiming) -> Double { 100 * t.gflops / roof }
}

/// Times convolution kernels on random data.
public enum ConvBench {
  /// Times each algorithm of `choice` on `problem` with `threads` threads.
  /// With `check`, every output is compared with the direct reference
  /// (computed once, untimed unless the reference is itself timed).
  public static func run(_ problem: ConvProblem, choice: AlgorithmChoice, threads: Int, timing: TimingOptions,
                         machine: MachineProfile, check: Bool = false, seed: UInt64 = 42) throws(ProfileError) -> ConvBenchResult {
    let algos = try choice.algorithms(for: problem)
    let x = FloatBuffer(count: problem.inputCount!), w = FloatBuffer(count: problem.weightCount!)
    x.fillRandom(seed: seed)
    w.fillRandom(seed: seed &+ 1)
    let y = FloatBuffer(count: problem.outputCount!)
    var reference: FloatBuffer?
    if check && !algos.contains(.direct) {
      let r = FloatBuffer(count: problem.outputCount!)
      try ConvAlgorithm.direct.makeKernel(problem, weights: w.pointer, threads: threads).run(input: x.pointer, output: r.pointer)
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
      timings.append(AlgorithmTiming(algorithm: algo, stats: stats, gflops: problem.flops / stats.median / 1e9, relativeError: error))
    }
    timings.sort { $0.stats.median < $1.stats.median }
    return ConvBenchResult(problem: problem, threads: threads, machine: machine, timings: timings)
  }
}
