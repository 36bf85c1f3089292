// netcost — Apache-2.0

/// Adaptive average or max pooling to a fixed output size, as PyTorch
/// defines it: output i on an axis of size n pools input
/// [⌊i·n/o⌋, ⌈(i+1)·n/o⌉).
///
/// Fields: `output` (an integer or one per spatial axis).
public struct AdaptivePool: Operator {
  public static let kinds = ["adaptive_avg_pool", "adaptive_max_pool", "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool2d"]
  public static let arity = 1...1
  public static let flopRule = "the size of each output's window, summed (= 1 per input element when the output is 1×1)"

  /// Max or average.
  public var isMax: Bool
  /// Output size per spatial axis.
  public var output: AxisValues
  /// Required spatial rank, if the kind names one.
  public var spatialRank: Int?

  public init(kind: String, attributes a: Attributes) throws {
    isMax = kind.contains("max")
    spatialRank = Axis.rankSuffix(kind)
    guard let o = try a.axisValues("output") else {
      throw a.missing("output", "the output size: an integer or one per spatial axis")
    }
    output = o
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Conv.checkSpatial(x, spatialRank, op: isMax ? "adaptive_max_pool" : "adaptive_avg_pool")
    let o = try output.expand(x.rank - 2, "output")
    return [Shape([x.batch, x.channels] + o)!]
  }

  /// The summed window length along one axis, Σᵢ (⌈(i+1)·n/o⌉ − ⌊i·n/o⌋),
  /// which telescopes to n + o − gcd(n, o): consecutive windows share one
  /// element exactly where i·n/o is not an integer.
  static func windowSum(input n: Int, output o: Int) throws(ArithmeticOverflow) -> Int {
    var (a, b) = (n, o)
    while b != 0 { (a, b) = (b, a % b) }
    return try Checked.add(n, o, "FLOPs") - a
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    var f = try Checked.mul(x.batch, x.channels, "FLOPs")
    for (n, o) in zip(x.spatial, outputs[0].spatial) {
      f = try Checked.mul(f, try Self.windowSum(input: n, output: o), "FLOPs")
    }
    return LayerCost(flops: f)
  }
}
