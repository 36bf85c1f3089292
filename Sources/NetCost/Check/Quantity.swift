// netcost — Apache-2.0

/// Exact parsing of the limits users write: `30M`, `5G`, `1.5e9`,
/// `25_000_000` for counts; `200MB`, `200MiB`, `1.5GB`, `4096` for bytes.
///
/// Decimal prefixes are powers of 1000 (K, M, G, T; KB, MB, GB, TB), binary
/// ones powers of 1024 (KiB, MiB, GiB, TiB). The value must come out a whole
/// number: `1.5` is not a count.
public enum Quantity {
  /// What a limit measures, which decides the units it accepts.
  public enum Kind: Sendable {
    /// Parameters, MACs, FLOPs: K, M, G, T.
    case count
    /// Memory: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB (a bare number is bytes).
    case bytes
  }

  /// Why a quantity could not be read.
  public struct ParseError: Error, Equatable, CustomStringConvertible {
    /// The text as written.
    public var text: String
    /// What is wrong.
    public var reason: String
    public var description: String { PrintableText.line("'\(text.clipped)': \(reason)") }
  }

  /// The value of `text`.
  public static func parse(_ text: String, as kind: Kind) throws(ParseError) -> Int {
    let t = text.filter { $0 != "_" && $0 != " " }
    let unitStart = t.firstIndex { $0.isLetter && $0 != "e" && $0 != "E" } ?? t.endIndex
    let number = String(t[..<unitStart])
    let unit = String(t[unitStart...])
    guard !number.isEmpty else {
      throw ParseError(text: text, reason: "expected a number such as 30M, 1.5e9 or 25_000_000")
    }
    let scale: Int
    switch (kind, unit.lowercased()) {
    case (.count, ""): scale = 1
    case (.count, "k"): scale = 1_000
    case (.count, "m"): scale = 1_000_000
    case (.count, "g"), (.count, "b"): scale = 1_000_000_000
    case (.count, "t"): scale = 1_000_000_000_000
    case (.bytes, ""), (.bytes, "b"): scale = 1
    case (.bytes, "kb"): scale = 1_000
    case (.bytes, "mb"): scale = 1_000_000
    case (.bytes, "gb"): scale = 1_000_000_000
    case (.bytes, "tb"): scale = 1_000_000_000_000
    case (.bytes, "kib"): scale = 1 << 10
    case (.bytes, "mib"): scale = 1 << 20
    case (.bytes, "gib"): scale = 1 << 30
    case (.bytes, "tib"): scale = 1 << 40
    case (.count, _):
      let hint =
        ["kb", "mb", "gb", "kib", "mib", "gib"].contains(unit.lowercased())
        ? " (that is a memory unit; counts take K, M, G or T)" : " (counts take K, M, G or T)"
      throw ParseError(text: text, reason: "unknown unit '\(unit)'" + hint)
    case (.bytes, _):
      let hint =
        ["k", "m", "g", "t"].contains(unit.lowercased())
        ? " (memory needs a byte unit: \(unit)B for powers of 1000 or \(unit)iB for powers of 1024)"
        : " (memory takes B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)"
      throw ParseError(text: text, reason: "unknown unit '\(unit)'" + hint)
    }
    guard let value = decimal(number) else {
      throw ParseError(text: text, reason: "expected a number such as 30M, 1.5e9 or 25_000_000")
    }
    guard let scaled = value * Rational(integer: scale) else { throw ParseError(text: text, reason: "too large") }
    guard scaled.isInteger else {
      throw ParseError(text: text, reason: "is not a whole number of \(kind == .count ? "units" : "bytes")")
    }
    guard scaled.numerator >= 0 else { throw ParseError(text: text, reason: "must not be negative") }
    return scaled.numerator
  }

  /// A decimal with optional fraction and exponent, exactly; nil if malformed.
  public static func decimal(_ s: String) -> Rational? {
    var mantissa = Substring(s)
    var exponent = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let x = Int(s[s.index(after: e)...]), x >= -30, x <= 30 else { return nil }
      exponent = x
      mantissa = s[..<e]
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, !mantissa.isEmpty, mantissa != "." else { return nil }
    let intPart = parts[0].isEmpty ? "0" : String(parts[0])
    let frac = parts.count == 2 ? String(parts[1]) : ""
    guard intPart.allSatisfy(\.isNumber) || (intPart.first == "-" && intPart.dropFirst().allSatisfy(\.isNumber)),
      frac.allSatisfy(\.isNumber), let whole = Int(intPart + frac)
    else { return nil }
    var value = Rational(integer: whole)
    var shift = exponent - frac.count
    while shift != 0 {
      let step = Rational(integer: 10)
      guard let next = shift > 0 ? value * step : value / step else { return nil }
      value = next
      shift += shift > 0 ? -1 : 1
    }
    return value
  }
}
