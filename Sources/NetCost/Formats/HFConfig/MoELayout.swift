// netcost — Apache-2.0

/// Where a model's mixture-of-experts layers are and what they hold, from
/// the keys each family uses (`num_local_experts`, `num_experts`,
/// `n_routed_experts`, `decoder_sparse_step`, `first_k_dense_replace`, …).
struct MoELayout: Sendable, Equatable {
  /// Routed experts per MoE layer.
  var experts: Int
  /// Experts per token.
  var topK: Int
  /// Width of one routed expert.
  var intermediate: Int
  /// Width of the shared expert(s) MLP, if any.
  var sharedIntermediate: Int?
  /// The shared MLP's module name (`shared_expert` or `shared_experts`).
  var sharedName = "shared_experts"
  /// Whether a sigmoid gate (Linear H→1) scales the shared expert (Qwen2-MoE).
  var sharedGate = false
  /// Whether the router keeps a score-correction bias buffer (DeepSeek-V3).
  var correctionBias = false
  /// Layers before this index are dense (DeepSeek's `first_k_dense_replace`).
  var firstSparse = 0
  /// Every `step`-th layer is sparse (`decoder_sparse_step`, `moe_layer_freq`).
  var step = 1
  /// Whether the step counts layers from 1 (Qwen: (i + 1) % step) or 0 (DeepSeek: i % step).
  var stepFromOne = true
  /// Layers that stay dense (`mlp_only_layers`).
  var denseLayers: [Int] = []

  /// Whether layer `i` is a mixture of experts.
  func isSparse(_ i: Int) -> Bool {
    guard i >= firstSparse, !denseLayers.contains(i) else { return false }
    return (stepFromOne ? i + 1 : i) % step == 0
  }
}
