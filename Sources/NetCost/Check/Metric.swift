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
  /// Language models: parameters a token passes through (MoE: routed and shared experts only).
  case activeParams = "active_params"
  /// Language models: KV-cache bytes at the given batch and lengths.
  case kvCacheBytes = "kv_cache_bytes"
  /// Language models: KV-cache bytes per token of one sequence.
  case kvBytesPerToken = "kv_bytes_per_token"
  /// Language models: inference memory (weights + KV cache + peak activations).
  case inferenceBytes = "inference_bytes"
  /// Language models: 2 × MACs per generated token in a decode step.
  case decodeFlopsPerToken = "decode_flops_per_token"

  /// Whether the figure exists only for language models (``Totals/llm``); 0 for other models.
  public var isLLM: Bool {
    switch self {
    case .activeParams, .kvCacheBytes, .kvBytesPerToken, .inferenceBytes, .decodeFlopsPerToken: return true
    default: return false
    }
  }

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
    case .activeParams: return "active-params"
    case .kvCacheBytes: return "kv-cache-memory"
    case .kvBytesPerToken: return "kv-bytes-per-token"
    case .inferenceBytes: return "inference-memory"
    case .decodeFlopsPerToken: return "decode-flops-per-token"
    }
  }

  /// Whether the figure is in bytes (and takes byte units).
  public var isBytes: Bool {
    switch self {
    case .params, .buffers, .macs, .flops, .activeParams, .decodeFlopsPerToken: return false
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
    case .activeParams: return t.llm?.activeParams ?? 0
    case .kvCacheBytes: return t.llm?.memory.kvCacheBytes ?? 0
    case .kvBytesPerToken: return t.llm?.kvBytesPerToken ?? 0
    case .inferenceBytes: return t.llm?.memory.totalBytes ?? 0
    case .decodeFlopsPerToken: return t.llm?.decode?.matmulFlopsPerToken ?? 0
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
