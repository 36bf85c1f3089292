// netcost — Apache-2.0

/// A model-wide figure a budget or baseline can limit.
public enum Metric: String, CaseIterable, Sendable {
  /// Trainable parameters.
  case params
  /// Non-trainable buffers.
  case buffers
  /// Multiply-accumulates.
  case macs
  /// FLOPs (the report's convention).
  case flops
  /// Weight memory: (params + buffers) × dtype bytes.
  case weightBytes = "weight_bytes"
  /// Sum of every layer's output bytes.
  case activationBytes = "activation_bytes"
  /// Peak live activation memory at inference.
  case peakActivationBytes = "peak_activation_bytes"
  /// Training-memory estimate.
  case trainingBytes = "training_bytes"

  /// The CLI spelling in `--max-…` and in budget files (`max_…` also works there).
  public var optionName: String {
    switch self {
    case .params: return "params"
    case .buffers: return "buffers"
    case .macs: return "macs"
    case .flops: return "flops"
    case .weightBytes: return "weight-memory"
    case .activationBytes: return "activation-memory"
    case .peakActivationBytes: return "peak-memory"
    case .trainingBytes: return "training-memory"
    }
  }

  /// Whether the figure is in bytes (and takes byte units).
  public var isBytes: Bool {
    switch self {
    case .params, .buffers, .macs, .flops: return false
    default: return true
    }
  }

  /// The figure in a report.
  public func value(in t: Totals) -> Int {
    switch self {
    case .params: return t.params
    case .buffers: return t.buffers
    case .macs: return t.macs
    case .flops: return t.flops
    case .weightBytes: return t.weightBytes
    case .activationBytes: return t.activationBytes
    case .peakActivationBytes: return t.peakActivationBytes
    case .trainingBytes: return t.training.totalBytes
    }
  }

  /// The figure for people: `25,557,032 (25.56M)` or `102.44 MB`.
  public func format(_ v: Int) -> String {
    isBytes ? "\(Units.bytes(v)) (\(Units.grouped(v)) B)" : "\(Units.grouped(v)) (\(Units.si(v)))"
  }

  /// The metric for a CLI or budget-file name: `params`, `peak-memory`,
  /// `max_peak_memory`, `peak_activation_bytes`…
  public init?(name: String) {
    var n = name.lowercased().replacingOccurrences(of: "_", with: "-")
    if n.hasPrefix("max-") { n = String(n.dropFirst(4)) }
    guard
      let m = Metric.allCases.first(where: {
        $0.optionName == n || $0.rawValue.replacingOccurrences(of: "_", with: "-") == n
      })
    else { return nil }
    self = m
  }
}
