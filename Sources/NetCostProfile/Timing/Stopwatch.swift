// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#endif

/// Seconds on the monotonic clock (clock_gettime(CLOCK_MONOTONIC)): never
/// steps back, unaffected by changes to the wall clock.
@inline(__always)
public func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// How to time a kernel: warm-up runs (untimed: caches, page faults,
/// thread pools), then timed runs until at least `minTime` seconds and
/// `minRuns` runs have passed, or `maxRuns` runs.
public struct TimingOptions: Sendable, Equatable {
  /// Untimed runs first.
  public var warmups: Int
  /// Keep timing until this many seconds have been measured…
  public var minTime: Double
  /// …and at least this many runs…
  public var minRuns: Int
  /// …but never more than this many runs.
  public var maxRuns: Int

  /// Creates options; the defaults are 2 warm-ups, then at least 0.2 s and 3 runs, at most 1000.
  public init(warmups: Int = 2, minTime: Double = 0.2, minRuns: Int = 3, maxRuns: Int = 1000) {
    self.warmups = warmups
    self.minTime = minTime
    self.minRuns = minRuns
    self.maxRuns = maxRuns
  }

  /// Times `body` on the monotonic clock. A run slower than `minTime` on
  /// its own (a slow reference) ends the warm-ups and lowers the required
  /// runs to one, so a layer that takes seconds is timed in seconds, not
  /// minutes.
  public func measure(_ body: () -> Void) -> SampleStats {
    measureDurations({ () -> Double in
      let t0 = monotonicSeconds()
      body()
      return monotonicSeconds() - t0
    })
  }

  /// The same schedule for runs that time themselves: `run` does one run
  /// and returns its duration in seconds (a GPU run measured by CUDA
  /// events). Warm-ups call it too and their durations are dropped.
  public func measureDurations<E: Error>(_ run: () throws(E) -> Double) throws(E) -> SampleStats {
    var required = max(1, minRuns)
    for _ in 0..<max(0, warmups) {
      if try run() > minTime {
        required = 1
        break
      }
    }
    var samples: [Double] = []
    var total = 0.0
    while samples.count < max(1, maxRuns) && (total < minTime || samples.count < required) {
      let dt = try run()
      samples.append(dt)
      total += dt
    }
    return SampleStats(samples)!
  }
}
