// netcost — Apache-2.0

/// Windowed max or average pooling over 1–3 spatial axes, with ceil mode.
///
/// Fields: `kernel`, `stride` (defaults to the kernel), `pad` (0),
/// `dilation` (1), `ceil_mode` (false).
public struct Pool: Operator {
  public static let arity = 1...1
  public static let flopRule = "∏k per output element (K²·Hout·Wout·C·N), for max and average alike"

  /// Max or average.
  public var isMax: Bool
  /// Geometry.
  public var window: Window
  /// Required spatial rank, if the kind names one.
  public var spatialRank: Int?

  /// Creates a max (`isMax`) or average pooling with the geometry `window`
  /// (whose stride is used as given: the native spec's default stride is
  /// the kernel), on inputs of `spatialRank` spatial axes when given.
  public init(isMax: Bool, window: Window, spatialRank: Int? = nil) {
    self.isMax = isMax
    self.window = window
    self.spatialRank = spatialRank
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Conv.checkSpatial(x, spatialRank, op: isMax ? "max_pool" : "avg_pool")
    let r = try window.resolve(x.spatial)
    return [Shape([x.batch, x.channels] + r.output)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let kprod = try Checked.product((try? window.kernel.expand(inputs[0].rank - 2, "kernel")) ?? [], "kernel size")
    return LayerCost(flops: try Checked.mul(try outputs[0].elementCount(), kprod, "FLOPs"))
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.window(inputs[0], window, inputShape: inputShapes[0])
  }

  public var slidingWindow: SlidingWindow? { SlidingWindow(window: window, convolves: false) }
}

// MARK: - Native spec

extension Pool: SpecDecodable {
  /// The spec's names; a `max` prefix makes max pooling, a `1d`/`2d`/`3d` suffix fixes the rank.
  public static let kinds = [
    "max_pool", "avg_pool", "maxpool", "avgpool",
    "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
  ]

  /// Reads the window fields (stride defaulting to the kernel), `ceil_mode` and `count_include_pad`.
  public init(kind: String, attributes a: Attributes) throws {
    let window = try Window.read(a, defaultStrideIsKernel: true, allowCeil: true)
    _ = try a.bool("count_include_pad", default: true)
    self.init(isMax: kind.hasPrefix("max"), window: window, spatialRank: Axis.rankSuffix(kind))
  }
}
