// netcost — Apache-2.0

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
  /// The last resolution, shared by the window's copies (see ``WindowMemo``).
  private let memo = WindowMemo()

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

  /// Windows are equal when their parameters are; the memo is not one of them.
  public static func == (a: Window, b: Window) -> Bool {
    a.kernel == b.kernel && a.stride == b.stride && a.dilation == b.dilation && a.padding == b.padding
      && a.ceilMode == b.ceilMode
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

    /// Creates a resolved window.
    public init(
      kernel: [Int], stride: [Int], dilation: [Int], pads: [(Int, Int)], output: [Int], effectiveKernel: [Int]
    ) {
      self.kernel = kernel
      self.stride = stride
      self.dilation = dilation
      self.pads = pads
      self.output = output
      self.effectiveKernel = effectiveKernel
    }

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
    try resolve(input[...])
  }

  /// Resolves the window against the spatial sizes `input` (a shape's
  /// ``Shape/spatial``), as ``resolve(_:)-([Int])`` does. The several rules
  /// of one layer, and every repetition of a block's layer, share one
  /// resolution: the window remembers its last one.
  public func resolve(_ input: ArraySlice<Int>) throws(ShapeIssue) -> Resolved {
    if let known = memo.result(of: self, for: input) { return try known.get() }
    let sizes = Array(input)
    let result = Result { () throws(ShapeIssue) -> Resolved in try compute(sizes) }
    memo.remember(result, of: self, for: sizes)
    return try result.get()
  }

  private func compute(_ input: [Int]) throws(ShapeIssue) -> Resolved {
    let rank = input.count
    guard rank >= 1 else { throw ShapeIssue("expected an input with spatial axes (N×C×L, N×C×H×W or N×C×D×H×W)") }
    let k = try kernel.expand(rank, "kernel")
    let s = try stride.expand(rank, "stride")
    let d = try dilation.expand(rank, "dilation")
    // Checked one by one: this runs a few times per conv, a million times in a large model.
    if k.contains(where: { $0 < 1 }) { throw Self.notPositive("kernel", k) }
    if s.contains(where: { $0 < 1 }) { throw Self.notPositive("stride", s) }
    if d.contains(where: { $0 < 1 }) { throw Self.notPositive("dilation", d) }
    var eff: [Int] = []
    eff.reserveCapacity(rank)
    for i in 0..<rank {
      let (m, o) = d[i].multipliedReportingOverflow(by: k[i] - 1)
      guard !o, m < Int.max - 1 else { throw ShapeIssue("dilation × kernel is too large") }
      eff.append(m + 1)
    }
    let pads = try padding.resolve(input: input, effectiveKernel: eff, stride: s)
    var out: [Int] = []
    out.reserveCapacity(rank)
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

  private static func notPositive(_ field: String, _ v: [Int]) -> ShapeIssue {
    ShapeIssue("'\(field)' must be at least 1 on every axis, found \(v)")
  }
}
