// netcost — Apache-2.0

import ArgumentParser
import NetCost

/// Options for language models read from a Hugging Face config.json.
struct LLMArguments: ParsableArguments {
  @Option(help: "Prompt length (default 2048 for decoders, 128 for encoders; encoder-decoder: both lengths).")
  var seq: Int?
  @Option(name: .customLong("decoder-seq"), help: "Encoder-decoder: the decoder's input length (default --seq).")
  var decoderSeq: Int?
  @Option(help: "Which pass the layers show: prefill or decode.") var stage: String = "prefill"
  @Option(help: "Decode: positions already in the KV cache (default --seq).") var context: Int?
  @Flag(help: "Count only the query–key pairs a causal mask keeps (default: every pair, as FlopCounterMode does).")
  var causal = false
  @Flag(name: .customLong("last-logits"), help: "Prefill: the lm_head on the last position only (what generate does).")
  var lastLogits = false
  @Flag(
    name: .customLong("absorbed-mla"), help: "DeepSeek MLA: count the absorbed form instead of re-expanding the cache.")
  var absorbedMLA = false
  @Option(help: "Weight dtype: \(LLMDType.spellings) (default: the config's torch_dtype/dtype, else fp32).")
  var dtype: String?
  @Option(name: .customLong("kv-dtype"), help: "KV-cache dtype (same choices; default the config's dtype).")
  var kvDType: String?
  @Option(help: "Training tokens D for the 6·N·D estimate.") var tokens: String?
  @Option(help: "Data-parallel devices for the ZeRO estimates (default 1).") var devices: Int = 1
  @Option(name: .customLong("lora-rank"), help: "LoRA rank r for the LoRA fine-tuning estimate.") var loraRank: Int?
  @Option(
    name: .customLong("lora-targets"),
    help: "Comma-separated projections LoRA adapts (default q_proj,k_proj,v_proj,o_proj).")
  var loraTargets: String?
  @Option(help: "Roofline hardware: a100, h100, h200, l4, rtx4090, or a JSON file.") var hardware: String?

  func validate() throws {
    for (n, v) in [("--seq", seq), ("--decoder-seq", decoderSeq)] {
      if let v, v < 1 { throw ValidationError("\(n) must be at least 1, found \(v)") }
    }
    if let context, context < 0 { throw ValidationError("--context must be at least 0, found \(context)") }
    guard LLMOptions.Stage(rawValue: stage) != nil else {
      throw ValidationError("--stage expects prefill or decode, found '\(stage)'")
    }
    for (n, v) in [("--dtype", dtype), ("--kv-dtype", kvDType)] {
      if let v, LLMDType(spelling: v) == nil {
        throw ValidationError("\(n) expects \(LLMDType.spellings), found '\(v)'")
      }
    }
    guard devices >= 1 else { throw ValidationError("--devices must be at least 1, found \(devices)") }
    if let loraRank, loraRank < 1 { throw ValidationError("--lora-rank must be at least 1, found \(loraRank)") }
    if let hardware, Hardware.named(hardware) == nil, !hardware.hasSuffix(".json"), !hardware.contains("/") {
      let names = Hardware.bundled.map(\.name)
      let hint = Suggest.closest(to: hardware, in: names).map { " (did you mean '\($0)'?)" } ?? ""
      throw ValidationError(
        "--hardware '\(hardware)' is neither a bundled name (\(names.joined(separator: ", "))) nor a JSON file\(hint)")
    }
    if let tokens, (try? Quantity.parse(tokens, as: .count)) == nil {
      throw ValidationError("--tokens expects a count such as 1T, 2e12 or 300_000_000_000, found '\(tokens)'")
    }
  }

  /// The options, with the hardware resolved.
  func options() throws(NetCostError) -> LLMOptions {
    var o = LLMOptions()
    o.seq = seq
    o.decoderSeq = decoderSeq
    o.stage = LLMOptions.Stage(rawValue: stage) ?? .prefill
    o.context = context
    o.causal = causal
    o.lastLogits = lastLogits
    o.absorbedMLA = absorbedMLA
    o.dtype = dtype.flatMap(LLMDType.init(spelling:))
    o.kvDType = kvDType.flatMap(LLMDType.init(spelling:))
    o.tokens = tokens.flatMap { try? Quantity.parse($0, as: .count) }
    o.devices = devices
    o.loraRank = loraRank
    o.loraTargets = loraTargets.map { $0.split(separator: ",").map { String($0) } } ?? []
    if let hardware { o.hardware = try Hardware.resolve(hardware) }
    return o
  }
}
