// netcost — Apache-2.0

import CNetCostKernels

/// A dilated 3×3 stride-1 convolution as dilation_h·dilation_w undilated
/// ones: output pixels of phase (a, b) — rows a + d_h·i, columns b + d_w·j —
/// read only input pixels of one phase, at consecutive phase positions. So
/// the input is split into its phases (strided copies), each phase is
/// convolved by the Winograd F(4×4, 3×3) kernel with the same weights and
/// the padding that phase sees, and the results are interleaved back.
final class DilatedWinogradConv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.winogradDilated
  let threads: Int
  /// One per (a, b): the input phase it reads, its undilated problem and kernel.
  let phases: [Phase]
  let phaseInput: FloatBuffer
  let phaseOutput: FloatBuffer

  struct Phase {
    /// Output phase.
    var a: Int, b: Int
    /// Input phase (row and column offset) it reads.
    var r: Int, s: Int
    /// Output rows and columns of this phase.
    var rows: Int, cols: Int
    var kernel: WinogradConv
  }

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int) throws(ProfileError) {
    problem = p
    self.threads = threads
    let (dh, dw) = (p.dilationH, p.dilationW)
    var phases: [Phase] = []
    var maxIn = 0
    var maxOut = 0
    for a in 0..<dh {
      for b in 0..<dw {
        let rows = (p.outHeight - a + dh - 1) / dh
        let cols = (p.outWidth - b + dw - 1) / dw
        if rows <= 0 || cols <= 0 { continue }
        // Output row a + dh·i reads input rows a − pt + dh·(i + ky): phase
        // r = (a − pt) mod dh, at phase rows i + ky − top with top ≥ 0.
        let (r, top) = Self.phase(a - p.padTop, dh)
        let (s, left) = Self.phase(b - p.padLeft, dw)
        let hr = (p.height - r + dh - 1) / dh
        let wr = (p.width - s + dw - 1) / dw
        // Pad the bottom and right so the phase conv has at least rows × cols outputs.
        let bottom = max(0, rows + 2 - hr - top)
        let right = max(0, cols + 2 - wr - left)
        let sub = try ConvProblem(
          batch: p.batch, inChannels: p.inChannels, height: max(1, hr), width: max(1, wr),
          outChannels: p.outChannels, kernel: (3, 3),
          pads: (top, left, bottom + (hr < 1 ? 1 : 0), right + (wr < 1 ? 1 : 0)))
        phases.append(
          Phase(
            a: a, b: b, r: r, s: s, rows: rows, cols: cols,
            kernel: WinogradConv(sub, weights: w, threads: threads, tile: 4)))
        maxIn = max(maxIn, sub.inputCount!)
        maxOut = max(maxOut, sub.outputCount!)
      }
    }
    self.phases = phases
    phaseInput = FloatBuffer(count: maxIn)
    phaseOutput = FloatBuffer(count: maxOut)
  }

  /// (x mod d, −⌊x / d⌋) for x < d: the phase and the padding before it.
  static func phase(_ x: Int, _ d: Int) -> (Int, Int) {
    let q = x >= 0 ? x / d : -((-x + d - 1) / d)
    return (x - q * d, -q)
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (dh, dw) = (p.dilationH, p.dilationW)
    let (h, w, oh, ow) = (p.height, p.width, p.outHeight, p.outWidth)
    let planes = p.batch * p.inChannels
    let outPlanes = p.batch * p.outChannels
    let pin = phaseInput.pointer
    let pout = phaseOutput.pointer
    for ph in phases {
      let sub = ph.kernel.problem
      let (hr, wr) = (sub.height, sub.width)
      let validRows = (h - ph.r + dh - 1) / dh
      let validCols = (w - ph.s + dw - 1) / dw
      parallelFor(planes, threads: threads) { i, _ in
        let src = input + i * h * w
        let dst = pin + i * hr * wr
        for y in 0..<hr {
          let row = dst + y * wr
          if y < validRows && validCols > 0 {
            nc_copy_strided(row, src + (ph.r + dh * y) * w + ph.s, validCols, Int32(dw))
          }
          if validCols < wr || y >= validRows {
            (row + (y < validRows ? validCols : 0)).update(repeating: 0, count: wr - (y < validRows ? validCols : 0))
          }
        }
      }
      ph.kernel.run(input: pin, output: pout)
      let (sh, sw) = (sub.outHeight, sub.outWidth)
      parallelFor(outPlanes, threads: threads) { i, _ in
        let src = pout + i * sh * sw
        let dst = output + i * oh * ow
        for y in 0..<ph.rows {
          let s = src + y * sw
          let d = dst + (ph.a + dh * y) * ow + ph.b
          for x in 0..<ph.cols { d[x * dw] = s[x] }
        }
      }
    }
  }
}
