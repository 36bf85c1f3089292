// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a Hugging Face transformers `config.json` (or a directory holding
/// one) and builds the layer graph of the model it describes, for one
/// stage (prefill or decode) at the lengths in ``LLMOptions``.
public enum HFConfigImport {
  /// The `model_type`s netcost builds.
  public static let supported = [
    "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "phi3", "gpt2",
    "gpt_neox", "opt", "falcon", "bert", "roberta", "t5", "deepseek_v2", "deepseek_v3",
  ]

  /// The largest config file read (real ones are a few kilobytes).
  public static let maxFileBytes = BoundedFile.Limit.config

  /// A built model: its graph and what the LLM summary needs besides.
  public struct Model: Sendable {
    /// The layers.
    public var graph: Graph
    /// Kind, widths, lengths.
    public var info: HFModelInfo
  }

  /// The config file a path names: the path itself, or `config.json` inside a directory.
  public static func configPath(_ path: String) -> String {
    var st = stat()
    if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
      return path.hasSuffix("/") ? path + "config.json" : path + "/config.json"
    }
    return path
  }

  /// Whether parsed JSON looks like a transformers config: an object with
  /// a string `model_type` and no `layers` list (a netcost spec has one).
  public static func looksLikeConfig(_ json: JSONValue) -> Bool {
    guard case .object(let o) = json, case .string? = o["model_type"] else { return false }
    if case .array? = o["layers"] { return false }
    return true
  }

  /// Reads and builds the model at `path` (a file or a directory).
  public static func load(file path: String, options: LLMOptions = .init()) throws(NetCostError) -> Model {
    let file = configPath(path)
    let json = try JSONCParser.parse(file: file, limit: maxFileBytes, what: "a config.json")
    return try build(json, file: file, options: options)
  }

  /// Builds the model a parsed config describes; `file` names it in messages.
  public static func build(_ json: JSONValue, file: String, options: LLMOptions = .init()) throws(NetCostError)
    -> Model
  {
    guard case .object(let object) = json else {
      throw .invalidSpec(SourceLocation(file: file), layer: nil, message: "expected a JSON object (a config.json)")
    }
    let config = HFConfig(object: object, file: file)
    guard let type = config.modelType else {
      throw config.error(
        nil, "missing 'model_type': not a transformers config (supported: \(supported.joined(separator: ", ")))")
    }
    guard supported.contains(type) else {
      throw config.error(
        "model_type", "unsupported model_type \"\(type.clipped)\" (supported: \(supported.joined(separator: ", ")))")
    }
    try validate(options, config)
    let arch = config.architecture ?? defaultArchitecture(type)
    var b = TransformerGraphBuilder(config: config, options: options, modelType: type, architecture: arch)
    if let name = try config.string(["torch_dtype", "dtype"]) { b.info.configDType = LLMDType(configName: name) }
    switch type {
    case "gpt2":
      try b.decoderHead()
      try b.gpt2()
    case "gpt_neox":
      try b.decoderHead()
      try b.gptNeoX()
    case "opt":
      try b.decoderHead()
      try b.opt()
    case "falcon":
      try b.decoderHead()
      try b.falcon()
    case "bert", "roberta": try b.bertLike()
    case "t5": try b.t5()
    case "deepseek_v2", "deepseek_v3":
      try b.decoderHead()
      try b.deepseek()
    default:
      try b.decoderHead()
      try b.llamaLike()
    }
    if b.info.attention.isEmpty {
      b.info.attention =
        options.causal ? "causal: only unmasked query–key pairs" : "full: every query–key pair (masked or not)"
    }
    var graph = try b.build()
    graph.name = modelName(config, type: type)
    graph.dtype = b.info.configDType.flatMap(\.activationType) ?? .float32
    return Model(graph: graph, info: b.info)
  }

  static func validate(_ o: LLMOptions, _ c: HFConfig) throws(NetCostError) {
    for (name, v) in [("--seq", o.seq), ("--decoder-seq", o.decoderSeq)] {
      if let v, v < 1 { throw c.error(nil, "\(name) must be at least 1, found \(v)") }
    }
    if let v = o.context, v < 0 { throw c.error(nil, "--context must be at least 0, found \(v)") }
  }

  static func defaultArchitecture(_ type: String) -> String {
    switch type {
    case "gpt2": return "GPT2LMHeadModel"
    case "bert": return "BertForMaskedLM"
    case "roberta": return "RobertaForMaskedLM"
    case "t5": return "T5ForConditionalGeneration"
    default: return type + "ForCausalLM"
    }
  }

  /// `_name_or_path`, else the model_type.
  static func modelName(_ c: HFConfig, type: String) -> String {
    if case .string(let s)? = c.object["_name_or_path"], !s.isEmpty { return s }
    return type
  }
}
