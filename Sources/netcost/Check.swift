// netcost — Apache-2.0

import ArgumentParser
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fail (exit 1) when a model exceeds a budget or grew past its baseline.",
    discussion: """
      Limits take units: counts 30M, 5G, 1.5e9, 25_000_000; memory 200MB (10^6) or 200MiB (2^20). \
      A value exactly at its limit passes. --tolerance is a percentage: 2% or 2; a bare number below 1 \
      (0.02) is refused as ambiguous. A baseline recorded for another model or batch is a warning \
      (a failure with --strict). Exit status: 0 within every limit, 1 a limit exceeded \
      (or an op without a cost rule, unless --allow-unknown; or a warning with --strict), 2 bad input, \
      64 a misused option.
      """)

  @Argument(help: "The network description.")
  var file: String

  @Option(name: .customLong("max-params"), parsing: .unconditional, help: "Most trainable parameters, e.g. 30M.")
  var maxParams: String?
  @Option(name: .customLong("max-buffers"), parsing: .unconditional, help: "Most buffers.") var maxBuffers: String?
  @Option(name: .customLong("max-macs"), parsing: .unconditional, help: "Most multiply-accumulates, e.g. 5G.")
  var maxMacs: String?
  @Option(name: .customLong("max-flops"), parsing: .unconditional, help: "Most FLOPs.") var maxFlops: String?
  @Option(name: .customLong("max-weight-memory"), parsing: .unconditional, help: "Most weight bytes, e.g. 100MB.")
  var maxWeightMemory: String?
  @Option(
    name: .customLong("max-activation-memory"), parsing: .unconditional,
    help: "Most activation bytes (sum over layers), e.g. 200MiB.")
  var maxActivationMemory: String?
  @Option(
    name: .customLong("max-peak-memory"), parsing: .unconditional, help: "Most peak live activation bytes at inference."
  )
  var maxPeakMemory: String?
  @Option(
    name: .customLong("max-training-memory"), parsing: .unconditional, help: "Most bytes of the training estimate.")
  var maxTrainingMemory: String?

  @Option(
    name: .customLong("max-active-params"), parsing: .unconditional, help: "LLM: most parameters active per token.")
  var maxActiveParams: String?
  @Option(
    name: .customLong("max-kv-cache-memory"), parsing: .unconditional,
    help: "LLM: most KV-cache bytes at the batch and lengths.")
  var maxKVCacheMemory: String?
  @Option(
    name: .customLong("max-kv-bytes-per-token"), parsing: .unconditional, help: "LLM: most KV-cache bytes per token.")
  var maxKVBytesPerToken: String?
  @Option(
    name: .customLong("max-inference-memory"), parsing: .unconditional,
    help: "LLM: most weights + KV cache + activation bytes.")
  var maxInferenceMemory: String?
  @Option(
    name: .customLong("max-decode-flops-per-token"), parsing: .unconditional,
    help: "LLM: most 2×MACs per decoded token.")
  var maxDecodeFlopsPerToken: String?

  @Option(help: "A budget file: {\"max_params\": \"30M\", …}.") var budget: String?
  @Option(help: "A baseline written by `netcost baseline`.") var baseline: String?
  @Option(help: "Growth allowed over the baseline, e.g. 2% (default 0%).") var tolerance: String = "0%"
  @Flag(help: "Treat warnings (geometry, a baseline of another model or batch) as failures.") var strict = false
  @Option(help: "Output: text, json, github (Actions annotations), markdown.") var format: CheckFormat = .text
  @Option(help: "Also write a JUnit XML report here (one test case per limit).") var junit: String?
  @OptionGroup(title: "Reading the model") var importing: ImportArguments

  @OptionGroup(title: "Language models (Hugging Face config.json)") var llm: LLMArguments

  /// A negative limit ("-5M") is a misused option (exit 64), not a missing value.
  func validate() throws {
    let limits = [
      ("params", maxParams), ("buffers", maxBuffers), ("macs", maxMacs), ("flops", maxFlops),
      ("weight-memory", maxWeightMemory), ("activation-memory", maxActivationMemory), ("peak-memory", maxPeakMemory),
      ("training-memory", maxTrainingMemory), ("active-params", maxActiveParams), ("kv-cache-memory", maxKVCacheMemory),
      ("kv-bytes-per-token", maxKVBytesPerToken), ("inference-memory", maxInferenceMemory),
      ("decode-flops-per-token", maxDecodeFlopsPerToken),
    ]
    for case (let name, let text?) in limits where text.hasPrefix("-") {
      throw ValidationError(
        "--max-\(name) must be a limit of 0 or more, such as 30M or 200MiB; found '\(PrintableText.name(text))'")
    }
  }

  func run() throws {
    var limits = Budget()
    if let budget {
      do { limits = try Budget.load(file: budget) } catch { fail(error) }
    }
    let given: [(Metric, String?)] = [
      (.params, maxParams), (.buffers, maxBuffers), (.macs, maxMacs), (.flops, maxFlops),
      (.weightBytes, maxWeightMemory),
      (.activationBytes, maxActivationMemory), (.peakActivationBytes, maxPeakMemory),
      (.trainingBytes, maxTrainingMemory), (.activeParams, maxActiveParams), (.kvCacheBytes, maxKVCacheMemory),
      (.kvBytesPerToken, maxKVBytesPerToken), (.inferenceBytes, maxInferenceMemory),
      (.decodeFlopsPerToken, maxDecodeFlopsPerToken),
    ]
    for case (let metric, let text?) in given {
      do { limits.limits[metric] = try Quantity.parse(text, as: metric.isBytes ? .bytes : .count) } catch {
        usageFailure("--max-\(metric.optionName) \(error)")
      }
    }
    var base: Baseline?
    if let baseline {
      do { base = try Baseline.load(file: baseline) } catch { fail(error) }
    }
    let fraction: Rational
    do { fraction = try Tolerance.parse(tolerance) } catch { usageFailure(error.message) }
    if limits.limits.isEmpty && base == nil {
      usageFailure("nothing to check: give limits (--max-params 30M …), --budget FILE or --baseline FILE")
    }
    let report: Report
    // For an ONNX model --allow-unknown also keeps nodes of unknown op types (as uncounted layers).
    var loading = try importing.options
    do {
      loading.llm = try llm.options()
      report = try NetCost.analyze(
        file: file, options: AnalysisOptions(batch: importing.analysisBatch), loading: loading)
    } catch {
      fail(error)
    }
    let result = report.check(
      limits, baseline: base, tolerance: fraction, allowUnknown: importing.allowUnknown, strict: strict)
    if let junit {
      if let reason = writeFile(junit, JUnitRenderer.render(result)) {
        inputFailure("cannot write the JUnit report to '\(junit)': \(reason)")
      }
    }
    writeStdout(format.render(result))
    Glibc.exit(result.exitStatus)
  }
}

/// A misused option (a limit's unit, a tolerance, a column name): exit 64
/// (EX_USAGE), as the argument parser does for the options it checks itself.
func usageFailure(_ message: String) -> Never {
  writeStderr("netcost: error: " + PrintableText.line(message) + "\n")
  exit(64)
}

/// A failure of the input or the machine, not of the options (a file that
/// cannot be written, no usable GPU, a kernel that fails): exit 2.
func inputFailure(_ message: String) -> Never {
  // Line breaks netcost put there stay (a GPU error lists what it tried); every other control byte is escaped.
  writeStderr("netcost: error: " + PrintableText.lines(message) + "\n")
  exit(2)
}

/// Writes a whole file; nil when done, else the system's reason (a full
/// disk shows at the close, when the buffered bytes are written).
func writeFile(_ path: String, _ text: String) -> String? {
  guard let f = fopen(path, "wb") else { return String(cString: strerror(errno)) }
  var t = text
  let wrote = t.withUTF8 { $0.isEmpty || fwrite($0.baseAddress, 1, $0.count, f) == $0.count }
  let writeError = wrote ? nil : String(cString: strerror(errno))
  let closeError = fclose(f) == 0 ? nil : String(cString: strerror(errno))
  return writeError ?? closeError
}

extension CheckFormat: ExpressibleByArgument {}
