// netcost — Apache-2.0

/// A darknet `[shortcut]` layer: the previous layer's output plus the
/// outputs of the `from` layers, optionally weighted (AlexeyAB's
/// `weights_type=per_feature` — one weight per input — or `per_channel` —
/// one per input and channel), then an activation (`make_shortcut_layer`,
/// `shortcut_multilayer_cpu`).
///
/// The output has the previous layer's shape. A `from` layer with fewer or
/// more channels adds the channels they share. One whose width and height
/// differ by an integer factor is sampled as pjreddie's darknet does
/// (ResNet `.cfg` files need it; AlexeyAB's asserts equal sizes).
/// Darknet's BFLOPs: `out_w·out_h·out_c·n`, doubled when weighted.
struct DarknetShortcut: Operator {
  static let kinds: [String] = []
  static let arity = 2...Int.max
  static let flopRule =
    "one add per added value, + one multiply per value and input when weighted, + the activation; Darknet: elements·n (×2 weighted)"

  /// How the inputs are weighted.
  enum Weights: String, Sendable {
    /// Plain sum.
    case none
    /// One weight per input (`per_feature`, also spelt `per_layer`).
    case perFeature = "per_feature"
    /// One weight per input and channel.
    case perChannel = "per_channel"
  }

  /// The weighting.
  var weights: Weights
  /// The activation.
  var activation: DarknetActivation

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(weights: Weights, activation: DarknetActivation) {
    self.weights = weights
    self.activation = activation
  }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    for (i, f) in inputs.enumerated().dropFirst() {
      guard f.rank == 4, x.rank == 4, Self.sampling(f, x) != nil else {
        throw ShapeIssue(
          "'from' layer \(i) is \(f), the previous layer \(x): their widths and heights must be equal or differ by one integer factor"
        )
      }
    }
    return [x]
  }

  /// pjreddie's `shortcut_cpu`: a `from` map larger or smaller than the
  /// output by an integer factor is read every `stride`-th pixel (AlexeyAB
  /// asserts equal sizes instead). The (width, height, channels) added.
  static func sampling(_ from: Shape, _ out: Shape) -> (Int, Int, Int)? {
    let (h1, w1, h2, w2) = (from.dims[2], from.dims[3], out.dims[2], out.dims[3])
    let stride = max(1, w1 / w2)
    let sample = max(1, w2 / w1)
    guard max(1, h1 / h2) == stride, max(1, h2 / h1) == sample, w1 * sample == w2 * stride,
      h1 * sample == h2 * stride
    else { return nil }
    return (min(w1, w2), min(h1, h2), min(from.channels, out.channels))
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let out = outputs[0]
    let n = inputs.count - 1
    var added = 0
    for f in inputs.dropFirst() {
      guard let (w, h, c) = Self.sampling(f, out) else { continue }
      let perImage = try Checked.product([w, h, c], "FLOPs")
      added = try Checked.add(added, try Checked.mul(perImage, out.batch, "FLOPs"), "FLOPs")
    }
    let outElems = try out.elementCount()
    var flops = added
    var params = 0
    if weights != .none {
      flops = try Checked.add(flops, try Checked.add(outElems, added, "FLOPs"), "FLOPs")
      params = weights == .perFeature ? n + 1 : try Checked.mul(n + 1, out.channels, "parameters")
    }
    flops = try Checked.add(flops, try activation.flops(outElems), "FLOPs")
    return LayerCost(params: params, flops: flops)
  }

  /// darknet: `out_w·out_h·out_c·n`, doubled when weighted (per image; ×N here).
  func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int {
    let plain = try Checked.mul(try outputs[0].elementCount(), inputs.count - 1, "FLOPs")
    return weights == .none ? plain : try Checked.mul(2, plain, "FLOPs")
  }
}
