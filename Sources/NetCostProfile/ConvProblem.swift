// netcost — Apache-2.0

import NetCost

/// An error in a profiling request: a layer that cannot exist, an
/// algorithm that is unknown or does not apply. `description` is the
/// message the CLI prints.
public struct ProfileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The message.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// The message, its lines made printable (a GPU error lists what was tried on lines of its own).
  public var description: String { PrintableText.lines(message) }
}

/// One 2-D convolution to run: NCHW float32 input, OIHW weights
/// (`outChannels × inChannels/groups × kernelH × kernelW`), NCHW output, no
/// bias. A linear layer is the same problem with a 1×1 image and 1×1 kernel
/// (rows as the batch).
public struct ConvProblem: Hashable, Sendable, CustomStringConvertible {
  /// N.
  public var batch: Int
  /// C_in.
  public var inChannels: Int
  /// Input height.
  public var height: Int
  /// Input width.
  public var width: Int
  /// C_out.
  public var outChannels: Int
  /// Kernel height.
  public var kernelH: Int
  /// Kernel width.
  public var kernelW: Int
  /// Vertical stride.
  public var strideH: Int
  /// Horizontal stride.
  public var strideW: Int
  /// Vertical dilation.
  public var dilationH: Int
  /// Horizontal dilation.
  public var dilationW: Int
  /// Zero rows added above.
  public var padTop: Int
  /// Zero columns added on the left.
  public var padLeft: Int
  /// Zero rows added below.
  public var padBottom: Int
  /// Zero columns added on the right.
  public var padRight: Int
  /// Groups: C_in and C_out are both divisible by it.
  public var groups: Int
  /// Output height.
  public private(set) var outHeight: Int
  /// Output width.
  public private(set) var outWidth: Int

  /// Creates and checks a problem; throws when the layer cannot exist
  /// (a size below 1, channels not divisible by groups, a kernel larger
  /// than the padded input, a tensor too large to allocate).
  public init(
    batch: Int = 1, inChannels: Int, height: Int, width: Int, outChannels: Int,
    kernel: (Int, Int), stride: (Int, Int) = (1, 1), dilation: (Int, Int) = (1, 1),
    pads: (top: Int, left: Int, bottom: Int, right: Int) = (0, 0, 0, 0),
    groups: Int = 1
  ) throws(ProfileError) {
    self.batch = batch
    self.inChannels = inChannels
    self.height = height
    self.width = width
    self.outChannels = outChannels
    (kernelH, kernelW) = kernel
    (strideH, strideW) = stride
    (dilationH, dilationW) = dilation
    (padTop, padLeft, padBottom, padRight) = pads
    self.groups = groups
    outHeight = 0
    outWidth = 0
    let positive: [(String, Int)] = [
      ("batch", batch), ("input channels", inChannels), ("input height", height), ("input width", width),
      ("output channels", outChannels), ("kernel height", kernelH), ("kernel width", kernelW),
      ("stride", min(strideH, strideW)), ("dilation", min(dilationH, dilationW)), ("groups", groups),
    ]
    for (what, v) in positive where v < 1 {
      throw ProfileError("\(what) must be at least 1, found \(v)")
    }
    for p in [padTop, padLeft, padBottom, padRight] where p < 0 {
      throw ProfileError("padding must be at least 0, found \(p)")
    }
    let limit = 1 << 20
    for (what, v) in positive + [("padding", max(padTop, padLeft, padBottom, padRight))] where v > limit {
      throw ProfileError("\(what) \(v) is too large to run (at most \(limit))")
    }
    guard inChannels % groups == 0 else {
      throw ProfileError("input channels \(inChannels) are not divisible by groups \(groups)")
    }
    guard outChannels % groups == 0 else {
      throw ProfileError("output channels \(outChannels) are not divisible by groups \(groups)")
    }
    let effH = dilationH * (kernelH - 1) + 1
    let effW = dilationW * (kernelW - 1) + 1
    let paddedH = height + padTop + padBottom
    let paddedW = width + padLeft + padRight
    guard effH <= paddedH, effW <= paddedW else {
      let k =
        effH > paddedH
        ? (effH, paddedH, "height", height, padTop, padBottom) : (effW, paddedW, "width", width, padLeft, padRight)
      throw ProfileError(
        "the effective kernel \(k.0) is larger than the padded input \(k.2): \(k.3) + \(k.4) + \(k.5) = \(k.1)")
    }
    outHeight = (paddedH - effH) / strideH + 1
    outWidth = (paddedW - effW) / strideW + 1
    // Every buffer must be allocatable: at most 2^31 floats each (8 GiB),
    // and all three together at most ``maxTensorBytes``.
    let cap = 1 << 31
    var total = 0
    for (what, v) in [("input", inputCount), ("weights", weightCount), ("output", outputCount)] {
      guard let v, v <= cap else {
        throw ProfileError("the \(what) of \(self) is too large to run (more than \(cap) floats)")
      }
      total += v * 4
    }
    guard total <= Self.maxTensorBytes else {
      throw ProfileError(
        "\(self) needs \(Self.gib(total)) GiB of fp32 tensors (input \(Self.gib(inputCount! * 4)), weights \(Self.gib(weightCount! * 4)), output \(Self.gib(outputCount! * 4)) GiB); the most it runs is \(Self.maxTensorBytes >> 30) GiB"
      )
    }
  }

  /// The problem of a conv layer of a report, or nil for other ops (and
  /// for convs that are not 2-D).
  public init?(conv: Conv, input: Shape) throws(ProfileError) {
    guard input.rank == 4 else { return nil }
    let cin = input.channels
    let g = conv.groups ?? cin
    let r: Window.Resolved
    do { r = try conv.window.resolve(Array(input.spatial)) } catch { throw ProfileError(error.message) }
    try self.init(
      batch: input.batch, inChannels: cin, height: input.dims[2], width: input.dims[3],
      outChannels: conv.out ?? cin, kernel: (r.kernel[0], r.kernel[1]),
      stride: (r.stride[0], r.stride[1]), dilation: (r.dilation[0], r.dilation[1]),
      pads: (r.pads[0].0, r.pads[1].0, r.pads[0].1, r.pads[1].1), groups: g)
  }

  /// The most bytes of input, weights and output together one problem may
  /// allocate: 2 GiB (VGG-16's first conv at batch 64 needs 1.6 GiB).
  public static let maxTensorBytes = 2 << 30

  /// Bytes in GiB with two decimals, for messages.
  static func gib(_ bytes: Int) -> String {
    let hundredths = Int((Double(bytes) / Double(1 << 30) * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
  }

  /// The problem of a linear layer: rows = every axis but the last.
  public init(linear: Linear, input: Shape) throws(ProfileError) {
    let features = input.dims.last!
    let rows = (try? Checked.product(input.dims.dropLast())) ?? Int.max
    try self.init(batch: rows, inChannels: features, height: 1, width: 1, outChannels: linear.out, kernel: (1, 1))
  }

  /// Input channels per group.
  public var inPerGroup: Int { inChannels / groups }
  /// Output channels per group.
  public var outPerGroup: Int { outChannels / groups }
  /// Output positions per image.
  public var outPlane: Int { outHeight * outWidth }

  /// Elements of the input (nil on overflow).
  public var inputCount: Int? { Self.product([batch, inChannels, height, width]) }
  /// Elements of the weights.
  public var weightCount: Int? { Self.product([outChannels, inPerGroup, kernelH, kernelW]) }
  /// Elements of the output.
  public var outputCount: Int? { Self.product([batch, outChannels, outHeight, outWidth]) }

  /// Multiply-accumulates: N·C_out·H_out·W_out·(C_in/groups)·k_h·k_w.
  public var macs: Int {
    Self.product([batch, outChannels, outHeight, outWidth, inPerGroup, kernelH, kernelW]) ?? .max
  }
  /// FLOPs as GFLOP/s counts them: 2 · MACs.
  public var flops: Double { 2 * Double(macs) }
  /// Bytes moved at least once: input, weights and output in float32.
  public var bytes: Double { 4 * Double((inputCount ?? 0) + (weightCount ?? 0) + (outputCount ?? 0)) }
  /// FLOPs per byte moved (the roofline's x axis).
  public var arithmeticIntensity: Double { flops / bytes }

  /// Whether every channel is its own group (groups = C_in; C_out a multiple).
  public var isDepthwise: Bool { groups == inChannels }

  /// Whether the pads differ on some axis.
  public var hasAsymmetricPads: Bool { padTop != padBottom || padLeft != padRight }

  /// `16×64×56×56 → 16×64×56×56, 3×3 s1 p1 g1`.
  public var description: String {
    var s = "\(batch)×\(inChannels)×\(height)×\(width) → \(batch)×\(outChannels)×\(outHeight)×\(outWidth), "
    s += kernelH == kernelW ? "\(kernelH)×\(kernelH)" : "\(kernelH)×\(kernelW)"
    s += strideH == strideW ? " s\(strideH)" : " s\(strideH)×\(strideW)"
    if hasAsymmetricPads || padTop != padLeft {
      s += " p\(padTop),\(padLeft),\(padBottom),\(padRight)"
    } else {
      s += " p\(padTop)"
    }
    if dilationH != 1 || dilationW != 1 {
      s += dilationH == dilationW ? " d\(dilationH)" : " d\(dilationH)×\(dilationW)"
    }
    if groups != 1 { s += " g\(groups)" }
    return s
  }

  static func product(_ xs: [Int]) -> Int? {
    var p = 1
    for x in xs {
      let (r, o) = p.multipliedReportingOverflow(by: x)
      if o { return nil }
      p = r
    }
    return p
  }
}
