// netcost — Apache-2.0

/// An exact fraction, for receptive-field geometry: centres fall on
/// half-pixels (15.5) and upsampling makes jumps fractional (1/2).
///
/// Arithmetic reports overflow instead of trapping; the receptive-field
/// pass then marks the layer's field unknown rather than guess.
public struct Rational: Hashable, Sendable, CustomStringConvertible, Comparable {
  /// Numerator (carries the sign).
  public let numerator: Int
  /// Denominator, always ≥ 1, coprime with the numerator.
  public let denominator: Int

  /// `n / d` in lowest terms, or nil when `d` is 0 or the result overflows.
  public init?(_ n: Int, _ d: Int = 1) {
    guard d != 0, n != Int.min, d != Int.min else { return nil }
    var (a, b) = (abs(n), abs(d))
    while b != 0 { (a, b) = (b, a % b) }
    let g = max(a, 1)
    let sign = (n < 0) != (d < 0) ? -1 : 1
    numerator = sign * abs(n) / g
    denominator = abs(d) / g
  }

  /// An integer.
  public init(integer: Int) {
    numerator = integer
    denominator = 1
  }

  /// Zero.
  public static let zero = Rational(integer: 0)
  /// One.
  public static let one = Rational(integer: 1)

  /// Whether the value is a whole number.
  public var isInteger: Bool { denominator == 1 }

  /// The value as a Double (for JSON).
  public var double: Double { Double(numerator) / Double(denominator) }

  /// The smallest integer ≥ the value.
  public var ceiling: Int { numerator.divided(by: denominator, rounding: .up) }

  /// The largest integer ≤ the value.
  public var floor: Int { numerator.divided(by: denominator, rounding: .down) }

  /// `7`, `15.5` (halves as decimals), or `1/3`.
  public var description: String {
    if denominator == 1 { return String(numerator) }
    if denominator == 2 { return (numerator < 0 ? "-" : "") + "\(abs(numerator) / 2).5" }
    return "\(numerator)/\(denominator)"
  }

  public static func < (a: Rational, b: Rational) -> Bool {
    // a/b < c/d  ⇔  a·d < c·b (denominators positive); compare in 128 bits.
    Int128(a.numerator) * Int128(b.denominator) < Int128(b.numerator) * Int128(a.denominator)
  }

  private static func make(_ n: Int128, _ d: Int128) -> Rational? {
    guard let ni = Int(exactly: n), let di = Int(exactly: d) else { return nil }
    return Rational(ni, di)
  }

  /// `a + b`, or nil on overflow.
  public static func + (a: Rational, b: Rational) -> Rational? {
    make(
      Int128(a.numerator) * Int128(b.denominator) + Int128(b.numerator) * Int128(a.denominator),
      Int128(a.denominator) * Int128(b.denominator))
  }

  /// `a − b`, or nil on overflow.
  public static func - (a: Rational, b: Rational) -> Rational? {
    make(
      Int128(a.numerator) * Int128(b.denominator) - Int128(b.numerator) * Int128(a.denominator),
      Int128(a.denominator) * Int128(b.denominator))
  }

  /// `a × b`, or nil on overflow.
  public static func * (a: Rational, b: Rational) -> Rational? {
    make(Int128(a.numerator) * Int128(b.numerator), Int128(a.denominator) * Int128(b.denominator))
  }

  /// `a ÷ b`, or nil on overflow or division by zero.
  public static func / (a: Rational, b: Rational) -> Rational? {
    guard b.numerator != 0 else { return nil }
    return make(Int128(a.numerator) * Int128(b.denominator), Int128(a.denominator) * Int128(b.numerator))
  }
}
