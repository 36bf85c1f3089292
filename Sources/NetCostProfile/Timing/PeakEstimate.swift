// netcost — Apache-2.0

/// The machine's FMA peak from repeated rounds, taken robustly: the best
/// round of one thread, the best round of all threads, and never an
/// all-threads figure below the one-thread figure, nor below threads × it
/// without a sentence saying why.
public struct PeakEstimate: Sendable, Equatable {
  /// GFLOP/s of one thread (the best round).
  public var perThread: Double
  /// GFLOP/s of all threads (the best round, at least ``perThread``).
  public var all: Double
  /// Why the all-threads figure is below threads × one thread's, when it is.
  public var note: String?
  /// Whether other processes used 10% or more of the CPUs while the rounds
  /// ran (such a figure is not worth keeping).
  public var disturbed = false

  /// Creates an estimate from known figures.
  public init(perThread: Double, all: Double, note: String? = nil) {
    self.perThread = perThread
    self.all = all
    self.note = note
  }

  /// Combines measured rounds.
  ///
  /// - Parameters:
  ///   - single: GFLOP/s of each one-thread round.
  ///   - all: GFLOP/s of each all-threads round (ignored for one thread).
  ///   - threads: The threads of the all-threads rounds.
  ///   - foreignLoad: The share of the CPUs (0…1) other processes used
  ///     while the rounds ran, when known.
  public static func combine(single: [Double], all: [Double], threads: Int, foreignLoad: Double? = nil) -> PeakEstimate
  {
    var e = combined(single: single, all: all, threads: threads, foreignLoad: foreignLoad)
    e.disturbed = (foreignLoad ?? 0) >= 0.1
    return e
  }

  static func combined(single: [Double], all: [Double], threads: Int, foreignLoad: Double?) -> PeakEstimate {
    let one = single.filter(\.isFinite).max() ?? 0
    guard threads > 1 else { return PeakEstimate(perThread: one, all: one) }
    let measured = all.filter(\.isFinite).max() ?? 0
    let busy = foreignLoad.map { $0 >= 0.1 } ?? false
    let share = "other processes used \(Int(((foreignLoad ?? 0) * 100).rounded()))% of the CPUs meanwhile"
    let load = foreignLoad == nil ? "" : " (\(share))"
    if measured < one {
      // More threads never do less work than one: the difference is noise.
      return PeakEstimate(
        perThread: one, all: one,
        note:
          "the \(threads)-thread rounds measured \(fixed(measured)) GFLOP/s, below one thread's \(fixed(one)): "
          + "taken as one thread's\(load); `--remeasure` on a quiet machine, or --peak")
    }
    let ideal = one * Double(threads)
    guard measured < ideal * 0.97 else { return PeakEstimate(perThread: one, all: measured) }
    let scale = measured / one
    let why = busy ? share : "the threads share cores (SMT siblings share FMA units) or run at a lower all-core clock"
    return PeakEstimate(
      perThread: one, all: measured,
      note: "\(threads) threads reach \(fixed(scale))× one thread, not \(threads)×: \(why)")
  }

  static func fixed(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) + ".0" : String(r)
  }
}
