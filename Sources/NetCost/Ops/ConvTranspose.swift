// netcost — Apache-2.0

/// Transposed ("de-") convolution: out = (in − 1)·stride − pad_begin −
/// pad_end + dilation·(k − 1) + output_padding + 1.
///
/// MACs are counted over the input positions, N·Cin·∏in·(Cout/g)·∏k: every
/// input element is multiplied by every weight that reaches it. (Counting
/// over output positions, as some tools do, overstates the work by about
/// stride².) Fields as ``Conv`` plus `output_padding` (0).
public struct ConvTranspose: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "2·MACs − output elements (n products need n − 1 adds), +1 per output element with bias; MACs = N·Cin·∏in·(Cout/g)·∏k"

  /// Output channels.
  public var out: Int
  /// Groups.
  public var groups: Int
  /// Whether a bias is added.
  public var bias: Bool
  /// Geometry (padding removes output, as in PyTorch/ONNX).
  public var window: Window
  /// Extra size added to one side of the output, per axis.
  public var outputPadding: AxisValues
  /// Required spatial rank, if the kind names one.
  public var spatialRank: Int?

  /// Creates a transposed convolution.
  ///
  /// - Parameters:
  ///   - out: Output channels.
  ///   - groups: Channel groups.
  ///   - bias: Whether a bias is added per output channel.
  ///   - window: Kernel, stride, dilation and the padding removed from the output
  ///     (explicit pads or ``Padding/valid``).
  ///   - outputPadding: Extra size added to one side of the output, per axis.
  ///   - spatialRank: The spatial rank the input must have, or nil for any.
  public init(
    out: Int, groups: Int = 1, bias: Bool = true, window: Window, outputPadding: AxisValues = .all(0),
    spatialRank: Int? = nil
  ) {
    self.out = out
    self.groups = groups
    self.bias = bias
    self.window = window
    self.outputPadding = outputPadding
    self.spatialRank = spatialRank
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Conv.checkSpatial(x, spatialRank, op: "conv_transpose")
    guard x.channels % groups == 0 else {
      throw ShapeIssue("input channels \(x.channels) are not divisible by groups \(groups)")
    }
    guard out % groups == 0 else { throw ShapeIssue("output channels \(out) are not divisible by groups \(groups)") }
    let rank = x.rank - 2
    let k = try window.kernel.expand(rank, "kernel")
    let s = try window.stride.expand(rank, "stride")
    let d = try window.dilation.expand(rank, "dilation")
    let op = try outputPadding.expand(rank, "output_padding")
    var eff: [Int] = []
    for (di, ki) in zip(d, k) {
      let (m, o) = di.multipliedReportingOverflow(by: ki - 1)
      guard !o, m < Int.max else { throw ShapeIssue("dilation × kernel does not fit in a 64-bit integer") }
      eff.append(m + 1)
    }
    let pads = try window.padding.resolve(input: Array(x.spatial), effectiveKernel: eff, stride: s)
    var dims = [x.batch, out]
    for (i, n) in x.spatial.enumerated() {
      guard op[i] < max(s[i], d[i]) else {
        throw ShapeIssue(
          "output_padding \(op[i]) must be smaller than stride \(s[i]) or dilation \(d[i]) on spatial axis \(i)")
      }
      let full = (n - 1).multipliedReportingOverflow(by: s[i])
      guard !full.overflow else { throw ShapeIssue("output size overflows on spatial axis \(i)") }
      var size = full.partialValue
      var overflow = false
      for term in [-pads[i].0, -pads[i].1, eff[i], op[i]] {
        let (v, o) = size.addingReportingOverflow(term)
        overflow = overflow || o
        size = v
      }
      guard !overflow else {
        throw ShapeIssue("output size along \(Axis.spatialName(i, of: rank)) does not fit in a 64-bit integer")
      }
      guard size >= 1 else {
        throw ShapeIssue(
          "padding \(pads[i].0)+\(pads[i].1) removes the whole output on spatial axis \(i) (size would be \(size))")
      }
      dims.append(size)
    }
    return [Shape(dims)!]
  }

  /// Output o gathers inputs i with i·s = o + pad − t·d for taps t: the
  /// jump divides by the stride, output 0's centre sits at
  /// (pad_begin − (k_eff − 1)/2)/s input positions, and at most
  /// ⌈k_eff/s⌉ inputs reach any output.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let x = inputShapes[0]
    let rank = x.rank - 2
    guard let k = try? window.kernel.expand(rank, "kernel"), let s = try? window.stride.expand(rank, "stride"),
      let d = try? window.dilation.expand(rank, "dilation"),
      let pads = try? window.padding.resolve(
        input: Array(x.spatial), effectiveKernel: zip(d, k).map { $0 &* ($1 - 1) &+ 1 }, stride: s)
    else { return .unknown("transposed-convolution geometry") }
    return FieldRule.map(inputs[0], count: rank) { i, f in
      // The shape rule has already checked that d·(k − 1) + 1 fits.
      let eff = d[i] &* (k[i] - 1) &+ 1
      let taps = eff.divided(by: s[i], rounding: .up)
      guard let grow = Rational(integer: taps - 1) * f.jump, let size = f.size + grow,
        let stride = Rational(s[i]), let jump = f.jump / stride,
        let halfKernel = Rational(eff - 1, 2),
        let shift = (Rational(integer: pads[i].0) - halfKernel).flatMap({ $0 / stride }),
        let off = shift * f.jump, let center = f.center + off
      else { return nil }
      return .init(size: size, jump: jump, center: center)
    }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let kprod = try Checked.product((try? window.kernel.expand(x.rank - 2, "kernel")) ?? [], "kernel size")
    let perIn = try Checked.mul(out / groups, kprod, "weights per input")
    let macs = try Checked.mul(try x.elementCount(), perIn, "MACs")
    let params = try Checked.add(try Checked.mul(x.channels, perIn, "parameters"), bias ? out : 0, "parameters")
    let outElems = try outputs[0].elementCount()
    let flops = try Checked.add(try Checked.mul(2, macs, "FLOPs"), bias ? 0 : -outElems, "FLOPs")
    return LayerCost(params: params, macs: macs, flops: max(flops, 0))
  }
}

// MARK: - Native spec

extension ConvTranspose: SpecDecodable {
  /// The spec's names; a `1d`/`2d`/`3d` suffix fixes the spatial rank.
  public static let kinds = ["conv_transpose", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "deconv"]

  /// Reads the fields of ``Conv`` (without `depthwise`) plus `output_padding`.
  public init(kind: String, attributes a: Attributes) throws {
    let out = try a.int("out")
    let groups = try a.int("groups", default: 1)
    let bias = try a.bool("bias", default: true)
    let window = try Window.read(a)
    let outputPadding = try a.axisValues("output_padding", minimum: 0) ?? .all(0)
    switch window.padding {
    case .explicit, .valid: break
    default:
      throw a.error(
        "pad", "only explicit pads or \"valid\" are defined for transposed convolution (padding removes output there)")
    }
    self.init(
      out: out, groups: groups, bias: bias, window: window, outputPadding: outputPadding,
      spatialRank: Axis.rankSuffix(kind))
  }
}
