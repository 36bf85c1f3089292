// netcost — Apache-2.0

/// Reads the structure of a protobuf text-format file — field names, their
/// positions, scalar values and nested messages — and reports syntax errors
/// (an unclosed block, a truncated file, a bad string) at their line and
/// column. The values are checked against the schema afterwards, by
/// swift-protobuf's decoder; this pass only knows where things are.
struct PrototxtScanner {
  let bytes: [UInt8]
  let file: String
  var i = 0
  var line = 1
  var lineStart = 0

  /// Nesting deeper than this is refused (a hostile file must not exhaust the stack).
  static let maxDepth = 100

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  /// The top-level fields of the file.
  static func scan(_ bytes: [UInt8], file: String) throws(NetCostError) -> [PrototxtField] {
    var s = PrototxtScanner(bytes: bytes, file: file)
    return try s.fields(until: nil, depth: 0, opener: nil)
  }

  var column: Int { i - lineStart + 1 }

  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  func error(_ message: String) -> NetCostError {
    .malformed(location(line: line, column: column), message: message)
  }

  /// Skips white space and `#` comments.
  mutating func skipSpace() {
    while i < bytes.count {
      let c = bytes[i]
      if c == 0x0A {
        i += 1
        line += 1
        lineStart = i
      } else if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C {
        i += 1
      } else if c == UInt8(ascii: "#") {
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
      } else {
        return
      }
    }
  }

  static func isIdentStart(_ c: UInt8) -> Bool {
    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
  }

  static func isIdent(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) }

  /// What the next bytes look like, for messages.
  func describeNext() -> String {
    guard i < bytes.count else { return "the end of the file" }
    var j = i
    while j < bytes.count, j - i < 20, ![0x0A, 0x20, 0x09, 0x0D].contains(bytes[j]) { j += 1 }
    let text = String(decoding: bytes[i..<j], as: UTF8.self)
    return "'\(text)'"
  }

  /// Fields up to the closing byte `close` (nil: the end of the file).
  mutating func fields(until close: UInt8?, depth: Int, opener: PrototxtField?) throws(NetCostError)
    -> [PrototxtField]
  {
    guard depth <= Self.maxDepth else { throw error("messages are nested more than \(Self.maxDepth) deep") }
    var out: [PrototxtField] = []
    while true {
      skipSpace()
      guard i < bytes.count else {
        if let opener {
          throw .malformed(
            location(line: line, column: column),
            message:
              "the file ends inside '\(opener.name)' (opened at line \(opener.line), column \(opener.column)); expected '\(Character(UnicodeScalar(close!)))' (is the file truncated?)"
          )
        }
        return out
      }
      let c = bytes[i]
      if let close, c == close {
        i += 1
        return out
      }
      if c == UInt8(ascii: "}") || c == UInt8(ascii: ">") {
        throw error("unexpected '\(Character(UnicodeScalar(c)))': no block is open here")
      }
      out.append(try field(depth: depth))
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: ";") { i += 1 }
    }
  }

  /// One field: `name: value`, `name { … }`, `name: { … }`, `name: [v, …]`.
  mutating func field(depth: Int) throws(NetCostError) -> PrototxtField {
    let start = i
    let (l, col) = (line, column)
    guard Self.isIdentStart(bytes[i]) else {
      if bytes[i] == UInt8(ascii: "[") {
        throw error("extension and Any fields ('[…]') are not part of a Caffe network")
      }
      throw error("expected a field name, found \(describeNext())")
    }
    while i < bytes.count, Self.isIdent(bytes[i]) { i += 1 }
    let name = String(decoding: bytes[start..<i], as: UTF8.self)
    var f = PrototxtField(name: name, line: l, column: col, range: start..<start, values: [], children: nil)
    skipSpace()
    var colon = false
    if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
      colon = true
      i += 1
      skipSpace()
    }
    guard i < bytes.count else {
      throw error(
        "the file ends after field '\(name)' (line \(l), column \(col)) before its value (is the file truncated?)")
    }
    let c = bytes[i]
    if c == UInt8(ascii: "{") || c == UInt8(ascii: "<") {
      i += 1
      f.children = try fields(
        until: c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ">"), depth: depth + 1, opener: f)
    } else if c == UInt8(ascii: "[") {
      guard colon else { throw error("expected ':' after field name '\(name)'") }
      i += 1
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
        i += 1
      } else {
        while true {
          skipSpace()
          guard i < bytes.count else {
            throw error("the file ends inside the list of '\(name)' (is the file truncated?)")
          }
          if bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "<") {
            let close = bytes[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ">")
            i += 1
            f.children = (f.children ?? []) + (try fields(until: close, depth: depth + 1, opener: f))
          } else {
            f.values.append(try scalar(of: name))
          }
          skipSpace()
          guard i < bytes.count else {
            throw error("the file ends inside the list of '\(name)' (is the file truncated?)")
          }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          guard bytes[i] == UInt8(ascii: "]") else {
            throw error("expected ',' or ']' in the list of '\(name)', found \(describeNext())")
          }
          i += 1
          break
        }
      }
    } else {
      guard colon else { throw error("expected ':' or '{' after field name '\(name)', found \(describeNext())") }
      f.values.append(try scalar(of: name))
    }
    f.range = start..<i
    return f
  }

  /// A scalar: one or more adjacent quoted strings (joined), or a number,
  /// identifier or signed number as written.
  mutating func scalar(of name: String) throws(NetCostError) -> String {
    let c = bytes[i]
    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
      var s: [UInt8] = []
      repeat {
        s += try quoted()
        skipSpace()
      } while i < bytes.count && (bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'"))
      return String(decoding: s, as: UTF8.self)
    }
    let start = i
    if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { i += 1 }
    while i < bytes.count,
      Self.isIdent(bytes[i]) || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "+")
        || bytes[i] == UInt8(ascii: "-") && i > start && (bytes[i - 1] | 0x20) == UInt8(ascii: "e")
    {
      i += 1
    }
    guard i > start, !(i == start + 1 && (c == UInt8(ascii: "-") || c == UInt8(ascii: "+"))) else {
      throw error("expected a value for field '\(name)', found \(describeNext())")
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  /// One quoted string, escapes kept as written (the decoder interprets them).
  mutating func quoted() throws(NetCostError) -> [UInt8] {
    let q = bytes[i]
    let (l, col) = (line, column)
    i += 1
    let start = i
    while i < bytes.count, bytes[i] != q {
      if bytes[i] == 0x0A {
        throw .malformed(location(line: l, column: col), message: "string not closed before the end of the line")
      }
      if bytes[i] == UInt8(ascii: "\\") { i += 1 }
      i += 1
    }
    guard i < bytes.count else {
      throw .malformed(
        location(line: l, column: col), message: "string not closed before the end of the file (is the file truncated?)"
      )
    }
    let s = Array(bytes[start..<i])
    i += 1
    return s
  }
}
