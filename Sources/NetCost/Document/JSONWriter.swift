// netcost — Apache-2.0

/// The one JSON writer: streams into a byte buffer with keys in the order
/// given and exact integers (Foundation's encoder is slow and reorders
/// keys). Strings without characters to escape are copied whole; integers
/// are formatted without allocating.
///
/// Compact by default (`{"a":1}`); `pretty` indents by two spaces and
/// writes integer arrays on one line (`[1, 2]`).
public struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  private var needComma: [Bool] = [false]
  private let pretty: Bool
  /// Whether `<` in strings is written `\u003c`, so that the JSON can sit
  /// in an HTML script element without a string ending it.
  private let scriptSafe: Bool

  /// Creates a writer; `scriptSafe` writes every `<` in a string as
  /// `\u003c` (JSON embedded in an HTML page).
  public init(pretty: Bool = false, scriptSafe: Bool = false) {
    self.pretty = pretty
    self.scriptSafe = scriptSafe
    sink = nil
  }

  /// Creates a writer that hands its text to `sink` a piece at a time (at
  /// ``endPiece()`` and ``finish()``) instead of holding all of it.
  public init(pretty: Bool = false, scriptSafe: Bool = false, sink: ByteSink) {
    self.pretty = pretty
    self.scriptSafe = scriptSafe
    self.sink = sink
    bytes.reserveCapacity(min(sink.pieceSize, 1 << 24) + 4096)
  }

  /// Where the text goes when written in pieces; nil: all of it stays in ``out``.
  private let sink: ByteSink?

  /// A place between whole values (after a table row): with a sink, hands
  /// the text on once a piece is full.
  public mutating func endPiece() {
    guard let sink, bytes.count >= sink.pieceSize else { return }
    sink.hand(&bytes)
  }

  /// With a sink, hands on what is left.
  public mutating func finish() {
    guard let sink, !bytes.isEmpty else { return }
    sink.hand(&bytes)
  }

  /// Appends `text` as it is, outside any JSON value (the page around
  /// embedded data), so that the whole is built in one buffer.
  mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  /// The text written so far.
  public var out: String { String(decoding: bytes, as: UTF8.self) }

  mutating func sep() {
    let top = needComma.count - 1
    if needComma[top] { bytes.append(0x2C) }
    if pretty && top > 0 && !inKey {
      bytes.append(0x0A)
      indent(top)
    }
    inKey = false
    needComma[top] = true
  }

  private var inKey = false

  private mutating func indent(_ depth: Int) {
    for _ in 0..<depth { bytes.append(contentsOf: [0x20, 0x20]) }
  }

  /// Writes an object key; the value follows.
  public mutating func key(_ k: String) {
    sep()
    appendString(k)
    bytes.append(0x3A)
    if pretty { bytes.append(0x20) }
    needComma[needComma.count - 1] = false
    inKey = true
  }

  /// Opens an object.
  public mutating func beginObject() { open(0x7B) }
  /// Closes an object.
  public mutating func endObject() { close(0x7D) }
  /// Opens an array.
  public mutating func beginArray() { open(0x5B) }
  /// Closes an array.
  public mutating func endArray() { close(0x5D) }

  private mutating func open(_ bracket: UInt8) {
    sep()
    bytes.append(bracket)
    needComma.append(false)
  }

  private mutating func close(_ bracket: UInt8) {
    let hadElements = needComma.removeLast()
    if pretty && hadElements {
      bytes.append(0x0A)
      indent(needComma.count - 1)
    }
    bytes.append(bracket)
    inKey = false
  }

  /// Writes an array of integers on one line.
  public mutating func ints(_ v: [Int]) {
    sep()
    bytes.append(0x5B)
    for (i, x) in v.enumerated() {
      if i > 0 {
        bytes.append(0x2C)
        if pretty { bytes.append(0x20) }
      }
      appendInt(x)
    }
    bytes.append(0x5D)
  }

  /// Writes an integer.
  public mutating func int(_ v: Int) {
    sep()
    appendInt(v)
  }

  /// Writes a measured number: integral values without a fraction, non-finite ones as null.
  public mutating func number(_ x: Double) {
    guard x.isFinite else { return null() }
    sep()
    if x == x.rounded() && abs(x) < 1e15 {
      appendInt(Int(x))  // a chart's million values: digits written in place, no String each
    } else {
      bytes.append(contentsOf: "\(x)".utf8)
    }
  }

  /// Ends the text with a newline.
  public mutating func newline() { bytes.append(0x0A) }

  /// Writes `null`.
  public mutating func null() {
    sep()
    bytes.append(contentsOf: "null".utf8)
  }

  /// Writes `true` or `false`.
  public mutating func bool(_ v: Bool) {
    sep()
    bytes.append(contentsOf: (v ? "true" : "false").utf8)
  }

  /// Writes a string, escaped.
  public mutating func string(_ s: String) {
    sep()
    appendString(s)
  }

  /// A receptive field: `{"size": [..], "jump": [..], "center": [..],
  /// "equivalent_padding": [..]}`, `"global"`, `"unknown"`, or null.
  public mutating func field(_ f: ReceptiveField) {
    switch f {
    case .none: null()
    case .global: string("global")
    case .unknown: string("unknown")
    case .spatial(let axes):
      beginObject()
      key("size")
      rationals(axes.map(\.size))
      key("jump")
      rationals(axes.map(\.jump))
      key("center")
      rationals(axes.map(\.center))
      key("equivalent_padding")
      rationals(axes.map { $0.equivalentPadding ?? .zero })
      endObject()
    }
  }

  /// Exact integers as integers; fractions as decimals.
  public mutating func rationals(_ v: [Rational]) {
    beginArray()
    for x in v {
      if x.isInteger {
        int(x.numerator)
      } else {
        sep()
        bytes.append(contentsOf: String(x.double).utf8)
      }
    }
    endArray()
  }

  private mutating func appendInt(_ v: Int) {
    if v == 0 {
      bytes.append(0x30)
      return
    }
    var m = v.magnitude
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
      while m > 0 {
        d[n] = UInt8(truncatingIfNeeded: m % 10) + 0x30
        m /= 10
        n += 1
      }
      if v < 0 { bytes.append(0x2D) }
      while n > 0 {
        n -= 1
        bytes.append(d[n])
      }
    }
  }

  private mutating func appendString(_ s: String) {
    bytes.append(0x22)
    let utf8 = s.utf8
    // The common case, a name or key with nothing to escape, is scanned and
    // copied through the string's own contiguous bytes.
    let lt: UInt8 = scriptSafe ? 0x3C : 0x22
    let plain =
      utf8.withContiguousStorageIfAvailable { b -> Bool in
        for c in b where c < 0x20 || c == 0x22 || c == 0x5C || c == lt { return false }
        bytes.append(contentsOf: b)
        return true
      } ?? false
    if plain {
      // Copied above.
    } else if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == lt }) {
      bytes.append(contentsOf: utf8)
    } else {
      for u in utf8 {
        switch u {
        case 0x3C where scriptSafe: bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, 0x33, 0x63])  // \u003c
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case _ where u < 0x20:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(u >> 4)], hex[Int(u & 15)]])
        default: bytes.append(u)
        }
      }
    }
    bytes.append(0x22)
  }
}
