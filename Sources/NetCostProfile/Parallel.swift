// netcost — Apache-2.0

import Dispatch

/// Runs `body(i)` for i in 0..<count over `threads` workers: worker t takes
/// the contiguous share [t·count/threads, (t+1)·count/threads), so equal
/// items split evenly. One worker (or one item) runs inline.
@inline(__always)
func parallelFor(_ count: Int, threads: Int, _ body: (_ item: Int, _ worker: Int) -> Void) {
  let workers = min(max(1, threads), count)
  if workers <= 1 {
    for i in 0..<count { body(i, 0) }
    return
  }
  withoutActuallyEscaping(body) { body in
    // Workers write disjoint parts of the output: the closure is shared
    // across threads on purpose.
    nonisolated(unsafe) let shared = body
    DispatchQueue.concurrentPerform(iterations: workers) { t in
      let lo = t * count / workers
      let hi = (t + 1) * count / workers
      for i in lo..<hi { shared(i, t) }
    }
  }
}

/// The BLAS build and the kernel it chose for this processor (OpenBLAS's
/// corename, e.g. "Haswell", "SkylakeX", "Cooperlake", "Zen").
/// "OpenBLAS not found" when the library does not open.
public var blasDescription: String {
  guard let blas = OpenBLAS.loaded else { return "OpenBLAS not found" }
  let core = blas.corename?().map { String(cString: $0) } ?? "?"
  let config = blas.config?().map { String(cString: $0) } ?? "OpenBLAS"
  let version = config.split(separator: " ").prefix(2).joined(separator: " ")
  return "\(version) (\(core) kernels)"
}

/// sgemm, row-major, C[m×n] = A[m×k]·B[k×n] (B transposed when `transB`),
/// through `blas` (the GEMM kernels hold it from ``OpenBLAS/require()``).
@inline(__always)
func sgemm(
  _ blas: OpenBLAS, _ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
  _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, transB: Bool = false
) {
  blas.sgemm(
    OpenBLAS.rowMajor, OpenBLAS.noTrans, transB ? OpenBLAS.trans : OpenBLAS.noTrans, Int32(m), Int32(n), Int32(k),
    1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
}
