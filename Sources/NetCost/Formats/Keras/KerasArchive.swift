// netcost — Apache-2.0

import Foundation
import ZIPFoundation

/// Reads the model configuration out of a `.keras` archive: a zip whose
/// `config.json` entry holds what `model.to_json()` returns (beside
/// `metadata.json` and the weights, which netcost does not read).
enum KerasArchive {
  /// Thrown from the extraction consumer when an entry inflates past the limit.
  private struct TooLarge: Error {}

  /// The bytes of `config.json`, at most ``KerasImport/configLimit`` of them
  /// (checked against the entry's header and again while inflating).
  ///
  /// - Throws: ``NetCostError/malformed(_:message:)`` for a file that is not
  ///   a zip, a zip without `config.json`, a damaged entry or one over the limit.
  static func config(file: String) throws(NetCostError) -> [UInt8] {
    let at = SourceLocation(file: file)
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: file), accessMode: .read)
    } catch {
      throw .malformed(at, message: "not a Keras archive: not a readable zip file (\(error))")
    }
    guard let entry = archive["config.json"] else {
      let names = archive.prefix(4).map { "'\($0.path.clipped)'" }.joined(separator: ", ")
      throw .malformed(
        at,
        message:
          "not a Keras archive: the zip has no config.json entry (found \(names.isEmpty ? "no entries" : names))")
    }
    let limit = KerasImport.configLimit
    guard entry.uncompressedSize <= UInt64(limit) else {
      throw .malformed(
        at, message: "config.json is \(entry.uncompressedSize) bytes, more than the \(limit >> 20) MiB netcost reads")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(entry.uncompressedSize))
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        guard bytes.count + chunk.count <= limit else { throw TooLarge() }
        bytes.append(contentsOf: chunk)
      }
    } catch is TooLarge {
      throw .malformed(at, message: "config.json inflates past the \(limit >> 20) MiB netcost reads")
    } catch {
      throw .malformed(at, message: "config.json in the archive cannot be read: \(error)")
    }
    return bytes
  }
}
