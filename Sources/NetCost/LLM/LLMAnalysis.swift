// netcost — Apache-2.0

/// Analyzes a language model from its transformers config: both stages'
/// graphs, and the ``LLMSummary`` the report carries.
public enum LLMAnalysis {
  /// Reads the config at `file` and returns the report of the stage
  /// `loading.llm.stage` names, with ``Totals/llm`` filled in.
  ///
  /// - Throws: ``NetCostError`` for a bad config or option (an encoder asked
  ///   for a decode stage, a length beyond learned positions, …).
  public static func analyze(file: String, loading: ImportOptions, options: AnalysisOptions = .init())
    throws(NetCostError) -> Report
  {
    var analysis = options
    analysis.batch = loading.batch ?? options.batch
    var o = loading.llm
    let requested = try HFConfigImport.load(file: file, options: o)
    let requestedReport = try Analyzer.analyze(requested.graph, options: analysis, file: file)
    var prefill = (requested, requestedReport)
    var decode: (HFConfigImport.Model, Report)? = nil
    if o.stage == .decode {
      decode = prefill
      o.stage = .prefill
      let m = try HFConfigImport.load(file: file, options: o)
      prefill = (m, try Analyzer.analyze(m.graph, options: analysis, file: file))
    } else if requested.info.kind != .encoder {
      o.stage = .decode
      let m = try HFConfigImport.load(file: file, options: o)
      decode = (m, try Analyzer.analyze(m.graph, options: analysis, file: file))
    }
    var report = requestedReport
    do {
      report.totals.llm = try summarize(prefill: prefill, decode: decode, options: loading.llm, batch: analysis.batch)
    } catch {
      throw .overflow(SourceLocation(file: file), layer: "(LLM summary)", what: error.what)
    }
    return report
  }

  static func summarize(
    prefill: (HFConfigImport.Model, Report), decode: (HFConfigImport.Model, Report)?, options: LLMOptions, batch: Int
  ) throws(ArithmeticOverflow) -> LLMSummary {
    let (model, report) = prefill
    let info = model.info
    let t = report.totals
    var embeddings = 0
    var inactive = 0
    var largest = 0
    for (layer, row) in zip(model.graph.layers, report.layers) {
      largest = max(largest, row.cost.params)
      if info.embeddingLayers.contains(row.name) { embeddings = try Checked.add(embeddings, row.cost.params) }
      if let e = layer.op as? MoEExperts, let h = row.outputShapes.first?.dims.last {
        inactive = try Checked.add(inactive, try Checked.mul(e.experts - e.topK, try e.parametersPerExpert(hidden: h)))
      }
    }
    let weightType = options.dtype ?? info.configDType ?? .fp32
    let kvType = options.kvDType ?? info.configDType ?? .fp32
    let (kvSelf, kvCross) = cacheWidths(report)
    let active = t.params - inactive
    let pre = try stage(prefill, .prefill, batch: batch, options: options, weightType: weightType, kvType: kvType)
    let dec = try decode.map { d throws(ArithmeticOverflow) in
      try stage(d, .decode, batch: batch, options: options, weightType: weightType, kvType: kvType)
    }
    let weightBytes = try weightType.bytes(try Checked.add(t.params, t.buffers))
    let shown = options.stage == .decode ? (dec ?? pre) : pre
    let kv = try Checked.add(shown.kvCacheBytes, shown.crossCacheBytes)
    let memory = LLMMemoryBudget(
      weightBytes: weightBytes, kvCacheBytes: kv, activationBytes: shown.peakActivationBytes,
      totalBytes: try Checked.sum([weightBytes, kv, shown.peakActivationBytes]),
      deviceBytes: options.hardware?.memoryBytes)
    let training = try trainingFigures(
      model: model, report: report, options: options, active: active, largest: largest, weightBytes: weightBytes)
    var s = LLMSummary(
      info: info, params: t.params, paramsWithoutEmbeddings: t.params - embeddings, activeParams: active,
      buffers: t.buffers, weightDType: weightType, weightBytes: weightBytes, kvDType: kvType,
      kvValuesPerToken: kvSelf, kvBytesPerToken: try kvType.bytes(kvSelf),
      crossKVValuesPerToken: info.kind == .encoderDecoder ? kvCross : nil, prefill: pre, decode: dec,
      memory: memory, training: training, hardware: options.hardware)
    s.lastLogits = options.lastLogits
    return s
  }

  /// Values per token of the self-attention and cross-attention caches.
  static func cacheWidths(_ report: Report) -> (selfAttention: Int, cross: Int) {
    var s = 0
    var c = 0
    for row in report.layers where row.type == "kv_cache" {
      let d = row.outputShapes[0].dims.last ?? 0
      if row.name.contains("EncDecAttention") { c += d } else { s += d }
    }
    return (s, c)
  }

  static func stage(
    _ pass: (HFConfigImport.Model, Report), _ stage: LLMOptions.Stage, batch: Int, options: LLMOptions,
    weightType: LLMDType, kvType: LLMDType
  ) throws(ArithmeticOverflow) -> LLMStageFigures {
    let (model, report) = pass
    let newTokens =
      stage == .decode
      ? 1 : (model.info.kind == .encoderDecoder ? model.info.decoderSeq ?? model.info.seq : model.info.seq)
    var selfCache = 0
    var crossCache = 0
    for row in report.layers where row.type == "kv_cache" {
      let n = try row.outputShapes[0].elementCount()
      if row.name.contains("EncDecAttention") {
        crossCache = try Checked.add(crossCache, n)
      } else {
        selfCache = try Checked.add(selfCache, n)
      }
    }
    let mm = try Checked.mul(2, report.totals.macs, "FLOPs")
    var f = LLMStageFigures(
      stage: stage, batch: batch, newTokens: newTokens, context: stage == .decode ? model.info.context : 0,
      macs: report.totals.macs, matmulFlops: mm, flops: report.totals.flops,
      matmulFlopsPerToken: mm / max(1, try Checked.mul(batch, newTokens)), kvCacheBytes: try kvType.bytes(selfCache),
      crossCacheBytes: try kvType.bytes(crossCache), peakActivationBytes: report.totals.peakActivationBytes,
      activationBytes: report.totals.activationBytes, roofline: nil)
    if let hw = options.hardware {
      f.roofline = try roofline(model: model, report: report, figures: f, hardware: hw, weightType: weightType)
    }
    return f
  }

  static func roofline(
    model: HFConfigImport.Model, report: Report, figures f: LLMStageFigures, hardware hw: Hardware,
    weightType: LLMDType
  ) throws(ArithmeticOverflow) -> LLMRoofline {
    let peak = hw.peak(for: weightType)
    let ridge = hw.bandwidth > 0 ? peak / hw.bandwidth : 0
    let act = report.dtype.bytes
    var weightsRead = 0
    var computeBound = 0
    var memoryBound = 0
    for (layer, row) in zip(model.graph.layers, report.layers) {
      var params = row.cost.params
      if let e = layer.op as? MoEExperts {
        // Only the experts some token is routed to are read.
        let tokens = try row.outputShapes[0].elementCount() / max(1, row.outputShapes[0].dims.last ?? 1)
        let touched = min(e.experts, try Checked.mul(tokens, e.topK))
        params = params / e.experts * touched
      }
      let w = try weightType.bytes(params)
      weightsRead = try Checked.add(weightsRead, w)
      guard row.cost.macs > 0 else { continue }
      var bytes = try Checked.add(w, row.activationBytes)
      for r in layer.inputs {
        let s: Shape
        switch r {
        case .input(let i): s = report.inputs[i].shape
        case .output(let l, let k): s = report.layers[l].outputShapes[k]
        }
        bytes = try Checked.add(bytes, try Checked.mul(try s.elementCount(), act))
      }
      if Double(2) * Double(row.cost.macs) / Double(max(bytes, 1)) >= ridge {
        computeBound += 1
      } else {
        memoryBound += 1
      }
    }
    let moved = try Checked.sum([weightsRead, f.kvCacheBytes, f.crossCacheBytes])
    let tc = peak > 0 ? Double(f.matmulFlops) / peak : .infinity
    let tm = hw.bandwidth > 0 ? Double(moved) / hw.bandwidth : .infinity
    let bound = max(tc, tm)
    return LLMRoofline(
      computeSeconds: tc, memorySeconds: tm, bytesMoved: moved, computeBound: tc >= tm,
      tokensPerSecond: bound > 0 ? Double(f.batch) * Double(f.newTokens) / bound : 0, computeBoundLayers: computeBound,
      memoryBoundLayers: memoryBound, ridge: ridge)
  }

  static func trainingFigures(
    model: HFConfigImport.Model, report: Report, options: LLMOptions, active: Int, largest: Int, weightBytes: Int
  ) throws(ArithmeticOverflow) -> LLMTrainingFigures {
    let p = report.totals.params
    let g = max(1, options.devices)
    let zero = [
      try Checked.mul(16, p), try Checked.add(try Checked.mul(4, p), try Checked.mul(12, p) / g),
      try Checked.add(try Checked.mul(4, p), try Checked.mul(16, p) / g),
      try Checked.add(try Checked.mul(4, largest), try Checked.mul(18, p) / g),
    ]
    let targets = options.loraTargets.isEmpty ? ["q_proj", "k_proj", "v_proj", "o_proj"] : options.loraTargets
    var lora: Int? = nil
    var loraBytes: Int? = nil
    if let r = options.loraRank {
      var n = 0
      for (layer, row) in zip(model.graph.layers, report.layers) {
        guard let l = layer.op as? Linear, l.tiedTo == nil, let last = row.name.split(separator: ".").last,
          targets.contains(String(last))
        else { continue }
        let input = (row.cost.params - (l.bias ? l.out : 0)) / l.out
        n = try Checked.add(n, try Checked.mul(r, input + l.out))
      }
      lora = n
      loraBytes = try Checked.sum([weightBytes, try Checked.mul(16, n), report.totals.activationBytes])
    }
    return LLMTrainingFigures(
      tokens: options.tokens,
      flops: try options.tokens.map { d throws(ArithmeticOverflow) in try Checked.mul(try Checked.mul(6, active), d) },
      devices: g, zeroModelStates: zero, activationBytes: report.totals.activationBytes, largestLayerParams: largest,
      loraRank: options.loraRank, loraTargets: targets, loraParams: lora, loraBytes: loraBytes)
  }
}
