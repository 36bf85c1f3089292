// netcost — Apache-2.0

/// The reference: each output plane is the sum, over its group's input
/// channels and kernel taps, of a shifted (strided, dilated) input plane
/// times the tap's weight. Threads take (image, output channel) planes.
final class DirectConv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.direct
  let threads: Int
  let weights: FloatBuffer
  /// Per kernel column kx: the output columns whose input column is inside
  /// the image, [lo, hi).
  let validColumns: [(Int, Int)]

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int) {
    problem = p
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
    validColumns = (0..<p.kernelW).map { kx in
      Self.validRange(offset: kx * p.dilationW - p.padLeft, stride: p.strideW, size: p.width, outputs: p.outWidth)
    }
  }

  /// Outputs o in [lo, hi) with 0 ≤ o·stride + offset < size.
  static func validRange(offset: Int, stride: Int, size: Int, outputs: Int) -> (Int, Int) {
    // o ≥ ⌈−offset / stride⌉ and o ≤ ⌊(size − 1 − offset) / stride⌋.
    let lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride
    let top = size - 1 - offset
    let hi = top < 0 ? 0 : top / stride + 1
    return (min(max(lo, 0), outputs), min(max(hi, 0), outputs))
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (h, w, oh, ow) = (p.height, p.width, p.outHeight, p.outWidth)
    let cinG = p.inPerGroup
    let coutG = p.outPerGroup
    let wts = UnsafePointer(weights.pointer)
    let cols = validColumns
    parallelFor(p.batch * p.outChannels, threads: threads) { item, _ in
      let n = item / p.outChannels
      let oc = item % p.outChannels
      let g = oc / coutG
      let out = output + item * oh * ow
      out.update(repeating: 0, count: oh * ow)
      for icg in 0..<cinG {
        let ic = g * cinG + icg
        let plane = input + (n * p.inChannels + ic) * h * w
        for ky in 0..<p.kernelH {
          for kx in 0..<p.kernelW {
            let wv = wts[((oc * cinG + icg) * p.kernelH + ky) * p.kernelW + kx]
            let (lo, hi) = cols[kx]
            if lo >= hi { continue }
            let xoff = kx * p.dilationW - p.padLeft
            for oy in 0..<oh {
              let iy = oy * p.strideH - p.padTop + ky * p.dilationH
              if iy < 0 || iy >= h { continue }
              let src = plane + iy * w + xoff
              let dst = out + oy * ow
              if p.strideW == 1 {
                for ox in lo..<hi { dst[ox] += wv * src[ox] }
              } else {
                for ox in lo..<hi { dst[ox] += wv * src[ox * p.strideW] }
              }
            }
          }
        }
      }
    }
  }
}
