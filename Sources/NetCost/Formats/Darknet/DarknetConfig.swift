// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Darknet `.cfg` file read the way darknet's `read_cfg` (`src/parser.c`)
/// reads it: line by line, every space, tab and carriage return removed
/// (`strip`), a line starting with `[` opening a section, a line starting
/// with `#` or `;` a comment, a blank line nothing, and every other line a
/// `key=value` option of the current section.
///
/// Where darknet is silent or lenient, netcost is strict and says where:
/// an option before the first section, a line without `=`, a key without
/// a value and a header without `]` are errors at their line and column
/// (darknet prints "Config file error" and goes on, or crashes). Text after
/// a `#` or `;` inside a value is a comment: darknet's `atoi`/`atof` stop
/// there too, and its list readers (`mask`, `steps`) stop at `#`.
/// Repeated keys are kept; darknet reads the first (``DarknetSection/option(_:)``).
public struct DarknetConfig: Sendable, Equatable {
  /// The file as the user named it.
  public var file: String
  /// The sections in file order.
  public var sections: [DarknetSection]
  /// The number of lines in the file.
  public var lineCount: Int
  /// Whether the last line lacks its newline, which with a last section
  /// missing its keys is the mark of a file cut short.
  public var endsWithoutNewline: Bool

  /// Files larger than this are refused: real `.cfg` files are a few
  /// tens of kilobytes.
  public static let maximumBytes = BoundedFile.Limit.darknet

  /// Reads and parses the file at `path`.
  ///
  /// - Throws: ``NetCostError/unreadable(file:reason:)`` when it cannot be
  ///   read or is too large, ``NetCostError/emptyFile(file:)`` when it holds
  ///   no section, ``NetCostError/malformed(_:message:)`` for a line darknet
  ///   could not read.
  public static func read(file path: String) throws(NetCostError) -> DarknetConfig {
    try parse(bytes: readBounded(path), file: path)
  }

  /// Parses `.cfg` text; `file` names it in messages.
  public static func parse(bytes: [UInt8], file: String) throws(NetCostError) -> DarknetConfig {
    var sections: [DarknetSection] = []
    var lineNumber = 0
    var start = 0
    let n = bytes.count
    let endsWithoutNewline = n > 0 && bytes[n - 1] != UInt8(ascii: "\n")
    while start < n {
      var end = start
      while end < n, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      lineNumber += 1
      let isLast = end >= n
      try parseLine(
        bytes[start..<end], line: lineNumber, file: file, cutShort: isLast && endsWithoutNewline, into: &sections)
      start = end + 1
    }
    if sections.isEmpty { throw .emptyFile(file: file) }
    return DarknetConfig(
      file: file, sections: sections, lineCount: lineNumber, endsWithoutNewline: endsWithoutNewline)
  }

  /// Darknet's `strip`: the line without spaces, tabs and carriage
  /// returns, each byte kept with its 1-based column.
  private static func stripped(_ line: ArraySlice<UInt8>) -> [(UInt8, Int)] {
    var out: [(UInt8, Int)] = []
    out.reserveCapacity(line.count)
    for (i, b) in line.enumerated() where b != 0x20 && b != 0x09 && b != 0x0D && b != 0x0A {
      out.append((b, i + 1))
    }
    return out
  }

  private static func parseLine(
    _ raw: ArraySlice<UInt8>, line: Int, file: String, cutShort: Bool, into sections: inout [DarknetSection]
  ) throws(NetCostError) {
    let s = stripped(raw)
    guard let first = s.first else { return }
    let at = { (column: Int) in SourceLocation(file: file, line: line, column: column) }
    let truncated = cutShort ? " (the file ends here without a newline: is it truncated?)" : ""
    if let zero = s.first(where: { $0.0 == 0 }) {
      throw .malformed(at(zero.1), message: "NUL byte: a Darknet .cfg is text, this looks like a binary file")
    }
    func text(_ part: ArraySlice<(UInt8, Int)>) -> String { String(decoding: part.map(\.0), as: UTF8.self) }
    switch first.0 {
    case UInt8(ascii: "#"), UInt8(ascii: ";"):
      return
    case UInt8(ascii: "["):
      guard let close = s.firstIndex(where: { $0.0 == UInt8(ascii: "]") }) else {
        throw .malformed(
          at(first.1), message: "section header '\(text(s[...]).clipped)' has no closing ']'\(truncated)")
      }
      let name = text(s[1..<close])
      guard !name.isEmpty else { throw .malformed(at(first.1), message: "empty section name '[]'") }
      if close + 1 < s.count, s[close + 1].0 != UInt8(ascii: "#"), s[close + 1].0 != UInt8(ascii: ";") {
        throw .malformed(
          at(s[close + 1].1),
          message: "unexpected '\(text(s[(close + 1)...]).clipped)' after section header '[\(name)]'")
      }
      sections.append(DarknetSection(name: name, location: at(first.1)))
    default:
      guard !sections.isEmpty else {
        throw .malformed(
          at(first.1),
          message: "'\(text(s[...]).clipped)' comes before any section; a Darknet .cfg starts with [net] or [network]")
      }
      guard let eq = s.firstIndex(where: { $0.0 == UInt8(ascii: "=") }) else {
        throw .malformed(at(first.1), message: "expected key=value, found '\(text(s[...]).clipped)'\(truncated)")
      }
      guard eq > 0 else { throw .malformed(at(first.1), message: "missing key before '='") }
      let key = text(s[0..<eq])
      var valueEnd = eq + 1
      while valueEnd < s.count, s[valueEnd].0 != UInt8(ascii: "#"), s[valueEnd].0 != UInt8(ascii: ";") {
        valueEnd += 1
      }
      guard valueEnd > eq + 1 else {
        throw .malformed(at(s[eq].1), message: "key '\(key.clipped)' has no value after '='\(truncated)")
      }
      let option = DarknetOption(
        key: key, value: text(s[(eq + 1)..<valueEnd]), location: at(first.1), valueLocation: at(s[eq + 1].1))
      sections[sections.count - 1].options.append(option)
    }
  }

  /// The file's bytes, refusing one larger than ``maximumBytes``.
  private static func readBounded(_ path: String) throws(NetCostError) -> [UInt8] {
    try BoundedFile.read(path, limit: maximumBytes, what: "a Darknet .cfg (a text file of a few kilobytes)")
  }
}
