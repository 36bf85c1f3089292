// netcost — Apache-2.0

import Synchronization

/// The model formats netcost reads, and format detection over them.
///
/// ``standard`` lists the built-in importers; ``shared`` starts with them
/// and takes more at run time (``register(_:)``), so a program embedding
/// netcost can add a format of its own without changing netcost.
/// Detection asks every importer to ``ModelImporter/sniff(_:)`` the file and
/// takes the most confident; a tie goes to the importer registered first.
public final class ImporterRegistry: Sendable {
  /// The built-in importers, in the order ties are broken. Adding a format
  /// is one line here.
  public static let standard: [any ModelImporter] = [
    NativeSpecImporter(),
    ONNXModelImporter(),
    CaffeModelImporter(),
    DarknetModelImporter(),
    HFConfigImporter(),
    KerasModelImporter(),
  ]

  /// The registry `NetCost.load` and the command-line tool use.
  public static let shared = ImporterRegistry(standard)

  private let state: Mutex<[any ModelImporter]>

  /// Creates a registry holding `importers`.
  public init(_ importers: [any ModelImporter]) {
    state = Mutex(importers)
  }

  /// The registered importers, in registration order.
  public var importers: [any ModelImporter] { state.withLock { $0 } }

  /// Adds an importer, replacing one registered under the same format name.
  public func register(_ importer: any ModelImporter) {
    state.withLock { list in
      if let i = list.firstIndex(where: { $0.format == importer.format }) {
        list[i] = importer
      } else {
        list.append(importer)
      }
    }
  }

  /// The importer registered under `format`, if any.
  public func importer(for format: InputFormat) -> (any ModelImporter)? {
    importers.first { $0.format == format }
  }

  /// The importer most confident that the probed file is its format; nil
  /// when none claims it.
  public func detect(_ probe: FileProbe) -> (any ModelImporter)? {
    var best: (any ModelImporter)?
    var bestConfidence = SniffConfidence.no
    for i in importers {
      let c = i.sniff(probe)
      if c > bestConfidence {
        best = i
        bestConfidence = c
      }
    }
    return best
  }

  /// The importer for `file`: the one `format` names, else the detected one.
  ///
  /// - Throws: ``NetCostError`` for an unknown format name, or for a file
  ///   no importer claims (naming what it looks like, where it can, and the
  ///   formats netcost reads).
  public func importer(forFile file: String, format: InputFormat?) throws(NetCostError) -> any ModelImporter {
    if let format {
      guard let i = importer(for: format) else {
        throw .malformed(
          SourceLocation(file: file),
          message: "unknown input format '\(format)'; netcost reads \(formatList(names: true))")
      }
      return i
    }
    let probe = try FileProbe(file: file)
    if let i = detect(probe) { return i }
    let looks = FormatLookalike.describe(probe).map { "it looks like \($0); " } ?? ""
    throw .malformed(
      SourceLocation(file: file),
      message: "not a format netcost reads: \(looks)netcost reads \(formatList(names: false))")
  }

  /// Reads `file` with the importer `options.format` names, or the detected one.
  public func load(file: String, options: ImportOptions = .init()) throws(NetCostError) -> Graph {
    try importer(forFile: file, format: options.format).load(file: file, options: options)
  }

  /// "netcost JSON specs (native, .json) and ONNX models (onnx, .onnx)".
  func formatList(names: Bool) -> String {
    let parts = importers.map { i -> String in
      let ext = i.fileExtensions.prefix(3).map { ".\($0)" }.joined(separator: ", ")
      let detail = names ? "--input-format \(i.format)" : ext
      return detail.isEmpty ? i.displayName : "\(i.displayName) (\(detail))"
    }
    switch parts.count {
    case 0: return "no formats"
    case 1: return parts[0]
    default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
  }
}
