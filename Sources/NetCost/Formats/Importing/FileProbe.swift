// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What format detection may look at: a file's name, whether it is a
/// directory, and its first bytes — never the whole file.
public struct FileProbe: Sendable {
  /// How many bytes of a file detection reads.
  public static let headLimit = 64 * 1024

  /// The path as given.
  public var path: String
  /// The extension after the last dot of the file name, lowercased, without
  /// the dot (`"cfg"`); empty when there is none.
  public var fileExtension: String
  /// Whether the path names a directory (a Hugging Face model folder, say).
  public var isDirectory: Bool
  /// The first ``headLimit`` bytes (fewer for a shorter file; empty for a
  /// directory or a file that is not a regular file).
  public var head: [UInt8]

  /// Creates a probe from known parts, for tests and in-memory models.
  public init(path: String, isDirectory: Bool = false, head: [UInt8]) {
    self.path = path
    self.isDirectory = isDirectory
    self.head = head
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      fileExtension = String(name[name.index(after: dot)...]).lowercased()
    } else {
      fileExtension = ""
    }
  }

  /// Looks at `path`: reads at most ``headLimit`` bytes of a regular file.
  ///
  /// - Throws: ``NetCostError/unreadable(file:reason:)`` when the path does
  ///   not exist, cannot be opened, or is neither a regular file nor a
  ///   directory (a FIFO, a device). `-` is standard input.
  public init(file path: String) throws(NetCostError) {
    if BoundedFile.isStandardInput(path) {
      self.init(path: path, head: try StandardInput.shared.prefix(Self.headLimit, file: path))
      return
    }
    var st = stat()
    guard stat(path, &st) == 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    let kind = st.st_mode & S_IFMT
    if kind == S_IFDIR {
      self.init(path: path, isDirectory: true, head: [])
      return
    }
    // A FIFO or a device: one clear message now, never a blocking or endless read later.
    if let problem = BoundedFile.notRegular(st.st_mode) { throw .unreadable(file: path, reason: problem) }
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: Self.headLimit)
    var filled = 0
    while filled < bytes.count {
      let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if n <= 0 { break }
      filled += n
    }
    self.init(path: path, head: Array(bytes[..<filled]))
  }

  /// The head as text when it is valid UTF-8 (a cut in the middle of a
  /// character at the very end is allowed); nil for binary data.
  public var text: String? {
    if let s = String(validating: head, as: UTF8.self) { return s }
    guard head.count == Self.headLimit else { return nil }
    for cut in 1...3 {
      if let s = String(validating: head.dropLast(cut), as: UTF8.self) { return s }
    }
    return nil
  }

  /// The head with a leading UTF-8 byte-order mark and white space skipped.
  public var trimmedHead: ArraySlice<UInt8> {
    var i = 0
    if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { i = 3 }
    while i < head.count, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
    return head[i...]
  }

  /// The lines of the head's first `limit` bytes (after a byte-order mark),
  /// each without its line break, as byte slices: sniffers look at lines
  /// without building strings of the whole head.
  public func headLines(within limit: Int = headLimit) -> [ArraySlice<UInt8>] {
    var i = head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0
    let end = min(head.count, limit)
    var lines: [ArraySlice<UInt8>] = []
    while i < end {
      var j = i
      while j < end, head[j] != 0x0A, head[j] != 0x0D { j += 1 }
      lines.append(head[i..<j])
      i = j + 1
    }
    return lines
  }

  /// Whether the head looks like text: no NUL bytes and few control bytes.
  public var looksLikeText: Bool {
    guard !head.contains(0) else { return false }
    let control = head.lazy.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
    return control * 100 <= head.count
  }
}
