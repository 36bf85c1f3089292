// netcost — Apache-2.0

/// Human-readable numbers for tables (exact integers go to JSON and CSV).
public enum Units {
  /// `25,557,032`.
  public static func grouped(_ n: Int) -> String {
    // Bytes written backwards into the String's own storage: a table
    // groups a million numbers. 2^64 has 20 digits, 6 commas, and a sign.
    var m = n.magnitude
    var count = 1
    var t = m
    while t >= 10 {
      t /= 10
      count += 1
    }
    let length = count + (count - 1) / 3 + (n < 0 ? 1 : 0)
    return String(unsafeUninitializedCapacity: length) { buffer in
      var i = length
      var written = 0
      repeat {
        if written > 0, written % 3 == 0 {
          i -= 1
          buffer[i] = UInt8(ascii: ",")
        }
        i -= 1
        buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
        written += 1
      } while m > 0
      if n < 0 { buffer[0] = UInt8(ascii: "-") }
      return length
    }
  }

  /// `4.09G`, `25.56M`, `118.01M`, `512` (SI prefixes, two decimals).
  public static func si(_ n: Int) -> String {
    let x = Double(n)
    for (scale, suffix) in siPrefixes where abs(x) >= scale { return fixed(x / scale, 2) + suffix }
    return String(n)
  }

  // Made once: a table formats a million cells.
  private static let siPrefixes: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")]
  private static let byteUnits: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")]

  /// `102.44 MB`, `3.21 KB`, `12 B` (decimal units, as torchinfo prints).
  public static func bytes(_ n: Int) -> String {
    let x = Double(n)
    for (scale, suffix) in byteUnits where abs(x) >= scale { return fixed(x / scale, 2) + " " + suffix }
    return "\(n) B"
  }

  /// `x` with exactly `digits` decimals, rounded half away from zero.
  public static func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return String(x) }
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let scaled = (abs(x) * p).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else { return String(x) }
    let v = Int(scaled)
    let ip = v / Int(p)
    var frac = String(v % Int(p))
    while frac.count < digits { frac = "0" + frac }
    return (x < 0 && v != 0 ? "-" : "") + String(ip) + (digits > 0 ? "." + frac : "")
  }

  /// `12.3%` of `whole`, or `-` when the whole is zero.
  public static func percent(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "-" : fixed(Double(part) * 100 / Double(whole), 1) + "%"
  }
}
