// netcost — Apache-2.0

/// What region of the model input one output position of a tensor depends on.
///
/// Per spatial axis: the ``AxisField/size`` of the region in input pixels,
/// the ``AxisField/jump`` (input pixels between neighbouring output
/// positions, the product of strides), and the ``AxisField/center`` of the
/// region of output index 0 in input pixel coordinates (0 = centre of the
/// first pixel; may be negative or a half-integer). After transposed
/// convolutions or upsampling the jump is a fraction and the size is the
/// largest region any output position sees.
public enum ReceptiveField: Sendable, Equatable {
  /// The tensor has no spatial axes and never had (a feature-vector model).
  case none
  /// One field per spatial axis, outermost first.
  case spatial([AxisField])
  /// Every output position depends on the whole input (after global
  /// pooling, flatten, a linear layer, or a merge with such a tensor).
  case global
  /// The op's geometry cannot be followed (e.g. a reshape that mixes
  /// spatial axes); the reason says why.
  case unknown(String)

  /// The field along one spatial axis.
  public struct AxisField: Sendable, Equatable {
    /// Size of the region in input pixels.
    public var size: Rational
    /// Input pixels between neighbouring output positions.
    public var jump: Rational
    /// Centre of output index 0's region, in input pixel coordinates.
    public var center: Rational

    /// Creates a field.
    public init(size: Rational, jump: Rational, center: Rational) {
      self.size = size
      self.jump = jump
      self.center = center
    }

    /// One input pixel: where every model input starts.
    public static let pixel = AxisField(size: .one, jump: .one, center: .zero)

    /// The padding a single equivalent conv would need: how far output 0's
    /// region reaches before input pixel 0.
    public var equivalentPadding: Rational? {
      guard let half = (size - .one).flatMap({ $0 / Rational(integer: 2) }) else { return nil }
      return half - center
    }

    /// First and last input pixel seen by output `index`, unclipped.
    public func span(at index: Int) -> (Rational, Rational)? {
      guard let offset = Rational(integer: index) * jump, let c = center + offset,
        let half = (size - .one).flatMap({ $0 / Rational(integer: 2) }),
        let lo = c - half, let hi = c + half
      else { return nil }
      return (lo, hi)
    }
  }

  /// The per-axis fields, when spatial.
  public var axes: [AxisField]? {
    if case .spatial(let a) = self { return a }
    return nil
  }
}

/// The receptive-field rules shared by the ops.
public enum FieldRule {
  /// A sliding window (conv, pooling): r' = r + (k_eff − 1)·j, j' = j·s,
  /// c' = c + ((k_eff − 1)/2 − pad_begin)·j.
  public static func window(_ input: ReceptiveField, effectiveKernel k: [Int], stride s: [Int], padBegin p: [Int])
    -> ReceptiveField
  {
    map(input, count: k.count) { i, f in
      guard let grow = Rational(integer: k[i] - 1) * f.jump, let size = f.size + grow,
        let jump = f.jump * Rational(integer: s[i]),
        let offset = Rational(k[i] - 1, 2).flatMap({ $0 - Rational(integer: p[i]) }).flatMap({ $0 * f.jump }),
        let center = f.center + offset
      else { return nil }
      return .init(size: size, jump: jump, center: center)
    }
  }

  /// The window rule for an op with a ``SlidingWindow``, on an input of this shape.
  public static func window(_ input: ReceptiveField, _ w: Window, inputShape: Shape) -> ReceptiveField {
    guard let r = try? w.resolve(inputShape.spatial) else {
      return .unknown("the window does not fit its input")
    }
    return window(input, effectiveKernel: r.effectiveKernel, stride: r.stride, padBegin: r.pads.map(\.0))
  }

  /// Applies `rule` to each axis of a spatial field; global, none and
  /// unknown pass through; an overflow makes the field unknown.
  public static func map(
    _ input: ReceptiveField, count: Int, _ rule: (Int, ReceptiveField.AxisField) -> ReceptiveField.AxisField?
  ) -> ReceptiveField {
    guard case .spatial(let axes) = input else { return input }
    guard axes.count == count else { return .unknown("spatial rank changed from \(axes.count) to \(count)") }
    var out: [ReceptiveField.AxisField] = []
    for (i, f) in axes.enumerated() {
      guard let g = rule(i, f) else { return .unknown("receptive-field arithmetic overflowed") }
      out.append(g)
    }
    return .spatial(out)
  }

  /// The default rule (see ``Operator/receptiveField(inputs:inputShapes:outputShapes:)``).
  public static func keepingSpatialSize(_ inputs: [ReceptiveField], _ inputShapes: [Shape], _ outputShapes: [Shape])
    -> ReceptiveField
  {
    if inputs.allSatisfy({ $0 == .none }) { return .none }
    let out = outputShapes[0]
    if out.rank < 3 { return .global }
    for (f, s) in zip(inputs, inputShapes) where f.axes != nil {
      // Same spatial size, or broadcast from size 1 (a squeeze-and-excitation gate).
      guard s.rank == out.rank, zip(s.spatial, out.spatial).allSatisfy({ $0 == $1 || $0 == 1 }) else {
        return .unknown("the spatial size changes from \(s) to \(out) without a receptive-field rule")
      }
    }
    return merge(inputs)
  }

  /// Where several tensors meet (add, concat, mul): the union of their
  /// regions. Global wins; unknown wins over spatial.
  public static func merge(_ inputs: [ReceptiveField]) -> ReceptiveField {
    // The union of one region is that region (most layers: an activation after a conv).
    if inputs.count == 1 { return inputs[0] }
    if inputs.contains(.global) { return .global }
    if let u = inputs.first(where: { if case .unknown = $0 { return true } else { return false } }) { return u }
    let spatial = inputs.compactMap(\.axes)
    guard let first = spatial.first else { return inputs.first ?? .none }
    guard spatial.allSatisfy({ $0.count == first.count }) else {
      return .unknown("merged tensors have different spatial ranks")
    }
    var out: [ReceptiveField.AxisField] = []
    for a in 0..<first.count {
      var lo: Rational?
      var hi: Rational?
      for s in spatial {
        guard let (l, h) = s[a].span(at: 0) else { return .unknown("receptive-field arithmetic overflowed") }
        lo = lo.map { min($0, l) } ?? l
        hi = hi.map { max($0, h) } ?? h
      }
      guard let lo, let hi, let size = (hi - lo).flatMap({ $0 + .one }),
        let center = (lo + hi).flatMap({ $0 / Rational(integer: 2) })
      else {
        return .unknown("receptive-field arithmetic overflowed")
      }
      out.append(.init(size: size, jump: spatial.map { $0[a].jump }.max()!, center: center))
    }
    return .spatial(out)
  }
}
