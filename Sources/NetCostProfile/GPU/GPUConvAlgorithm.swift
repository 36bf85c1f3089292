// netcost — Apache-2.0

/// A way to compute a convolution on an NVIDIA GPU. Each is a `GPUPlan`:
/// kernels from `GPUKernels` and cuBLAS calls. `direct` applies to every
/// problem and is the reference the others are checked against on the
/// device; the `-tf32` variants run cuBLAS on TF32 tensor cores and only
/// run when asked for (`--tf32` or their name).
public enum GPUConvAlgorithm: String, CaseIterable, Sendable, Comparable {
  /// One thread per output element.
  case direct
  /// groups = C_in: one thread per output element, one input channel each.
  case depthwise
  /// im2col kernel, then cuBLAS sgemm per image (per group), float32.
  case im2col
  /// As im2col, with cuBLAS on TF32 tensor cores.
  case im2colTF32 = "im2col-tf32"
  /// 1×1, stride 1, no padding, groups 1: cuBLAS sgemm on the input as it is.
  case gemm1x1
  /// As gemm1x1 on TF32 tensor cores.
  case gemm1x1TF32 = "gemm1x1-tf32"
  /// Shared-memory tiled implicit GEMM: 64×64 output tiles, windows gathered from the input.
  case implicitGemm = "implicit-gemm"
  /// Linear layers: one cuBLAS sgemm, batch as rows.
  case sgemm
  /// As sgemm on TF32 tensor cores.
  case sgemmTF32 = "sgemm-tf32"

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// The arithmetic the algorithm does.
  public var precision: Precision {
    switch self {
    case .im2colTF32, .gemm1x1TF32, .sgemmTF32: .tf32
    default: .fp32
    }
  }

  /// One line for help and READMEs.
  public var summary: String {
    switch self {
    case .direct: "one thread per output element, the reference on the device"
    case .depthwise: "groups = C_in: one thread per output element"
    case .im2col: "im2col kernel + cuBLAS sgemm (float32), per image or per group"
    case .im2colTF32: "im2col + cuBLAS on TF32 tensor cores (10-bit mantissas)"
    case .gemm1x1: "1×1 stride 1 unpadded groups 1: cuBLAS sgemm straight on the input"
    case .gemm1x1TF32: "gemm1x1 on TF32 tensor cores"
    case .implicitGemm: "shared-memory tiled implicit GEMM, 64×64 tiles, no im2col buffer"
    case .sgemm: "linear layers: one cuBLAS sgemm, batch as rows"
    case .sgemmTF32: "sgemm on TF32 tensor cores"
    }
  }

  /// The largest im2col buffer planned at once (512 MB): images are taken
  /// in chunks that fit, one image at least.
  public static let workspaceLimit = 1 << 27

  /// Why the algorithm cannot compute `p`, or nil when it can.
  public func unsupportedReason(_ p: ConvProblem) -> String? {
    let int32 = Int(Int32.max)
    switch self {
    case .direct:
      return nil
    case .depthwise:
      return p.groups == p.inChannels
        ? nil : "depthwise needs groups = input channels (found groups \(p.groups), \(p.inChannels) channels)"
    case .im2col, .im2colTF32:
      let rows = p.inPerGroup * p.kernelH * p.kernelW
      let perImage = ConvProblem.product([p.groups, rows, p.outPlane]) ?? .max
      if perImage > int32 {
        return "\(rawValue) needs a column buffer of \(perImage) floats per image (at most \(int32))"
      }
      if p.groups > 65535 { return "\(rawValue) takes at most 65535 groups" }
      return nil
    case .gemm1x1, .gemm1x1TF32:
      if p.kernelH != 1 || p.kernelW != 1 { return "\(rawValue) needs a 1×1 kernel (found \(p.kernelH)×\(p.kernelW))" }
      if p.strideH != 1 || p.strideW != 1 { return "\(rawValue) needs stride 1 (found \(p.strideH)×\(p.strideW))" }
      if p.padTop + p.padLeft + p.padBottom + p.padRight != 0 { return "\(rawValue) needs no padding" }
      if p.groups != 1 { return "\(rawValue) needs groups = 1 (found \(p.groups))" }
      if p.height * p.width > int32 { return "\(rawValue) needs at most \(int32) positions per image" }
      return nil
    case .implicitGemm:
      let t = GPUKernels.tile
      if p.groups > 65535 { return "implicit-gemm takes at most 65535 groups (the grid's z)" }
      if (p.outPerGroup + t.m - 1) / t.m > 65535 {
        return "implicit-gemm takes at most \(65535 * t.m) output channels per group"
      }
      return nil
    case .sgemm, .sgemmTF32:
      if p.height != 1 || p.width != 1 || p.kernelH != 1 || p.kernelW != 1 || p.groups != 1
        || p.padTop + p.padLeft + p.padBottom + p.padRight != 0
      {
        return "\(rawValue) is for linear layers: a 1×1 input, a 1×1 kernel, no padding, groups = 1"
      }
      return nil
    }
  }

  /// The algorithms that can compute `p`, in declaration order; the TF32
  /// ones only with `tf32`.
  public static func applicable(to p: ConvProblem, tf32: Bool) -> [GPUConvAlgorithm] {
    allCases.filter { $0.unsupportedReason(p) == nil && (tf32 || $0.precision == .fp32) }
  }

  /// Parses a name; the error lists the known ones.
  public static func named(_ name: String) throws(ProfileError) -> GPUConvAlgorithm {
    guard let a = GPUConvAlgorithm(rawValue: name.lowercased()) else {
      throw ProfileError("unknown GPU algorithm '\(name)' (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return a
  }

  /// A grid-stride launch over `total` elements: 256 threads a block, at
  /// most 2²⁰ blocks (each thread then loops).
  static func gridStride(_ kernel: String, total: Int, _ arguments: [GPUKernelArgument]) -> GPULaunch {
    let b = GPUKernels.blockSize
    let blocks = max(1, min((total + b - 1) / b, 1 << 20))
    return GPULaunch(kernel: kernel, grid: (blocks, 1, 1), block: (b, 1, 1), arguments: arguments)
  }

  /// What this algorithm runs for `p`. Throws where it does not apply.
  /// `workspaceLimit` (floats) bounds im2col's column buffer.
  public func plan(_ p: ConvProblem, workspaceLimit: Int = workspaceLimit) throws(ProfileError) -> GPUPlan {
    if let reason = unsupportedReason(p) {
      throw ProfileError("GPU algorithm '\(rawValue)' does not apply to \(p): \(reason)")
    }
    let shape = GPUKernelArgument.shape(GPUKernels.shape(p))
    let (x, w, y) = (GPUOperand(.input), GPUOperand(.weights), GPUOperand(.output))
    let outputs = p.outputCount!
    switch self {
    case .direct:
      return GPUPlan(
        algorithm: self, problem: p, workspaceFloats: 0,
        steps: [.launch(Self.gridStride("nc_direct", total: outputs, [.pointer(x), .pointer(w), .pointer(y), shape]))])
    case .depthwise:
      return GPUPlan(
        algorithm: self, problem: p, workspaceFloats: 0,
        steps: [
          .launch(Self.gridStride("nc_depthwise", total: outputs, [.pointer(x), .pointer(w), .pointer(y), shape]))
        ])
    case .implicitGemm:
      let t = GPUKernels.tile
      let cols = p.batch * p.outPlane
      let launch = GPULaunch(
        kernel: "nc_implicit_gemm", grid: ((cols + t.n - 1) / t.n, (p.outPerGroup + t.m - 1) / t.m, p.groups),
        block: (t.threads, 1, 1), arguments: [.pointer(x), .pointer(w), .pointer(y), shape])
      return GPUPlan(algorithm: self, problem: p, workspaceFloats: 0, steps: [.launch(launch)])
    case .gemm1x1, .gemm1x1TF32:
      // Per image, row-major Y[K × HW] = W[K × C] · X[C × HW]. cuBLAS is
      // column-major, so it computes the transpose: Yᵀ (HW × K) = Xᵀ · Wᵀ,
      // where the row-major X, W and Y are read as their column-major
      // transposes, leading dimensions HW, C and HW. W is shared (stride 0).
      let hw = p.outPlane
      let g = GPUGemm(
        transA: false, transB: false, m: hw, n: p.outChannels, k: p.inChannels,
        a: x, lda: hw, strideA: p.inChannels * hw, b: w, ldb: p.inChannels, strideB: 0,
        c: y, ldc: hw, strideC: p.outChannels * hw, batch: p.batch, precision: precision)
      return GPUPlan(algorithm: self, problem: p, workspaceFloats: 0, steps: [.gemm(g)])
    case .sgemm, .sgemmTF32:
      // Row-major Y[rows × out] = X[rows × in] · Wᵀ (W is out × in).
      // Column-major: Yᵀ (out × rows) = W (out × in) · Xᵀ (in × rows); the
      // row-major W read column-major is in × out, so op(A) = transpose.
      let g = GPUGemm(
        transA: true, transB: false, m: p.outChannels, n: p.batch, k: p.inChannels,
        a: w, lda: p.inChannels, strideA: 0, b: x, ldb: p.inChannels, strideB: 0,
        c: y, ldc: p.outChannels, strideC: 0, batch: 1, precision: precision)
      return GPUPlan(algorithm: self, problem: p, workspaceFloats: 0, steps: [.gemm(g)])
    case .im2col, .im2colTF32:
      return im2colPlan(p, shape: shape, limit: workspaceLimit)
    }
  }

  /// im2col in chunks of images whose column matrices fit the workspace;
  /// per chunk one im2col launch, then the GEMMs. Per image and group,
  /// row-major Y_g[kg × P] = W_g[kg × R] · col_g[R × P] (R = cg·kh·kw rows,
  /// P = oh·ow positions); column-major, as in gemm1x1:
  /// Y_gᵀ (P × kg) = col_gᵀ · W_gᵀ, leading dimensions P, R and P.
  /// groups = 1: one GEMM batched over the chunk's images (W shared);
  /// groups > 1: per image, one GEMM batched over the groups.
  private func im2colPlan(_ p: ConvProblem, shape: GPUKernelArgument, limit: Int) -> GPUPlan {
    let rows = p.inPerGroup * p.kernelH * p.kernelW
    let positions = p.outPlane
    let perImage = p.groups * rows * positions
    let chunk = max(1, min(p.batch, limit / max(1, perImage)))
    var steps: [GPUStep] = []
    var n0 = 0
    while n0 < p.batch {
      let count = min(chunk, p.batch - n0)
      steps.append(
        .launch(
          Self.gridStride(
            "nc_im2col", total: count * perImage,
            [
              .pointer(GPUOperand(.input)), .pointer(GPUOperand(.workspace)), shape,
              .int32(Int32(n0)), .int32(Int32(count)),
            ])))
      if p.groups == 1 {
        steps.append(
          .gemm(
            GPUGemm(
              transA: false, transB: false, m: positions, n: p.outChannels, k: rows,
              a: GPUOperand(.workspace), lda: positions, strideA: rows * positions,
              b: GPUOperand(.weights), ldb: rows, strideB: 0,
              c: GPUOperand(.output, offset: n0 * p.outChannels * positions), ldc: positions,
              strideC: p.outChannels * positions,
              batch: count, precision: precision)))
      } else {
        for i in 0..<count {
          steps.append(
            .gemm(
              GPUGemm(
                transA: false, transB: false, m: positions, n: p.outPerGroup, k: rows,
                a: GPUOperand(.workspace, offset: i * perImage), lda: positions, strideA: rows * positions,
                b: GPUOperand(.weights), ldb: rows, strideB: p.outPerGroup * rows,
                c: GPUOperand(.output, offset: (n0 + i) * p.outChannels * positions), ldc: positions,
                strideC: p.outPerGroup * positions, batch: p.groups, precision: precision)))
        }
      }
      n0 += count
    }
    return GPUPlan(algorithm: self, problem: p, workspaceFloats: chunk * perImage, steps: steps)
  }
}
