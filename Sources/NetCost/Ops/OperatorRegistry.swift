// netcost — Apache-2.0

/// Every op a native spec can name, by the `type` names it may use.
public enum OperatorRegistry {
  /// The op types, in documentation order.
  public static let all: [any SpecDecodable.Type] = [
    Conv.self, ConvTranspose.self, LocalConv.self, Pool.self, GlobalPool.self, AdaptivePool.self,
    Linear.self, BatchNorm.self, GroupNorm.self, LRN.self, Activation.self, PReLU.self, Softmax.self,
    Identity.self, Flatten.self, Reshape.self, Transpose.self, Pad.self, Slice.self, Crop.self,
    Split.self, Resize.self, Elementwise.self, Concat.self, ChannelShuffle.self,
    Embedding.self, PositionalEmbedding.self, ClassToken.self, LayerNorm.self, MatMul.self, Heads.self, Recurrent.self,
    Unary.self, Reduce.self, Gather.self, Expand.self,
    AttentionProducts.self, KVCache.self, MoERouter.self, MoEExperts.self, HeadNorm.self,
    AbsorbedLatentAttention.self, TiedEmbedding.self, HeldWeights.self,
  ]

  /// The op type for each spec name.
  public static let byKind: [String: any SpecDecodable.Type] = {
    var d: [String: any SpecDecodable.Type] = [:]
    for t in all { for k in t.kinds { d[k] = t } }
    return d
  }()

  /// The op type for a spec name (case-insensitive), or nil.
  public static func type(for kind: String) -> (any SpecDecodable.Type)? {
    byKind[kind] ?? byKind[kind.lowercased()]
  }
}
