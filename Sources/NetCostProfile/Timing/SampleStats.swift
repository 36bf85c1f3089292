// netcost — Apache-2.0

/// Median, minimum and maximum of timed runs (seconds).
public struct SampleStats: Sendable, Equatable {
  /// The samples in the order they were taken.
  public let samples: [Double]
  /// The middle sample (the mean of the two middle ones for an even count).
  public let median: Double
  /// The fastest run.
  public let min: Double
  /// The slowest run.
  public let max: Double

  /// Summarizes samples; nil when there are none.
  public init?(_ samples: [Double]) {
    guard !samples.isEmpty else { return nil }
    self.samples = samples
    let s = samples.sorted()
    let mid = s.count / 2
    median = s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    min = s[0]
    max = s[s.count - 1]
  }

  /// How many runs.
  public var count: Int { samples.count }
}
