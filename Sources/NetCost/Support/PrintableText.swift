// netcost — Apache-2.0

/// The one escape routine every message shown to a user goes through, so
/// bytes from a model file (a name holding a newline, a terminal escape
/// sequence, a carriage return that rewrites the line) can never reach a
/// terminal or a CI log as anything but visible text.
///
/// Printable characters pass through; `\n`, `\r`, `\t` are shown as those
/// two-character escapes, other control bytes as `\x1b`-style hex, and other
/// invisible or line-breaking scalars (C1 controls, bidirectional overrides,
/// line and paragraph separators, unassigned code points) as `\u{202e}`.
public enum PrintableText {
  /// Whether `u` is shown as itself.
  @inlinable
  public static func isPrintable(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    if v >= 0x20 && v < 0x7F { return true }
    if v < 0xA0 { return false }  // C0, DEL and C1 controls
    switch u.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
      return false
    default: return true
    }
  }

  /// `s` as one printable line.
  public static func line(_ s: String) -> String {
    // The common case: nothing to escape, no copy.
    if s.unicodeScalars.allSatisfy({ ($0.value >= 0x20 && $0.value < 0x7F) || isPrintable($0) }) { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      if isPrintable(u) {
        out.append(u)
        continue
      }
      let escaped: String
      switch u {
      case "\n": escaped = "\\n"
      case "\r": escaped = "\\r"
      case "\t": escaped = "\\t"
      case _ where u.value < 0x80: escaped = "\\x" + hex(u.value, width: 2)
      default: escaped = "\\u{" + hex(u.value, width: 1) + "}"
      }
      out.append(contentsOf: escaped.unicodeScalars)
    }
    return String(out)
  }

  /// Several lines, each made printable; the line breaks themselves stay
  /// (for usage text that is meant to span lines).
  public static func lines(_ s: String) -> String {
    s.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
  }

  /// A whole report for a terminal: line breaks and tabs stay, every other
  /// control or invisible character is escaped as in ``line(_:)`` (a layer
  /// name holding an escape sequence is shown, not obeyed).
  public static func text(_ s: String) -> String {
    var ascii = true
    var escape = false
    func scan<C: Collection<UInt8>>(_ bytes: C) {
      for b in bytes {
        if b >= 0x80 {
          ascii = false
        } else if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F {
          escape = true
          return
        }
      }
    }
    // A report is megabytes: scan its contiguous bytes directly when it has them.
    if s.utf8.withContiguousStorageIfAvailable({ scan($0) }) == nil { scan(s.utf8) }
    if escape { return escapeText(s) }
    if ascii || s.unicodeScalars.allSatisfy({ $0 == "\n" || $0 == "\t" || isPrintable($0) }) { return s }
    return escapeText(s)
  }

  static func escapeText(_ s: String) -> String {
    s.split(separator: "\n", omittingEmptySubsequences: false).map { piece in
      piece.split(separator: "\t", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\t")
    }.joined(separator: "\n")
  }

  /// `s` made printable, and clipped to its first 60 characters and a count
  /// when longer than 80 (a name echoed in a message).
  public static func name(_ s: String) -> String {
    let clipped = s.count <= 80 ? s : String(s.prefix(60)) + "… (\(s.count) characters)"
    return line(clipped)
  }

  static func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
