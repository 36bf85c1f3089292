// netcost — Apache-2.0

/// What kind of work a layer does, for grouping costs (the HTML report's
/// cost by category, filters) and for latency models that treat compute and
/// data movement differently.
public enum OpCategory: String, CaseIterable, Sendable {
  /// Convolutions (also transposed and locally connected ones).
  case conv
  /// Fully connected layers.
  case linear
  /// Matrix products of two activations.
  case matmul
  /// Normalization: batch, group, layer, local response.
  case norm
  /// Activation functions, softmax included.
  case activation
  /// Pooling: windowed, global, adaptive.
  case pooling
  /// Element-wise arithmetic and reductions.
  case elementwise
  /// Ops that only move or reinterpret data: reshape, concat, slice, pad, resize…
  case dataMovement = "data_movement"
  /// Embedding lookups, positional embeddings, class tokens.
  case embedding
  /// Recurrent layers (RNN, LSTM, GRU).
  case recurrent
  /// Attention's own reshapes (splitting and merging heads).
  case attention
  /// Anything else.
  case other

  /// The category in words (`data movement`).
  public var title: String { self == .dataMovement ? "data movement" : rawValue }

  /// The category of an op (an imported layer's wrapped op is looked through).
  public static func of(_ op: any Operator) -> OpCategory {
    switch op.unwrapped {
    case is Conv, is ConvTranspose, is LocalConv: return .conv
    case is Linear: return .linear
    case is MatMul: return .matmul
    case is BatchNorm, is GroupNorm, is LayerNorm, is LRN: return .norm
    case is Activation, is PReLU, is Softmax: return .activation
    case is Pool, is GlobalPool, is AdaptivePool: return .pooling
    case is Elementwise, is Unary, is Reduce: return .elementwise
    case is Identity, is Flatten, is Reshape, is Transpose, is Pad, is Slice, is Crop, is Split, is Resize, is Concat,
      is ChannelShuffle, is Gather, is Expand:
      return .dataMovement
    case is Embedding, is PositionalEmbedding, is ClassToken: return .embedding
    case is Recurrent: return .recurrent
    case is Heads: return .attention
    default: return .other
    }
  }
}
