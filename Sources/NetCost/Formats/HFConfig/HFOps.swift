// netcost — Apache-2.0

/// The ops a transformers config maps onto, from their memberwise
/// initializers.
enum HFOps {
  static func linear(out: Int, bias: Bool, tiedTo: String?) -> Linear {
    Linear(out: out, bias: bias, tiedTo: tiedTo)
  }

  static func norm(rms: Bool, bias: Bool) -> LayerNorm {
    LayerNorm(isRMS: rms, affine: true, bias: rms ? false : bias, axis: -1)
  }

  /// An activation by its transformers name (`hidden_act`), or nil.
  static func activation(_ name: String) -> Activation? {
    switch name.lowercased() {
    case "silu", "swish": return Activation(function: .silu)
    case "gelu", "gelu_python", "gelu_accurate": return Activation(function: .gelu)
    case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_tanh": return Activation(function: .geluTanh)
    case "relu": return Activation(function: .relu)
    case "tanh": return Activation(function: .tanh)
    case "sigmoid": return Activation(function: .sigmoid)
    default: return nil
    }
  }

  static func split(sizes: [Int]) -> Split { Split(axis: -1, sizes: sizes) }

  /// The last `count` positions of an N×L×D sequence.
  static func lastPositions(_ count: Int) -> Slice { Slice(axes: [1], starts: [-count], ends: [Int.max], steps: [1]) }

  /// The first position of an N×L×D sequence (a pooler's [CLS] token).
  static func firstPosition() -> Slice { Slice(axes: [1], starts: [0], ends: [1], steps: [1]) }

  /// RMSNorm over each head's `headDim` features (Qwen3's q_norm/k_norm).
  static func headNorm(headDim: Int) -> HeadNorm { HeadNorm(headDim: headDim) }
}
