// netcost — Apache-2.0

/// The backward rules that give the exact input region one output region
/// reads (``Operator/inputRegion(_:input:inputShapes:outputShapes:)``):
/// interval arithmetic on indices, per spatial axis.
///
/// Every rule is exact for an interval: the smallest and largest input
/// index that any output index in the interval reads. A product that would
/// overflow gives nil (no region) instead of trapping.
public enum RegionRule {
  /// The default: an op whose input has the output's spatial sizes reads
  /// position for position (activations, norms, merges, channel concat);
  /// one whose input has only size-1 spatial axes is broadcast (a squeeze-
  /// and-excitation scale); one whose output has no spatial axes left reads
  /// its whole input. Anything else has no exact rule.
  public static func positionwise(
    _ region: [ClosedRange<Int>], input: Int, inputShapes: [Shape], outputShapes: [Shape]
  ) -> [ClosedRange<Int>]? {
    guard input < inputShapes.count, let out = outputShapes.first else { return nil }
    let x = inputShapes[input]
    guard x.rank >= 3 else { return nil }
    let inSpatial = Array(x.spatial)
    if out.rank == x.rank, Array(out.spatial) == inSpatial, region.count == inSpatial.count { return region }
    if inSpatial.allSatisfy({ $0 == 1 }) { return inSpatial.map { _ in 0...0 } }
    if out.rank < 3 { return whole(x) }
    return nil
  }

  /// Every position of `x`.
  public static func whole(_ x: Shape) -> [ClosedRange<Int>] { x.spatial.map { 0...($0 - 1) } }

  /// A sliding window (conv, pooling, local conv): output o reads inputs
  /// o·s − pad_begin … o·s − pad_begin + d·(k − 1).
  public static func window(_ region: [ClosedRange<Int>], _ window: Window, inputShape x: Shape) -> [ClosedRange<Int>]?
  {
    guard let r = try? window.resolve(x.spatial), region.count == r.kernel.count else { return nil }
    var out: [ClosedRange<Int>] = []
    for (i, o) in region.enumerated() {
      guard let lo = affine(o.lowerBound, r.stride[i], -r.pads[i].0),
        let hi0 = affine(o.upperBound, r.stride[i], -r.pads[i].0), let hi = add(hi0, r.effectiveKernel[i] - 1)
      else { return nil }
      out.append(lo...hi)
    }
    return out
  }

  /// A transposed window: output o receives input i through tap t when
  /// i·s = o + pad_begin − t·d. The smallest and largest such i over the
  /// interval's outputs and every tap.
  public static func transposed(
    _ o: ClosedRange<Int>, kernel k: Int, stride s: Int, dilation d: Int, padBegin p: Int
  ) -> ClosedRange<Int>? {
    var lo = Int.max
    var hi = Int.min
    for t in 0..<k {
      guard let tap = mul(t, d), let shift = add(p, -tap) else { return nil }
      // Outputs o in the interval with (o + shift) divisible by s.
      guard let a = add(o.lowerBound, shift), let b = add(o.upperBound, shift) else { return nil }
      let first = a.divided(by: s, rounding: .up)
      let last = b.divided(by: s, rounding: .down)
      guard first <= last else { continue }
      lo = min(lo, first)
      hi = max(hi, last)
    }
    return lo <= hi ? lo...hi : nil
  }

  /// Nearest-neighbour resizing by out/in: output o reads ⌊o·in/out⌋
  /// (PyTorch's `nearest`), at most in − 1.
  public static func nearest(_ o: ClosedRange<Int>, input n: Int, output m: Int) -> ClosedRange<Int>? {
    guard let a = mul(o.lowerBound, n), let b = mul(o.upperBound, n) else { return nil }
    return min(a.divided(by: m, rounding: .down), n - 1)...min(b.divided(by: m, rounding: .down), n - 1)
  }

  /// Linear interpolation with half-pixel sampling (PyTorch's
  /// `align_corners=False`): output o samples src = (o + ½)·in/out − ½,
  /// clamped at 0, and reads ⌊src⌋ and ⌊src⌋ + 1 (at most in − 1), the
  /// second only when src is not a whole number (its weight is zero then).
  public static func linear(_ o: ClosedRange<Int>, input n: Int, output m: Int) -> ClosedRange<Int>? {
    // src = ((2o + 1)·n − m) / (2m), exactly.
    func taps(_ o: Int) -> (Int, Int)? {
      guard let twice = mul(o, 2), let num0 = mul(twice + 1, n), let num = add(num0, -m), let den = mul(m, 2) else {
        return nil
      }
      if num <= 0 { return (0, 0) }
      let base = num.divided(by: den, rounding: .down)
      let exact = num % den == 0
      return (min(base, n - 1), min(exact ? base : base + 1, n - 1))
    }
    guard let a = taps(o.lowerBound), let b = taps(o.upperBound) else { return nil }
    return a.0...max(a.1, b.1)
  }

  static func mul(_ a: Int, _ b: Int) -> Int? {
    let (v, o) = a.multipliedReportingOverflow(by: b)
    return o ? nil : v
  }

  static func add(_ a: Int, _ b: Int) -> Int? {
    let (v, o) = a.addingReportingOverflow(b)
    return o ? nil : v
  }

  static func affine(_ x: Int, _ s: Int, _ c: Int) -> Int? { mul(x, s).flatMap { add($0, c) } }
}
