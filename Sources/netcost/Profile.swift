// netcost — Apache-2.0

import ArgumentParser
import NetCost
import NetCostProfile

#if canImport(Glibc)
  import Glibc
#endif

struct Profile: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Time every conv and linear layer of a model with real CPU (or GPU) kernels and pick the fastest per layer.",
    discussion: """
      Each layer is timed with every applicable algorithm (the slow direct reference only on small layers \
      unless --algo all or --algo direct); layers of identical geometry are timed once. The total is the \
      sum of the fastest algorithms' median times. --device gpu times CUDA kernels on an NVIDIA GPU instead. \
      Exit status: 0 success, 2 bad input (or no usable GPU with --device gpu), 64 a misused option.
      """)

  @Argument(help: "The network description: a netcost JSON spec or an ONNX model.") var file: String
  @OptionGroup(title: "Reading the model") var importing: ImportArguments
  @Option(
    help:
      "best (default), all, or one algorithm: \(ConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")); with --device gpu: \(GPUConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))."
  )
  var algo: String = "best"
  @Option(help: "Threads (default: every online CPU).") var threads: Int?
  @Option(help: "Output format: table, json.") var format: ProfileFormat = .table
  @OptionGroup var timing: TimingArguments
  @OptionGroup var machine: MachineArguments
  @OptionGroup var devices: DeviceArguments

  func run() throws {
    var choice = AlgorithmChoice.best
    var gpuChoice = GPUAlgorithmChoice(.best)
    do {
      if devices.device == .gpu {
        gpuChoice = try GPUAlgorithmChoice.parse(algo, tf32: devices.tf32)
      } else {
        choice = try AlgorithmChoice.parse(algo)
      }
    } catch {
      usageFailure(error.description)
    }
    let loading = try importing.options
    let graph: Graph
    let report: Report
    do {
      graph = try NetCost.load(file: file, options: loading)
      report = try Analyzer.analyze(graph, options: AnalysisOptions(batch: importing.analysisBatch), file: file)
    } catch {
      fail(error)
    }
    let t = resolvedThreads(threads)
    let showProgress = isatty(2) != 0
    let progress = { (i: Int, n: Int, name: String) in
      if showProgress { writeStderr("\r\u{1B}[Kprofiling \(i)/\(n): \(PrintableText.name(name))") }
    }
    do {
      let profile: ModelProfile
      if devices.device == .gpu {
        let (gpu, device) = devices.openGPU(tf32: gpuChoice.tf32, machine: machine)
        profile = try Profiler.profileGPU(
          graph: graph, report: report, choice: gpuChoice, device: gpu, profile: device,
          threads: t, timing: timing.options, progress: progress)
      } else {
        profile = try Profiler.profile(
          graph: graph, report: report, choice: choice, threads: t, timing: timing.options,
          machine: machine.profile(threads: t), progress: progress)
      }
      if showProgress { writeStderr("\r\u{1B}[K") }
      writeStdout(format.render(profile))
    } catch {
      if showProgress { writeStderr("\r\u{1B}[K") }
      inputFailure(error.description)
    }
  }
}
