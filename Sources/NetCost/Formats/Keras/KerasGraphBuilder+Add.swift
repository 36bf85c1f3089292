// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// What one Keras layer call is building: its name, where it stands, and
  /// whether its weights were counted at an earlier call.
  struct Site {
    /// The netcost layer name (the Keras name, `#k` for a later call).
    var name: String
    /// The Keras class, put before shape messages.
    var className: String
    /// Where the layer stands.
    var location: SourceLocation
    /// Whether its weights are already counted (a later call of a shared layer).
    var shared: Bool
    /// The layer's config.
    var config: KerasFields
  }

  /// Adds one netcost layer for `site`: named `site.name`, or
  /// `site.name/part`. `params` (when given) and `buffers` are Keras's own
  /// counts and replace the op's rule; a shared call counts none.
  @discardableResult
  mutating func add(
    _ site: Site, part: String? = nil, kind: String, op: any Operator, inputs: [KerasTensor], channelsFirst: Bool,
    params: Int? = nil, buffers: Int = 0
  ) throws(NetCostError) -> KerasTensor {
    var layerOp = op
    if site.shared {
      layerOp = DeclaredWeights(op: op, params: 0, buffers: 0)
    } else if let params {
      layerOp = DeclaredWeights(op: op, params: params, buffers: buffers)
    }
    let name = b.uniqueName(part.map { "\(site.name)/\($0)" } ?? site.name)
    let shapes = try b.addLayer(
      name: name, kind: kind, op: layerOp, inputs: inputs.map(\.ref), location: site.location,
      sourceType: site.className)
    return KerasTensor(
      ref: .output(layer: b.layers.count - 1, index: 0), shape: shapes[0], channelsFirst: channelsFirst)
  }

  /// `t` with Keras's channel axis at index 1 (a zero-cost transpose when
  /// it is not there yet), for ops that read channels-first tensors.
  mutating func channelsFirst(_ t: KerasTensor, _ site: Site) throws(NetCostError) -> KerasTensor {
    guard !t.channelsFirst, t.rank >= 3 else { return t }
    let r = t.rank
    return try add(
      site, part: "to_channels_first", kind: "transpose", op: Transpose(perm: [0, r - 1] + Array(1..<(r - 1))),
      inputs: [t], channelsFirst: true)
  }

  /// `t` in Keras's own axis order (a zero-cost transpose when its channel
  /// axis was moved), for ops that read the last axis.
  mutating func kerasOrder(_ t: KerasTensor, _ site: Site) throws(NetCostError) -> KerasTensor {
    guard t.channelsFirst, t.rank >= 3 else { return t }
    let r = t.rank
    return try add(
      site, part: "to_channels_last", kind: "transpose", op: Transpose(perm: [0] + Array(2..<r) + [1]),
      inputs: [t], channelsFirst: false)
  }

  /// An error about the layer at `site`.
  func error(_ site: Site, _ message: String) -> NetCostError {
    .invalidSpec(site.location, layer: site.name, message: message)
  }

  /// Keras's fused `activation` after a layer's main op, named `layer/activation`.
  mutating func fusedActivation(_ y: KerasTensor, _ site: Site) throws(NetCostError) -> KerasTensor {
    guard let v = site.config["activation"] else { return y }
    return try activation(v, y, site, part: "activation", key: "activation")
  }

  /// The activation a config value names (`"relu"`, or Keras 3's
  /// serialized function object), applied to `x`; `linear` adds nothing.
  mutating func activation(_ v: JSONValue, _ x: KerasTensor, _ site: Site, part: String?, key: String)
    throws(NetCostError) -> KerasTensor
  {
    var name: String
    switch v {
    case .string(let s): name = s
    case .object(let o):
      if case .string(let s)? = o["config"] {
        name = s
      } else if case .string(let s)? = o["class_name"] {
        name = s
      } else {
        throw site.config.error(key, "'\(key)' should name an activation, found \(v.brief)")
      }
    default: throw site.config.error(key, "'\(key)' should name an activation, found \(v.brief)")
    }
    name = name.lowercased()
    let fn: Activation.Function?
    switch name {
    case "linear":
      if part != nil { return x }
      return try add(site, part: part, kind: "identity", op: Identity(), inputs: [x], channelsFirst: x.channelsFirst)
    case "softmax", "log_softmax":
      let axis = x.axis(-1) ?? 1
      return try add(
        site, part: part, kind: name, op: Softmax(axis: axis, isLog: name == "log_softmax"), inputs: [x],
        channelsFirst: x.channelsFirst)
    case "exponential":
      return try add(
        site, part: part, kind: "exp", op: Unary(function: .exp), inputs: [x], channelsFirst: x.channelsFirst)
    case "relu": fn = .relu
    case "relu6": fn = .relu6
    case "leaky_relu": fn = .leakyReLU
    case "elu": fn = .elu
    case "selu": fn = .selu
    case "sigmoid": fn = .sigmoid
    case "hard_sigmoid": fn = .hardSigmoid
    case "tanh": fn = .tanh
    case "swish", "silu": fn = .swish
    case "hard_swish", "hard_silu": fn = .hardSwish
    case "mish": fn = .mish
    case "gelu": fn = .gelu
    case "softplus": fn = .softplus
    default: fn = nil
    }
    guard let fn else {
      throw site.config.error(key, "activation '\(name.clipped)' is not one netcost knows (relu, sigmoid, softmax, …)")
    }
    return try add(
      site, part: part, kind: fn.rawValue, op: Activation(function: fn), inputs: [x], channelsFirst: x.channelsFirst)
  }
}
