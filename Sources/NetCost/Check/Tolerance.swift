// netcost — Apache-2.0

/// Growth allowed over a baseline, as `check --tolerance` takes it.
public enum Tolerance {
  /// Parses `2%`, `0.5%` or `2` (percent) into a fraction (`2%` → 1/50).
  ///
  /// A bare number is a percentage, but one between 0 and 1 (`0.02`) reads
  /// as a fraction just as well, so it is refused: `2%` and `0.02%` say which.
  ///
  /// - Throws: ``OptionValueError`` for anything but a non-negative decimal
  ///   percentage, and for a bare number strictly between 0 and 1.
  public static func parse(_ text: String) throws(OptionValueError) -> Rational {
    let percent = text.hasSuffix("%")
    let number = percent ? String(text.dropLast()) : text
    guard let pct = Quantity.decimal(number), pct >= .zero, let fraction = pct / Rational(integer: 100) else {
      throw OptionValueError("--tolerance '\(text)': expected a percentage such as 2% or 0.5%")
    }
    if !percent, pct > .zero, pct < Rational(integer: 1) {
      let hundred = pct * Rational(integer: 100)
      let asPercent = hundred.map { $0.isInteger ? $0.description : String($0.double) } ?? number
      throw OptionValueError(
        "--tolerance '\(text)' is ambiguous: write \(asPercent)% for the fraction \(text), or \(text)% (a bare number is a percentage)"
      )
    }
    return fraction
  }
}
