// netcost — Apache-2.0

import CNetCostKernels

/// Winograd F(2×2, 3×3) (Lavin and Gray, 2015): each 2×2 output tile is
/// Aᵀ·[Σ_c (G·g·Gᵀ) ⊙ (Bᵀ·d·B)]·A over its 4×4 input window d, so the
/// 36 multiplies of a tile and channel pair become 16. The 16 element-wise
/// products summed over channels are 16 matrix products
/// M_ξ[C_out × tiles] = U_ξ[C_out × C_in] · V_ξ[C_in × tiles].
///
/// Blocked: tile rows of all images are cut into blocks of a few hundred
/// tiles (whole tile rows, possibly from several images), so that a block's
/// transformed input V and products M (16·(C_in + C_out) floats per tile)
/// stay in cache between the input transform, the 16 GEMMs and the output
/// transform. Threads take blocks, with BLAS single-threaded inside.
final class WinogradConv: ConvKernel {
  let problem: ConvProblem
  let algorithm = ConvAlgorithm.winograd
  let threads: Int
  /// U: 16 matrices C_out × C_in.
  let transformed: FloatBuffer
  let tilesH: Int, tilesW: Int
  /// Blocks of tile rows: each a list of (image, first tile row, end tile row).
  let blocks: [[(n: Int, ty0: Int, ty1: Int)]]
  /// Tiles in the largest block (the V and M leading dimension).
  let blockTiles: Int
  let blasThreaded: Bool
  let vBuffers: FloatBuffer, mBuffers: FloatBuffer, scratch: FloatBuffer
  let scratchPerWorker: Int

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int) {
    problem = p
    self.threads = threads
    let (cin, cout) = (p.inChannels, p.outChannels)
    transformed = FloatBuffer(count: 16 * cout * cin)
    for k in 0..<cout {
      for c in 0..<cin {
        nc_wino_weight(w + (k * cin + c) * 9, transformed.pointer + k * cin + c, cout * cin)
      }
    }
    tilesH = (p.outHeight + 1) / 2
    tilesW = (p.outWidth + 1) / 2
    let totalRows = p.batch * tilesH
    let totalTiles = totalRows * tilesW
    // About 4 MB of V and M per block, at least one tile row.
    let target = min(1024, max(96, (1 << 20) / (16 * (cin + cout))))
    let rowsPerBlockTarget = max(1, target / tilesW)
    var nblocks = (totalRows + rowsPerBlockTarget - 1) / rowsPerBlockTarget
    if threads > 1 && totalTiles / threads < 32 {
      nblocks = 1
    } else {
      nblocks = threads * ((nblocks + threads - 1) / threads)
    }
    nblocks = min(nblocks, totalRows)
    var blocks: [[(n: Int, ty0: Int, ty1: Int)]] = []
    var largest = 0
    for b in 0..<nblocks {
      let r0 = b * totalRows / nblocks, r1 = (b + 1) * totalRows / nblocks
      var segs: [(n: Int, ty0: Int, ty1: Int)] = []
      var r = r0
      while r < r1 {
        let n = r / tilesH
        let end = min(r1, (n + 1) * tilesH)
        segs.append((n, r - n * tilesH, end - n * tilesH))
        r = end
      }
      blocks.append(segs)
      largest = max(largest, (r1 - r0) * tilesW)
    }
    self.blocks = blocks
    blockTiles = (largest + 7) & ~7
    blasThreaded = blocks.count == 1 && threads > 1
    let workers = blasThreaded ? 1 : min(threads, blocks.count)
    vBuffers = FloatBuffer(count: 16 * cin * blockTiles * workers)
    mBuffers = FloatBuffer(count: 16 * cout * blockTiles * workers)
    let maxRows = blocks.flatMap { $0 }.map { $0.ty1 - $0.ty0 }.max() ?? 1
    scratchPerWorker = ((2 * maxRows + 2) * (2 * tilesW + 2) + 15) & ~15
    scratch = FloatBuffer(count: scratchPerWorker * workers)
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (cin, cout, h, w, oh, ow) = (p.inChannels, p.outChannels, p.height, p.width, p.outHeight, p.outWidth)
    let ld = blockTiles, tw = tilesW
    let u = UnsafePointer(transformed.pointer)
    let vb = vBuffers.pointer, mb = mBuffers.pointer, sb = scratch.pointer, sper = scratchPerWorker
    let blocks = self.blocks
    BLASThreads.set(blasThreaded ? threads : 1)
    parallelFor(blocks.count, threads: blasThreaded ? 1 : threads) { b, worker in
      let v = vb + worker * 16 * cin * ld, m = mb + worker * 16 * cout * ld, s = sb + worker * sper
      var off = 0
      for seg in blocks[b] {
        for c in 0..<cin {
          nc_wino_input(input + (seg.n * cin + c) * h * w, Int32(h), Int32(w), Int32(p.padTop), Int32(p.padLeft),
                        Int32(seg.ty0), Int32(seg.ty1), Int32(tw), v + c * ld + off, cin * ld, s)
        }
        off += (seg.ty1 - seg.ty0) * tw
      }
      let tiles = off
      for xi in 0..<16 {
        sgemm(cout, tiles, cin, u + xi * cout * cin, cin, v + xi * cin * ld, ld, m + xi * cout * ld, ld)
      }
      off = 0
      for seg in blocks[b] {
        for k in 0..<cout {
          nc_wino_output(m + k * ld + off, cout * ld, output + (seg.n * cout + k) * oh * ow, Int32(oh), Int32(ow),
                         Int32(seg.ty0), Int32(seg.ty1), Int32(tw))
        }
        off += (seg.ty1 - seg.ty0) * tw
      }
    }
  }
}
