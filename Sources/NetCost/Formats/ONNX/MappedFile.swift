// netcost — Apache-2.0

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file mapped into memory read-only. Decoding an ONNX model walks its
/// structure and skips over weight payloads, so the pages holding weights
/// are never read: a 100 MB model costs a few pages of memory, not 100 MB.
final class MappedFile {
  /// Start of the mapping (nil for an empty file).
  let base: UnsafeRawPointer?
  /// Length in bytes.
  let count: Int

  /// Maps `path`.
  ///
  /// - Throws: ``NetCostError/unreadable(file:reason:)`` with the system's reason.
  init(path: String) throws(NetCostError) {
    // A regular file of at most 2 GiB (a FIFO or a device is refused, not opened for a blocking read).
    let (fd, size) = try BoundedFile.openRegular(path, limit: BoundedFile.Limit.onnx, what: "an ONNX model")
    defer { close(fd) }
    count = size
    if count == 0 {
      base = nil
      return
    }
    let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let p, p != MAP_FAILED else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    // Access is sparse: read no more around each touched page than needed.
    _ = madvise(p, count, MADV_RANDOM)
    base = UnsafeRawPointer(p)
  }

  deinit {
    if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
  }

  /// The bytes as `Data` without copying them; valid while `self` lives.
  func data(_ range: Range<Int>? = nil) -> Data {
    guard let base else { return Data() }
    let r = range ?? 0..<count
    return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base + r.lowerBound), count: r.count, deallocator: .none)
  }

  /// The bytes as a buffer; valid while `self` lives.
  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// Finds where fields sit in protobuf wire data without decoding them, so
/// the one small tensor whose values are needed can be decoded from its
/// own bytes while every other payload stays untouched.
enum WireIndex {
  /// The byte ranges of the length-delimited fields numbered `wanted` in
  /// the message at `range`, in order, by field number; nil when the bytes
  /// are not well-formed protobuf.
  static func fields(_ buf: UnsafeRawBufferPointer, _ range: Range<Int>, _ wanted: Set<Int>) -> [Int: [Range<Int>]]? {
    var out: [Int: [Range<Int>]] = [:]
    var i = range.lowerBound
    let end = range.upperBound
    func varint() -> UInt64? {
      var v: UInt64 = 0
      var shift: UInt64 = 0
      while i < end, shift < 64 {
        let b = buf[i]
        i += 1
        v |= UInt64(b & 0x7F) << shift
        if b < 0x80 { return v }
        shift += 7
      }
      return nil
    }
    while i < end {
      guard let tag = varint() else { return nil }
      let number = Int(tag >> 3)
      switch tag & 7 {
      case 0: guard varint() != nil else { return nil }
      case 1: i += 8
      case 5: i += 4
      case 2:
        guard let n = varint(), n <= UInt64(end - i) else { return nil }
        if wanted.contains(number) { out[number, default: []].append(i..<(i + Int(n))) }
        i += Int(n)
      default: return nil
      }
      guard i <= end else { return nil }
    }
    return out
  }
}
