// netcost — Apache-2.0

/// The outcome of checking a report against a budget and/or a baseline:
/// one item per limit, plus the ops nothing was counted for.
public struct CheckResult: Sendable {
  /// One limit and how the model fared.
  public struct Item: Sendable, Equatable {
    /// Where a limit came from.
    public enum Source: Sendable, Equatable {
      /// A `--max-…` option or budget-file entry.
      case budget
      /// A baseline value plus a tolerance (as a fraction, 0.02 for 2%).
      case baseline(recorded: Int, tolerance: Rational)
    }

    /// The figure limited.
    public var metric: Metric
    /// The largest value that passes (a value equal to it passes).
    public var limit: Int
    /// The model's value.
    public var actual: Int
    /// Budget or baseline.
    public var source: Source

    /// Whether the model is within the limit.
    public var passed: Bool { actual <= limit }
    /// How far over the limit (0 when within).
    public var excess: Int { max(0, actual - limit) }

    /// One line: `params 25,557,032 (25.56M) exceeds the limit 20,000,000 (20.00M) by 5,557,032 (+27.8%)`.
    public var message: String {
      let what = source == .budget ? "the limit" : "the baseline"
      var limitText = metric.format(limit)
      if case .baseline(let recorded, let tol) = source {
        limitText = "\(metric.format(recorded)) + \(Units.fixed(tol.double * 100, 2))% = \(Units.grouped(limit))"
      }
      if passed {
        return
          "\(metric.optionName) \(metric.format(actual)) is within \(what) \(limitText) (\(Units.percent(actual, of: limit)) of it)"
      }
      let over = limit == 0 ? "" : " (+\(Units.fixed(Double(excess) * 100 / Double(limit), 1))%)"
      return
        "\(metric.optionName) \(metric.format(actual)) exceeds \(what) \(limitText) by \(metric.isBytes ? Units.bytes(excess) : Units.grouped(excess))\(over)"
    }
  }

  /// The model checked.
  public var model: String
  /// Its file.
  public var file: String?
  /// Every limit, budget first, in metric order.
  public var items: [Item]
  /// Ops with no cost rule (they make the check fail unless allowed).
  public var uncountedOps: [(type: String, count: Int)]
  /// Whether uncounted ops are allowed.
  public var allowUnknown: Bool
  /// Geometry warnings from the analysis.
  public var findings: [Finding]
  /// Whether warnings fail the check.
  public var strict: Bool
  /// Set when the baseline was recorded for another model or batch: the
  /// sentence saying so (a warning; a failure with `strict`).
  public var baselineMismatch: String?

  /// Whether every limit holds (and no uncounted op or, with `strict`, warning
  /// or baseline mismatch spoils it).
  public var passed: Bool {
    items.allSatisfy(\.passed) && (allowUnknown || uncountedOps.isEmpty) && !failsOnWarnings
  }

  /// Whether `strict` turns a warning (geometry or baseline mismatch) into a failure.
  public var failsOnWarnings: Bool { strict && (!findings.isEmpty || baselineMismatch != nil) }

  /// The process exit status the CLI uses: 0 passed, 1 failed.
  public var exitStatus: Int32 { passed ? 0 : 1 }
}

extension Report {
  /// Checks the totals against a budget and, when given, a baseline with a
  /// relative tolerance (0.02 allows 2% growth). A value exactly at its limit
  /// passes.
  public func check(
    _ budget: Budget, baseline: Baseline? = nil, tolerance: Rational = .zero,
    allowUnknown: Bool = false, strict: Bool = false
  ) -> CheckResult {
    var items: [CheckResult.Item] = []
    for m in Metric.allCases {
      if let limit = budget.limits[m] {
        items.append(.init(metric: m, limit: limit, actual: m.value(in: totals), source: .budget))
      }
    }
    if let baseline {
      for m in Metric.allCases {
        guard let recorded = baseline.values[m] else { continue }
        // recorded × (1 + tolerance), rounded down; saturates rather than traps.
        let allowed = (Rational(integer: recorded) * tolerance).map { recorded.addingReportingOverflow($0.floor) }
        let limit = allowed.map { $0.overflow ? Int.max : $0.partialValue } ?? Int.max
        items.append(
          .init(
            metric: m, limit: limit, actual: m.value(in: totals),
            source: .baseline(recorded: recorded, tolerance: tolerance)))
      }
    }
    return CheckResult(
      model: model, file: file, items: items, uncountedOps: uncountedOps,
      allowUnknown: allowUnknown, findings: findings, strict: strict,
      baselineMismatch: baseline.flatMap { mismatch(with: $0) })
  }

  /// The sentence saying that a baseline was recorded for another model or
  /// batch than this report's, or nil when they agree. A baseline without a
  /// model name (an older lock file) is compared by batch only.
  public func mismatch(with baseline: Baseline) -> String? {
    let otherModel = !baseline.model.isEmpty && baseline.model != model
    let otherBatch = baseline.batch != batch
    guard otherModel || otherBatch else { return nil }
    var recorded: [String] = []
    var checked: [String] = []
    if otherModel {
      recorded.append("model '\(baseline.model)'")
      checked.append("model '\(model)'")
    }
    if otherBatch {
      recorded.append("batch \(baseline.batch)")
      checked.append("batch \(batch)")
    }
    return "the baseline was recorded for \(recorded.joined(separator: " at ")), but this check is of "
      + "\(checked.joined(separator: " at ")): the comparison below is between different "
      + (otherModel ? "models" : "batches") + " (record a new baseline with `netcost baseline`)"
  }
}
