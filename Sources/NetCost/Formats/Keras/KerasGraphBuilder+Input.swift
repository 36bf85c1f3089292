// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// The names `--dim` gives an open axis of an input with `rank` axes
  /// after the batch: height and width of an image, depth too for volumes,
  /// length of a sequence.
  static func axisNames(rank: Int) -> [String] {
    switch rank {
    case 1: return ["length"]
    case 2: return ["length", "features"]
    case 3: return ["height", "width", "channels"]
    case 4: return ["depth", "height", "width", "channels"]
    default: return (1...max(rank, 1)).map { "axis\($0)" }
    }
  }

  /// A model input from an InputLayer's `batch_shape` (Keras 3) or
  /// `batch_input_shape` (Keras 2), or from the first layer of a Sequential
  /// model without one. Open axes (None) take their size from `--dim`
  /// (`height=224`, or `<input>.<axis>=224` with the 1-based axis). A
  /// Sequential model's first layer gives its shape to an input `named`.
  mutating func addInput(_ spec: KerasLayerSpec, scope: String, named: String? = nil) throws(NetCostError)
    -> KerasTensor
  {
    let c = spec.config
    var key = ["batch_shape", "batch_input_shape"].first { c[$0] != nil }
    var shapeValue = key.flatMap { c[$0] }
    if shapeValue == nil, case .object(let build)? = c["build_config"] ?? nil, let s = build["input_shape"] {
      shapeValue = s
      key = "build_config"
    }
    if shapeValue == nil, let s = c["shape"], case .array(let a) = s {
      shapeValue = .array([.null] + a)
      key = "shape"
    }
    guard let key, case .array(let axes)? = shapeValue, axes.count >= 2 else {
      throw .invalidSpec(
        spec.location, layer: scope + spec.name,
        message:
          "the model's input has no shape: expected batch_shape (Keras 3) or batch_input_shape (Keras 2) with at least one axis after the batch"
      )
    }
    let name = scope + (named ?? spec.name)
    let rank = axes.count - 1
    let names = Self.axisNames(rank: rank)
    var dims: [Int] = []
    var open: [String] = []
    for (i, v) in axes.dropFirst().enumerated() {
      switch v {
      case .int(let d) where d >= 1: dims.append(d)
      case .null:
        if let d = options.dims["\(spec.name).\(i + 1)"] ?? options.dims[names[i]] {
          dims.append(d)
        } else if let size = openSize {
          dims.append(size)
        } else {
          open.append(names[i])
          dims.append(1)
        }
      default:
        throw c.error(
          key, "input '\(name.clipped)': axis \(i + 1) should be a size of at least 1 or null, found \(v.brief)")
      }
    }
    if !open.isEmpty {
      leftOpen = true
      let shown =
        "(" + axes.map { if case .int(let d) = $0 { String(d) } else { "None" } }.joined(separator: ", ") + ")"
      throw .invalidSpec(
        c.location(key), layer: name,
        message:
          "input '\(name.clipped)' \(shown) leaves \(open.joined(separator: " and ")) open; give \(open.count == 1 ? "it" : "them") with "
          + open.map { "--dim \($0)=N" }.joined(separator: " "))
    }
    var dtype = DType.float32
    switch c["dtype"] {
    case .string(let s)?: dtype = DType(spelling: s) ?? .float32
    case .object(let o)?:
      if case .object(let inner)? = o["config"], case .string(let s)? = inner["name"] {
        dtype = DType(spelling: s) ?? .float32
      }
    default: break
    }
    let channelsFirst = rank >= 3
    let held = channelsFirst ? [dims[rank - 1]] + dims[0..<(rank - 1)] : dims
    let input = GraphInput(
      name: name, dims: held, dtype: dtype, isSequence: rank == 2, location: spec.location)
    guard let shape = Shape([1] + held) else {
      throw .invalidSpec(spec.location, layer: name, message: "input '\(name.clipped)' has an empty shape")
    }
    let ref = b.addInput(input, shape: shape)
    return KerasTensor(ref: ref, shape: shape, channelsFirst: channelsFirst)
  }
}
