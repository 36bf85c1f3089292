// netcost — Apache-2.0

/// An op that wraps another and only changes what is counted (an imported
/// layer whose parameters are what the file stores): passes that need the
/// op doing the work (its category, the profiler's kernels) look through it.
public protocol WrappingOperator: Operator {
  /// The op doing the work.
  var wrapped: any Operator { get }
}

extension DeclaredWeights: WrappingOperator {
  public var wrapped: any Operator { op }
  public var unwrapped: any Operator { op.unwrapped }
}
