// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// The input of a channels-last layer with `rank` spatial axes, moved to
  /// channels-first: what every convolution, pooling, padding, cropping and
  /// up-sampling layer starts with.
  mutating func spatialInput(_ input: KerasTensor, _ site: Site, rank: Int) throws(NetCostError) -> KerasTensor {
    try site.config.requireChannelsLast()
    let x = try channelsFirst(input, site)
    try requireSpatial(site, x, rank: rank)
    return x
  }

  /// Requires an input of `rank` spatial axes (after moving channels to index 1).
  func requireSpatial(_ site: Site, _ x: KerasTensor, rank: Int) throws(NetCostError) {
    guard x.rank == rank + 2 else {
      let axes = ["(N, L, C)", "(N, H, W, C)", "(N, D, H, W, C)"][rank - 1]
      throw .shape(
        site.location, layer: site.name,
        message: "\(site.className) expects a \(rank + 2)-D input \(axes), found \(x.rank)-D \(x.kerasDescription)")
    }
  }

  /// Keras's `padding`: `valid`, `same` (TensorFlow's split, the odd pixel
  /// at the end) or, for Conv1D, `causal` (all of it at the start).
  func padding(_ site: Site, kernel: [Int], dilation: [Int]) throws(NetCostError) -> Padding {
    let p = try site.config.string("padding", default: "valid").lowercased()
    switch p {
    case "valid": return .valid
    case "same": return .same
    case "causal" where kernel.count == 1:
      return .explicit(.each([(dilation[0] * (kernel[0] - 1), 0)]))
    default:
      throw site.config.error(
        "padding", "padding '\(p.clipped)' should be 'valid' or 'same'\(kernel.count == 1 ? " or 'causal'" : "")")
    }
  }

  /// The window of a convolution's `kernel_size`, `strides`, `dilation_rate` and `padding`.
  func convWindow(_ site: Site, rank: Int, kernelKey: String = "kernel_size") throws(NetCostError) -> Window {
    let c = site.config
    let k = try c.ints(kernelKey, count: rank)
    let s = try c.ints("strides", count: rank, default: Array(repeating: 1, count: rank))
    let d = try c.ints("dilation_rate", count: rank, default: Array(repeating: 1, count: rank))
    return Window(
      kernel: .each(k), stride: .each(s), dilation: .each(d), padding: try padding(site, kernel: k, dilation: d))
  }

  /// Conv1D/2D/3D: `filters`, `groups`, `use_bias`, then the fused activation.
  mutating func conv(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let c = site.config
    let op = Conv(
      out: try c.int("filters"), groups: try c.int("groups", default: 1), bias: try c.bool("use_bias", default: true),
      window: try convWindow(site, rank: rank), spatialRank: rank)
    let y = try add(site, kind: "conv\(rank)d", op: op, inputs: [x], channelsFirst: true)
    return try fusedActivation(y, site)
  }

  /// The input channels times `depth_multiplier`, checked.
  func depthwiseChannels(_ x: KerasTensor, _ site: Site, what: String) throws(NetCostError) -> Int {
    let m = try site.config.int("depth_multiplier", default: 1)
    let (n, o) = x.shape.channels.multipliedReportingOverflow(by: m)
    guard !o else { throw .overflow(site.location, layer: site.name, what: what) }
    return n
  }

  /// DepthwiseConv2D: one group per input channel, `depth_multiplier` outputs each.
  mutating func depthwise(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let c = site.config
    let out = try depthwiseChannels(x, site, what: "the output channels")
    let op = Conv(
      out: out, groups: nil, bias: try c.bool("use_bias", default: true), window: try convWindow(site, rank: rank),
      spatialRank: rank)
    let y = try add(site, kind: "depthwise_conv\(rank)d", op: op, inputs: [x], channelsFirst: true)
    return try fusedActivation(y, site)
  }

  /// SeparableConv2D: a depthwise part without bias (`layer/depthwise`),
  /// then a 1×1 convolution to `filters` with the bias (the layer itself).
  mutating func separable(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let c = site.config
    let mid = try depthwiseChannels(x, site, what: "the depthwise channels")
    let dw = Conv(out: mid, groups: nil, bias: false, window: try convWindow(site, rank: rank), spatialRank: rank)
    let d = try add(site, part: "depthwise", kind: "depthwise_conv\(rank)d", op: dw, inputs: [x], channelsFirst: true)
    let pw = Conv(
      out: try c.int("filters"), groups: 1, bias: try c.bool("use_bias", default: true),
      window: Window(kernel: .all(1)), spatialRank: rank)
    let y = try add(site, kind: "conv\(rank)d", op: pw, inputs: [d], channelsFirst: true)
    return try fusedActivation(y, site)
  }

  /// Conv1D/2D/3DTranspose: `filters`, `use_bias`, `output_padding`.
  mutating func convTranspose(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let c = site.config
    let window = try convWindow(site, rank: rank)
    let k = try c.ints("kernel_size", count: rank)
    let s = try c.ints("strides", count: rank, default: Array(repeating: 1, count: rank))
    let d = try c.ints("dilation_rate", count: rank, default: Array(repeating: 1, count: rank))
    // Keras's output size (deconv_output_length): without output_padding,
    // valid in·s + max(k − s, 0) and same in·s; with it,
    // (in − 1)·s + k − 2·pad + output_padding, pad = k/2 for same, 0 for valid.
    var pads: [(Int, Int)] = []
    var extra: [Int] = []
    let isSame = window.padding == .same
    let outPad = try c.ints("output_padding", count: rank, default: Array(repeating: -1, count: rank), minimum: -1)
    for i in 0..<rank {
      let eff = d[i] * (k[i] - 1) + 1
      if outPad[i] >= 0 {
        let p = isSame ? eff / 2 : 0
        pads.append((p, p))
        extra.append(outPad[i])
      } else if isSame {
        let total = eff - s[i]
        pads.append(total >= 0 ? (total / 2, total - total / 2) : (0, 0))
        extra.append(total >= 0 ? 0 : -total)
      } else {
        pads.append((0, 0))
        extra.append(max(s[i] - eff, 0))
      }
    }
    let geometry = Window(
      kernel: window.kernel, stride: window.stride, dilation: window.dilation, padding: .explicit(.each(pads)))
    let op = ConvTranspose(
      out: try c.int("filters"), groups: 1, bias: try c.bool("use_bias", default: true), window: geometry,
      outputPadding: .each(extra), spatialRank: rank)
    let y = try add(site, kind: "conv_transpose\(rank)d", op: op, inputs: [x], channelsFirst: true)
    return try fusedActivation(y, site)
  }

  /// Dense on the last axis: a linear layer, or on an image held
  /// channels-first the same product as a 1×1 convolution.
  mutating func dense(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let c = site.config
    let units = try c.int("units")
    let bias = try c.bool("use_bias", default: true)
    let y: KerasTensor
    if x.channelsFirst, x.rank >= 3, x.rank <= 5 {
      let op = Conv(out: units, groups: 1, bias: bias, window: Window(kernel: .all(1)), spatialRank: x.rank - 2)
      y = try add(site, kind: "dense", op: op, inputs: [x], channelsFirst: true)
    } else {
      y = try add(site, kind: "dense", op: Linear(out: units, bias: bias), inputs: [x], channelsFirst: false)
    }
    return try fusedActivation(y, site)
  }
}
