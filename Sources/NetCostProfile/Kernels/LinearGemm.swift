// netcost — Apache-2.0

/// A linear layer: Y[N×O] = X[N×I]·Wᵀ, one sgemm with every thread.
final class LinearGemm: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.sgemm
  let threads: Int
  let weights: FloatBuffer

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int) {
    problem = p
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    BLASThreads.set(threads)
    sgemm(p.batch, p.outChannels, p.inChannels, input, p.inChannels, weights.pointer, p.inChannels,
          output, p.outChannels, transB: true)
  }
}
