// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// The sizes of the Keras axes `key` names (an integer or a list; −1 the last).
  func axisSizes(_ site: Site, _ x: KerasTensor, key: String = "axis") throws(NetCostError) -> [Int] {
    let dims = x.kerasDims
    var axes: [Int] = []
    switch site.config[key] {
    case nil: axes = [-1]
    case .int(let a)?: axes = [a]
    case .array(let list)?:
      for v in list {
        guard case .int(let a) = v else {
          throw site.config.error(key, "'\(key)' should list integer axes, found \(v.brief)")
        }
        axes.append(a)
      }
    case let v?: throw site.config.error(key, "'\(key)' should be an axis or a list of axes, found \(v.brief)")
    }
    var sizes: [Int] = []
    for a in axes {
      let i = a < 0 ? a + dims.count : a
      guard i >= 1, i < dims.count else {
        throw site.config.error(key, "axis \(a) is outside the input \(x.kerasDescription)")
      }
      sizes.append(dims[i])
    }
    return sizes
  }

  /// Checked product of sizes.
  func product(_ site: Site, _ sizes: [Int]) throws(NetCostError) -> Int {
    do { return try Checked.product(sizes, "parameters") } catch {
      throw .overflow(site.location, layer: site.name, what: "the parameters")
    }
  }

  /// BatchNormalization: γ (`scale`) and β (`center`) are trainable, the
  /// moving mean and variance are non-trainable buffers, each one per
  /// channel of `axis`.
  mutating func batchNorm(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let c = site.config
    let n = try product(site, try axisSizes(site, x))
    let learned = (try c.bool("scale", default: true) ? 1 : 0) + (try c.bool("center", default: true) ? 1 : 0)
    return try add(
      site, kind: "batch_norm", op: BatchNorm(affine: learned > 0), inputs: [x], channelsFirst: x.channelsFirst,
      params: learned * n, buffers: 2 * n)
  }

  /// LayerNormalization over `axis` (the last by default): γ and β of the
  /// normalized axes' size; `rms_scaling` keeps γ only.
  mutating func layerNorm(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let c = site.config
    let n = try product(site, try axisSizes(site, x))
    let rms = try c.bool("rms_scaling", default: false)
    let scale = try c.bool("scale", default: true)
    let center = try c.bool("center", default: true) && !rms
    let learned = (scale ? 1 : 0) + (center ? 1 : 0)
    let op = LayerNorm(isRMS: rms, affine: scale, bias: center, axis: x.axis(-1) ?? -1)
    return try add(
      site, kind: rms ? "rms_norm" : "layer_norm", op: op, inputs: [x], channelsFirst: x.channelsFirst,
      params: learned * n)
  }

  /// Normalization: (x − mean) / √variance with the statistics of `axis`;
  /// when the config does not give them they are weights, non-trainable:
  /// mean and variance per channel and the sample count.
  mutating func normalization(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let n = try product(site, try axisSizes(site, x))
    let given = site.config["mean"] != nil && site.config["variance"] != nil
    let op = Elementwise(operation: .sub, constants: [[]])
    return try add(
      site, kind: "normalization", op: op, inputs: [x], channelsFirst: x.channelsFirst, params: 0,
      buffers: given ? 0 : 2 * n + 1)
  }

  /// ReLU with `max_value` (6: relu6), `negative_slope` (leaky) and `threshold`.
  mutating func relu(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let c = site.config
    let maxValue = try c.double("max_value", default: .infinity)
    let slope = try c.double("negative_slope", default: 0)
    let fn: Activation.Function = slope != 0 ? .leakyReLU : maxValue.isFinite ? .relu6 : .relu
    return try add(site, kind: fn.rawValue, op: Activation(function: fn), inputs: [x], channelsFirst: x.channelsFirst)
  }

  /// PReLU: one α per input element, shared along `shared_axes`.
  mutating func prelu(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    var dims = Array(x.kerasDims.dropFirst())
    if case .array(let shared)? = site.config["shared_axes"] {
      for v in shared {
        guard case .int(let a) = v, a >= 1, a <= dims.count else {
          throw site.config.error("shared_axes", "'shared_axes' should list axes 1…\(dims.count), found \(v.brief)")
        }
        dims[a - 1] = 1
      }
    } else if case .int(let a)? = site.config["shared_axes"], a >= 1, a <= dims.count {
      dims[a - 1] = 1
    }
    return try add(
      site, kind: "prelu", op: PReLU(shared: false), inputs: [x], channelsFirst: x.channelsFirst,
      params: try product(site, dims))
  }

  /// The netcost axis of a Softmax layer's `axis` (the last by default).
  func softmaxAxis(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> Int {
    var a = -1
    switch site.config["axis"] {
    case .int(let i)?: a = i
    case .array(let l)? where l.count == 1: if case .int(let i) = l[0] { a = i }
    case nil: break
    case let v?: throw site.config.error("axis", "'axis' should be one axis, found \(v.brief)")
    }
    guard let i = x.axis(a) else {
      throw site.config.error("axis", "axis \(a) is outside the input \(x.kerasDescription)")
    }
    return i
  }
}
