// netcost — Apache-2.0

import ArgumentParser
import NetCost

/// How to read the input file: its format, and for ONNX models the sizes
/// of symbolic dimensions and what to do with unknown ops.
struct ImportOptions: ParsableArguments {
  @Option(
    name: .customLong("input-format"),
    help: "The file's format: native (netcost JSON spec) or onnx. Default: by content and extension.")
  var inputFormat: InputFormat?

  @Option(
    name: .customLong("dim"),
    help: ArgumentHelp("ONNX: the size of a symbolic dimension, e.g. --dim batch=16 (repeatable).", valueName: "name=N")
  )
  var dims: [String] = []

  @Flag(
    name: .customLong("allow-unknown"),
    help:
      "ONNX: count ops netcost has no rule for as 0 (listed as uncounted), with the output shapes the model records.")
  var allowUnknown = false

  func validate() throws { _ = try parsedDims() }

  func parsedDims() throws -> [String: Int] {
    var out: [String: Int] = [:]
    for d in dims {
      guard let eq = d.firstIndex(of: "="), let v = Int(d[d.index(after: eq)...]), !d[..<eq].isEmpty else {
        throw ValidationError("--dim expects name=N, e.g. --dim batch=16; found '\(d)'")
      }
      guard v >= 1 else { throw ValidationError("--dim \(d): the size must be at least 1") }
      out[String(d[..<eq])] = v
    }
    return out
  }

  /// The loading options, with the batch from `--batch` when given.
  func loadOptions(batch: Int?) throws -> LoadOptions {
    LoadOptions(
      format: inputFormat, onnx: ONNXOptions(dims: try parsedDims(), batch: batch, allowUnknown: allowUnknown))
  }
}

extension InputFormat: ExpressibleByArgument {}
