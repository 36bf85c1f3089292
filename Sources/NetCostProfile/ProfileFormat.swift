// netcost — Apache-2.0

import NetCost

/// Output formats of `bench-conv` and `profile`: a table for people, JSON
/// for tools (a stable interface, documented in the README).
public enum ProfileFormat: String, CaseIterable, Sendable {
  case table
  case json

  /// Renders one layer's timings.
  public func render(_ r: ConvBenchResult) -> String {
    switch self {
    case .table: return DocumentRenderer.text(Self.document(r))
    case .json: return DocumentRenderer.json(Self.document(r))
    }
  }

  /// Renders a model's profile.
  public func render(_ m: ModelProfile) -> String {
    switch self {
    case .table: return DocumentRenderer.text(Self.document(m))
    case .json: return DocumentRenderer.json(Self.document(m))
    }
  }

  // MARK: - Table

  static func ms(_ s: Double) -> String { Units.fixed(s * 1000, s < 0.01 ? 3 : 2) }

  static func machineLine(_ d: ComputeDevice) -> String {
    switch d {
    case .cpu(let m):
      return "Machine: peak \(Units.fixed(m.peakGFLOPS, 1)) GFLOP/s (\(m.threads) thread\(m.threads == 1 ? "" : "s"); "
        + "\(Units.fixed(m.peakGFLOPSPerThread, 1)) per thread, \(m.isa) multiply-add) · triad \(Units.fixed(m.bandwidthGBs, 1)) GB/s"
        + " · balance \(Units.fixed(m.balance, 1)) FLOP/B · \(m.blas)\n"
        + (m.peakNote.map { "  note: \($0)\n" } ?? "")
        + (m.disturbed ? "  not cached: other processes were busy while the peak was measured\n" : "")
        + (m.cachedAt.map {
          "  peak and bandwidth from this machine's cache (measured \(utcDate($0))); --remeasure measures them again\n"
        } ?? "")
    case .gpu(let g):
      let i = g.info
      var s = "Device: \(i.name) (compute capability \(i.computeCapability.major).\(i.computeCapability.minor), "
      s += "\(i.multiprocessors) SMs, \(Units.bytes(i.memoryBytes)); kernels built for \(i.target))\n"
      s += "Peak: \(Units.fixed(g.peakGFLOPS, 1)) GFLOP/s float32"
      if let t = g.peakTF32GFLOPS { s += ", \(Units.fixed(t, 1)) TF32" }
      s += " (cuBLAS GEMM) · copy \(Units.fixed(g.bandwidthGBs, 1)) GB/s · balance \(Units.fixed(d.balance, 1)) FLOP/B"
      s += " · driver \(i.driverVersionString), NVRTC \(i.nvrtcVersion), cuBLAS \(i.cublasVersion)\n"
      return s
    }
  }

  /// The note under a GPU table that has TF32 timings.
  static func tf32Note(_ timings: [AlgorithmTiming]) -> String {
    timings.contains(where: { $0.precision == .tf32 })
      ? "tf32: TensorFloat-32 tensor cores (operands rounded to 10-bit mantissas; tolerance \(sci(Precision.tf32.tolerance)) "
        + "instead of \(sci(Precision.fp32.tolerance))); their % peak is against the TF32 peak\n"
      : ""
  }

  /// Splits text into the lines of a block (the text ends in a newline).
  static func lines(_ s: String) -> DocumentBlock {
    DocumentBlock(
      .lines(s.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { .plain(String($0)) }))
  }

  /// One layer's timings as a document: the layer, the machine, the roofline, a row per algorithm.
  public static func document(_ r: ConvBenchResult) -> Document {
    let p = r.problem
    var head = "Layer: \(p)   MACs \(Units.si(p.macs)) (\(Units.fixed(p.flops / 1e9, 2)) GFLOP)\n"
    head += machineLine(r.device)
    head +=
      "Roofline: \(Units.fixed(r.intensity, 1)) FLOP/B → \(r.bound)-bound, ceiling \(Units.fixed(r.roof, 1)) GFLOP/s\n"
    let columns = [
      DocumentColumn("algo", "Algorithm", value: 0),
      DocumentColumn("ms_median", "Median ms", value: 1, kind: .milliseconds),
      DocumentColumn("ms_min", "Min ms", value: 2, kind: .milliseconds),
      DocumentColumn("ms_max", "Max ms", value: 3, kind: .milliseconds),
      DocumentColumn("runs", "Runs", value: 4, kind: .integer),
      DocumentColumn("gflops", "GFLOP/s", value: 5, kind: .decimal(digits: 1)),
      DocumentColumn("percent_of_peak", "% peak", value: 6, kind: .decimal(digits: 1)),
      DocumentColumn("percent_of_roof", "% roof", value: 7, kind: .decimal(digits: 1)),
      DocumentColumn("relative_error", "Rel. error", value: 8, rightAligned: true),
    ]
    let rows: [[DocumentCell]] = r.timings.map { a in
      [
        .text(a.algorithm), .number(a.stats.median), .number(a.stats.min), .number(a.stats.max), .int(a.stats.count),
        .number(a.gflops), .number(r.percentOfPeak(a)), .number(r.percentOfRoof(a)),
        .text(a.relativeError.map { sci($0) } ?? "-"),
      ]
    }
    var tail = ""
    if case .gpu = r.device {
      tail +=
        "Best: \(r.best.algorithm), \(ms(r.best.stats.median)) ms, \(Units.fixed(r.best.gflops, 1)) GFLOP/s (GPU; CUDA events)\n"
      tail += "Rel. error: direct against the CPU reference, the others against direct\n"
      tail += tf32Note(r.timings)
    } else {
      tail +=
        "Best: \(r.best.algorithm), \(ms(r.best.stats.median)) ms, \(Units.fixed(r.best.gflops, 1)) GFLOP/s (\(r.threads) thread\(r.threads == 1 ? "" : "s"))\n"
    }
    return Document(
      kind: "bench-conv", title: p.description,
      tables: [DocumentTable(key: "algorithms", columns: columns, rows: rows)],
      blocks: [lines(head), DocumentBlock(.table(0)), lines(tail)], json: json(r), prettyJSON: true)
  }

  /// A model's profile as a document: a row per timed layer, the total, the
  /// layers not profiled; series of measured time per layer for charts.
  public static func document(_ m: ModelProfile) -> Document {
    var head = "Model: \(m.model)\(m.file.map { "  (\($0))" } ?? "")   batch \(m.batch), "
    if case .gpu = m.device { head += "GPU" } else { head += "\(m.threads) thread\(m.threads == 1 ? "" : "s")" }
    head += ", algorithm \(m.choice)\n"
    head += machineLine(m.device)
    let columns = [
      DocumentColumn("name", "Layer", value: 0), DocumentColumn("type", "Type", value: 1),
      DocumentColumn("geometry", "Input → output", value: 2), DocumentColumn("kernel", "Kernel", value: 3),
      DocumentColumn("macs", "MACs", value: 4, kind: .quantity(unit: "MACs")),
      DocumentColumn("algo", "Algorithm", value: 5), DocumentColumn("ms", "ms", value: 6, kind: .milliseconds),
      DocumentColumn("gflops", "GFLOP/s", value: 7, kind: .decimal(digits: 1)),
      DocumentColumn("percent_of_peak", "% peak", value: 8, kind: .decimal(digits: 1)),
      DocumentColumn("bound", "Bound", value: 9),
    ]
    let rows: [[DocumentCell]] = m.layers.map { l in
      let p = l.problem
      let c = l.chosen
      let kernel =
        "\(p.kernelH)×\(p.kernelW)" + (p.strideH > 1 ? " s\(p.strideH)" : "") + (p.groups > 1 ? " g\(p.groups)" : "")
      return [
        .text(l.name), .text(l.type),
        .text("\(p.inChannels)×\(p.height)×\(p.width) → \(p.outChannels)×\(p.outHeight)×\(p.outWidth)"),
        .text(kernel), .int(p.macs), .text(c.algorithm + (l.fallback ? "*" : "") + (l.sameAs != nil ? " =" : "")),
        .number(c.stats.median), .number(c.gflops), .number(l.result.percentOfPeak(c)), .text(l.result.bound),
      ]
    }
    var tail =
      "Total: \(m.layers.count) layers, \(ms(m.totalSeconds)) ms, \(Units.si(m.totalMACs)) MACs, \(Units.fixed(m.gflops, 1)) GFLOP/s "
    tail +=
      "(\(Units.fixed(100 * m.gflops / m.device.peakGFLOPS(), 1))% of \(m.device.kind == "gpu" ? "the float32 " : "")peak)\n"
    tail +=
      "ms: median of the chosen (fastest) algorithm; '=' reuses the timing of an earlier layer of the same geometry"
    tail +=
      m.layers.contains(where: \.fallback)
      ? "; '*' the requested algorithm does not apply, the fastest applicable one stands in\n" : "\n"
    if case .gpu = m.device { tail += tf32Note(m.layers.map(\.chosen)) }
    for n in m.notProfiled { tail += "Not profiled: \(n.name) (\(n.type)): \(n.reason)\n" }
    return Document(
      kind: "profile", title: m.model,
      tables: [DocumentTable(key: "layers", columns: columns, rows: rows)],
      series: [
        DocumentSeries(
          key: "ms", title: "Measured time per layer", unit: "ms", labels: m.layers.map(\.name),
          values: m.layers.map { $0.chosen.stats.median * 1000 })
      ],
      blocks: [lines(head), DocumentBlock(.table(0)), lines(tail)], json: json(m), prettyJSON: true)
  }

  static func sci(_ x: Double) -> String {
    guard x.isFinite, x > 0 else { return x == 0 ? "0" : "\(x)" }
    var e = 0
    var m = x
    while m < 1 {
      m *= 10
      e -= 1
    }
    while m >= 10 {
      m /= 10
      e += 1
    }
    return Units.fixed(m, 1) + "e" + String(e)
  }

  // MARK: - JSON

  static func json(_ d: ComputeDevice) -> DocumentValue {
    switch d {
    case .cpu(let m):
      return obj([
        ("threads", .int(m.threads)), ("peak_gflops", .number(m.peakGFLOPS)),
        ("peak_gflops_per_thread", .number(m.peakGFLOPSPerThread)),
        ("isa", .string(m.isa)), ("bandwidth_gbs", .number(m.bandwidthGBs)),
        ("balance_flops_per_byte", .number(m.balance)),
        ("blas", .string(m.blas)), ("peak_note", m.peakNote.map { .string($0) } ?? .null),
        ("cached_at", m.cachedAt.map { .int($0) } ?? .null),
      ])
    case .gpu(let g):
      let i = g.info
      return obj([
        ("name", .string(i.name)),
        ("compute_capability", .string("\(i.computeCapability.major).\(i.computeCapability.minor)")),
        ("multiprocessors", .int(i.multiprocessors)), ("memory_bytes", .int(i.memoryBytes)),
        ("l2_bytes", .int(i.l2Bytes)),
        ("target", .string(i.target)), ("driver", .string(i.driverVersionString)), ("nvrtc", .string(i.nvrtcVersion)),
        ("peak_gflops", .number(g.peakGFLOPS)), ("peak_tf32_gflops", g.peakTF32GFLOPS.map { .number($0) } ?? .null),
        ("bandwidth_gbs", .number(g.bandwidthGBs)), ("balance_flops_per_byte", .number(d.balance)),
        ("blas", .string("cuBLAS \(i.cublasVersion)")), ("method", .string(g.method)),
      ])
    }
  }

  static func json(_ a: AlgorithmTiming, in r: ConvBenchResult) -> DocumentValue {
    obj([
      ("algo", .string(a.algorithm)), ("precision", .string(a.precision.rawValue)),
      ("ms_median", .number(a.stats.median * 1000)), ("ms_min", .number(a.stats.min * 1000)),
      ("ms_max", .number(a.stats.max * 1000)), ("runs", .int(a.stats.count)), ("gflops", .number(a.gflops)),
      ("percent_of_peak", .number(r.percentOfPeak(a))), ("percent_of_roof", .number(r.percentOfRoof(a))),
      ("relative_error", a.relativeError.map { .number($0) } ?? .null),
    ])
  }

  static func json(_ p: ConvProblem) -> [(String, DocumentValue)] {
    [
      ("batch", .int(p.batch)), ("in_channels", .int(p.inChannels)), ("height", .int(p.height)),
      ("width", .int(p.width)),
      ("out_channels", .int(p.outChannels)), ("kernel", .ints([p.kernelH, p.kernelW])),
      ("stride", .ints([p.strideH, p.strideW])),
      ("dilation", .ints([p.dilationH, p.dilationW])), ("pads", .ints([p.padTop, p.padLeft, p.padBottom, p.padRight])),
      ("groups", .int(p.groups)), ("input_shape", .ints([p.batch, p.inChannels, p.height, p.width])),
      ("output_shape", .ints([p.batch, p.outChannels, p.outHeight, p.outWidth])), ("macs", .int(p.macs)),
      ("flops", .number(p.flops)), ("bytes", .number(p.bytes)),
    ]
  }

  static func json(_ r: ConvBenchResult) -> DocumentValue {
    obj([
      ("device", .string(r.device.kind)), ("layer", obj(json(r.problem))), ("threads", .int(r.threads)),
      ("machine", json(r.device)),
      ("arithmetic_intensity", .number(r.intensity)), ("bound", .string(r.bound)), ("roof_gflops", .number(r.roof)),
      ("algorithms", .array(r.timings.map { json($0, in: r) })), ("best", .string(r.best.algorithm)),
    ])
  }

  static func json(_ m: ModelProfile) -> DocumentValue {
    let layers: [DocumentValue] = m.layers.map { l in
      let r = l.result
      let c = l.chosen
      return obj(
        [("name", .string(l.name)), ("type", .string(l.type))] + json(l.problem) + [
          ("arithmetic_intensity", .number(r.intensity)), ("bound", .string(r.bound)), ("algo", .string(c.algorithm)),
          ("precision", .string(c.precision.rawValue)), ("ms", .number(c.stats.median * 1000)),
          ("gflops", .number(c.gflops)), ("percent_of_peak", .number(r.percentOfPeak(c))),
          ("same_as", l.sameAs.map { .string($0) } ?? .null), ("fallback", .bool(l.fallback)),
          ("algorithms", .array(r.timings.map { json($0, in: r) })),
        ])
    }
    return obj([
      ("device", .string(m.device.kind)), ("model", .string(m.model)), ("file", m.file.map { .string($0) } ?? .null),
      ("batch", .int(m.batch)), ("threads", .int(m.threads)), ("algo", .string(m.choice)), ("machine", json(m.device)),
      ("layers", .array(layers)),
      (
        "not_profiled",
        .array(
          m.notProfiled.map {
            obj([("name", .string($0.name)), ("type", .string($0.type)), ("reason", .string($0.reason))])
          })
      ),
      (
        "total",
        obj([
          ("layers", .int(m.layers.count)), ("ms", .number(m.totalSeconds * 1000)), ("macs", .int(m.totalMACs)),
          ("gflops", .number(m.gflops)), ("percent_of_peak", .number(100 * m.gflops / m.device.peakGFLOPS())),
        ])
      ),
    ])
  }
}

/// An object from key-value pairs, keys in order.
func obj(_ pairs: [(String, DocumentValue)]) -> DocumentValue { .object(pairs.map { DocumentMember($0.0, $0.1) }) }
