// netcost — Apache-2.0

/// The ops a transformers config maps onto, made from plain values.
///
/// Until every op has a public memberwise initializer, the few that have
/// none (linear, activation, split, slice) are made here from their
/// documented fields; nothing else in the importer builds op fields.
enum HFOps {
  static func linear(out: Int, bias: Bool, tiedTo: String?) -> Linear {
    var fields: [String: JSONValue] = ["out": .int(out), "bias": .bool(bias)]
    if let tiedTo { fields["tied_to"] = .string(tiedTo) }
    // The fields are well-formed by construction.
    return try! Linear(kind: "linear", attributes: Attributes(fields))
  }

  static func norm(rms: Bool, bias: Bool) -> LayerNorm {
    var n = LayerNorm(axis: -1, affine: true, bias: rms ? false : bias)
    n.isRMS = rms
    return n
  }

  /// An activation by its transformers name (`hidden_act`), or nil.
  static func activation(_ name: String) -> Activation? {
    let (kind, fields): (String, [String: JSONValue])
    switch name.lowercased() {
    case "silu", "swish": (kind, fields) = ("silu", [:])
    case "gelu", "gelu_python", "gelu_accurate": (kind, fields) = ("gelu", [:])
    case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_tanh", "quick_gelu":
      (kind, fields) = ("gelu", ["approximate": .string("tanh")])
    case "relu": (kind, fields) = ("relu", [:])
    case "tanh": (kind, fields) = ("tanh", [:])
    case "sigmoid": (kind, fields) = ("sigmoid", [:])
    default: return nil
    }
    return try? Activation(kind: kind, attributes: Attributes(fields))
  }

  static func split(sizes: [Int]) -> Split {
    try! Split(kind: "split", attributes: Attributes(["axis": .int(-1), "sizes": .array(sizes.map { .int($0) })]))
  }

  /// The last `count` positions of an N×L×D sequence.
  static func lastPositions(_ count: Int) -> Slice {
    try! Slice(kind: "slice", attributes: Attributes(["axis": .int(1), "start": .int(-count)]))
  }

  /// The first position of an N×L×D sequence (a pooler's [CLS] token).
  static func firstPosition() -> Slice {
    try! Slice(kind: "slice", attributes: Attributes(["axis": .int(1), "start": .int(0), "end": .int(1)]))
  }
}

extension HFOps {
  /// RMSNorm over each head's `headDim` features (Qwen3's q_norm/k_norm):
  /// `headDim` weights, applied to every head.
  static func headNorm(headDim: Int) -> HeadNorm { HeadNorm(headDim: headDim) }
}
