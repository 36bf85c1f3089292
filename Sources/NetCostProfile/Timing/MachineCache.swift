// netcost — Apache-2.0

import CNetCostKernels
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

/// The machine's measured peak and bandwidth kept between runs, one file
/// per machine and thread count in the user's cache directory
/// (`$XDG_CACHE_HOME/netcost`, else `~/.cache/netcost`), so that "% of
/// peak" does not swing with each run's measurement. `--remeasure` refreshes it.
public struct MachineCache: Sendable, Equatable {
  /// The folder the files live in.
  public var directory: String

  /// A cache in `directory`.
  public init(directory: String) { self.directory = directory }

  /// The user's cache folder for netcost from the environment: `XDG_CACHE_HOME/netcost`,
  /// else `HOME/.cache/netcost`; nil when neither is set (an absolute path).
  public static func directory(environment: [String: String]) -> String? {
    if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/netcost" }
    if let h = environment["HOME"], h.hasPrefix("/") { return h + "/.cache/netcost" }
    return nil
  }

  /// The user's cache, from this process's environment.
  public static var user: MachineCache? {
    var env: [String: String] = [:]
    for k in ["XDG_CACHE_HOME", "HOME"] { if let v = getenv(k) { env[k] = String(cString: v) } }
    return directory(environment: env).map(MachineCache.init(directory:))
  }

  /// What names this machine: the processor's model, the online CPUs, the
  /// vector instructions used and the threads measured with, as a file name.
  public static func key(threads: Int, cpuModel: String? = processorModel(), cpus: Int = onlineCPUs()) -> String {
    let isa = String(cString: nc_level_name(nc_level()))
    let raw = "\(cpuModel ?? "cpu")-\(cpus)cpu-\(isa)-\(threads)t"
    return String(raw.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
  }

  /// The file for `key`.
  public func path(key: String) -> String { directory + "/machine-" + key + ".json" }

  /// The profile saved under `key`, or nil when there is none (or it is not one).
  public func load(key: String) -> MachineProfile? {
    guard case .object(let o)? = try? JSONCParser.parse(file: path(key: key)) else { return nil }
    func number(_ k: String) -> Double? {
      switch o[k] {
      case .int(let i)?: return Double(i)
      case .double(let d)?: return d > 0 && d.isFinite ? d : nil
      default: return nil
      }
    }
    guard case .string("netcost-machine")? = o["kind"], case .int(let threads)? = o["threads"], threads >= 1,
      let one = number("peak_gflops_per_thread"), let all = number("peak_gflops"),
      let bandwidth = number("bandwidth_gbs"), case .string(let isa)? = o["isa"], case .string(let blas)? = o["blas"]
    else { return nil }
    var note: String?
    if case .string(let n)? = o["peak_note"] { note = n }
    var measuredAt: Int?
    if case .int(let t)? = o["measured_at"] { measuredAt = t }
    return MachineProfile(
      threads: threads, peakGFLOPSPerThread: one, peakGFLOPS: all, isa: isa, bandwidthGBs: bandwidth, blas: blas,
      peakNote: note, cachedAt: measuredAt)
  }

  /// Saves a profile under `key` (creating the folder); false when it cannot.
  @discardableResult
  public func save(_ m: MachineProfile, key: String, at time: Int) -> Bool {
    var w = JSONWriter()
    w.beginObject()
    w.key("kind")
    w.string("netcost-machine")
    w.key("threads")
    w.int(m.threads)
    w.key("peak_gflops_per_thread")
    w.number(m.peakGFLOPSPerThread)
    w.key("peak_gflops")
    w.number(m.peakGFLOPS)
    w.key("bandwidth_gbs")
    w.number(m.bandwidthGBs)
    w.key("isa")
    w.string(m.isa)
    w.key("blas")
    w.string(m.blas)
    if let n = m.peakNote {
      w.key("peak_note")
      w.string(n)
    }
    w.key("measured_at")
    w.int(time)
    w.endObject()
    w.newline()
    guard makeDirectories(directory) else { return false }
    let file = path(key: key)
    let tmp = file + ".tmp\(getpid())"
    guard let f = fopen(tmp, "wb") else { return false }
    var text = w.out
    let ok = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, f) == $0.count }
    fclose(f)
    // Written aside and renamed: a concurrent run never reads half a file.
    guard ok, rename(tmp, file) == 0 else {
      unlink(tmp)
      return false
    }
    return true
  }

  /// `mkdir -p`.
  func makeDirectories(_ path: String) -> Bool {
    var sofar = ""
    for part in path.split(separator: "/") {
      sofar += "/" + part
      if mkdir(sofar, 0o755) != 0 && errno != EEXIST { return false }
    }
    return true
  }

  /// The processor's model name from /proc/cpuinfo, or nil.
  public static func processorModel() -> String? {
    guard let text = readBounded("/proc/cpuinfo", limit: 1 << 14) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") {
        return line[line.index(after: colon)...].trimmingCharacters(in: " \t")
      }
    }
    return nil
  }

  /// The online CPUs.
  public static func onlineCPUs() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = self
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}

/// `2026-12-03 17:40 UTC` for seconds since 1970.
func utcDate(_ seconds: Int) -> String {
  var t = time_t(seconds)
  var parts = tm()
  gmtime_r(&t, &parts)
  func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
  return
    "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)) UTC"
}
