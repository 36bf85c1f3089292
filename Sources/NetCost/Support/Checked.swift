// netcost — Apache-2.0

/// Thrown by the checked integer helpers when a result does not fit in 64 bits.
///
/// The analysis catches it and turns it into ``NetCostError/overflow(layer:location:what:)``
/// so the user learns which layer's numbers are too large, instead of the
/// process trapping.
public struct ArithmeticOverflow: Error, Equatable, Sendable {
  /// What was being computed ("output elements", "MACs", …).
  public var what: String
  /// Creates an overflow report for the named quantity.
  public init(_ what: String) { self.what = what }
}

/// Integer arithmetic on counts and dimensions that never traps.
///
/// Shapes, parameters and operation counts of large models approach the
/// range of `Int` (a 100k-layer chain at batch 4096 is a plausible input), so
/// every product and sum on them goes through these helpers.
public enum Checked {
  /// `a * b`, or ``ArithmeticOverflow`` when it does not fit.
  @inlinable
  public static func mul(_ a: Int, _ b: Int, _ what: @autoclosure () -> String = "a count") throws(ArithmeticOverflow)
    -> Int
  {
    let (r, o) = a.multipliedReportingOverflow(by: b)
    if o { throw ArithmeticOverflow(what()) }
    return r
  }

  /// `a + b`, or ``ArithmeticOverflow`` when it does not fit.
  @inlinable
  public static func add(_ a: Int, _ b: Int, _ what: @autoclosure () -> String = "a count") throws(ArithmeticOverflow)
    -> Int
  {
    let (r, o) = a.addingReportingOverflow(b)
    if o { throw ArithmeticOverflow(what()) }
    return r
  }

  /// The product of all values, or ``ArithmeticOverflow``.
  @inlinable
  public static func product<S: Sequence>(_ values: S, _ what: @autoclosure () -> String = "a product")
    throws(ArithmeticOverflow) -> Int where S.Element == Int
  {
    var r = 1
    for v in values {
      let (p, o) = r.multipliedReportingOverflow(by: v)
      if o { throw ArithmeticOverflow(what()) }
      r = p
    }
    return r
  }

  /// The sum of all values, or ``ArithmeticOverflow``.
  @inlinable
  public static func sum<S: Sequence>(_ values: S, _ what: @autoclosure () -> String = "a sum")
    throws(ArithmeticOverflow) -> Int where S.Element == Int
  {
    var r = 0
    for v in values {
      let (p, o) = r.addingReportingOverflow(v)
      if o { throw ArithmeticOverflow(what()) }
      r = p
    }
    return r
  }
}

/// How an integer division rounds; conv output sizes floor, Caffe-style
/// pooling (ceil mode) rounds up.
public enum RoundingRule: Sendable {
  /// Toward negative infinity (`floor`).
  case down
  /// Toward positive infinity (`ceil`).
  case up
}

extension Int {
  /// `self / divisor` rounded by `rule`; unlike `/`, `.down` floors negative
  /// quotients instead of truncating toward zero.
  @inlinable
  public func divided(by divisor: Int, rounding rule: RoundingRule) -> Int {
    precondition(divisor > 0, "divisor must be positive")
    let q = self / divisor
    let r = self % divisor
    switch rule {
    case .down: return (r != 0 && self < 0) ? q - 1 : q
    case .up: return (r != 0 && self > 0) ? q + 1 : q
    }
  }
}
