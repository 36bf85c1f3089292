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
  /// Threads.
  public var threads: Int
  /// What was asked for.
  public var choice: AlgorithmChoice
  /// Peak and bandwidth.
  public var machine: MachineProfile
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
  /// Profiles `graph` (analyzed as `report`). Layers of identical geometry
  /// are timed once. `progress(i, n, name)` is called before each timing.
  public static func profile(graph: Graph, report: Report, choice: AlgorithmChoice, threads: Int, timing: TimingOptions,
                             machine: MachineProfile, progress: ((Int, Int, String) -> Void)? = nil) throws(ProfileError) -> ModelProfile {
    var targets: [(name: String, type: String, problem: ConvProblem)] = []
    var skipped: [(name: String, type: String, reason: String)] = []
    for (i, layer) in graph.layers.enumerated() {
      let row = report.layers[i]
      guard let ref = layer.inputs.first else { continue }
      let input: Shape
      switch ref {
      case let .input(k): input = report.inputs[k].shape
      case let .output(l, k): input = report.layers[l].outputShapes[k]
      }
      let op = Self.innermost(layer.op)
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
    if case let .only(a) = choice, !targets.contains(where: { a.unsupportedReason($0.problem) == nil }) {
      throw ProfileError("algorithm '\(a.rawValue)' applies to no conv or linear layer of '\(report.model)'")
    }
    var done: [ConvProblem: (String, ConvBenchResult)] = [:]
    var layers: [LayerProfile] = []
    let unique = Set(targets.map(\.problem)).count
    for t in targets {
      var fallback = false
      var c = choice
      if case let .only(a) = choice, a.unsupportedReason(t.problem) != nil {
        c = .best
        fallback = true
      }
      // The same geometry gets the same choice: time it once.
      if let (first, result) = done[t.problem] {
        layers.append(LayerProfile(name: t.name, type: t.type, problem: t.problem, result: result, sameAs: first, fallback: fallback))
        continue
      }
      progress?(done.count + 1, unique, t.name)
      let result = try ConvBench.run(t.problem, choice: c, threads: threads, timing: timing, machine: machine)
      done[t.problem] = (t.name, result)
      layers.append(LayerProfile(name: t.name, type: t.type, problem: t.problem, result: result, sameAs: nil, fallback: fallback))
    }
    return ModelProfile(model: report.model, file: report.file, batch: report.batch, threads: threads, choice: choice,
                        machine: machine, layers: layers, notProfiled: skipped)
  }

  /// The op doing the work: an imported layer (ONNX) may wrap its conv or
  /// linear op in one that only changes the parameter count; the wrapper
  /// keeps it in a stored property named `op`.
  static func innermost(_ op: any Operator) -> any Operator {
    var current = op
    for _ in 0..<4 where !(current is Conv || current is Linear) {
      guard let inner = Mirror(reflecting: current).children.first(where: { $0.label == "op" })?.value as? any Operator else { break }
      current = inner
    }
    return current
  }
}
