// netcost — Apache-2.0

import ArgumentParser
import NetCost

/// How to read the model file: its format, the batch, the sizes of named
/// dimensions and what to do with unknown ops. One option group, shared by
/// every command that reads a model.
struct ImportArguments: ParsableArguments {
  @Option(
    name: .customLong("input-format"),
    help: ArgumentHelp(
      "The file's format: \(ImporterRegistry.shared.importers.map(\.format.rawValue).joined(separator: ", ")). Default: by content and extension.",
      valueName: "format"))
  var inputFormat: InputFormat?

  @Option(
    parsing: .unconditional,
    help:
      "Batch size prepended to every input (ONNX: the first dimension of every input). Default 1, or the model's own."
  )
  var batch: Int?

  @Option(
    name: .customLong("dim"),
    help: ArgumentHelp(
      "The size of a named (ONNX: symbolic) dimension, e.g. --dim sequence=128 (repeatable).", valueName: "name=N")
  )
  var dims: [String] = []

  @Flag(
    name: .customLong("allow-unknown"),
    help:
      "Count ops netcost has no rule for as 0 (listed as uncounted), with the output shapes the model records.")
  var allowUnknown = false

  func validate() throws {
    _ = try parsedDims()
    if let batch, batch < 1 { throw ValidationError("--batch must be at least 1, found \(batch)") }
  }

  func parsedDims() throws -> [String: Int] {
    do { return try DimensionAssignment.parse(dims) } catch { throw ValidationError(error.description) }
  }

  /// The import options these arguments give.
  var options: ImportOptions {
    get throws {
      ImportOptions(format: inputFormat, dims: try parsedDims(), batch: batch, allowUnknown: allowUnknown)
    }
  }

  /// The batch the analysis uses: `--batch`, else 1 (formats that fix the
  /// batch themselves, like ONNX, keep theirs).
  var analysisBatch: Int { batch ?? 1 }
}

extension InputFormat: ExpressibleByArgument {
  public init?(argument: String) {
    guard ImporterRegistry.shared.importer(for: InputFormat(rawValue: argument)) != nil else { return nil }
    self.init(rawValue: argument)
  }

  public static var allValueStrings: [String] { ImporterRegistry.shared.importers.map(\.format.rawValue) }
}
