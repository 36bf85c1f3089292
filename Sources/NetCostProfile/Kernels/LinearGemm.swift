// netcost — Apache-2.0

/// A linear layer: Y[N×O] = X[N×I]·Wᵀ, one sgemm per thread on its share of
/// the output features.
final class LinearGemm: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.sgemm
  let threads: Int
  /// The BLAS its GEMMs run on.
  let blas: OpenBLAS
  let weights: FloatBuffer

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int, blas: OpenBLAS) {
    self.blas = blas
    problem = p
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (o, i) = (p.outChannels, p.inChannels)
    let t = min(threads, o)
    let w = UnsafePointer(weights.pointer)
    blas.setNumThreads(1)
    parallelFor(t, threads: t) { part, _ in
      let o0 = part * o / t
      let o1 = (part + 1) * o / t
      if o1 > o0 { sgemm(blas, p.batch, o1 - o0, i, input, i, w + o0 * i, i, output + o0, o, transB: true) }
    }
  }
}
