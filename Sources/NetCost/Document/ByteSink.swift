// netcost — Apache-2.0

/// Where rendered output goes, a piece at a time.
///
/// A report of a million layers is hundreds of megabytes of text; held
/// whole it doubled the memory of a run (once as bytes, once as a String).
/// Renderers hand a sink pieces of at least ``pieceSize`` bytes instead
/// (the last may be shorter), each ending between two values (never inside
/// a character), and the CLI writes each piece to standard output as it
/// comes.
public struct ByteSink {
  /// How many bytes a renderer gathers at least before handing them on.
  public let pieceSize: Int

  /// Takes one piece: valid UTF-8, ending on a character boundary.
  let take: (UnsafeBufferPointer<UInt8>) -> Void

  /// A sink calling `take` with each piece (valid only during the call);
  /// pieces of about a mebibyte unless told (at least one byte).
  public init(pieceSize: Int = 1 << 20, _ take: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
    self.pieceSize = max(1, pieceSize)
    self.take = take
  }

  /// Hands `bytes` on as one piece and empties them, keeping their
  /// capacity for the next piece (what every writer does at a full piece).
  func hand(_ bytes: inout [UInt8]) {
    bytes.withUnsafeBufferPointer(take)
    bytes.removeAll(keepingCapacity: true)
  }

  /// All of what `render` writes, as one string: the library's `render`
  /// functions, for callers who want the text in memory.
  public static func collect(_ render: (ByteSink) -> Void) -> String {
    var all: [UInt8] = []
    render(ByteSink { all.append(contentsOf: $0) })
    return String(decoding: all, as: UTF8.self)
  }
}

/// Bytes gathered for a ``ByteSink``: appended whole strings, handed on
/// at ``endPiece()`` once a piece is full (so a piece never splits a
/// character), and the rest at ``finish()``.
struct PieceWriter {
  private var bytes: [UInt8] = []
  private let sink: ByteSink

  init(_ sink: ByteSink) {
    self.sink = sink
    bytes.reserveCapacity(min(sink.pieceSize, 1 << 24) + 4096)
  }

  mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

  mutating func append(_ b: UInt8) { bytes.append(b) }

  mutating func append(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }

  mutating func append(spaces n: Int) {
    if n > 0 { bytes.append(contentsOf: repeatElement(0x20, count: n)) }
  }

  /// A place between whole values: hands the bytes on when a piece is full.
  mutating func endPiece() {
    if bytes.count >= sink.pieceSize { sink.hand(&bytes) }
  }

  /// Hands on what is left.
  mutating func finish() { if !bytes.isEmpty { sink.hand(&bytes) } }
}
