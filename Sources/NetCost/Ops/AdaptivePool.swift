// netcost — Apache-2.0

/// Adaptive average or max pooling to a fixed output size, as PyTorch
/// defines it: output i on an axis of size n pools input
/// [⌊i·n/o⌋, ⌈(i+1)·n/o⌉).
///
/// Fields: `output` (an integer or one per spatial axis).
public struct AdaptivePool: Operator {
  public static let arity = 1...1
  public static let flopRule = "the size of each output's window, summed (= 1 per input element when the output is 1×1)"

  /// Max or average.
  public var isMax: Bool
  /// Output size per spatial axis.
  public var output: AxisValues
  /// Required spatial rank, if the kind names one.
  public var spatialRank: Int?

  /// Creates an adaptive max (`isMax`) or average pooling to `output`, on
  /// inputs of `spatialRank` spatial axes when given.
  public init(isMax: Bool = false, output: AxisValues, spatialRank: Int? = nil) {
    self.isMax = isMax
    self.output = output
    self.spatialRank = spatialRank
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Conv.checkSpatial(x, spatialRank, op: isMax ? "adaptive_max_pool" : "adaptive_avg_pool")
    let o = try output.expand(x.rank - 2, "output")
    guard o.allSatisfy({ $0 >= 1 }) else { throw ShapeIssue("output sizes must be at least 1, found \(o)") }
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

  /// Output i pools [⌊i·n/o⌋, ⌈(i+1)·n/o⌉): the jump is n/o (a fraction when
  /// o does not divide n), output 0's window has ⌈n/o⌉ pixels, and no window
  /// is wider than ⌈n/o⌉ + 1. An output of 1 sees everything.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let ins = Array(inputShapes[0].spatial)
    let outs = Array(outputShapes[0].spatial)
    if outs.allSatisfy({ $0 == 1 }), ins.contains(where: { $0 > 1 }) { return inputs[0] == .none ? .none : .global }
    return FieldRule.map(inputs[0], count: ins.count) { i, f in
      let (n, o) = (ins[i], outs[i])
      if n == o { return f }
      var widest = 0
      for k in 0..<min(o, 4096) {
        let (a, b) = (Int128(k + 1) * Int128(n), Int128(k) * Int128(n))
        widest = max(widest, Int((a + Int128(o) - 1) / Int128(o) - b / Int128(o)))
      }
      let first = n.divided(by: o, rounding: .up)
      guard let step = Rational(n, o), let grow = Rational(integer: widest - 1) * f.jump, let size = f.size + grow,
        let jump = f.jump * step, let shift = Rational(first - 1, 2).flatMap({ $0 * f.jump }),
        let center = f.center + shift
      else { return nil }
      return .init(size: size, jump: jump, center: center)
    }
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

// MARK: - Native spec

extension AdaptivePool: SpecDecodable {
  /// The spec's names.
  public static let kinds = [
    "adaptive_avg_pool", "adaptive_max_pool", "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d",
    "adaptive_max_pool2d",
  ]

  /// Reads `output`.
  public init(kind: String, attributes a: Attributes) throws {
    guard let o = try a.axisValues("output") else {
      throw a.missing("output", "the output size: an integer or one per spatial axis")
    }
    self.init(isMax: kind.contains("max"), output: o, spatialRank: Axis.rankSuffix(kind))
  }
}
