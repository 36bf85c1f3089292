// netcost — Apache-2.0

/// A way to compute a convolution. Each applies to some problems only
/// (``unsupportedReason(_:)``); ``direct`` applies to all and is the
/// reference every other one is checked against.
public enum ConvAlgorithm: String, CaseIterable, Sendable, Comparable {
  /// Sliding window: every output is a sum over its window (the reference).
  case direct
  /// im2col + OpenBLAS sgemm (Caffe-style), on column tiles that stay in cache.
  case im2col
  /// 1×1, stride 1, no padding: the input already is the GEMM's right operand.
  case gemm1x1
  /// Depthwise (one input channel per group), vectorized over output rows.
  case depthwise
  /// Winograd F(2×2, 3×3): 16 GEMMs on transformed 4×4 tiles (3×3, stride 1, dilation 1).
  case winograd
  /// Winograd F(4×4, 3×3): 36 GEMMs on transformed 6×6 tiles, 4× fewer multiplies than direct.
  case winograd4x4
  /// Dilated 3×3 stride 1: the input split into its dilation phases, each convolved by winograd4x4.
  case winogradDilated = "winograd-dilated"
  /// Grouped: im2col tiles, one GEMM per group (small groups use a register-blocked kernel).
  case grouped
  /// Grouped: implicit per-group GEMMs, computed directly from the input (no im2col).
  case groupedDirect = "grouped-direct"
  /// Linear layer (1×1 image, 1×1 kernel): one sgemm with the batch as rows.
  case sgemm

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// One line for help and READMEs.
  public var summary: String {
    switch self {
    case .direct: "sliding window, the reference (slow)"
    case .im2col: "im2col + OpenBLAS sgemm on cache-sized column tiles (groups = 1)"
    case .gemm1x1: "1×1 stride 1 unpadded: one sgemm per image, no im2col"
    case .depthwise: "depthwise (groups = C_in), vectorized rows"
    case .winograd: "Winograd F(2×2,3×3): 3×3, stride 1, dilation 1, groups 1"
    case .winograd4x4: "Winograd F(4×4,3×3): as winograd, 36 smaller GEMMs instead of 16"
    case .winogradDilated: "dilated 3×3, stride 1: one winograd4x4 per dilation phase of the input"
    case .grouped: "groups > 1: im2col tiles and one GEMM per group"
    case .groupedDirect: "groups > 1: implicit per-group GEMMs straight from the input, 4 output channels per load"
    case .sgemm: "linear layers (1×1 input and kernel): one sgemm, batch as rows"
    }
  }

  /// Why this algorithm cannot compute `p`, or nil when it can.
  public func unsupportedReason(_ p: ConvProblem) -> String? {
    switch self {
    case .direct:
      return nil
    case .im2col:
      return p.groups == 1 ? nil : "im2col needs groups = 1 (found \(p.groups)); use grouped"
    case .gemm1x1:
      if p.kernelH != 1 || p.kernelW != 1 { return "gemm1x1 needs a 1×1 kernel (found \(p.kernelH)×\(p.kernelW))" }
      if p.strideH != 1 || p.strideW != 1 { return "gemm1x1 needs stride 1 (found \(p.strideH)×\(p.strideW))" }
      if p.padTop + p.padLeft + p.padBottom + p.padRight != 0 { return "gemm1x1 needs no padding" }
      if p.groups != 1 { return "gemm1x1 needs groups = 1 (found \(p.groups))" }
      return nil
    case .depthwise:
      if p.groups != p.inChannels {
        return "depthwise needs groups = input channels (found groups \(p.groups), \(p.inChannels) channels)"
      }
      if p.kernelW > 64 { return "depthwise takes kernels at most 64 wide (found \(p.kernelW))" }
      return nil
    case .winograd, .winograd4x4:
      if p.kernelH != 3 || p.kernelW != 3 { return "\(rawValue) needs a 3×3 kernel (found \(p.kernelH)×\(p.kernelW))" }
      if p.strideH != 1 || p.strideW != 1 { return "\(rawValue) needs stride 1 (found \(p.strideH)×\(p.strideW))" }
      if p.dilationH != 1 || p.dilationW != 1 {
        return "\(rawValue) needs dilation 1 (found \(p.dilationH)×\(p.dilationW))"
      }
      if p.groups != 1 { return "\(rawValue) needs groups = 1 (found \(p.groups))" }
      return nil
    case .winogradDilated:
      if p.kernelH != 3 || p.kernelW != 3 {
        return "winograd-dilated needs a 3×3 kernel (found \(p.kernelH)×\(p.kernelW))"
      }
      if p.strideH != 1 || p.strideW != 1 { return "winograd-dilated needs stride 1 (found \(p.strideH)×\(p.strideW))" }
      if p.dilationH == 1 && p.dilationW == 1 { return "winograd-dilated needs a dilation above 1; use winograd" }
      if p.groups != 1 { return "winograd-dilated needs groups = 1 (found \(p.groups))" }
      return nil
    case .grouped:
      return p.groups > 1 ? nil : "grouped needs groups > 1"
    case .groupedDirect:
      if p.groups == 1 { return "grouped-direct needs groups > 1" }
      if p.kernelW > 128 { return "grouped-direct takes kernels at most 128 wide (found \(p.kernelW))" }
      return nil
    case .sgemm:
      if p.height != 1 || p.width != 1 || p.kernelH != 1 || p.kernelW != 1 || p.groups != 1
        || p.padTop + p.padLeft + p.padBottom + p.padRight != 0
      {
        return "sgemm is for linear layers: a 1×1 input, a 1×1 kernel, no padding, groups = 1"
      }
      return nil
    }
  }

  /// The algorithms that can compute `p`, in declaration order.
  public static func applicable(to p: ConvProblem) -> [ConvAlgorithm] {
    allCases.filter { $0.unsupportedReason(p) == nil }
  }

  /// Prepares the algorithm for `p`: packs or transforms `weights` (OIHW)
  /// and allocates workspaces for `threads` threads.
  public func makeKernel(_ p: ConvProblem, weights: UnsafePointer<Float>, threads: Int) throws(ProfileError)
    -> any ConvKernel
  {
    if let reason = unsupportedReason(p) {
      throw ProfileError("algorithm '\(rawValue)' does not apply to \(p): \(reason)")
    }
    let t = max(1, threads)
    switch self {
    case .direct: return DirectConv(p, weights: weights, threads: t)
    case .im2col: return Im2colConv(p, weights: weights, threads: t, algorithm: .im2col, blas: try OpenBLAS.require())
    case .grouped:
      return Im2colConv(p, weights: weights, threads: t, algorithm: .grouped, blas: try OpenBLAS.require())
    case .groupedDirect: return GroupedDirectConv(p, weights: weights, threads: t)
    case .gemm1x1: return Gemm1x1Conv(p, weights: weights, threads: t, blas: try OpenBLAS.require())
    case .depthwise: return DepthwiseConv(p, weights: weights, threads: t)
    case .winograd: return WinogradConv(p, weights: weights, threads: t, tile: 2)
    case .winograd4x4: return WinogradConv(p, weights: weights, threads: t, tile: 4)
    case .winogradDilated: return try DilatedWinogradConv(p, weights: weights, threads: t)
    case .sgemm: return LinearGemm(p, weights: weights, threads: t, blas: try OpenBLAS.require())
    }
  }

  /// Parses a name; the error lists the known ones.
  public static func named(_ name: String) throws(ProfileError) -> ConvAlgorithm {
    guard let a = ConvAlgorithm(rawValue: name.lowercased()) else {
      throw ProfileError("unknown algorithm '\(name)' (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return a
  }
}

/// An algorithm prepared for one problem: weights packed once, workspaces
/// allocated. `run` may be called any number of times.
public protocol ConvKernel: AnyObject {
  /// The problem it computes.
  var problem: ConvProblem { get }
  /// Which algorithm it is.
  var algorithm: ConvAlgorithm { get }
  /// Computes the whole output (every element written) from the input.
  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>)
}
