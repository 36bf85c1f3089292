// netcost — Apache-2.0

import ArgumentParser
import NetCostProfile

#if canImport(Glibc)
  import Glibc
#endif

struct BenchConv: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-conv",
    abstract: "Time real convolution kernels on one layer, against this machine's measured peak.",
    discussion: """
      Example: netcost bench-conv --in 64x56x56 --out 64 --kernel 3 --pad 1 --batch 16. \
      Algorithms: \(ConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")); 'all' times every one that \
      applies (the slow direct reference included), 'best' all but the reference on large layers. \
      --device gpu runs CUDA kernels instead (algorithms: \(GPUConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))). \
      Exit status: 0 success; 2 no usable GPU with --device gpu, or a kernel that fails; \
      64 a misused option (an impossible layer, an unknown or inapplicable algorithm).
      """)

  @Option(name: .customLong("in"), help: "Input C×H×W, e.g. 64x56x56 (without the batch).") var input: String
  @Option(help: "Output channels.") var out: Int
  @Option(help: "Kernel size: K or KHxKW.") var kernel: String
  @Option(help: "Stride: S or SHxSW.") var stride: String = "1"
  @Option(help: "Dilation: D or DHxDW.") var dilation: String = "1"
  @Option(help: "Zero padding: P, PH,PW, or top,left,bottom,right.") var pad: String = "0"
  @Option(help: "Groups (C_in for depthwise).") var groups: Int = 1
  @Option(help: "Batch size.") var batch: Int = 1
  @Option(help: "all, best, or one algorithm (see above; the GPU's with --device gpu).") var algo: String = "all"
  @Option(help: "Threads (default: every online CPU).") var threads: Int?
  @Option(help: "Output format: table, json.") var format: ProfileFormat = .table
  @OptionGroup var timing: TimingArguments
  @OptionGroup var machine: MachineArguments
  @OptionGroup var devices: DeviceArguments
  @Flag(
    help:
      "Check every algorithm's output against the direct reference (relative L2 error); GPU: the whole batch against the CPU."
  )
  var check = false

  func run() throws {
    let problem: ConvProblem
    do {
      let c = try DimensionList.parse(input, "--in", count: 3)
      let k = try DimensionList.parse(kernel, "--kernel", count: 2)
      let s = try DimensionList.parse(stride, "--stride", count: 2)
      let d = try DimensionList.parse(dilation, "--dilation", count: 2)
      let p = try DimensionList.pads(pad)
      problem = try ConvProblem(
        batch: batch, inChannels: c[0], height: c[1], width: c[2], outChannels: out,
        kernel: (k[0], k[1]), stride: (s[0], s[1]), dilation: (d[0], d[1]), pads: p, groups: groups)
    } catch {
      usageFailure(error.description)
    }
    let t = resolvedThreads(threads)
    if devices.device == .gpu {
      let choice: GPUAlgorithmChoice
      do {
        choice = try GPUAlgorithmChoice.parse(algo, tf32: devices.tf32)
        _ = try choice.algorithms(for: problem)
      } catch {
        usageFailure(error.description)
      }
      let (gpu, profile) = devices.openGPU(tf32: choice.tf32, machine: machine)
      do {
        let result = try GPUBench.run(
          problem, choice: choice, device: gpu, profile: profile, threads: t,
          timing: timing.options, check: check)
        writeStdout(format.render(result))
      } catch {
        inputFailure(error.description)
      }
      return
    }
    let choice: AlgorithmChoice
    do {
      choice = try AlgorithmChoice.parse(algo)
      _ = try choice.algorithms(for: problem)
    } catch {
      usageFailure(error.description)
    }
    do {
      let result = try ConvBench.run(
        problem, choice: choice, threads: t, timing: timing.options,
        machine: machine.profile(threads: t), check: check)
      writeStdout(format.render(result))
    } catch {
      inputFailure(error.description)
    }
  }
}

/// Warm-ups and repetitions, shared by bench-conv and profile.
struct TimingArguments: ParsableArguments {
  @Option(name: .customLong("min-time"), help: "Keep timing each algorithm for at least this many seconds.")
  var minTime: Double = 0.2
  @Option(help: "Untimed runs before timing.") var warmups: Int = 2
  @Option(help: "At most this many timed runs per algorithm.") var runs: Int = 1000

  func validate() throws {
    guard minTime >= 0, minTime <= 600 else { throw ValidationError("--min-time must be between 0 and 600 seconds") }
    guard warmups >= 0 else { throw ValidationError("--warmups must be at least 0") }
    guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
  }

  var options: TimingOptions { TimingOptions(warmups: warmups, minTime: minTime, minRuns: min(3, runs), maxRuns: runs) }
}

/// The machine's peak and bandwidth: measured, unless given.
struct MachineArguments: ParsableArguments {
  @Option(help: "Use this peak (GFLOP/s, all threads; GPU: float32) instead of measuring it.") var peak: Double?
  @Option(help: "Use this memory bandwidth (GB/s) instead of measuring it.") var bandwidth: Double?

  func validate() throws {
    if let peak, !(peak > 0 && peak.isFinite) { throw ValidationError("--peak must be a positive number of GFLOP/s") }
    if let bandwidth, !(bandwidth > 0 && bandwidth.isFinite) {
      throw ValidationError("--bandwidth must be a positive number of GB/s")
    }
  }

  func profile(threads: Int) -> MachineProfile {
    MachineProfile.measure(threads: threads, peakGFLOPS: peak, bandwidthGBs: bandwidth)
  }
}

/// --threads, defaulting to the online CPUs; at least 1.
func resolvedThreads(_ threads: Int?) -> Int {
  if let threads {
    guard threads >= 1, threads <= 1024 else { usageFailure("--threads must be between 1 and 1024, found \(threads)") }
    return threads
  }
  return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

extension ProfileFormat: ExpressibleByArgument {}
