// netcost — Apache-2.0

extension LLMSummary {
  /// The summary as lines for the table renderer's totals block.
  public var text: String {
    func fmt(_ x: Double, _ digits: Int = 2) -> String { Units.fixed(x, digits) }
    func seconds(_ x: Double) -> String { x < 1 ? fmt(x * 1000, 3) + " ms" : fmt(x, 3) + " s" }
    var s = "\nLanguage model (\(info.modelType), \(info.architecture), \(info.kind.rawValue)):\n"
    s +=
      "  Parameters:        \(Units.grouped(params)) total, \(Units.grouped(paramsWithoutEmbeddings)) without embeddings, \(Units.grouped(activeParams)) active per token\n"
    s += "  Weights:           \(Units.bytes(weightBytes)) at \(weightDType)\n"
    s +=
      "  KV cache:          \(Units.grouped(kvBytesPerToken)) B per token (\(Units.grouped(kvValuesPerToken)) values at \(kvDType))"
    if let c = crossKVValuesPerToken { s += "; cross-attention \(Units.grouped(c)) values per encoder token" }
    s += "\n"
    for f in [prefill] + (decode.map { [$0] } ?? []) {
      s += "  \(f.stage == .prefill ? "Prefill" : "Decode ")  batch \(f.batch) × \(f.newTokens) new"
      s += f.stage == .decode ? " over \(f.context) cached" : ""
      s +=
        ": \(Units.si(f.matmulFlops))FLOPs (2×MACs), \(Units.si(f.matmulFlopsPerToken))FLOPs per token, KV cache \(Units.bytes(f.kvCacheBytes + f.crossCacheBytes))\n"
      if let r = f.roofline {
        s +=
          "    roofline: \(r.computeBound ? "compute" : "memory")-bound; ≥ \(seconds(max(r.computeSeconds, r.memorySeconds))) (compute \(seconds(r.computeSeconds)), memory \(seconds(r.memorySeconds)) for \(Units.bytes(r.bytesMoved))); ≤ \(fmt(r.tokensPerSecond, 1)) tokens/s; layers: \(r.computeBoundLayers) compute-bound, \(r.memoryBoundLayers) memory-bound\n"
      }
    }
    let m = memory
    s +=
      "  Memory budget:     \(Units.bytes(m.totalBytes)) = weights \(Units.bytes(m.weightBytes)) + KV cache \(Units.bytes(m.kvCacheBytes)) + activations \(Units.bytes(m.activationBytes))"
    if let hw = hardware, let fits = m.fits {
      s += " — \(fits ? "fits" : "does NOT fit") in \(hw.displayName) (\(Units.bytes(hw.memoryBytes)))"
    }
    s += "\n"
    let t = training
    if let d = t.tokens, let f = t.flops {
      s +=
        "  Training compute:  6·N·D = \(Units.si(f))FLOPs for D = \(Units.si(d)) tokens, N = \(Units.si(activeParams)) active parameters\n"
    }
    s +=
      "  Fine-tuning (AdamW, mixed precision, G = \(t.devices)): model states per device ZeRO-0 \(Units.bytes(t.zeroModelStates[0])), ZeRO-1 \(Units.bytes(t.zeroModelStates[1])), ZeRO-2 \(Units.bytes(t.zeroModelStates[2])), ZeRO-3 \(Units.bytes(t.zeroModelStates[3])); + activations \(Units.bytes(t.activationBytes)) (no checkpointing)\n"
    if let r = t.loraRank, let n = t.loraParams, let b = t.loraBytes {
      s +=
        "  LoRA r = \(r) on \(t.loraTargets.joined(separator: ", ")): \(Units.grouped(n)) trainable parameters, \(Units.bytes(b)) (frozen weights + 16 B per LoRA parameter + activations)\n"
    }
    for c in conventions { s += "  convention: \(c)\n" }
    for z in LLMTrainingFigures.zeroFormulas { s += "  formula: \(z)\n" }
    if let hw = hardware { s += "  hardware: \(hw.displayName): \(hw.source)\n" }
    return s
  }
}
