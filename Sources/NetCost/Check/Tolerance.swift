// netcost — Apache-2.0

/// Growth allowed over a baseline, as `check --tolerance` takes it.
public enum Tolerance {
  /// Parses `2%`, `0.5%` or `2` (percent) into a fraction (`2%` → 1/50).
  ///
  /// - Throws: ``OptionValueError`` for anything but a non-negative decimal percentage.
  public static func parse(_ text: String) throws(OptionValueError) -> Rational {
    let number = text.hasSuffix("%") ? String(text.dropLast()) : text
    guard let pct = Quantity.decimal(number), pct >= .zero, let fraction = pct / Rational(integer: 100) else {
      throw OptionValueError("--tolerance '\(text)': expected a percentage such as 2% or 0.5%")
    }
    return fraction
  }
}
