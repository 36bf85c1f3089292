// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#endif

/// CPU time spent by the whole machine and by this process, to tell how
/// much other processes ran during a measurement (as bench_conv.py does).
public struct CPUUsage: Sendable, Equatable {
  /// Seconds every CPU together spent busy (not idle, not waiting on I/O).
  public var machineBusySeconds: Double
  /// Seconds this process ran (user + system).
  public var ownSeconds: Double
  /// Wall-clock time of the snapshot.
  public var wallSeconds: Double

  /// Creates a snapshot from known figures.
  public init(machineBusySeconds: Double, ownSeconds: Double, wallSeconds: Double) {
    self.machineBusySeconds = machineBusySeconds
    self.ownSeconds = ownSeconds
    self.wallSeconds = wallSeconds
  }

  /// This moment's figures, or nil where /proc/stat cannot be read.
  public static func now() -> CPUUsage? {
    guard let text = readBounded("/proc/stat", limit: 1 << 16), let busy = busySeconds(procStat: text) else {
      return nil
    }
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    let own =
      Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(
        u.ru_stime.tv_usec) / 1e6
    return CPUUsage(machineBusySeconds: busy, ownSeconds: own, wallSeconds: monotonicSeconds())
  }

  /// The busy CPU-seconds in the `cpu` line of /proc/stat (user, nice,
  /// system, irq, softirq, steal; not idle or iowait), at `ticksPerSecond`.
  public static func busySeconds(procStat text: String, ticksPerSecond: Double = 100) -> Double? {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
    let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard fields.count >= 4 else { return nil }
    var busy = 0.0
    for (i, v) in fields.prefix(8).enumerated() where i != 3 && i != 4 { busy += v }
    return busy / ticksPerSecond
  }

  /// What other processes used between `start` and `self`: CPU-seconds and
  /// the share (0…1) of `cpus` CPUs over the wall time.
  public func foreign(since start: CPUUsage, cpus: Int) -> (seconds: Double, share: Double) {
    let seconds = max(0, (machineBusySeconds - start.machineBusySeconds) - (ownSeconds - start.ownSeconds))
    let wall = wallSeconds - start.wallSeconds
    return (seconds, wall > 0 ? min(1, seconds / (wall * Double(max(1, cpus)))) : 0)
  }

  /// The line to print when other processes used a noticeable share of the
  /// CPUs (10% or more), else nil.
  public func warning(since start: CPUUsage, cpus: Int) -> String? {
    let f = foreign(since: start, cpus: cpus)
    guard f.share >= 0.1 else { return nil }
    let wall = wallSeconds - start.wallSeconds
    return
      "other processes used \(PeakEstimate.fixed(f.seconds)) CPU-seconds during these \(PeakEstimate.fixed(wall)) s "
      + "(\(Int((f.share * 100).rounded()))% of \(cpus) CPU\(cpus == 1 ? "" : "s")): timings and the peak may be low"
  }
}

/// At most `limit` bytes of a file (proc files report size 0), or nil.
func readBounded(_ path: String, limit: Int) -> String? {
  guard let f = fopen(path, "r") else { return nil }
  defer { fclose(f) }
  var buf = [UInt8](repeating: 0, count: limit)
  let n = fread(&buf, 1, limit, f)
  return String(decoding: buf[0..<n], as: UTF8.self)
}
