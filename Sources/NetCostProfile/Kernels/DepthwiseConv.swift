// netcost — Apache-2.0

import CNetCostKernels

/// Depthwise convolution (groups = C_in; C_out = m·C_in): each output plane
/// reads one input plane. Threads take planes; the C kernel splits each
/// input row into stride phases once so that every tap reads a contiguous
/// run, then keeps 32 outputs of a row in vector registers across all taps.
final class DepthwiseConv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.depthwise
  let threads: Int
  let weights: FloatBuffer
  let scratch: FloatBuffer
  let scratchPerWorker: Int

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int) {
    problem = p
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
    scratchPerWorker =
      (nc_depthwise_scratch(
        Int32(p.height), Int32(p.width), Int32(p.outWidth), Int32(p.kernelW),
        Int32(p.strideW), Int32(p.dilationW)) + 15) & ~15
    scratch = FloatBuffer(count: scratchPerWorker * threads)
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (h, w, oh, ow) = (p.height, p.width, p.outHeight, p.outWidth)
    let multiplier = p.outPerGroup
    let taps = p.kernelH * p.kernelW
    let wts = UnsafePointer(weights.pointer)
    let s = scratch.pointer
    let per = scratchPerWorker
    parallelFor(p.batch * p.outChannels, threads: threads) { item, worker in
      let n = item / p.outChannels
      let oc = item % p.outChannels
      let ic = oc / multiplier
      nc_depthwise_plane(
        input + (n * p.inChannels + ic) * h * w, Int32(h), Int32(w), output + item * oh * ow,
        Int32(oh), Int32(ow), wts + oc * taps, Int32(p.kernelH), Int32(p.kernelW),
        Int32(p.strideH), Int32(p.strideW), Int32(p.dilationH), Int32(p.dilationW),
        Int32(p.padTop), Int32(p.padLeft), s + worker * per)
    }
  }
}
