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
    case .table: return Self.table(r)
    case .json: return Self.json(r).text + "\n"
    }
  }

  /// Renders a model's profile.
  public func render(_ m: ModelProfile) -> String {
    switch self {
    case .table: return Self.table(m)
    case .json: return Self.json(m).text + "\n"
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

  static func table(_ r: ConvBenchResult) -> String {
    let p = r.problem
    var s = "Layer: \(p)   MACs \(Units.si(p.macs)) (\(Units.fixed(p.flops / 1e9, 2)) GFLOP)\n"
    s += machineLine(r.device)
    s +=
      "Roofline: \(Units.fixed(r.intensity, 1)) FLOP/B → \(r.bound)-bound, ceiling \(Units.fixed(r.roof, 1)) GFLOP/s\n"
    var t = TextTableView(
      header: ["Algorithm", "Median ms", "Min ms", "Max ms", "Runs", "GFLOP/s", "% peak", "% roof", "Rel. error"],
      rightAligned: Set(1...8))
    for a in r.timings {
      t.rows.append([
        a.algorithm, ms(a.stats.median), ms(a.stats.min), ms(a.stats.max), String(a.stats.count),
        Units.fixed(a.gflops, 1), Units.fixed(r.percentOfPeak(a), 1), Units.fixed(r.percentOfRoof(a), 1),
        a.relativeError.map { sci($0) } ?? "-",
      ])
    }
    s += t.render()
    if case .gpu = r.device {
      s +=
        "Best: \(r.best.algorithm), \(ms(r.best.stats.median)) ms, \(Units.fixed(r.best.gflops, 1)) GFLOP/s (GPU; CUDA events)\n"
      s += "Rel. error: direct against the CPU reference, the others against direct\n"
      s += tf32Note(r.timings)
    } else {
      s +=
        "Best: \(r.best.algorithm), \(ms(r.best.stats.median)) ms, \(Units.fixed(r.best.gflops, 1)) GFLOP/s (\(r.threads) thread\(r.threads == 1 ? "" : "s"))\n"
    }
    return s
  }

  static func table(_ m: ModelProfile) -> String {
    var s = "Model: \(m.model)\(m.file.map { "  (\($0))" } ?? "")   batch \(m.batch), "
    if case .gpu = m.device { s += "GPU" } else { s += "\(m.threads) thread\(m.threads == 1 ? "" : "s")" }
    s += ", algorithm \(m.choice)\n"
    s += machineLine(m.device)
    var t = TextTableView(
      header: ["Layer", "Type", "Input → output", "Kernel", "MACs", "Algorithm", "ms", "GFLOP/s", "% peak", "Bound"],
      rightAligned: [4, 6, 7, 8])
    for l in m.layers {
      let p = l.problem
      let c = l.chosen
      let kernel =
        "\(p.kernelH)×\(p.kernelW)" + (p.strideH > 1 ? " s\(p.strideH)" : "") + (p.groups > 1 ? " g\(p.groups)" : "")
      t.rows.append([
        l.name, l.type, "\(p.inChannels)×\(p.height)×\(p.width) → \(p.outChannels)×\(p.outHeight)×\(p.outWidth)",
        kernel,
        Units.si(p.macs), c.algorithm + (l.fallback ? "*" : "") + (l.sameAs != nil ? " =" : ""),
        ms(c.stats.median), Units.fixed(c.gflops, 1), Units.fixed(l.result.percentOfPeak(c), 1), l.result.bound,
      ])
    }
    s += t.render()
    s +=
      "Total: \(m.layers.count) layers, \(ms(m.totalSeconds)) ms, \(Units.si(m.totalMACs)) MACs, \(Units.fixed(m.gflops, 1)) GFLOP/s "
    s +=
      "(\(Units.fixed(100 * m.gflops / m.device.peakGFLOPS(), 1))% of \(m.device.kind == "gpu" ? "the float32 " : "")peak)\n"
    s += "ms: median of the chosen (fastest) algorithm; '=' reuses the timing of an earlier layer of the same geometry"
    s +=
      m.layers.contains(where: \.fallback)
      ? "; '*' the requested algorithm does not apply, the fastest applicable one stands in\n" : "\n"
    if case .gpu = m.device { s += tf32Note(m.layers.map(\.chosen)) }
    for n in m.notProfiled { s += "Not profiled: \(n.name) (\(n.type)): \(n.reason)\n" }
    return s
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

  static func json(_ d: ComputeDevice) -> JSONOut {
    switch d {
    case .cpu(let m):
      return .object([
        ("threads", .int(m.threads)), ("peak_gflops", .number(m.peakGFLOPS)),
        ("peak_gflops_per_thread", .number(m.peakGFLOPSPerThread)),
        ("isa", .string(m.isa)), ("bandwidth_gbs", .number(m.bandwidthGBs)),
        ("balance_flops_per_byte", .number(m.balance)),
        ("blas", .string(m.blas)),
      ])
    case .gpu(let g):
      let i = g.info
      return .object([
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

  static func json(_ a: AlgorithmTiming, in r: ConvBenchResult) -> JSONOut {
    .object([
      ("algo", .string(a.algorithm)), ("precision", .string(a.precision.rawValue)),
      ("ms_median", .number(a.stats.median * 1000)), ("ms_min", .number(a.stats.min * 1000)),
      ("ms_max", .number(a.stats.max * 1000)), ("runs", .int(a.stats.count)), ("gflops", .number(a.gflops)),
      ("percent_of_peak", .number(r.percentOfPeak(a))), ("percent_of_roof", .number(r.percentOfRoof(a))),
      ("relative_error", a.relativeError.map { .number($0) } ?? .null),
    ])
  }

  static func json(_ p: ConvProblem) -> [(String, JSONOut)] {
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

  static func json(_ r: ConvBenchResult) -> JSONOut {
    .object([
      ("device", .string(r.device.kind)), ("layer", .object(json(r.problem))), ("threads", .int(r.threads)),
      ("machine", json(r.device)),
      ("arithmetic_intensity", .number(r.intensity)), ("bound", .string(r.bound)), ("roof_gflops", .number(r.roof)),
      ("algorithms", .array(r.timings.map { json($0, in: r) })), ("best", .string(r.best.algorithm)),
    ])
  }

  static func json(_ m: ModelProfile) -> JSONOut {
    let layers: [JSONOut] = m.layers.map { l in
      let r = l.result
      let c = l.chosen
      return .object(
        [("name", .string(l.name)), ("type", .string(l.type))] + json(l.problem) + [
          ("arithmetic_intensity", .number(r.intensity)), ("bound", .string(r.bound)), ("algo", .string(c.algorithm)),
          ("precision", .string(c.precision.rawValue)), ("ms", .number(c.stats.median * 1000)),
          ("gflops", .number(c.gflops)), ("percent_of_peak", .number(r.percentOfPeak(c))),
          ("same_as", l.sameAs.map { .string($0) } ?? .null), ("fallback", .bool(l.fallback)),
          ("algorithms", .array(r.timings.map { json($0, in: r) })),
        ])
    }
    return .object([
      ("device", .string(m.device.kind)), ("model", .string(m.model)), ("file", m.file.map { .string($0) } ?? .null),
      ("batch", .int(m.batch)), ("threads", .int(m.threads)), ("algo", .string(m.choice)), ("machine", json(m.device)),
      ("layers", .array(layers)),
      (
        "not_profiled",
        .array(
          m.notProfiled.map {
            .object([("name", .string($0.name)), ("type", .string($0.type)), ("reason", .string($0.reason))])
          })
      ),
      (
        "total",
        .object([
          ("layers", .int(m.layers.count)), ("ms", .number(m.totalSeconds * 1000)), ("macs", .int(m.totalMACs)),
          ("gflops", .number(m.gflops)), ("percent_of_peak", .number(100 * m.gflops / m.device.peakGFLOPS())),
        ])
      ),
    ])
  }
}

/// A JSON value being written (keys keep their order).
indirect enum JSONOut {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONOut])
  case object([(String, JSONOut)])

  static func ints(_ xs: [Int]) -> JSONOut { .array(xs.map { .int($0) }) }

  var text: String {
    var s = ""
    write(&s, indent: 0)
    return s
  }

  func write(_ s: inout String, indent: Int) {
    switch self {
    case .null: s += "null"
    case .bool(let b): s += b ? "true" : "false"
    case .int(let i): s += String(i)
    case .number(let x): s += x.isFinite ? (x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)") : "null"
    case .string(let t): Self.quote(t, into: &s)
    case .array(let xs):
      if xs.allSatisfy({ if case .int = $0 { true } else { false } }) {
        s += "[" + xs.map(\.text).joined(separator: ", ") + "]"
        return
      }
      if xs.isEmpty {
        s += "[]"
        return
      }
      s += "[\n"
      for (i, x) in xs.enumerated() {
        s += String(repeating: "  ", count: indent + 1)
        x.write(&s, indent: indent + 1)
        s += i + 1 < xs.count ? ",\n" : "\n"
      }
      s += String(repeating: "  ", count: indent) + "]"
    case .object(let kv):
      if kv.isEmpty {
        s += "{}"
        return
      }
      s += "{\n"
      for (i, (k, v)) in kv.enumerated() {
        s += String(repeating: "  ", count: indent + 1)
        Self.quote(k, into: &s)
        s += ": "
        v.write(&s, indent: indent + 1)
        s += i + 1 < kv.count ? ",\n" : "\n"
      }
      s += String(repeating: "  ", count: indent) + "}"
    }
  }

  static func quote(_ t: String, into s: inout String) {
    s += "\""
    for u in t.unicodeScalars {
      switch u {
      case "\"": s += "\\\""
      case "\\": s += "\\\\"
      case "\n": s += "\\n"
      case "\t": s += "\\t"
      case "\r": s += "\\r"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          s.unicodeScalars.append(u)
        }
      }
    }
    s += "\""
  }
}
