// netcost — Apache-2.0

/// How a sliding window pads its input, per spatial axis.
///
/// Named modes follow the frameworks: `valid` pads nothing; `same` gives
/// ceil(in / stride) outputs and puts an odd extra pixel at the end
/// (TensorFlow, ONNX SAME_UPPER); `same_lower` puts it at the beginning;
/// `full` pads effective kernel − 1 on both sides.
public enum Padding: Sendable, Equatable {
  /// Explicit `(begin, end)` pads; one pair for every axis, or one per axis.
  case explicit(AxisPads)
  /// No padding.
  case valid
  /// Output = ceil(in / stride); an odd extra pad goes at the end.
  case same
  /// As `same`, with the odd extra pad at the beginning.
  case sameLower
  /// Effective kernel − 1 on both sides.
  case full

  /// Explicit pads as written.
  public enum AxisPads: Sendable, Equatable {
    /// The same (begin, end) on every axis.
    case all(Int, Int)
    /// One (begin, end) per axis.
    case each([(Int, Int)])

    public static func == (a: AxisPads, b: AxisPads) -> Bool {
      switch (a, b) {
      case (.all(let x, let y), .all(let u, let v)): return x == u && y == v
      case (.each(let p), .each(let q)): return p.count == q.count && zip(p, q).allSatisfy { $0 == $1 }
      default: return false
      }
    }
  }

  /// Reads `pad` from a layer: an integer, a list with one integer per
  /// axis, a list of `[begin, end]` pairs, or "same"/"same_lower"/"valid"/"full".
  public static func read(_ attrs: Attributes, key: String = "pad", named: Bool = true) throws -> Padding {
    guard let v = attrs.value(key) else { return .explicit(.all(0, 0)) }
    let forms = named ? ", or one of \"same\", \"same_lower\", \"valid\", \"full\"" : ""
    let bad = attrs.error(
      key,
      "expected an integer ≥ 0, a list of them (one per spatial axis) or a list of [begin, end] pairs\(forms); found \(v.brief)"
        + Attributes.expressionHint(v))
    switch v {
    case .int(let p) where p >= 0: return .explicit(.all(p, p))
    case .string(let s) where named:
      switch s.lowercased() {
      case "valid": return .valid
      case "same", "same_upper": return .same
      case "same_lower": return .sameLower
      case "full": return .full
      default: throw bad
      }
    case .array(let a) where !a.isEmpty:
      var pairs: [(Int, Int)] = []
      for e in a {
        switch e {
        case .int(let p) where p >= 0: pairs.append((p, p))
        case .array(let pe):
          guard pe.count == 2, case .int(let b) = pe[0], case .int(let en) = pe[1], b >= 0, en >= 0 else { throw bad }
          pairs.append((b, en))
        default: throw bad
        }
      }
      return .explicit(.each(pairs))
    default: throw bad
    }
  }

  /// The (begin, end) pads on each axis, for the given input sizes,
  /// effective kernel sizes and strides.
  public func resolve(input: [Int], effectiveKernel k: [Int], stride s: [Int]) throws(ShapeIssue) -> [(Int, Int)] {
    let rank = input.count
    switch self {
    case .explicit(.all(let b, let e)): return Array(repeating: (b, e), count: rank)
    case .explicit(.each(let p)):
      guard p.count == rank else {
        throw ShapeIssue("'pad' has \(p.count) entries but the input has \(rank) spatial axes")
      }
      return p
    case .valid: return Array(repeating: (0, 0), count: rank)
    case .full: return k.map { ($0 - 1, $0 - 1) }
    case .same, .sameLower:
      var pads: [(Int, Int)] = []
      for i in 0..<rank {
        let out = input[i].divided(by: s[i], rounding: .up)
        // (out − 1)·s < in, so only adding the kernel can overflow.
        let (span, o) = ((out - 1) * s[i]).addingReportingOverflow(k[i])
        guard !o else { throw ShapeIssue("'same' padding for kernel \(k[i]) does not fit in a 64-bit integer") }
        let total = max(0, span - input[i])
        let small = total / 2
        pads.append(self == .same ? (small, total - small) : (total - small, small))
      }
      return pads
    }
  }
}

/// The geometry of a sliding window (conv, pooling) on every spatial axis.
public struct Window: Sendable, Equatable {
  /// Kernel size per axis, as written.
  public var kernel: AxisValues
  /// Stride per axis.
  public var stride: AxisValues
  /// Dilation per axis.
  public var dilation: AxisValues
  /// Padding.
  public var padding: Padding
  /// Round the output size up (Caffe/PyTorch `ceil_mode`).
  public var ceilMode: Bool

  /// Creates a window.
  public init(
    kernel: AxisValues, stride: AxisValues = .all(1), dilation: AxisValues = .all(1), padding: Padding = .valid,
    ceilMode: Bool = false
  ) {
    self.kernel = kernel
    self.stride = stride
    self.dilation = dilation
    self.padding = padding
    self.ceilMode = ceilMode
  }

  /// Reads `kernel`, `stride`, `dilation`, `pad` and (when allowed) `ceil_mode`.
  /// `defaultStrideIsKernel` makes stride default to the kernel (pooling).
  public static func read(_ a: Attributes, defaultStrideIsKernel: Bool = false, allowCeil: Bool = false) throws
    -> Window
  {
    guard let kernel = try a.axisValues("kernel") else {
      throw a.missing("kernel", "an integer or one per spatial axis")
    }
    let stride = try a.axisValues("stride") ?? (defaultStrideIsKernel ? kernel : .all(1))
    let dilation = try a.axisValues("dilation") ?? .all(1)
    let padding = try Padding.read(a)
    let ceil = allowCeil ? try a.bool("ceil_mode", default: false) : false
    return Window(kernel: kernel, stride: stride, dilation: dilation, padding: padding, ceilMode: ceil)
  }

  /// Everything resolved for one input's spatial sizes.
  public struct Resolved: Sendable, Equatable {
    /// Kernel per axis.
    public var kernel: [Int]
    /// Stride per axis.
    public var stride: [Int]
    /// Dilation per axis.
    public var dilation: [Int]
    /// (begin, end) pads per axis.
    public var pads: [(Int, Int)]
    /// Output size per axis.
    public var output: [Int]
    /// Dilation·(kernel − 1) + 1 per axis.
    public var effectiveKernel: [Int]

    public static func == (a: Resolved, b: Resolved) -> Bool {
      a.kernel == b.kernel && a.stride == b.stride && a.dilation == b.dilation && a.output == b.output
        && a.pads.count == b.pads.count && zip(a.pads, b.pads).allSatisfy { $0 == $1 }
    }
  }

  /// Resolves the window against spatial sizes `input`:
  /// out = ⌊(in + pad_begin + pad_end − dilation·(k−1) − 1) / stride⌋ + 1,
  /// rounded up instead in ceil mode (where a last window that would start
  /// in the end padding is dropped, as PyTorch and Caffe do).
  public func resolve(_ input: [Int]) throws(ShapeIssue) -> Resolved {
    let rank = input.count
    guard rank >= 1 else { throw ShapeIssue("expected an input with spatial axes (N×C×L, N×C×H×W or N×C×D×H×W)") }
    let k = try kernel.expand(rank, "kernel")
    let s = try stride.expand(rank, "stride")
    let d = try dilation.expand(rank, "dilation")
    var eff: [Int] = []
    for i in 0..<rank {
      let (m, o) = d[i].multipliedReportingOverflow(by: k[i] - 1)
      guard !o, m < Int.max - 1 else { throw ShapeIssue("dilation × kernel is too large") }
      eff.append(m + 1)
    }
    let pads = try padding.resolve(input: input, effectiveKernel: eff, stride: s)
    var out: [Int] = []
    for i in 0..<rank {
      let (p1, o1) = input[i].addingReportingOverflow(pads[i].0)
      let (padded, o2) = p1.addingReportingOverflow(pads[i].1)
      guard !o1, !o2 else {
        throw ShapeIssue("the padded size along \(Axis.spatialName(i, of: rank)) does not fit in a 64-bit integer")
      }
      guard eff[i] <= padded else {
        let kdesc = d[i] == 1 ? "kernel \(k[i])" : "effective kernel \(eff[i]) (kernel \(k[i]), dilation \(d[i]))"
        throw ShapeIssue(
          "\(kdesc) is larger than the padded input along \(Axis.spatialName(i, of: rank)): \(input[i]) + \(pads[i].0) + \(pads[i].1) = \(padded)"
        )
      }
      var o = (padded - eff[i]).divided(by: s[i], rounding: ceilMode ? .up : .down) + 1
      // (o − 1)·s ≤ padded − eff + s − 1, which cannot overflow once padded does not.
      if ceilMode, o > 1, (o - 1).multipliedReportingOverflow(by: s[i]).partialValue >= p1 { o -= 1 }
      out.append(o)
    }
    return Resolved(kernel: k, stride: s, dilation: d, pads: pads, output: out, effectiveKernel: eff)
  }
}
