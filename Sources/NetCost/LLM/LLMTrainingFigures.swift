// netcost — Apache-2.0

/// Training estimates: total FLOPs for a token budget, and memory per
/// device for full fine-tuning with AdamW in mixed precision under ZeRO
/// stages 0–3, and for LoRA.
public struct LLMTrainingFigures: Sendable, Equatable {
  /// Training tokens D.
  public var tokens: Int?
  /// 6 · N · D with N the active parameters per token.
  public var flops: Int?
  /// Data-parallel devices G.
  public var devices: Int
  /// Model-state bytes per device for ZeRO stage 0, 1, 2, 3 (see ``zeroFormulas``).
  public var zeroModelStates: [Int]
  /// Activation bytes kept for the backward pass at the given batch and
  /// length (every layer output, no checkpointing), per device.
  public var activationBytes: Int
  /// The largest single layer's parameters (ZeRO-3 gathers one at a time).
  public var largestLayerParams: Int
  /// LoRA rank, if LoRA was asked for.
  public var loraRank: Int?
  /// The projections LoRA adapts.
  public var loraTargets: [String]
  /// LoRA's trainable parameters: r · (in + out) per adapted projection.
  public var loraParams: Int?
  /// LoRA memory per device: frozen weights + 16 bytes per LoRA parameter + activations.
  public var loraBytes: Int?

  /// The formulas, as stated in the report.
  public static let zeroFormulas = [
    "ZeRO-0: 16·Ψ (fp16/bf16 weights 2Ψ + gradients 2Ψ + fp32 master weights, momentum and variance 12Ψ; ZeRO paper, Rajbhandari et al. 2020)",
    "ZeRO-1: 4·Ψ + 12·Ψ/G (optimizer states partitioned; ZeRO paper)",
    "ZeRO-2: 4·Ψ + 16·Ψ/G (DeepSpeed estimate_zero2_model_states_mem_needs, no offload)",
    "ZeRO-3: 4·largest layer + 18·Ψ/G (DeepSpeed estimate_zero3_model_states_mem_needs, no offload)",
  ]
}
