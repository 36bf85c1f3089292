// netcost — Apache-2.0

/// Blocks every spec can call without defining them, written in the spec
/// language itself so that their layers show up as rows — attention's QKᵀ
/// and AV products included — and `netcost ops --blocks` prints them. A spec
/// that defines a block of the same name uses its own.
///
/// Inputs use fallbacks: `$input1|$input` is the second input if the call
/// gave one, else the first (self-attention passes one tensor for q, k, v).
public enum BuiltinBlocks {
  /// The definitions as JSON text.
  public static let source = #"""
    {
      // softmax(Q·Kᵀ/√d)·V over heads. Inputs: q N×H×Lq×d, k N×Hk×Lk×d, v N×Hk×Lk×dv
      // (Hk may divide H: grouped-query attention). scale: multiply scores by 1/√d.
      "scaled_dot_product_attention": {
        "args": {"scale": true},
        "layers": [
          {"name": "scores", "type": "matmul", "inputs": ["$input", "$input1"], "transpose_b": true, "scale": "$scale"},
          {"name": "softmax", "type": "softmax", "axis": -1},
          {"name": "context", "type": "matmul", "inputs": ["softmax", "$input2"]}
        ]
      },
      // Multi-head attention as torch.nn.MultiheadAttention computes it. Inputs: query,
      // then optionally key and value (N×L×features, batch first); widths of key and value
      // come from the inputs (PyTorch's kdim, vdim). kv_heads < heads: grouped-query
      // attention (0 = heads). Projections: q, k, v, out, each with a bias when bias is true.
      "multi_head_attention": {
        "args": {"dim": null, "heads": null, "kv_heads": 0, "bias": true},
        "layers": [
          {"name": "q_proj", "type": "linear", "inputs": "$input", "out": "$dim", "bias": "$bias"},
          {"name": "k_proj", "type": "linear", "inputs": "$input1|$input", "out": "$(dim / heads * (kv_heads + (kv_heads == 0) * heads))", "bias": "$bias"},
          {"name": "v_proj", "type": "linear", "inputs": "$input2|$input1|$input", "out": "$(dim / heads * (kv_heads + (kv_heads == 0) * heads))", "bias": "$bias"},
          {"name": "q_heads", "type": "split_heads", "inputs": "q_proj", "heads": "$heads"},
          {"name": "k_heads", "type": "split_heads", "inputs": "k_proj", "heads": "$(kv_heads + (kv_heads == 0) * heads)"},
          {"name": "v_heads", "type": "split_heads", "inputs": "v_proj", "heads": "$(kv_heads + (kv_heads == 0) * heads)"},
          {"name": "attention", "block": "scaled_dot_product_attention", "inputs": ["q_heads", "k_heads", "v_heads"]},
          {"name": "merge", "type": "merge_heads"},
          {"name": "out_proj", "type": "linear", "out": "$dim", "bias": "$bias"}
        ]
      },
      // torch.nn.TransformerEncoderLayer (batch_first): self-attention and a feed-forward
      // network, each with dropout, a residual add and layer norm (after, or before with norm_first).
      "transformer_encoder_layer": {
        "args": {"dim": null, "heads": null, "ff": 2048, "activation": "relu", "norm_first": false},
        "layers": [
          {"name": "norm1", "type": "layer_norm", "when": "norm_first"},
          {"name": "self_attn", "block": "multi_head_attention", "args": {"dim": "$dim", "heads": "$heads"}},
          {"name": "dropout1", "type": "dropout", "p": 0.1},
          {"name": "add1", "type": "add", "inputs": ["dropout1", "$input"]},
          {"name": "norm1", "type": "layer_norm", "when": "!norm_first"},
          {"name": "norm2", "type": "layer_norm", "when": "norm_first"},
          {"name": "linear1", "type": "linear", "out": "$ff"},
          {"name": "activation", "type": "$activation"},
          {"name": "dropout", "type": "dropout", "p": 0.1},
          {"name": "linear2", "type": "linear", "out": "$dim"},
          {"name": "dropout2", "type": "dropout", "p": 0.1},
          {"name": "add2", "type": "add", "when": "!norm_first", "inputs": ["dropout2", "norm1"]},
          {"name": "add2", "type": "add", "when": "norm_first", "inputs": ["dropout2", "add1"]},
          {"name": "norm2", "type": "layer_norm", "when": "!norm_first"}
        ]
      },
      // torch.nn.TransformerDecoderLayer (batch_first). Inputs: target sequence, memory.
      "transformer_decoder_layer": {
        "args": {"dim": null, "heads": null, "ff": 2048, "activation": "relu", "norm_first": false},
        "layers": [
          {"name": "norm1", "type": "layer_norm", "when": "norm_first"},
          {"name": "self_attn", "block": "multi_head_attention", "args": {"dim": "$dim", "heads": "$heads"}},
          {"name": "dropout1", "type": "dropout", "p": 0.1},
          {"name": "add1", "type": "add", "inputs": ["dropout1", "$input"]},
          {"name": "norm1", "type": "layer_norm", "when": "!norm_first"},
          {"name": "norm2", "type": "layer_norm", "when": "norm_first"},
          {"name": "multihead_attn", "block": "multi_head_attention", "inputs": ["norm2|norm1", "$input1"], "args": {"dim": "$dim", "heads": "$heads"}},
          {"name": "dropout2", "type": "dropout", "p": 0.1},
          {"name": "add2", "type": "add", "inputs": ["dropout2", "norm1|add1"]},
          {"name": "norm2", "type": "layer_norm", "when": "!norm_first"},
          {"name": "norm3", "type": "layer_norm", "when": "norm_first"},
          {"name": "linear1", "type": "linear", "out": "$ff"},
          {"name": "activation", "type": "$activation"},
          {"name": "dropout", "type": "dropout", "p": 0.1},
          {"name": "linear2", "type": "linear", "out": "$dim"},
          {"name": "dropout3", "type": "dropout", "p": 0.1},
          {"name": "add3", "type": "add", "inputs": ["dropout3", "norm2|add2"]},
          {"name": "norm3", "type": "layer_norm", "when": "!norm_first"}
        ]
      }
    }
    """#

  /// The name their locations carry.
  static let file = "<built-in blocks>"

  /// The parsed definitions, by name.
  static let definitions: [String: JSONObject] = {
    guard case .object(let o)? = try? JSONCParser.parse(bytes: Array(source.utf8), file: file) else { return [:] }
    var d: [String: JSONObject] = [:]
    for m in o.members { if case .object(let def) = m.value { d[m.key] = def } }
    return d
  }()
}

extension BuiltinBlocks {
  /// The built-in blocks' names, sorted.
  public static var names: [String] { definitions.keys.sorted() }
}
