// netcost — Apache-2.0

import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way netcost reads a file: a regular file (or standard input),
/// never more than a per-format limit, so a FIFO, a device or a huge file
/// is one clear message instead of a hang or an unbounded read.
///
/// `-` (and `/dev/stdin`, `/dev/fd/0`) means standard input; it is read
/// once, up to the largest limit asked for, and shared by every reader in
/// the process (format detection looks at its head, then the importer reads
/// the rest).
public enum BoundedFile {
  /// The most bytes of each kind of file netcost reads.
  public enum Limit {
    /// A netcost JSON spec: a million-layer spec is about 60 MB.
    public static let spec = 256 << 20
    /// A Hugging Face config.json (kilobytes in practice).
    public static let config = 16 << 20
    /// A Caffe prototxt (ResNet-152's deploy file is 100 KB).
    public static let prototxt = 64 << 20
    /// A Darknet .cfg (a few kilobytes).
    public static let darknet = 8 << 20
    /// A `check --budget` file, a `--hardware` file.
    public static let budget = 16 << 20
    /// A `netcost baseline` file or a profile overlay (one row per layer).
    public static let report = 256 << 20
    /// An ONNX model: protobuf's own 2 GiB limit on one message. The file is
    /// memory-mapped and its weight payloads are never touched; weights in
    /// external data files are never opened.
    public static let onnx = Int(Int32.max)
    /// Standard input, whatever the format: it is held in memory, not
    /// mapped, so an ONNX model piped in is held to this too.
    public static let standardInput = 256 << 20
  }

  /// Whether `path` names standard input.
  public static func isStandardInput(_ path: String) -> Bool {
    path == "-" || path == "/dev/stdin" || path == "/dev/fd/0" || path == "/proc/self/fd/0"
  }

  /// The file's bytes, at most `limit` of them.
  ///
  /// - Parameters:
  ///   - path: The file, or `-` for standard input.
  ///   - limit: The most bytes accepted; a larger file is refused before it
  ///     is read (standard input: after `limit` + 1 bytes, and never more
  ///     than ``Limit/standardInput``).
  ///   - what: The kind of file, for the message ("a netcost JSON spec").
  /// - Throws: ``NetCostError/unreadable(file:reason:)`` for a missing file,
  ///   a directory, a FIFO, a device, or a file over the limit.
  public static func read(_ path: String, limit: Int, what: String) throws(NetCostError) -> [UInt8] {
    if isStandardInput(path) {
      let limit = min(limit, Limit.standardInput)
      let bytes = try StandardInput.shared.prefix(limit + 1, file: path)
      guard bytes.count <= limit else {
        throw .unreadable(
          file: path, reason: "larger than \(sizeText(limit)), the most netcost reads from standard input for \(what)")
      }
      return bytes
    }
    let (fd, size) = try openRegular(path, limit: limit, what: what)
    defer { close(fd) }
    var out: [UInt8] = []
    out.reserveCapacity(min(size, limit) + 1)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    // Up to one byte past the limit: a file may grow while it is read.
    while out.count <= limit {
      let want = min(chunk.count, limit + 1 - out.count)
      let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, want) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadable(file: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    guard out.count <= limit else { throw tooLarge(path, limit: limit, what: what) }
    return out
  }

  /// Opens a regular file for reading, refusing anything else and any file
  /// over `limit` bytes; returns the descriptor (the caller closes it) and
  /// the file's size. Never blocks on a FIFO.
  public static func openRegular(_ path: String, limit: Int, what: String) throws(NetCostError) -> (
    fd: Int32, size: Int
  ) {
    var st = stat()
    guard stat(path, &st) == 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    if let problem = notRegular(st.st_mode) { throw .unreadable(file: path, reason: problem) }
    // O_NONBLOCK: should the path become a FIFO after the check, open still returns.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)
    guard fd >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    guard fstat(fd, &st) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw .unreadable(file: path, reason: reason)
    }
    if let problem = notRegular(st.st_mode) {
      close(fd)
      throw .unreadable(file: path, reason: problem)
    }
    let size = Int(st.st_size)
    guard size <= limit else {
      close(fd)
      throw tooLarge(path, limit: limit, what: what)
    }
    // Back to blocking reads for a regular file.
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    return (fd, size)
  }

  /// Why a file of mode `mode` cannot be read as a model, or nil for a regular file.
  public static func notRegular(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "is a directory"
    case S_IFIFO:
      return "is a named pipe (FIFO), not a regular file; to read a stream, give '-' and pipe it to standard input"
    case S_IFCHR: return "is a character device, not a regular file"
    case S_IFBLK: return "is a block device, not a regular file"
    case S_IFSOCK: return "is a socket, not a regular file"
    default: return "is not a regular file"
    }
  }

  /// The message for a file over its limit.
  static func tooLarge(_ path: String, limit: Int, what: String) -> NetCostError {
    .unreadable(file: path, reason: "larger than \(sizeText(limit)), the most netcost reads for \(what)")
  }

  /// "256 MiB", "2 GiB".
  static func sizeText(_ bytes: Int) -> String {
    if bytes >= (1 << 30) - 1 { return "\((bytes + 1) >> 30) GiB" }
    if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
    return "\(bytes) bytes"
  }
}

/// `read(2)`, under a name the types here do not shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// Standard input, read once and kept: detection reads its head, the
/// importer the rest, each asking for as much as it needs.
final class StandardInput: Sendable {
  /// The process's standard input.
  static let shared = StandardInput()

  private struct State {
    var bytes: [UInt8] = []
    var ended = false
  }
  private let state = Mutex(State())

  /// The first `count` bytes (fewer when the input ends sooner), reading
  /// more only as needed.
  func prefix(_ count: Int, file: String) throws(NetCostError) -> [UInt8] {
    let result: Result<[UInt8], NetCostError> = state.withLock { s in
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while !s.ended, s.bytes.count < count {
        let want = min(chunk.count, count - s.bytes.count)
        let n = chunk.withUnsafeMutableBytes { systemRead(0, $0.baseAddress!, want) }
        if n < 0 {
          if errno == EINTR { continue }
          if errno == EAGAIN {
            var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, -1)
            continue
          }
          return .failure(.unreadable(file: file, reason: String(cString: strerror(errno))))
        }
        if n == 0 {
          s.ended = true
          break
        }
        s.bytes.append(contentsOf: chunk[0..<n])
      }
      return .success(Array(s.bytes.prefix(count)))
    }
    return try result.get()
  }
}
