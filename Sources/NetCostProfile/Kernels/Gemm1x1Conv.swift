// netcost — Apache-2.0

/// A 1×1, stride 1, unpadded convolution is a matrix product per image:
/// Y_n[C_out × HW] = W[C_out × C_in] · X_n[C_in × HW], with X_n read in place.
/// Threads take images (BLAS single-threaded inside); when the images do
/// not split evenly, each image's columns are split too, and a lone small
/// image is left to a multi-threaded BLAS.
final class Gemm1x1Conv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.gemm1x1
  let threads: Int
  let weights: FloatBuffer
  let chunksPerImage: Int
  let blasThreaded: Bool

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int) {
    problem = p
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
    let plane = p.outPlane
    if threads == 1 || p.batch % threads == 0 {
      (chunksPerImage, blasThreaded) = (1, false)
    } else if plane / threads >= 64 {
      (chunksPerImage, blasThreaded) = (threads, false)
    } else {
      (chunksPerImage, blasThreaded) = (1, true)
    }
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let plane = p.outPlane, cin = p.inChannels, cout = p.outChannels
    let chunks = chunksPerImage
    let wts = UnsafePointer(weights.pointer)
    BLASThreads.set(blasThreaded ? threads : 1)
    parallelFor(p.batch * chunks, threads: blasThreaded ? 1 : threads) { item, _ in
      let n = item / chunks, c = item % chunks
      let lo = c * plane / chunks, hi = (c + 1) * plane / chunks
      if hi <= lo { return }
      sgemm(cout, hi - lo, cin, wts, cin, input + n * cin * plane + lo, plane,
            output + n * cout * plane + lo, plane)
    }
  }
}
