// netcost — Apache-2.0

/// How each ONNX op type becomes a layer: which netcost op it maps to,
/// which inputs are tensors and which are stored weights.
extension ONNXImporter {
  /// Adds the layer for a node of a standard op type; false when netcost
  /// has no rule for the type.
  func map(_ n: ONNXNode) throws -> Bool {
    switch n.opType {
    case "Conv": try conv(n)
    case "ConvTranspose": try convTranspose(n)
    case "Gemm": try gemm(n)
    case "MatMul": try matmul(n)
    case "BatchNormalization": try batchNorm(n)
    case "InstanceNormalization": try instanceNorm(n)
    case "LayerNormalization": try layerNorm(n)
    case "GroupNormalization": try groupNorm(n)
    case "Clip": try clip(n)
    case "PRelu": try prelu(n)
    case "Softmax", "LogSoftmax": try softmax(n)
    case "MaxPool", "AveragePool": try pool(n)
    case "GlobalAveragePool", "GlobalMaxPool": try globalPool(n)
    case "Flatten": try flatten(n)
    case "Reshape": try reshape(n)
    case "Unsqueeze", "Squeeze": try squeeze(n)
    case "Transpose": try transpose(n)
    case "Concat": try concat(n)
    case "Split": try split(n)
    case "Slice": try slice(n)
    case "Gather": try gather(n)
    case "Expand": try expand(n)
    case "Pad": try pad(n)
    case "Resize", "Upsample": try resize(n)
    case "Identity", "Dropout", "Cast", "CastLike": try identity(n)
    case let t where Self.activationKinds[t] != nil: try activation(n)
    case let t where Self.unaryKinds[t] != nil: try unary(n)
    case let t where Self.elementwiseKinds[t] != nil: try elementwise(n)
    case let t where Self.reduceKinds[t] != nil: try reduce(n)
    default: return try mapMaskOp(n) || mapQuantizedOp(n)
    }
    return true
  }

  static let activationKinds: [String: Activation.Function] = [
    "Relu": .relu, "LeakyRelu": .leakyReLU, "Elu": .elu, "Selu": .selu, "Sigmoid": .sigmoid,
    "HardSigmoid": .hardSigmoid, "Tanh": .tanh, "HardSwish": .hardSwish, "Mish": .mish, "Gelu": .gelu,
    "Softplus": .softplus,
  ]
  static let unaryKinds: [String: Unary.Function] = [
    "Sqrt": .sqrt, "Erf": .erf, "Exp": .exp, "Log": .log, "Sin": .sin, "Cos": .cos, "Abs": .abs, "Neg": .neg,
    "Reciprocal": .reciprocal, "Floor": .floor, "Ceil": .ceil, "Round": .round, "Sign": .sign,
  ]
  static let elementwiseKinds: [String: Elementwise.Operation] = [
    "Add": .add, "Sub": .sub, "Mul": .mul, "Div": .div, "Pow": .pow, "Max": .max, "Min": .min, "Sum": .sum,
  ]
  static let reduceKinds: [String: Reduce.Operation] = [
    "ReduceMean": .mean, "ReduceSum": .sum, "ReduceMax": .max, "ReduceMin": .min, "ReduceProd": .prod,
  ]

  // MARK: Sliding windows

  /// The sliding window of ONNX's kernel_shape, strides, dilations, pads,
  /// auto_pad and (with `ceil`) ceil_mode; without `dilations` the op has
  /// none (AveragePool).
  func window(_ n: ONNXNode, spatial: Int, kernel: [Int], dilations: Bool = true, ceil: Bool = false) throws -> Window {
    func list(_ name: String, _ count: Int) throws -> [Int]? {
      guard let v = n.ints(name) else { return nil }
      guard v.count == count else {
        throw invalid(
          n,
          "\(n.opType) attribute '\(name)' has \(v.count) values; the input has \(spatial) spatial axes, so \(count) are expected"
        )
      }
      return v
    }
    func positive(_ name: String, _ v: [Int]) throws -> AxisValues {
      guard !v.isEmpty, v.allSatisfy({ $0 >= 1 }) else {
        throw invalid(n, "\(n.opType) \(name) \(v) must be at least 1")
      }
      return .each(v)
    }
    let k = try positive("kernel_shape", kernel)
    let stride = try positive("strides", try list("strides", spatial) ?? Array(repeating: 1, count: spatial))
    let dilation =
      dilations
      ? try positive("dilations", try list("dilations", spatial) ?? Array(repeating: 1, count: spatial)) : .all(1)
    let padding: Padding
    switch n.string("auto_pad") ?? "NOTSET" {
    case "SAME_UPPER": padding = .same
    case "SAME_LOWER": padding = .sameLower
    case "VALID": padding = .valid
    case "NOTSET", "":
      let pads = try list("pads", 2 * spatial) ?? Array(repeating: 0, count: 2 * spatial)
      guard pads.allSatisfy({ $0 >= 0 }) else { throw invalid(n, "\(n.opType) pads \(pads) must not be negative") }
      padding = .explicit(.each((0..<spatial).map { (pads[$0], pads[$0 + spatial]) }))
    case let other:
      throw invalid(n, "\(n.opType) auto_pad '\(other)' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID")
    }
    return Window(
      kernel: k, stride: stride, dilation: dilation, padding: padding, ceilMode: ceil && (n.int("ceil_mode") ?? 0) != 0)
  }

  /// The spatial rank of an N×C×… input, checked against what the op needs.
  func spatialRank(_ n: ONNXNode, _ x: Shape, _ expected: Int) throws -> Int {
    guard x.rank == expected + 2, (1...3).contains(expected) else {
      throw NetCostError.shape(
        loc, layer: n.name,
        message:
          "\(n.opType): expects an N×C input with \(expected) spatial axes (rank \(expected + 2)), found \(x.rank)-D \(x)"
      )
    }
    return expected
  }

  // MARK: Ops with weights

  func conv(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard let w = try stored(n, 1, "weight") else { throw invalid(n, "Conv needs a weight (input 2)") }
    guard w.dims.count >= 3 else {
      throw invalid(n, "Conv weight '\(n.inputs[1])' has shape \(Fold.shapeText(w.dims)); expected M×C/group×kernel…")
    }
    let spatial = try spatialRank(n, xs, w.dims.count - 2)
    let groups = n.int("group") ?? 1
    guard groups >= 1 else { throw invalid(n, "Conv group must be at least 1, found \(groups)") }
    guard w.dims[1] &* groups == xs.channels else {
      throw NetCostError.shape(
        loc, layer: n.name,
        message:
          "Conv: weight \(Fold.shapeText(w.dims)) expects \(w.dims[1]) input channels per group × \(groups) group(s) = \(w.dims[1] &* groups), but the input \(xs) has \(xs.channels)"
      )
    }
    let bias = try stored(n, 2, "bias")
    if let bias, bias.count != w.dims[0] {
      throw NetCostError.shape(
        loc, layer: n.name, message: "Conv: bias has \(bias.count) values for \(w.dims[0]) output channels")
    }
    let window = try window(n, spatial: spatial, kernel: n.ints("kernel_shape") ?? Array(w.dims[2...]))
    let op = Conv(out: w.dims[0], groups: groups, bias: bias != nil, window: window, spatialRank: spatial)
    try addLayer(n, kind: "conv\(spatial)d", op: op, tensors: [x], weights: [w] + (bias.map { [$0] } ?? []))
  }

  func convTranspose(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard let w = try stored(n, 1, "weight") else { throw invalid(n, "ConvTranspose needs a weight (input 2)") }
    guard w.dims.count >= 3 else {
      throw invalid(n, "ConvTranspose weight has shape \(Fold.shapeText(w.dims)); expected C×M/group×kernel…")
    }
    let spatial = try spatialRank(n, xs, w.dims.count - 2)
    let groups = n.int("group") ?? 1
    guard groups >= 1, w.dims[0] == xs.channels else {
      throw NetCostError.shape(
        loc, layer: n.name,
        message:
          "ConvTranspose: weight \(Fold.shapeText(w.dims)) is for \(w.dims[0]) input channels, but the input \(xs) has \(xs.channels)"
      )
    }
    let bias = try stored(n, 2, "bias")
    let kernel = n.ints("kernel_shape") ?? Array(w.dims[2...])
    var window = try window(n, spatial: spatial, kernel: kernel)
    let strides = n.ints("strides") ?? Array(repeating: 1, count: spatial)
    let dil = n.ints("dilations") ?? Array(repeating: 1, count: spatial)
    let outPad = n.ints("output_padding") ?? Array(repeating: 0, count: spatial)
    guard outPad.count == spatial else {
      throw invalid(n, "ConvTranspose output_padding has \(outPad.count) values for \(spatial) spatial axes")
    }
    guard outPad.allSatisfy({ $0 >= 0 }) else {
      throw invalid(n, "ConvTranspose output_padding \(outPad) must not be negative")
    }
    let autoPad = n.string("auto_pad") ?? "NOTSET"
    var target = n.ints("output_shape")
    if target == nil, autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
      target = zip(xs.spatial, strides).map { $0 &* $1 }
    }
    if var target {
      if target.count == spatial + 2 { target = Array(target.dropFirst(2)) }
      guard target.count == spatial else {
        throw invalid(n, "ConvTranspose output_shape \(target) does not have one size per spatial axis")
      }
      var pads: [(Int, Int)] = []
      for i in 0..<spatial {
        let total =
          strides[i] &* (xs.spatial[xs.spatial.startIndex + i] - 1) &+ outPad[i] &+ ((kernel[i] - 1) &* dil[i] &+ 1)
          &- target[i]
        guard total >= 0 else {
          throw NetCostError.shape(
            loc, layer: n.name,
            message:
              "ConvTranspose: output_shape \(target) is larger than the transposed convolution can produce from \(xs)")
        }
        let (b, e) = autoPad == "SAME_UPPER" ? (total / 2, total - total / 2) : (total - total / 2, total / 2)
        pads.append((b, e))
      }
      window.padding = .explicit(.each(pads))
    } else if autoPad == "VALID" {
      window.padding = .valid
    }
    let op = ConvTranspose(
      out: w.dims[1] &* groups, groups: groups, bias: bias != nil, window: window, outputPadding: .each(outPad),
      spatialRank: spatial)
    try addLayer(n, kind: "conv_transpose\(spatial)d", op: op, tensors: [x], weights: [w] + (bias.map { [$0] } ?? []))
  }

  func gemm(_ n: ONNXNode) throws {
    let transA = n.int("transA") ?? 0 != 0
    let transB = n.int("transB") ?? 0 != 0
    let aStored = try? stored(n, 0, "operand")
    let bStored = try? stored(n, 1, "operand")
    let c = try stored(n, 2, "bias")
    if !transA, aStored == nil, let b = bStored {
      let (x, xs) = try activation(n, 0)
      guard b.dims.count == 2, xs.rank == 2 else {
        throw NetCostError.shape(
          loc, layer: n.name,
          message: "Gemm: expects a 2-D input and a 2-D weight, found \(xs) and \(Fold.shapeText(b.dims))")
      }
      let (k, out) = transB ? (b.dims[1], b.dims[0]) : (b.dims[0], b.dims[1])
      guard k == xs.dims[1] else {
        throw NetCostError.shape(
          loc, layer: n.name,
          message:
            "Gemm: the input \(xs) has \(xs.dims[1]) features but the weight \(Fold.shapeText(b.dims))\(transB ? " (transposed)" : "") takes \(k)"
        )
      }
      let op = Linear(out: out, expectedIn: k, bias: c != nil)
      try addLayer(n, kind: "linear", op: op, tensors: [x], weights: [b] + (c.map { [$0] } ?? []))
      return
    }
    try product(n, a: aStored, b: bStored, transA: transA, transB: transB, bias: c)
  }

  func matmul(_ n: ONNXNode) throws {
    let a = try? stored(n, 0, "operand")
    let b = try? stored(n, 1, "operand")
    if a == nil, let b, b.dims.count == 2, case .activation(_, let xs)? = slot(n, 0), xs.rank >= 2 {
      // x·W with a stored 2-D W is a linear layer without bias (how exporters write nn.Linear).
      guard xs.dims.last! == b.dims[0] else {
        throw NetCostError.shape(
          loc, layer: n.name,
          message:
            "MatMul: the input \(xs) has \(xs.dims.last!) features but the weight \(Fold.shapeText(b.dims)) takes \(b.dims[0])"
        )
      }
      let op = Linear(out: b.dims[1], expectedIn: b.dims[0], bias: false)
      try addLayer(n, kind: "linear", op: op, tensors: [n.inputs[0]], weights: [b])
      return
    }
    try product(n, a: a, b: b, transA: false, transB: false, bias: nil)
  }

  /// A general matrix product of tensors and at most one stored operand.
  func product(_ n: ONNXNode, a: Known?, b: Known?, transA: Bool, transB: Bool, bias: Known?) throws {
    guard let left = n.input(0), let right = n.input(1) else { throw invalid(n, "\(n.opType) needs two operands") }
    if let a, let b {
      try foldProduct(n, a, b, transA: transA, transB: transB, bias: bias)
      return
    }
    let tensors = [a == nil ? left : nil, b == nil ? right : nil].compactMap { $0 }
    let constant = a ?? b
    let op = MatMul(
      transposeA: transA, transposeB: transB, constant: constant?.dims, constantFirst: a != nil, bias: bias != nil)
    try addLayer(
      n, kind: "matmul", op: op, tensors: tensors, weights: (constant.map { [$0] } ?? []) + (bias.map { [$0] } ?? []))
  }

  /// A per-channel weight's element count, checked against the channels.
  func channelWeight(_ n: ONNXNode, _ i: Int, _ what: String, channels: Int) throws -> Known? {
    guard let k = try stored(n, i, what) else { return nil }
    guard k.count == channels else {
      throw NetCostError.shape(
        loc, layer: n.name, message: "\(n.opType): \(what) has \(k.count) values for \(channels) channels")
    }
    return k
  }

  func batchNorm(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard xs.rank >= 2 else {
      throw NetCostError.shape(loc, layer: n.name, message: "BatchNormalization: expects N×C…, found \(xs)")
    }
    let c = xs.channels
    let w = [try channelWeight(n, 1, "scale", channels: c), try channelWeight(n, 2, "bias", channels: c)].compactMap {
      $0
    }
    let stats = [try channelWeight(n, 3, "mean", channels: c), try channelWeight(n, 4, "variance", channels: c)]
      .compactMap { $0 }
    try addLayer(
      n, kind: "batch_norm", op: BatchNorm(), tensors: [x],
      weights: w, buffers: stats)
  }

  func instanceNorm(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard xs.rank >= 2 else {
      throw NetCostError.shape(loc, layer: n.name, message: "InstanceNormalization: expects N×C…, found \(xs)")
    }
    let w = [
      try channelWeight(n, 1, "scale", channels: xs.channels), try channelWeight(n, 2, "bias", channels: xs.channels),
    ].compactMap { $0 }
    try addLayer(
      n, kind: "instance_norm",
      op: GroupNorm(groups: nil, affine: true), tensors: [x], weights: w
    )
  }

  func groupNorm(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    guard let g = n.int("num_groups"), g >= 1 else { throw invalid(n, "GroupNormalization needs num_groups ≥ 1") }
    let w = [try stored(n, 1, "scale"), try stored(n, 2, "bias")].compactMap { $0 }
    try addLayer(
      n, kind: "group_norm", op: GroupNorm(groups: g),
      tensors: [x], weights: w)
  }

  func layerNorm(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let axis = n.int("axis") ?? -1
    let a = axis < 0 ? axis + xs.rank : axis
    guard a >= 0, a < xs.rank else {
      throw NetCostError.shape(
        loc, layer: n.name, message: "LayerNormalization: axis \(axis) is out of range for \(xs)")
    }
    let d = Fold.product(xs.dims[a...])
    let scale = try stored(n, 1, "scale")
    let bias = try stored(n, 2, "bias")
    for (k, what) in [(scale, "scale"), (bias, "bias")] {
      if let k, k.count != d {
        throw NetCostError.shape(
          loc, layer: n.name, message: "LayerNormalization: \(what) has \(k.count) values for \(d) normalized elements")
      }
    }
    let op = LayerNorm(affine: scale != nil, bias: bias != nil, axis: axis)
    try addLayer(n, kind: "layer_norm", op: op, tensors: [x], weights: [scale, bias].compactMap { $0 })
  }

  func prelu(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    guard let slope = try stored(n, 1, "slope") else { throw invalid(n, "PRelu needs a slope (input 2)") }
    try addLayer(
      n, kind: "prelu", op: PReLU(shared: slope.count == 1),
      tensors: [x], weights: [slope])
  }

  // MARK: Element-wise

  func activation(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    var function = Self.activationKinds[n.opType]!
    if function == .gelu, let a = n.string("approximate") {
      switch a.lowercased() {
      case "none": break
      case "tanh": function = .geluTanh
      default: throw invalid(n, "Gelu approximate '\(a)' is not one of none, tanh")
      }
    }
    // The report shows GELU's approximation in the op's figures, not its type.
    let kind = function == .geluTanh ? "gelu" : function.rawValue
    try addLayer(n, kind: kind, op: Activation(function: function), tensors: [x])
  }

  func clip(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    let lo = try doubles(n, 1, "minimum")?.first ?? n.float("min")
    let hi = try doubles(n, 2, "maximum")?.first ?? n.float("max")
    if lo == 0, hi == 6 {
      try addLayer(n, kind: "relu6", op: Activation(function: .relu6), tensors: [x])
    } else if lo == 0, hi == nil {
      try addLayer(n, kind: "relu", op: Activation(function: .relu), tensors: [x])
    } else {
      try addLayer(n, kind: "clip", op: Unary(function: .clip), tensors: [x])
    }
  }

  func unary(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    let function = Self.unaryKinds[n.opType]!
    try addLayer(n, kind: function.rawValue, op: Unary(function: function), tensors: [x])
  }

  func elementwise(_ n: ONNXNode) throws {
    let (tensors, constants) = operands(n)
    let operation = Self.elementwiseKinds[n.opType]!
    try addLayer(
      n, kind: operation.rawValue, op: Elementwise(operation: operation, constants: constants.map(\.dims)),
      tensors: tensors,
      weights: constants)
  }

  func softmax(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let axis = n.int("axis") ?? (opset >= 13 ? -1 : 1)
    let a = axis < 0 ? axis + xs.rank : axis
    if opset < 13, a != xs.rank - 1 {
      throw invalid(
        n,
        "\(n.opType) before opset 13 normalizes over all axes from \(axis) on, as one; netcost supports it only over the last axis"
      )
    }
    let kind = n.opType == "Softmax" ? "softmax" : "log_softmax"
    try addLayer(n, kind: kind, op: Softmax(axis: axis, isLog: kind == "log_softmax"), tensors: [x])
  }

  func reduce(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    var axes = try ints(n, 1, "axes") ?? n.ints("axes")
    if axes?.isEmpty == true {
      if n.int("noop_with_empty_axes") == 1 {
        try addLayer(n, kind: "identity", op: Identity(), tensors: [x])
        return
      }
      axes = nil
    }
    let operation = Self.reduceKinds[n.opType]!
    // No axes in ONNX means every axis, batch included.
    let all =
      axes
      ?? Array(
        0..<((slot(named: x).flatMap { if case .activation(_, let s) = $0 { return s.rank } else { return nil } }) ?? 1)
      )
    try addLayer(
      n, kind: operation.rawValue, op: Reduce(operation: operation, axes: all, keepDims: n.int("keepdims") ?? 1 != 0),
      tensors: [x])
  }

  // MARK: Pooling

  func pool(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard let kernel = n.ints("kernel_shape") else { throw invalid(n, "\(n.opType) needs kernel_shape") }
    let spatial = try spatialRank(n, xs, kernel.count)
    let isMax = n.opType == "MaxPool"
    let window = try window(n, spatial: spatial, kernel: kernel, dilations: isMax, ceil: true)
    let kind = (isMax ? "max_pool" : "avg_pool") + "\(spatial)d"
    try addLayer(n, kind: kind, op: Pool(isMax: isMax, window: window, spatialRank: spatial), tensors: [x])
  }

  func globalPool(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    let kind = n.opType == "GlobalMaxPool" ? "global_max_pool" : "global_avg_pool"
    try addLayer(n, kind: kind, op: GlobalPool(isMax: n.opType == "GlobalMaxPool"), tensors: [x])
  }

  // MARK: Data movement

  /// A reshape to `dims`, in the native form (keeping the batch) when it does.
  func reshapeLayer(_ n: ONNXNode, _ x: String, _ xs: Shape, _ dims: [Int], kind: String = "reshape") throws {
    let op: Reshape
    if dims.count >= 2, dims[0] == xs.batch, dims.allSatisfy({ $0 >= 1 }) {
      op = Reshape(shape: Array(dims.dropFirst()))
    } else {
      op = Reshape(dims: dims)
    }
    try addLayer(n, kind: kind, op: op, tensors: [x])
  }

  func flatten(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let axis = n.int("axis") ?? 1
    let a = axis < 0 ? axis + xs.rank : axis
    guard a >= 0, a <= xs.rank else {
      throw NetCostError.shape(loc, layer: n.name, message: "Flatten: axis \(axis) is out of range for \(xs)")
    }
    if a == 1 {
      try addLayer(n, kind: "flatten", op: Flatten(), tensors: [x])
    } else {
      try reshapeLayer(n, x, xs, [Fold.product(xs.dims[..<a]), Fold.product(xs.dims[a...])])
    }
  }

  func reshape(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard let target = try ints(n, 1, "target shape") else {
      throw invalid(n, "Reshape needs a target shape (input 2)")
    }
    let dims: [Int]
    do { dims = try Fold.reshape(xs.dims, target, allowZero: n.int("allowzero") == 1) } catch {
      let hint =
        options.batch != nil || !options.dims.isEmpty
        ? " (the target shape is a constant of the export; --batch and --dim work only for models exported with dynamic axes)"
        : ""
      throw NetCostError.shape(loc, layer: n.name, message: "Reshape: \(error.message)\(hint)")
    }
    try reshapeLayer(n, x, xs, dims)
  }

  func squeeze(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let axes = try ints(n, 1, "axes") ?? n.ints("axes")
    let dims: [Int]
    do {
      if n.opType == "Unsqueeze" {
        guard let axes else { throw FoldIssue("needs axes") }
        dims = try Fold.unsqueeze(xs.dims, axes)
      } else {
        dims = try Fold.squeeze(xs.dims, axes)
      }
    } catch let e as FoldIssue {
      throw NetCostError.shape(loc, layer: n.name, message: "\(n.opType): \(e.message)")
    }
    guard !dims.isEmpty else {
      throw NetCostError.shape(
        loc, layer: n.name,
        message: "\(n.opType): squeezing \(xs) leaves a scalar; netcost's tensors have at least one axis")
    }
    try reshapeLayer(n, x, xs, dims)
  }

  func transpose(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let perm = n.ints("perm") ?? Array((0..<xs.rank).reversed())
    guard perm.sorted() == Array(0..<perm.count) else {
      throw invalid(n, "Transpose perm \(perm) is not a permutation of 0…\(perm.count - 1)")
    }
    try addLayer(n, kind: "transpose", op: Transpose(perm: perm), tensors: [x])
  }

  func concat(_ n: ONNXNode) throws {
    guard let axis = n.int("axis") else { throw invalid(n, "Concat needs an axis") }
    let tensors = n.inputs.filter { !$0.isEmpty }
    try addLayer(
      n, kind: "concat", op: Concat(axis: axis), tensors: tensors)
  }

  func split(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let axis = n.int("axis") ?? 0
    let a = axis < 0 ? axis + xs.rank : axis
    guard a >= 0, a < xs.rank else {
      throw NetCostError.shape(loc, layer: n.name, message: "Split: axis \(axis) is out of range for \(xs)")
    }
    let sizes: [Int]
    do {
      sizes = try Fold.splitSizes(
        xs.dims[a], given: try ints(n, 1, "split sizes") ?? n.ints("split"), outputs: n.outputs.count,
        numOutputs: n.int("num_outputs"))
    } catch let e as FoldIssue {
      throw NetCostError.shape(loc, layer: n.name, message: "Split: \(e.message) (input \(xs))")
    }
    try addLayer(
      n, kind: "split",
      op: Split(axis: a, sizes: sizes), tensors: [x])
  }

  func slice(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    let starts: [Int]
    let ends: [Int]
    let axes: [Int]
    let steps: [Int]
    if n.inputs.count > 1 {
      guard let s = try ints(n, 1, "starts"), let e = try ints(n, 2, "ends") else {
        throw invalid(n, "Slice needs starts and ends")
      }
      (starts, ends) = (s, e)
      axes = try ints(n, 3, "axes") ?? Array(0..<s.count)
      steps = try ints(n, 4, "steps") ?? Array(repeating: 1, count: s.count)
    } else {
      guard let s = n.ints("starts"), let e = n.ints("ends") else { throw invalid(n, "Slice needs starts and ends") }
      (starts, ends) = (s, e)
      axes = n.ints("axes") ?? Array(0..<s.count)
      steps = Array(repeating: 1, count: s.count)
    }
    let plan: [Fold.SlicedAxis]
    do { plan = try Fold.slicePlan(xs.dims, starts: starts, ends: ends, axes: axes, steps: steps) } catch {
      throw NetCostError.shape(loc, layer: n.name, message: "Slice: \(error.message) (input \(xs))")
    }
    // netcost's slice steps forward; a reversed slice reads the same positions.
    var sAxes: [Int] = []
    var sStarts: [Int] = []
    var sEnds: [Int] = []
    var sSteps: [Int] = []
    for (i, a0) in axes.enumerated() {
      let a = a0 < 0 ? a0 + xs.rank : a0
      let kept = plan[a]
      guard let lo = kept.min(), let hi = kept.max() else {
        throw NetCostError.shape(
          loc, layer: n.name, message: "Slice: the result is empty along axis \(a) (input \(xs))")
      }
      sAxes.append(a)
      sStarts.append(lo)
      sEnds.append(hi + 1)
      sSteps.append(kept.count > 1 ? abs(steps[i]) : 1)
    }
    let op = Slice(axes: sAxes, starts: sStarts, ends: sEnds, steps: sSteps)
    try addLayer(n, kind: "slice", op: op, tensors: [x])
  }

  func gather(_ n: ONNXNode) throws {
    let axis = n.int("axis") ?? 0
    switch (slot(n, 0), slot(n, 1)) {
    case (.activation?, .known(let idx)?):
      try addLayer(n, kind: "gather", op: Gather(axis: axis, indices: idx.dims), tensors: [n.inputs[0]])
    case (.known(let table)?, .activation?) where table.dims.count == 2 && axis == 0:
      try addLayer(
        n, kind: "embedding", op: Embedding(vocab: table.dims[0], dim: table.dims[1]), tensors: [n.inputs[1]],
        weights: [table])
    default:
      // Indices computed at run time: the shape follows from the two shapes.
      try indexGather(n, mode: .axis(axis), kind: "gather")
    }
  }

  func expand(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    guard let shape = try ints(n, 1, "target shape") else { throw invalid(n, "Expand needs a shape (input 2)") }
    guard shape.allSatisfy({ $0 >= 1 }) else { throw invalid(n, "Expand shape \(shape) has sizes below 1") }
    try addLayer(n, kind: "expand", op: Expand(shape: shape), tensors: [x])
  }

  /// The netcost dtype of an ONNX TensorProto.DataType, where there is one.
  static func dtype(onnxType t: Int) -> DType? {
    switch t {
    case 1: return .float32
    case 10: return .float16
    case 16: return .bfloat16
    case 3: return .int8
    case 6: return .int32
    case 7: return .int64
    default: return nil
    }
  }

  func identity(_ n: ONNXNode) throws {
    let (x, _) = try activation(n, 0)
    let kind = n.opType == "Dropout" ? "dropout" : n.opType.hasPrefix("Cast") ? "cast" : "identity"
    // Cast's `to` (TensorProto.DataType), where netcost has the type.
    let target: DType? = n.opType == "Cast" ? n.int("to").flatMap(Self.dtype(onnxType:)) : nil
    try addLayer(n, kind: kind, op: Identity(dtype: target), tensors: [x])
  }

  func pad(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard let pads = try ints(n, 1, "pads") ?? n.ints("pads") else { throw invalid(n, "Pad needs pads") }
    let axes = (try ints(n, 3, "axes"))?.map { $0 < 0 ? $0 + xs.rank : $0 } ?? Array(0..<xs.rank)
    guard pads.count == 2 * axes.count else {
      throw invalid(n, "Pad has \(pads.count) pads for \(axes.count) axes; expected \(2 * axes.count)")
    }
    var begin = Array(repeating: 0, count: xs.rank)
    var end = begin
    for (i, a) in axes.enumerated() {
      guard a >= 0, a < xs.rank else { throw invalid(n, "Pad axis \(a) is out of range for \(xs)") }
      begin[a] = pads[i]
      end[a] = pads[i + axes.count]
    }
    guard xs.rank >= 3, begin[0] == 0, end[0] == 0, begin[1] == 0, end[1] == 0 else {
      throw NetCostError.shape(
        loc, layer: n.name,
        message:
          "Pad: netcost pads the spatial axes of N×C×… tensors; these pads \(pads) change the batch or channel axis (input \(xs))"
      )
    }
    let pairs: [(Int, Int)] = (2..<xs.rank).map { (begin[$0], end[$0]) }
    // The fill mode (constant, reflect, edge, wrap) does not change the figures.
    if pairs.allSatisfy({ $0.0 >= 0 && $0.1 >= 0 }) {
      try addLayer(n, kind: "pad", op: Pad(pads: .each(pairs)), tensors: [x])
    } else if pairs.allSatisfy({ $0.0 <= 0 && $0.1 <= 0 }) {
      try addLayer(n, kind: "crop", op: Crop(crop: .each(pairs.map { (-$0.0, -$0.1) })), tensors: [x])
    } else {
      throw NetCostError.shape(
        loc, layer: n.name, message: "Pad: pads \(pads) both add and remove pixels; netcost supports one or the other")
    }
  }

  func resize(_ n: ONNXNode) throws {
    let (x, xs) = try activation(n, 0)
    guard xs.rank >= 3 else {
      throw NetCostError.shape(loc, layer: n.name, message: "\(n.opType): expects N×C×spatial…, found \(xs)")
    }
    var scales: [Double]?
    var sizes: [Int]?
    if n.opType == "Upsample" {
      scales = try doubles(n, 1, "scales") ?? n.floats("scales")
    } else if opset < 11 {
      scales = try doubles(n, 1, "scales")
    } else {
      sizes = try ints(n, 3, "sizes")
      if sizes?.isEmpty ?? true {
        sizes = nil
        scales = try doubles(n, 2, "scales")
      }
    }
    if scales?.isEmpty == true { scales = nil }
    let axes = n.ints("axes")?.map { $0 < 0 ? $0 + xs.rank : $0 } ?? Array(0..<xs.rank)
    func full<T>(_ v: [T], _ keep: (Int) -> T) throws -> [T] {
      guard v.count == axes.count else {
        throw invalid(n, "\(n.opType) has \(v.count) scales or sizes for \(axes.count) axes")
      }
      var out = (0..<xs.rank).map(keep)
      for (i, a) in axes.enumerated() where a >= 0 && a < xs.rank { out[a] = v[i] }
      return out
    }
    let linear = (n.string("mode") ?? "nearest") != "nearest"
    let op: Resize
    if let sizes {
      let s = try full(sizes) { xs.dims[$0] }
      guard s[0] == xs.dims[0], s[1] == xs.dims[1] else {
        throw NetCostError.shape(
          loc, layer: n.name,
          message:
            "\(n.opType): netcost resizes spatial axes only; sizes \(sizes) change the batch or channels of \(xs)")
      }
      op = Resize(size: .each(Array(s.dropFirst(2))), linear: linear)
    } else if let scales {
      let s = try full(scales) { _ in 1.0 }
      guard s[0] == 1, s[1] == 1 else {
        throw NetCostError.shape(
          loc, layer: n.name,
          message:
            "\(n.opType): netcost resizes spatial axes only; scales \(scales) change the batch or channels of \(xs)")
      }
      op = Resize(scale: Array(s.dropFirst(2)), linear: linear)
    } else {
      throw invalid(n, "\(n.opType) needs scales or sizes")
    }
    try addLayer(n, kind: "resize", op: op, tensors: [x])
  }
}
