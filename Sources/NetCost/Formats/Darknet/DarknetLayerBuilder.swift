// netcost — Apache-2.0

/// Builds the layer of one Darknet section, reading its keys with
/// darknet's defaults (AlexeyAB/darknet `src/parser.c`, `parse_*`).
struct DarknetLayerBuilder {
  /// The section.
  let section: DarknetSection
  /// Darknet's 0-based layer index.
  let index: Int
  /// Ignore keys darknet does not read.
  let allowUnknown: Bool
  /// Warnings about the section: keys darknet ignores.
  private(set) var findings: [Finding] = []
  /// The section ends a file that lacks its last newline.
  let truncationHint: Bool

  /// Canonical section names for darknet's aliases.
  static let canonical: [String: String] = [
    "conv": "convolutional", "conn": "connected", "max": "maxpool", "avg": "avgpool", "soft": "softmax",
    "local_avg": "local_avgpool", "silence": "empty",
  ]

  /// The word darknet prints for each layer in its table.
  static let words: [String: String] = [
    "convolutional": "conv", "maxpool": "max", "avgpool": "avg", "local_avgpool": "avg",
  ]

  init(section: DarknetSection, index: Int, allowUnknown: Bool, truncationHint: Bool) {
    self.section = section
    self.index = index
    self.allowUnknown = allowUnknown
    self.truncationHint = truncationHint
  }

  /// The layer's kind: the canonical section name.
  var kind: String { Self.canonical[section.name] ?? section.name }

  /// The layer's name: its darknet index and darknet's word for it.
  var name: String { "\(index) \(Self.words[kind] ?? kind)" }

  /// The previous layer's output, or the model input for layer 0.
  var previous: TensorRef { index == 0 ? .input(0) : .output(layer: index - 1, index: 0) }

  mutating func build() throws(NetCostError) -> Layer {
    guard let keys = DarknetKeys.layers[section.name] else {
      throw unknownSection()
    }
    let f = DarknetFields(section, layer: name, known: keys.union(DarknetKeys.common))
    findings += DarknetImport.unusedKeyFindings(f, section: section.name, allowUnknown: allowUnknown)
    let (op, inputs) = try makeOp(f)
    return Layer(name: name, kind: kind, op: op, inputs: inputs ?? [previous], location: section.location)
  }

  private func unknownSection() -> NetCostError {
    let n = section.name
    if n == "net" || n == "network" {
      return .invalidSpec(
        section.location, layer: nil, message: "[\(n)] may only be the first section; this one is layer \(index)")
    }
    if DarknetKeys.unsupported.contains(n) {
      return .invalidSpec(
        section.location, layer: "\(index) \(n)",
        message: "[\(n)] is a darknet layer netcost does not model (recurrent, normalization and training-only layers)")
    }
    var message = "unknown section [\(n.clipped)]"
    if let s = Suggest.closest(to: n, in: DarknetKeys.layers.keys.sorted()) { message += " (did you mean [\(s)]?)" }
    return .invalidSpec(section.location, layer: nil, message: message + " at layer \(index)")
  }

  /// A required key that is missing, with a hint when the file looks cut short.
  private func missing(_ f: DarknetFields, _ key: String, _ what: String) -> NetCostError {
    let hint = truncationHint ? " (this section ends the file, which lacks its last newline: is it truncated?)" : ""
    return f.error(nil, "[\(section.name)] needs \(key)= (\(what))\(hint)")
  }

  /// A layer index as darknet resolves it: negative counts back from this
  /// layer, otherwise absolute; it must name an earlier layer.
  private func resolve(_ f: DarknetFields, _ key: String, _ ref: Int) throws(NetCostError) -> Int {
    let target = ref < 0 ? index + ref : ref
    guard target >= 0, target < index else {
      let how = ref < 0 ? "\(ref) from layer \(index) is layer \(target)" : "layer \(ref)"
      let why = target < 0 ? "before the first layer" : "not a layer before this one"
      throw f.error(key, "\(how), which is \(why) (layers 0…\(index - 1) exist)")
    }
    return target
  }

  private func refs(_ f: DarknetFields, _ key: String, what: String) throws(NetCostError) -> [TensorRef] {
    guard let list = try f.intList(key) else { throw missing(f, key, what) }
    var out: [TensorRef] = []
    for r in list { out.append(.output(layer: try resolve(f, key, r), index: 0)) }
    return out
  }

  private func unsupported(_ f: DarknetFields, _ key: String) -> NetCostError {
    f.error(key, "netcost does not model \(key)=\(f.string(key) ?? "") (it changes the layer's structure)")
  }

  /// The op, and its inputs when they are not just the previous layer.
  private func makeOp(_ f: DarknetFields) throws(NetCostError) -> (any Operator, [TensorRef]?) {
    switch kind {
    case "convolutional": return (try convolutional(f), nil)
    case "connected":
      let op = DarknetConnected(
        output: try f.int("output", default: 1, minimum: 1),
        batchNormalize: try f.int("batch_normalize", default: 0) != 0,
        activation: try DarknetActivation.read(f, default: "logistic"))
      return (op, nil)
    case "local":
      let size = try f.int("size", default: 1, minimum: 1)
      let stride = try f.int("stride", default: 1, minimum: 1)
      let pad = try f.int("pad", default: 0) != 0 && size > 1
      let begin = pad ? (size - 1) / 2 : 0
      let window = Window(
        kernel: .all(size), stride: .all(stride), padding: .explicit(.all(begin, pad ? size - 1 - begin : 0)))
      let op = DarknetLocal(
        filters: try f.int("filters", default: 1, minimum: 1), window: window,
        activation: try DarknetActivation.read(f, default: "logistic"))
      return (op, nil)
    case "maxpool", "local_avgpool": return (try maxpool(f), nil)
    case "avgpool": return (DarknetGlobalAvgpool(), nil)
    case "dropout":
      let p = try f.double("probability", default: 0.2)
      guard p >= 0, p <= 1 else { throw f.error("probability", "expected a probability between 0 and 1, found \(p)") }
      return (DarknetPassThrough(), nil)
    case "softmax": return (DarknetSoftmax(groups: try f.int("groups", default: 1, minimum: 1)), nil)
    case "route":
      let inputs = try refs(f, "layers", what: "the layers to concatenate")
      let groups = try f.int("groups", default: 1, minimum: 1)
      let id = try f.int("group_id", default: 0, minimum: 0)
      guard id < groups else { throw f.error("group_id", "expected 0…\(groups - 1) for groups=\(groups), found \(id)") }
      return (DarknetRoute(groups: groups, groupID: id), inputs)
    case "shortcut": return try shortcut(f)
    case "scale_channels", "sam":
      let from = try refs(f, "from", what: "the layer to scale")
      guard from.count == 1 else { throw f.error("from", "expected one layer index, found \(from.count)") }
      let scaleWH = try f.int("scale_wh", default: 0)
      let spatial = kind == "scale_channels" && scaleWH != 0
      let k: DarknetElementwise.Kind = kind == "sam" ? .sam : spatial ? .scaleSpatial : .scaleChannels
      return (
        DarknetElementwise(kind: k, activation: try DarknetActivation.read(f, default: "linear")), [previous] + from
      )
    case "upsample":
      let stride = try f.int("stride", default: 2)
      guard stride != 0 else { throw f.error("stride", "expected a non-zero integer, found 0") }
      return (DarknetUpsample(stride: abs(stride), reverse: stride < 0), nil)
    case "reorg", "reorg3d":
      let op = DarknetReorg(
        stride: try f.int("stride", default: 1, minimum: 1), reverse: try f.int("reverse", default: 0) != 0)
      return (op, nil)
    case "crop":
      let op = DarknetCrop(
        height: try f.int("crop_height", default: 1, minimum: 1), width: try f.int("crop_width", default: 1, minimum: 1)
      )
      return (op, nil)
    case "cost", "empty": return (DarknetPassThrough(), nil)
    case "activation":
      return (DarknetElementwise(kind: .activation, activation: try DarknetActivation.read(f, default: "linear")), nil)
    case "batchnorm":
      return (DarknetElementwise(kind: .batchnorm, activation: DarknetActivation("linear")!), nil)
    case "yolo", "Gaussian_yolo": return (try yolo(f), nil)
    case "region":
      let coords = try f.int("coords", default: 4, minimum: 0)
      let classes = try f.int("classes", default: 20, minimum: 0)
      let num = try f.int("num", default: 1, minimum: 1)
      let why = "num=\(num) × (classes=\(classes) + coords=\(coords) + 1)"
      return (DarknetPassThrough(requirement: .channels(num * (classes + coords + 1), why)), nil)
    case "detection":
      let coords = try f.int("coords", default: 1, minimum: 0)
      let classes = try f.int("classes", default: 1, minimum: 0)
      let num = try f.int("num", default: 1, minimum: 1)
      let side = try f.int("side", default: 7, minimum: 1)
      let why = "side²=\(side * side) × ((1 + coords=\(coords))·num=\(num) + classes=\(classes))"
      return (DarknetPassThrough(requirement: .values(side * side * ((1 + coords) * num + classes), why)), nil)
    default:
      throw unknownSection()
    }
  }

  private func convolutional(_ f: DarknetFields) throws(NetCostError) -> DarknetConvolutional {
    let filters = try f.int("filters", default: 1, minimum: 1)
    var groups = try f.int("groups", default: 1, minimum: 1)
    let size = try f.int("size", default: 1, minimum: 1)
    // stride_x/stride_y override stride only when both are set (parse_convolutional).
    var sx = try f.int("stride_x", default: -1)
    var sy = try f.int("stride_y", default: -1)
    if sx < 1 || sy < 1 {
      let stride = try f.int("stride", default: 1, minimum: 1)
      if sx < 1 { sx = stride }
      if sy < 1 { sy = stride }
    }
    var dilation = try f.int("dilation", default: 1, minimum: 1)
    if size == 1 { dilation = 1 }
    if try f.int("antialiasing", default: 0) != 0 { throw unsupported(f, "antialiasing") }
    var padding = try f.int("padding", default: 0, minimum: 0)
    if try f.int("pad", default: 0) != 0 { padding = size / 2 }
    let activation = try DarknetActivation.read(f, default: "logistic")
    var shared: Int?
    let shareIndex = try f.int("share_index", default: -1_000_000_000)
    if shareIndex != -1_000_000_000 { shared = try resolve(f, "share_index", shareIndex) }
    let cbn = try f.int("cbn", default: 0)
    let bn = try f.int("batch_normalize", default: 0) != 0 || cbn != 0
    let xnor = try f.int("xnor", default: 0) != 0
    if xnor { groups = 1 }
    let (tail, o) = (dilation - 1).multipliedReportingOverflow(by: size - 1)
    guard !o, tail <= Int.max - padding else { throw f.error("dilation", "dilation × size does not fit in 64 bits") }
    let window = Window(
      kernel: .all(size), stride: .each([sy, sx]), dilation: .all(dilation),
      padding: .explicit(.all(padding, padding + tail)))
    return DarknetConvolutional(
      filters: filters, groups: groups, window: window, batchNormalize: bn, activation: activation, xnor: xnor,
      sharesWeightsOf: shared)
  }

  private func maxpool(_ f: DarknetFields) throws(NetCostError) -> DarknetMaxpool {
    let stride = try f.int("stride", default: 1, minimum: 1)
    let sx = try f.int("stride_x", default: stride, minimum: 1)
    let sy = try f.int("stride_y", default: stride, minimum: 1)
    let size = try f.int("size", default: stride, minimum: 1)
    let padding = try f.int("padding", default: size - 1, minimum: 0)
    if try f.int("maxpool_depth", default: 0) != 0 { throw unsupported(f, "maxpool_depth") }
    if try f.int("antialiasing", default: 0) != 0 { throw unsupported(f, "antialiasing") }
    let window = Window(
      kernel: .all(size), stride: .each([sy, sx]), padding: .explicit(.all(padding / 2, padding - padding / 2)))
    return DarknetMaxpool(isAverage: kind == "local_avgpool", window: window)
  }

  private func shortcut(_ f: DarknetFields) throws(NetCostError) -> (any Operator, [TensorRef]?) {
    let from = try refs(f, "from", what: "the layers to add")
    let activation = try DarknetActivation.read(f, default: "linear")
    let type = f.string("weights_type") ?? "none"
    let weights: DarknetShortcut.Weights
    switch type {
    case "none": weights = .none
    case "per_feature", "per_layer": weights = .perFeature
    case "per_channel": weights = .perChannel
    default: throw f.error("weights_type", "expected none, per_feature or per_channel, found '\(type.clipped)'")
    }
    if weights != .none {
      let norm = f.string("weights_normalization") ?? "none"
      guard ["none", "relu", "avg_relu", "softmax"].contains(norm) else {
        throw f.error("weights_normalization", "expected none, relu or softmax, found '\(norm.clipped)'")
      }
    }
    return (DarknetShortcut(weights: weights, activation: activation), [previous] + from)
  }

  private func yolo(_ f: DarknetFields) throws(NetCostError) -> DarknetPassThrough {
    let classes = try f.int("classes", default: 20, minimum: 0)
    let total = try f.int("num", default: 1, minimum: 1)
    var n = total
    // The mask picks this head's anchors; darknet does not check the indices.
    if let mask = try f.intList("mask") { n = mask.count }
    // Gaussian YOLOv3 predicts a mean and a variance per box coordinate.
    let perBox = kind == "yolo" ? classes + 5 : classes + 9
    let why = "\(n) anchors × (classes=\(classes) + \(perBox - classes))"
    return DarknetPassThrough(requirement: .channels(n * perBox, why))
  }
}
