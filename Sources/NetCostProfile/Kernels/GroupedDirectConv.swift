// netcost — Apache-2.0

import CNetCostKernels

/// Grouped convolution as implicit per-group GEMMs: each group's product
/// W_g[C_out/g × (C_in/g)·k_h·k_w] × windows is computed without writing the
/// windows out (im2col would copy the input k_h·k_w times for a handful of
/// multiply-adds per element). The group's input planes are phase-split
/// once (as for depthwise); every tap then reads a contiguous run of
/// inputs, loaded once for 4 output channels. Threads take (image, group)
/// pairs.
final class GroupedDirectConv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.groupedDirect
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
      (nc_grouped_direct_scratch(
        Int32(p.inPerGroup), Int32(p.height), Int32(p.width), Int32(p.outWidth),
        Int32(p.kernelW), Int32(p.strideW), Int32(p.dilationW)) + 15) & ~15
    scratch = FloatBuffer(count: scratchPerWorker * threads)
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (h, w, oh, ow) = (p.height, p.width, p.outHeight, p.outWidth)
    let cg = p.inPerGroup
    let mg = p.outPerGroup
    let taps = p.kernelH * p.kernelW
    let wts = UnsafePointer(weights.pointer)
    let s = scratch.pointer
    let per = scratchPerWorker
    parallelFor(p.batch * p.groups, threads: threads) { item, worker in
      let n = item / p.groups
      let g = item % p.groups
      nc_grouped_direct(
        input + (n * p.inChannels + g * cg) * h * w, Int32(cg), Int32(h), Int32(w),
        output + (n * p.outChannels + g * mg) * oh * ow, Int32(mg), Int32(oh), Int32(ow),
        wts + g * mg * cg * taps, Int32(p.kernelH), Int32(p.kernelW), Int32(p.strideH), Int32(p.strideW),
        Int32(p.dilationH), Int32(p.dilationW), Int32(p.padTop), Int32(p.padLeft), s + worker * per)
    }
  }
}
