// netcost — Apache-2.0

/// A 1×1, stride 1, unpadded convolution is a matrix product per image:
/// Y_n[C_out × HW] = W[C_out × C_in] · X_n[C_in × HW], with X_n read in place.
/// Threads take images (BLAS single-threaded inside); when the images do
/// not split evenly, each image's columns are split too, or for small
/// images its output channels (BLAS's own threads are never used: they
/// would spin on the cores after each call).
final class Gemm1x1Conv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.gemm1x1
  let threads: Int
  /// The BLAS its GEMMs run on.
  let blas: OpenBLAS
  let weights: FloatBuffer
  let chunksPerImage: Int
  /// Parts the output channels are split into.
  let rowParts: Int

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int, blas: OpenBLAS) {
    self.blas = blas
    problem = p
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
    let plane = p.outPlane
    if threads == 1 || p.batch % threads == 0 {
      (chunksPerImage, rowParts) = (1, 1)
    } else if plane / threads >= 64 {
      (chunksPerImage, rowParts) = (threads, 1)
    } else {
      (chunksPerImage, rowParts) = (1, min(threads, p.outChannels))
    }
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let plane = p.outPlane
    let cin = p.inChannels
    let cout = p.outChannels
    let chunks = chunksPerImage
    let wts = UnsafePointer(weights.pointer)
    let parts = rowParts
    blas.setNumThreads(1)
    parallelFor(p.batch * chunks * parts, threads: threads) { item, _ in
      let n = item / (chunks * parts)
      let c = item / parts % chunks
      let r = item % parts
      let lo = c * plane / chunks
      let hi = (c + 1) * plane / chunks
      let m0 = r * cout / parts
      let m1 = (r + 1) * cout / parts
      if hi <= lo || m1 <= m0 { return }
      sgemm(
        blas,
        m1 - m0, hi - lo, cin, wts + m0 * cin, cin, input + n * cin * plane + lo, plane,
        output + (n * cout + m0) * plane + lo, plane)
    }
  }
}
