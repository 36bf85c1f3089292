// netcost — Apache-2.0

import NetCost

/// One conv or linear layer of a model, timed.
public struct LayerProfile: Sendable {
  /// Layer name.
  public var name: String
  /// Op type as the spec wrote it.
  public var type: String
  /// The convolution it runs.
  public var problem: ConvProblem
  /// Its timings (shared with earlier layers of the same geometry).
  public var result: ConvBenchResult
  /// The earlier layer of identical geometry whose timings these are.
  public var sameAs: String?
  /// Whether the requested algorithm did not apply here, so the fastest
  /// applicable one stands in.
  public var fallback: Bool

  /// The algorithm chosen (the fastest timed).
  public var chosen: AlgorithmTiming { result.best }
}

/// Every conv and linear layer of a model, timed with real kernels.
public struct ModelProfile: Sendable {
  /// Model name.
  public var model: String
  /// Spec file.
  public var file: String?
  /// Batch size.
  public var batch: Int
  /// CPU threads (on the GPU: for the CPU reference).
  public var threads: Int
  /// What was asked for (`best`, `all`, an algorithm's name).
  public var choice: String
  /// Where it ran: peak and bandwidth.
  public var device: ComputeDevice
  /// The timed layers, in model order.
  public var layers: [LayerProfile]
  /// Layers with multiply-accumulates that were not timed, and why.
  public var notProfiled: [(name: String, type: String, reason: String)]

  /// Sum of the chosen algorithms' median times, seconds.
  public var totalSeconds: Double { layers.reduce(0) { $0 + $1.chosen.stats.median } }
  /// Sum of the layers' MACs.
  public var totalMACs: Int { layers.reduce(0) { $0 + $1.problem.macs } }
  /// 2·MACs / total time, GFLOP/s.
  public var gflops: Double { 2 * Double(totalMACs) / totalSeconds / 1e9 }
}

/// Times the conv and linear layers of an analyzed model.
public enum Profiler {
  /// Profiles `graph` (analyzed as `report`) on this machine's CPU. Layers
  /// of identical geometry are timed once. `progress(i, n, name)` is called
  /// before each timing.
  public static func profile(
    graph: Graph, report: Report, choice: AlgorithmChoice, threads: Int, timing: TimingOptions,
    machine: MachineProfile, progress: ((Int, Int, String) -> Void)? = nil
  ) throws(ProfileError) -> ModelProfile {
    var only: (name: String, reason: (ConvProblem) -> String?)?
    if case .only(let a) = choice { only = (a.rawValue, { a.unsupportedReason($0) }) }
    return try profile(
      graph: graph, report: report, choice: choice.description, only: only, threads: threads,
      device: .cpu(machine), progress: progress
    ) { (p: ConvProblem, fallback: Bool) throws(ProfileError) in
      try ConvBench.run(p, choice: fallback ? .best : choice, threads: threads, timing: timing, machine: machine)
    }
  }

  /// Profiles an analyzed model with any backend (`graph` is the one
  /// `report` was made from; the report's rows carry what profiling needs):
  /// `bench(problem, fallback)` times
  /// one layer (with `fallback`, the requested algorithm `only` does not
  /// apply to it: time the fastest applicable ones instead).
  public static func profile(
    graph: Graph, report: Report, choice: String, only: (name: String, reason: (ConvProblem) -> String?)?,
    threads: Int, device: ComputeDevice, progress: ((Int, Int, String) -> Void)?,
    bench: (ConvProblem, Bool) throws(ProfileError) -> ConvBenchResult
  ) throws(ProfileError) -> ModelProfile {
    var targets: [(name: String, type: String, problem: ConvProblem)] = []
    var skipped: [(name: String, type: String, reason: String)] = []
    // The report's rows carry each layer's op (wrappers looked through) and input shapes.
    for row in report.layers {
      guard let input = row.inputShapes.first else { continue }
      let op = row.op
      if let conv = op as? Conv {
        if let p = try ConvProblem(conv: conv, input: input) {
          targets.append((row.name, row.type, p))
        } else {
          skipped.append((row.name, row.type, "only 2-D convolutions are profiled (input \(input))"))
        }
      } else if let linear = op as? Linear {
        targets.append((row.name, row.type, try ConvProblem(linear: linear, input: input)))
      } else if row.cost.macs > 0 {
        skipped.append((row.name, row.type, "no kernel for '\(row.type)'"))
      }
    }
    if let only, !targets.contains(where: { only.reason($0.problem) == nil }) {
      throw ProfileError("algorithm '\(only.name)' applies to no conv or linear layer of '\(report.model)'")
    }
    var done: [ConvProblem: (String, ConvBenchResult)] = [:]
    var layers: [LayerProfile] = []
    let unique = Set(targets.map(\.problem)).count
    for t in targets {
      let fallback = only.map { $0.reason(t.problem) != nil } ?? false
      // The same geometry gets the same choice: time it once.
      if let (first, result) = done[t.problem] {
        layers.append(
          LayerProfile(
            name: t.name, type: t.type, problem: t.problem, result: result, sameAs: first, fallback: fallback))
        continue
      }
      progress?(done.count + 1, unique, t.name)
      let result = try bench(t.problem, fallback)
      done[t.problem] = (t.name, result)
      layers.append(
        LayerProfile(name: t.name, type: t.type, problem: t.problem, result: result, sameAs: nil, fallback: fallback))
    }
    return ModelProfile(
      model: report.model, file: report.file, batch: report.batch, threads: threads, choice: choice,
      device: device, layers: layers, notProfiled: skipped)
  }
}
