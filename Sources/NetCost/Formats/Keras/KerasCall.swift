// netcost — Apache-2.0

/// One call of a Keras layer in a functional model (one of its
/// `inbound_nodes`): the tensors it reads and the plain numbers passed
/// beside them (`x + 3.0` in a Keras 3 config is an `Add` call with a tensor
/// and the number 3.0).
struct KerasCall: Sendable {
  /// Output `index` of call `node` of layer `layer`, as Keras names a tensor.
  struct History: Sendable, Equatable {
    /// The producing layer's name.
    var layer: String
    /// Which call of that layer.
    var node: Int
    /// Which output of that call.
    var index: Int
  }

  /// The tensors read, positional arguments first, then keyword ones.
  var tensors: [History] = []
  /// Tensors passed by keyword (`key`, `value` of MultiHeadAttention).
  var keywordTensors: [String: History] = [:]
  /// Numbers passed as arguments.
  var numbers: [Double] = []
  /// Boolean keyword arguments (`use_causal_mask`).
  var flags: [String: Bool] = [:]

  /// Reads one inbound node: Keras 3's `{"args": [...], "kwargs": {...}}`
  /// with `__keras_tensor__` entries, or Keras 2's list of
  /// `[layer, node, index, kwargs]`.
  init(node: JSONValue, at location: SourceLocation, layer: String) throws(NetCostError) {
    switch node {
    case .object(let o):
      if let args = o["args"] { try collect(args, keyword: nil, at: location, layer: layer) }
      if case .object(let kw)? = o["kwargs"] {
        for m in kw.members where !["training", "mask", "return_attention_scores"].contains(m.key) {
          if case .bool(let b) = m.value {
            flags[m.key] = b
            continue
          }
          try collect(m.value, keyword: m.key, at: location, layer: layer)
        }
      }
    case .array(let entries):
      for e in entries {
        guard case .array(let parts) = e, parts.count >= 3, case .string(let name) = parts[0],
          case .int(let n) = parts[1], case .int(let i) = parts[2]
        else {
          throw .invalidSpec(
            location, layer: layer,
            message: "an inbound node entry should be [layer, node, index, kwargs], found \(e.brief)")
        }
        tensors.append(History(layer: name, node: n, index: i))
        if parts.count > 3, case .object(let kw) = parts[3] {
          for m in kw.members {
            switch m.value {
            case .int(let v): numbers.append(Double(v))
            case .double(let v): numbers.append(v)
            default: break
            }
          }
        }
      }
    default:
      throw .invalidSpec(
        location, layer: layer, message: "an inbound node should be an object or a list, found \(node.typeName)")
    }
  }

  /// Walks an argument, taking tensors and numbers in order.
  private mutating func collect(_ v: JSONValue, keyword: String?, at location: SourceLocation, layer: String)
    throws(NetCostError)
  {
    switch v {
    case .int(let i): numbers.append(Double(i))
    case .double(let d): numbers.append(d)
    case .array(let a):
      for x in a { try collect(x, keyword: keyword, at: location, layer: layer) }
    case .object(let o):
      guard case .string("__keras_tensor__")? = o["class_name"] else { return }
      guard case .object(let c)? = o["config"], case .array(let h)? = c["keras_history"], h.count == 3,
        case .string(let name) = h[0], case .int(let n) = h[1], case .int(let i) = h[2]
      else {
        throw .invalidSpec(
          location, layer: layer, message: "a __keras_tensor__ argument has no keras_history [layer, node, index]")
      }
      let history = History(layer: name, node: n, index: i)
      tensors.append(history)
      if let keyword { keywordTensors[keyword] = history }
    default: break
    }
  }
}
