// netcost — Apache-2.0

import CJSONC

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses JSON with json-c, allowing `//` and `/* */` comments as json-c's
/// tokener does, and attaches a line and column to every object member.
///
/// json-c reports the byte offset of a syntax error but keeps no positions
/// for the values it builds. A small lexer records the offset of every
/// object key in file order; a depth-first walk of json-c's tree visits keys
/// in the same order (json-c keeps insertion order), so the n-th key visited
/// is the n-th key found. Should the two counts differ (duplicate keys,
/// which json-c merges), locations are left out rather than guessed.
public enum JSONCParser {
  /// Reads and parses a file (`-`: standard input) of at most `limit` bytes.
  ///
  /// - Parameters:
  ///   - limit: The largest file read (``BoundedFile/Limit``).
  ///   - what: The kind of file, for the message about one over the limit.
  /// - Throws: ``NetCostError/unreadable(file:reason:)``,
  ///   ``NetCostError/emptyFile(file:)`` or ``NetCostError/malformed(_:message:)``
  ///   with the line and column of the syntax error.
  public static func parse(
    file path: String, limit: Int = BoundedFile.Limit.spec, what: String = "a netcost JSON spec"
  ) throws(NetCostError) -> JSONValue {
    let bytes = try BoundedFile.read(path, limit: limit, what: what)
    return try parse(bytes: bytes, file: path)
  }

  /// Parses JSON text held in memory; `file` names it in messages.
  public static func parse(bytes: [UInt8], file: String) throws(NetCostError) -> JSONValue {
    let lines = LineTable(bytes)
    let keyOffsets: [Int]
    switch scanKeys(bytes) {
    case .onlyTrivia: throw .emptyFile(file: file)
    case .keys(let k): keyOffsets = k
    }
    // json-c takes the length as an int: the file limits keep far below it.
    guard let length = Int32(exactly: bytes.count) else {
      throw .unreadable(file: file, reason: "larger than 2 GiB, the most the JSON parser takes")
    }
    guard let tok = json_tokener_new_ex(Int32(JSON_TOKENER_DEFAULT_DEPTH)) else {
      throw .unreadable(file: file, reason: "out of memory")
    }
    defer { json_tokener_free(tok) }
    let obj: OpaquePointer? = bytes.withUnsafeBufferPointer { buf in
      buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
        json_tokener_parse_ex(tok, $0, length)
      }
    }
    let err = json_tokener_get_error(tok)
    let end = json_tokener_get_parse_end(tok)
    if err != json_tokener_success || obj == nil {
      if let obj { json_object_put(obj) }
      let message: String
      if err == json_tokener_continue {
        message = "malformed JSON: unexpected end of file (an object, array or string is not closed)"
        let loc = lines.location(file: file, offset: bytes.count)
        throw .malformed(loc, message: message)
      }
      message = "malformed JSON: " + String(cString: json_tokener_error_desc(err))
      throw .malformed(lines.location(file: file, offset: min(end, bytes.count)), message: message)
    }
    defer { json_object_put(obj) }
    // Anything but trivia after the value is an error.
    if let extra = firstNonTrivia(bytes, from: end) {
      throw .malformed(
        lines.location(file: file, offset: extra),
        message: "malformed JSON: unexpected text after the end of the document")
    }
    var builder = Builder(file: file, lines: lines, keyOffsets: keyOffsets)
    let value = builder.convert(obj)
    if builder.keyIndex != keyOffsets.count {
      // json-c keeps only the last of two equal keys in one object; say where.
      if let (offset, key) = firstDuplicateKey(bytes) {
        throw .malformed(
          lines.location(file: file, offset: offset),
          message: "duplicate key \"\(key.clipped)\" in one object (only one value can count)")
      }
      builder.useLocations = false
      builder.keyIndex = 0
      return builder.convert(obj)
    }
    return value
  }

  private struct Builder {
    let file: String
    let lines: LineTable
    let keyOffsets: [Int]
    var keyIndex = 0
    var useLocations = true

    init(file: String, lines: LineTable, keyOffsets: [Int]) {
      self.file = file
      self.lines = lines
      self.keyOffsets = keyOffsets
    }

    mutating func convert(_ o: OpaquePointer?) -> JSONValue {
      guard let o else { return .null }
      switch json_object_get_type(o) {
      case json_type_null: return .null
      case json_type_boolean: return .bool(json_object_get_boolean(o) != 0)
      case json_type_int: return .int(Int(json_object_get_int64(o)))
      case json_type_double: return .double(json_object_get_double(o))
      case json_type_string:
        let len = Int(json_object_get_string_len(o))
        let p = json_object_get_string(o)!
        return .string(
          p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
          })
      case json_type_array:
        let n = json_object_array_length(o)
        var out: [JSONValue] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append(convert(json_object_array_get_idx(o, i))) }
        return .array(out)
      case json_type_object:
        var members: [JSONObject.Member] = []
        members.reserveCapacity(Int(json_object_object_length(o)))
        var it = json_object_iter_begin(o)
        var endIt = json_object_iter_end(o)
        while json_object_iter_equal(&it, &endIt) == 0 {
          let key = String(cString: json_object_iter_peek_name(&it))
          var loc: SourceLocation?
          if useLocations, keyIndex < keyOffsets.count {
            loc = lines.location(file: file, offset: keyOffsets[keyIndex])
          }
          keyIndex += 1
          let v = convert(json_object_iter_peek_value(&it))
          members.append(.init(key: key, value: v, location: loc))
          json_object_iter_next(&it)
        }
        return .object(JSONObject(members: members))
      default: return .null
      }
    }
  }

  private enum KeyScan {
    case onlyTrivia
    case keys([Int])
  }

  /// Byte offsets of every string followed by `:` (an object key), skipping
  /// comments; `.onlyTrivia` when the text has nothing but blanks and comments.
  private static func scanKeys(_ b: [UInt8]) -> KeyScan {
    var keys: [Int] = []
    var i = 0
    let n = b.count
    var sawToken = false
    var lastStringStart = -1  // start of the last string token, if it was the last token
    while i < n {
      let c = b[i]
      if c == 0x2F, i + 1 < n, b[i + 1] == 0x2F {  // line comment
        while i < n, b[i] != 0x0A { i += 1 }
        continue
      }
      if c == 0x2F, i + 1 < n, b[i + 1] == 0x2A {  // block comment
        i += 2
        while i + 1 < n, !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
        i += 2
        continue
      }
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
        i += 1
        continue
      }
      sawToken = true
      if c == 0x22 {  // string
        let start = i
        i += 1
        while i < n, b[i] != 0x22 {
          if b[i] == 0x5C { i += 1 }
          i += 1
        }
        i += 1
        lastStringStart = start
        continue
      }
      if c == 0x3A, lastStringStart >= 0 { keys.append(lastStringStart) }
      lastStringStart = -1
      i += 1
    }
    return sawToken ? .keys(keys) : .onlyTrivia
  }

  /// The first key that repeats within its object, by a second, slower
  /// scan run only when json-c's key count disagrees with the lexer's.
  private static func firstDuplicateKey(_ b: [UInt8]) -> (Int, String)? {
    var stack: [Set<[UInt8]>] = []
    var i = 0
    let n = b.count
    var lastString: (start: Int, bytes: [UInt8])?
    while i < n {
      let c = b[i]
      if c == 0x2F, i + 1 < n, b[i + 1] == 0x2F {
        while i < n, b[i] != 0x0A { i += 1 }
        continue
      }
      if c == 0x2F, i + 1 < n, b[i + 1] == 0x2A {
        i += 2
        while i + 1 < n, !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
        i += 2
        continue
      }
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
        i += 1
        continue
      }
      if c == 0x22 {
        let start = i
        i += 1
        while i < n, b[i] != 0x22 {
          if b[i] == 0x5C { i += 1 }
          i += 1
        }
        lastString = (start, Array(b[(start + 1)..<min(i, n)]))
        i += 1
        continue
      }
      if c == 0x7B { stack.append([]) } else if c == 0x7D, !stack.isEmpty { stack.removeLast() }
      if c == 0x3A, let s = lastString, !stack.isEmpty {
        if stack[stack.count - 1].contains(s.bytes) { return (s.start, String(decoding: s.bytes, as: UTF8.self)) }
        stack[stack.count - 1].insert(s.bytes)
      }
      lastString = nil
      i += 1
    }
    return nil
  }

  private static func firstNonTrivia(_ b: [UInt8], from start: Int) -> Int? {
    var i = start
    let n = b.count
    while i < n {
      let c = b[i]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0 {
        i += 1
        continue
      }
      if c == 0x2F, i + 1 < n, b[i + 1] == 0x2F {
        while i < n, b[i] != 0x0A { i += 1 }
        continue
      }
      if c == 0x2F, i + 1 < n, b[i + 1] == 0x2A {
        i += 2
        while i + 1 < n, !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
        i += 2
        continue
      }
      return i
    }
    return nil
  }
}

/// Byte offsets of line starts, to turn an offset into a line and column.
struct LineTable {
  private var starts: [Int] = [0]

  init(_ bytes: [UInt8]) {
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
  }

  func location(file: String, offset: Int) -> SourceLocation {
    var lo = 0
    var hi = starts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return SourceLocation(file: file, line: lo + 1, column: offset - starts[lo] + 1)
  }
}

/// Whole-file reads without Foundation (which costs start-up time).
public enum FileBytes {
  /// The bytes of the file at `path` (`-`: standard input), at most
  /// ``BoundedFile/Limit/spec``.
  ///
  /// - Throws: ``NetCostError/unreadable(file:reason:)`` with the system's reason.
  public static func read(_ path: String) throws(NetCostError) -> [UInt8] {
    try BoundedFile.read(path, limit: BoundedFile.Limit.spec, what: "a netcost JSON spec")
  }
}
