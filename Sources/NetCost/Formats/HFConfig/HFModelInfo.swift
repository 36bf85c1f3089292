// netcost — Apache-2.0

/// What the LLM summary needs to know about a model beyond its layers: its
/// kind, widths, where its embeddings are, and the lengths it was built for.
public struct HFModelInfo: Sendable, Equatable {
  /// How the model runs.
  public enum Kind: String, Sendable {
    /// A decoder-only language model.
    case decoder
    /// An encoder-only model (BERT): no cache, no decode stage.
    case encoder
    /// An encoder-decoder model (T5).
    case encoderDecoder = "encoder-decoder"
  }

  /// `model_type`.
  public var modelType: String
  /// The class in `architectures` the head follows.
  public var architecture: String
  /// Decoder, encoder or encoder-decoder.
  public var kind: Kind
  /// Transformer layers (encoder + decoder for an encoder-decoder).
  public var layers: Int
  /// Hidden width.
  public var hidden: Int
  /// Vocabulary size.
  public var vocab: Int
  /// Names of the embedding layers (token, position, token type), whose
  /// parameters "without embeddings" leaves out.
  public var embeddingLayers: [String]
  /// The dtype the config names (`torch_dtype` or `dtype`), if any.
  public var configDType: LLMDType?
  /// The attention convention, in words, for the report.
  public var attention: String
  /// The prompt (encoder) length the graph was built for.
  public var seq: Int
  /// The decoder input length (encoder-decoder prefill).
  public var decoderSeq: Int?
  /// The decode stage's cached positions.
  public var context: Int
  /// The stage the graph describes.
  public var stage: LLMOptions.Stage
  /// The largest number of positions the model has learned embeddings for, if bounded.
  public var maxPositions: Int?
}
