// netcost — Apache-2.0

/// Choices that change the numbers of an analysis.
public struct AnalysisOptions: Sendable, Equatable {
  /// Batch size prepended to every model input (default 1).
  public var batch: Int
  /// Report FLOPs as Darknet does (2 × MACs) instead of the exact per-op rules.
  public var flopConvention: FlopConvention
  /// Optimizer assumed by the training-memory estimate.
  public var optimizer: Optimizer

  /// Creates options.
  public init(batch: Int = 1, flopConvention: FlopConvention = .exact, optimizer: Optimizer = .adam) {
    self.batch = batch
    self.flopConvention = flopConvention
    self.optimizer = optimizer
  }
}

/// How FLOPs are counted.
public enum FlopConvention: String, Sendable, CaseIterable {
  /// Every multiply and add by each op's rule (the README's FLOP table).
  case exact
  /// Darknet's "BFLOPs": 2 × MACs, so zero for ops without MACs.
  case darknet
}

/// The optimizer whose state the training estimate includes.
public enum Optimizer: String, Sendable, CaseIterable {
  /// Adam/AdamW: two moments per parameter.
  case adam
  /// SGD with momentum: one buffer per parameter.
  case momentum
  /// Plain SGD: no state.
  case sgd

  /// Optimizer state values per parameter.
  public var statePerParameter: Int {
    switch self {
    case .adam: return 2
    case .momentum: return 1
    case .sgd: return 0
    }
  }
}
