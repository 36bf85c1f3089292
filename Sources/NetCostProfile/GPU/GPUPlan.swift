// netcost — Apache-2.0

/// The device buffers a plan works on.
public enum GPUBufferRole: Int, CaseIterable, Sendable {
  /// The NCHW input.
  case input
  /// The OIHW weights.
  case weights
  /// The NCHW output.
  case output
  /// Scratch (im2col's column matrix), `GPUPlan.workspaceFloats` long.
  case workspace
}

/// A place in a buffer: the role and an offset in floats.
public struct GPUOperand: Sendable, Equatable {
  /// Which buffer.
  public var role: GPUBufferRole
  /// Floats from its start.
  public var offset: Int

  /// Creates an operand.
  public init(_ role: GPUBufferRole, offset: Int = 0) {
    self.role = role
    self.offset = offset
  }
}

/// One argument of a kernel launch.
public enum GPUKernelArgument: Sendable, Equatable {
  /// A device pointer to a float in a buffer.
  case pointer(GPUOperand)
  /// A C `int`.
  case int32(Int32)
  /// A C `long long`.
  case int64(Int64)
  /// A C `unsigned`.
  case uint32(UInt32)
  /// The `ConvShape` struct, by value.
  case shape([Int32])
}

/// A kernel launch: which kernel, its grid and block, its arguments.
public struct GPULaunch: Sendable, Equatable {
  /// The kernel's name (one of `GPUKernels.names`).
  public var kernel: String
  /// Blocks in x, y, z.
  public var grid: (x: Int, y: Int, z: Int)
  /// Threads per block in x, y, z.
  public var block: (x: Int, y: Int, z: Int)
  /// The arguments in the kernel's parameter order.
  public var arguments: [GPUKernelArgument]

  public static func == (a: Self, b: Self) -> Bool {
    a.kernel == b.kernel && a.grid == b.grid && a.block == b.block && a.arguments == b.arguments
  }
}

/// A cuBLAS `cublasSgemmStridedBatched` call (`cublasSgemm` when `batch`
/// is 1), column-major as cuBLAS is: for b in 0..<batch,
/// C_b (m×n) = op(A_b) (m×k) · op(B_b) (k×n), where X_b starts `stride`
/// floats after X_{b−1}. β = 0: C is only written.
public struct GPUGemm: Sendable, Equatable {
  /// Whether A is transposed (CUBLAS_OP_T) or not (CUBLAS_OP_N).
  public var transA: Bool
  /// Whether B is transposed.
  public var transB: Bool
  public var m: Int
  public var n: Int
  public var k: Int
  public var a: GPUOperand
  public var lda: Int
  public var strideA: Int
  public var b: GPUOperand
  public var ldb: Int
  public var strideB: Int
  public var c: GPUOperand
  public var ldc: Int
  public var strideC: Int
  /// How many products.
  public var batch: Int
  /// The arithmetic: float32, or TF32 tensor cores (CUBLAS_TF32_TENSOR_OP_MATH).
  public var precision: Precision

  /// Floats of A that one product reads, from its start: the last element
  /// is at (cols − 1)·ld + rows − 1 for the stored rows × cols matrix.
  static func extent(rows: Int, cols: Int, ld: Int) -> Int { rows == 0 || cols == 0 ? 0 : (cols - 1) * ld + rows }

  /// The stored shape of A (rows × cols before op): m×k, or k×m transposed.
  var storedA: (rows: Int, cols: Int) { transA ? (k, m) : (m, k) }
  /// The stored shape of B: k×n, or n×k transposed.
  var storedB: (rows: Int, cols: Int) { transB ? (n, k) : (k, n) }

  /// Why cuBLAS would reject the call or it would touch memory outside
  /// its buffers, or nil: sizes ≥ 0 and 32-bit, leading dimensions at
  /// least the stored rows (cuBLAS's CUBLAS_STATUS_INVALID_VALUE rules),
  /// and every product's A, B and C inside `sizes`.
  public func problem(sizes: [GPUBufferRole: Int]) -> String? {
    let int32 = Int(Int32.max)
    for (what, v) in [("m", m), ("n", n), ("k", k), ("lda", lda), ("ldb", ldb), ("ldc", ldc), ("batch", batch)] {
      if v < 0 || v > int32 { return "gemm \(what) = \(v) is outside cuBLAS's 32-bit int range" }
    }
    if batch < 1 { return "gemm batch must be at least 1" }
    if lda < max(1, storedA.rows) { return "gemm lda \(lda) < \(storedA.rows) rows of A" }
    if ldb < max(1, storedB.rows) { return "gemm ldb \(ldb) < \(storedB.rows) rows of B" }
    if ldc < max(1, m) { return "gemm ldc \(ldc) < m = \(m)" }
    let parts: [(String, GPUOperand, Int, Int)] = [
      ("A", a, Self.extent(rows: storedA.rows, cols: storedA.cols, ld: lda), strideA),
      ("B", b, Self.extent(rows: storedB.rows, cols: storedB.cols, ld: ldb), strideB),
      ("C", c, Self.extent(rows: m, cols: n, ld: ldc), strideC),
    ]
    for (what, op, extent, stride) in parts {
      if stride < 0 || op.offset < 0 { return "gemm \(what): negative offset or stride" }
      let end = op.offset + (batch - 1) * stride + extent
      guard let size = sizes[op.role], end <= size else {
        return "gemm \(what) reaches float \(end) of the \(op.role) buffer (\(sizes[op.role] ?? 0) floats)"
      }
    }
    // Products must not write over one another or over their operands.
    if batch > 1 && strideC < Self.extent(rows: m, cols: n, ld: ldc) { return "gemm C products overlap" }
    return nil
  }
}

/// One step of a plan.
public enum GPUStep: Sendable, Equatable {
  case launch(GPULaunch)
  case gemm(GPUGemm)
}

/// What an algorithm does on the device for one problem, in order. A plan
/// is data: the same plan runs on the CUDA device (`CUDADevice`) and, in
/// the tests, on a CPU emulation of the kernels and of cuBLAS, so what the
/// GPU runs is what the tests check.
public struct GPUPlan: Sendable, Equatable {
  /// The algorithm.
  public var algorithm: GPUConvAlgorithm
  /// The problem.
  public var problem: ConvProblem
  /// Scratch floats the steps need (0: none).
  public var workspaceFloats: Int
  /// The steps.
  public var steps: [GPUStep]

  /// Floats in each buffer.
  public var bufferSizes: [GPUBufferRole: Int] {
    [
      .input: problem.inputCount!, .weights: problem.weightCount!, .output: problem.outputCount!,
      .workspace: workspaceFloats,
    ]
  }

  /// Why the plan is not valid, or nil: every launch within CUDA's limits
  /// (at most 1024 threads per block, grid y and z at most 65535, x at most
  /// 2³¹ − 1), every kernel known, every pointer inside its buffer, every
  /// GEMM valid (`GPUGemm.problem`).
  public func problemDescription() -> String? {
    let sizes = bufferSizes
    for step in steps {
      switch step {
      case .launch(let l):
        if !GPUKernels.names.contains(l.kernel) { return "unknown kernel '\(l.kernel)'" }
        let threads = l.block.x * l.block.y * l.block.z
        if threads < 1 || threads > 1024 { return "\(l.kernel): \(threads) threads per block (1…1024)" }
        if l.grid.x < 1 || l.grid.y < 1 || l.grid.z < 1 || l.grid.x > Int(Int32.max) || l.grid.y > 65535
          || l.grid.z > 65535
        {
          return "\(l.kernel): grid \(l.grid.x)×\(l.grid.y)×\(l.grid.z) outside CUDA's limits"
        }
        for case .pointer(let op) in l.arguments {
          guard op.offset >= 0, let size = sizes[op.role], op.offset < max(1, size) else {
            return "\(l.kernel): pointer at float \(op.offset) of the \(op.role) buffer"
          }
        }
      case .gemm(let g):
        if let why = g.problem(sizes: sizes) { return why }
      }
    }
    return nil
  }
}

/// Runs plan steps: `CUDADevice` on a GPU; an emulator in the tests.
public protocol GPUExecutor: AnyObject {
  /// Launches one kernel; `addresses` are the device addresses of the buffers.
  func launch(_ launch: GPULaunch, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError)
  /// Runs one GEMM.
  func gemm(_ gemm: GPUGemm, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError)
}

extension GPUPlan {
  /// Runs every step on `executor` (asynchronously on a device: the caller
  /// synchronizes).
  public func run(on executor: any GPUExecutor, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError) {
    for step in steps {
      switch step {
      case .launch(let l): try executor.launch(l, addresses: addresses)
      case .gemm(let g): try executor.gemm(g, addresses: addresses)
      }
    }
  }
}

/// The address of an operand: its buffer's address plus 4 bytes a float.
@inline(__always)
public func address(_ op: GPUOperand, in addresses: [GPUBufferRole: CUdeviceptr]) -> CUdeviceptr {
  addresses[op.role]! + CUdeviceptr(op.offset) * 4
}
