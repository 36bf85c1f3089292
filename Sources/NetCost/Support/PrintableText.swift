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
    // A report is megabytes: scan its contiguous bytes directly when it has them.
    let clean = s.utf8.withContiguousStorageIfAvailable { isShownAsIs($0) } ?? isShownAsIs(Array(s.utf8))
    return clean ? s : escapeText(s)
  }

  /// Shows one piece of a report by the rule of ``text(_:)``: hands
  /// `piece` to `write` as it is when nothing in it needs escaping, else
  /// its escaped text. `piece` must end on a character boundary (what a
  /// ``ByteSink`` is given), so the pieces shown one by one read as the
  /// whole text shown at once.
  public static func show(_ piece: UnsafeBufferPointer<UInt8>, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
    if isShownAsIs(piece) {
      write(piece)
    } else {
      var escaped = escapeText(String(decoding: piece, as: UTF8.self))
      escaped.withUTF8(write)
    }
  }

  /// Whether UTF-8 `bytes` hold only printable characters, line breaks
  /// and tabs. Multi-byte characters are decoded here, and the last few
  /// found printable are remembered: a table repeats the same `─`, `×`
  /// and `→` a million times, and each is looked up once.
  static func isShownAsIs<C: RandomAccessCollection>(_ bytes: C) -> Bool where C.Element == UInt8, C.Index == Int {
    var known: [UInt32] = []
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let b = bytes[i]
      if b < 0x80 {
        if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F { return false }
        i += 1
        continue
      }
      // The string is valid UTF-8 (a Swift String): the lead byte gives the length.
      let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
      guard i + length <= end else { return false }
      var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
      for k in 1..<length { v = v << 6 | (UInt32(bytes[i + k]) & 0x3F) }
      i += length
      if known.contains(v) { continue }
      guard let u = Unicode.Scalar(v), isPrintable(u) else { return false }
      if known.count < 16 { known.append(v) }
    }
    return true
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
