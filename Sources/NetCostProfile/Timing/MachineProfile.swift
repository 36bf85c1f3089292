// netcost — Apache-2.0

import CNetCostKernels
import Dispatch

/// What this machine can do, measured: the floating-point peak (an FMA
/// micro-benchmark) and the memory bandwidth (a STREAM triad), the two
/// roofs of the roofline model.
public struct MachineProfile: Sendable, Equatable {
  /// Threads the peak and bandwidth were measured with.
  public var threads: Int
  /// float32 GFLOP/s of one thread: 12 independent multiply-add chains on
  /// vector registers of the widest kind the processor has.
  public var peakGFLOPSPerThread: Double
  /// float32 GFLOP/s of all threads running the same chains at once.
  public var peakGFLOPS: Double
  /// The instruction set of the chains ("avx512f", "avx2+fma", "sse2").
  public var isa: String
  /// Triad bandwidth, GB/s (10⁹ bytes; 12 bytes per element: two reads, one write).
  public var bandwidthGBs: Double
  /// The BLAS behind the GEMM kernels.
  public var blas: String
  /// Why the all-threads peak is below threads × one thread's, when it is
  /// (``PeakEstimate``).
  public var peakNote: String?
  /// When the figures were measured (seconds since 1970), for figures read
  /// from the machine cache; nil for figures measured or given in this run.
  public var cachedAt: Int?
  /// Whether other processes used a noticeable share of the CPUs while the
  /// peak was measured; such figures are used for this run but not cached.
  public var disturbed = false

  /// Creates a profile from known figures.
  public init(
    threads: Int, peakGFLOPSPerThread: Double, peakGFLOPS: Double, isa: String, bandwidthGBs: Double, blas: String,
    peakNote: String? = nil, cachedAt: Int? = nil
  ) {
    self.threads = threads
    self.peakGFLOPSPerThread = peakGFLOPSPerThread
    self.peakGFLOPS = peakGFLOPS
    self.isa = isa
    self.bandwidthGBs = bandwidthGBs
    self.blas = blas
    self.peakNote = peakNote
    self.cachedAt = cachedAt
  }

  /// Machine balance: FLOPs per byte at which the two roofs meet. A kernel
  /// of lower arithmetic intensity cannot reach the peak: memory bounds it.
  public var balance: Double { peakGFLOPS / bandwidthGBs }

  /// The best GFLOP/s a kernel of this arithmetic intensity can reach:
  /// min(peak, intensity × bandwidth).
  public func roof(intensity: Double) -> Double { min(peakGFLOPS, intensity * bandwidthGBs) }

  /// Measures peak and bandwidth with `threads` threads (about half a
  /// second); a figure given (`peakGFLOPS` for all threads, `bandwidthGBs`)
  /// is taken as it is instead.
  public static func measure(threads: Int, peakGFLOPS known: Double? = nil, bandwidthGBs knownBandwidth: Double? = nil)
    -> MachineProfile
  {
    let t = max(1, threads)
    let estimate: PeakEstimate
    if let known {
      estimate = PeakEstimate(perThread: known / Double(t), all: known)
    } else {
      let start = CPUUsage.now()
      let single = peakRounds(threads: 1, rounds: 9)
      let all = t == 1 ? single : peakRounds(threads: t, rounds: 15)
      let load = start.flatMap { s in CPUUsage.now().map { $0.foreign(since: s, cpus: MachineCache.onlineCPUs()).share }
      }
      estimate = PeakEstimate.combine(single: single, all: all, threads: t, foreignLoad: load)
    }
    var m = MachineProfile(
      threads: t, peakGFLOPSPerThread: estimate.perThread, peakGFLOPS: estimate.all,
      isa: String(cString: nc_level_name(nc_level())), bandwidthGBs: knownBandwidth ?? bandwidth(threads: t),
      blas: blasDescription, peakNote: estimate.note)
    m.disturbed = estimate.disturbed
    return m
  }

  /// The figures from `cache` when it holds this machine's (and nothing is
  /// given or `remeasure` asked), else measured and saved there. A figure
  /// given (`peakGFLOPS`, `bandwidthGBs`) is taken as it is and never cached.
  public static func cached(
    threads: Int, peakGFLOPS known: Double? = nil, bandwidthGBs knownBandwidth: Double? = nil,
    cache: MachineCache?, remeasure: Bool, now: Int,
    measure: (Int, Double?, Double?) -> MachineProfile = { measure(threads: $0, peakGFLOPS: $1, bandwidthGBs: $2) }
  ) -> MachineProfile {
    guard let cache, known == nil || knownBandwidth == nil else {
      return measure(threads, known, knownBandwidth)
    }
    let key = MachineCache.key(threads: max(1, threads))
    if !remeasure, var saved = cache.load(key: key) {
      // A figure given on the command line wins over the saved one.
      if let known {
        saved.peakGFLOPS = known
        saved.peakGFLOPSPerThread = known / Double(saved.threads)
        saved.peakNote = nil
      }
      if let knownBandwidth { saved.bandwidthGBs = knownBandwidth }
      return saved
    }
    let fresh = measure(threads, nil, nil)
    // A peak measured while other processes ran is used for this run only.
    if !fresh.disturbed { cache.save(fresh, key: key, at: now) }
    var m = fresh
    if let known {
      m.peakGFLOPS = known
      m.peakGFLOPSPerThread = known / Double(m.threads)
      m.peakNote = nil
    }
    if let knownBandwidth { m.bandwidthGBs = knownBandwidth }
    return m
  }

  /// GFLOP/s of each of `rounds` rounds, each ~20 ms per thread.
  static func peakRounds(threads: Int, rounds: Int) -> [Double] {
    var sink: Float = 0
    // Calibrate: iterations for about 20 ms on one thread.
    var iters = 1 << 16
    while true {
      let t0 = monotonicSeconds()
      _ = nc_fma_peak(iters, &sink)
      if monotonicSeconds() - t0 > 0.005 || iters > 1 << 30 { break }
      iters *= 2
    }
    iters *= 4
    var results: [Double] = []
    for _ in 0..<rounds {
      let flops = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
      defer { flops.deallocate() }
      let t0 = monotonicSeconds()
      parallelFor(threads, threads: threads) { i, _ in
        var s: Float = 0
        flops[i] = nc_fma_peak(iters, &s)
      }
      let dt = monotonicSeconds() - t0
      results.append(flops.reduce(0, +) / dt / 1e9)
    }
    return results
  }

  /// Best of 5 triads over three 64 MB arrays (twice the largest caches in use).
  static func bandwidth(threads: Int) -> Double {
    let n = 1 << 24
    let a = FloatBuffer(count: n)
    let b = FloatBuffer(count: n)
    let c = FloatBuffer(count: n)
    let chunks = threads * 16
    parallelFor(chunks, threads: threads) { i, _ in
      let lo = i * n / chunks
      let hi = (i + 1) * n / chunks
      (a.pointer + lo).update(repeating: 0, count: hi - lo)
      (b.pointer + lo).update(repeating: 1, count: hi - lo)
      (c.pointer + lo).update(repeating: 2, count: hi - lo)
    }
    var best = 0.0
    for _ in 0..<5 {
      let t0 = monotonicSeconds()
      parallelFor(threads, threads: threads) { i, _ in
        let lo = i * n / threads
        let hi = (i + 1) * n / threads
        nc_triad(a.pointer + lo, b.pointer + lo, c.pointer + lo, 3, hi - lo)
      }
      let dt = monotonicSeconds() - t0
      best = max(best, Double(12 * n) / dt / 1e9)
    }
    return best
  }
}
