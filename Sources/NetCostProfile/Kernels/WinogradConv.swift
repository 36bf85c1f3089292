// netcost — Apache-2.0

import CNetCostKernels

/// Winograd F(m×m, 3×3) (Lavin and Gray, 2015), m = 2 or 4: each m×m output
/// tile is Aᵀ·[Σ_c (G·g·Gᵀ) ⊙ (Bᵀ·d·B)]·A over its (m+2)×(m+2) input window
/// d, so the 9m² multiplies of a tile and channel pair become (m+2)²: 36 → 16
/// for F(2×2, 3×3), 144 → 36 for F(4×4, 3×3) (whose transforms have larger
/// constants: its rounding error is larger, still far below 10⁻⁴ relative).
/// The (m+2)² element-wise products summed over channels are matrix products
/// M_ξ[C_out × tiles] = U_ξ[C_out × C_in] · V_ξ[C_in × tiles].
///
/// Blocked: tile rows of all images are cut into blocks of a few hundred
/// tiles (whole tile rows, possibly from several images), so that a block's
/// transformed input V and products M (16·(C_in + C_out) floats per tile)
/// stay in cache between the input transform, the 16 GEMMs and the output
/// transform. The GEMMs use U packed once at setup (nc_sgemm_packed): a
/// BLAS call would repack U_ξ for every block, which costs as much as the
/// product when a block has few tiles. Threads take blocks; a problem with
/// a single block shares it (channels of the transforms, the 16 GEMMs).
final class WinogradConv: ConvKernel {
  let problem: ConvProblem
  let algorithm: ConvAlgorithm
  let threads: Int
  /// m: 2 or 4.
  let tile: Int
  /// (m + 2)²: 16 or 36.
  let xiCount: Int
  /// U: (m+2)² matrices C_out × C_in, each packed for nc_sgemm_packed.
  let transformed: FloatBuffer
  /// Floats of one packed U_ξ.
  let packedSize: Int
  let tilesH: Int, tilesW: Int
  /// Blocks of tile rows: each a list of (image, first tile row, end tile row).
  let blocks: [[(n: Int, ty0: Int, ty1: Int)]]
  /// Tiles in the largest block (the V and M leading dimension).
  let blockTiles: Int
  /// One block for all threads (too few tiles to split): threads share its
  /// channels in the transforms and its 16 GEMMs.
  let cooperative: Bool
  let vBuffers: FloatBuffer, mBuffers: FloatBuffer, scratch: FloatBuffer
  let scratchPerWorker: Int

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int, tile: Int) {
    problem = p
    self.threads = threads
    self.tile = tile
    algorithm = tile == 2 ? .winograd : .winograd4x4
    let xis = (tile + 2) * (tile + 2)
    xiCount = xis
    let (cin, cout) = (p.inChannels, p.outChannels)
    let plain = FloatBuffer(count: xis * cout * cin)
    for k in 0..<cout {
      for c in 0..<cin {
        nc_wino_weight(Int32(tile), w + (k * cin + c) * 9, plain.pointer + k * cin + c, cout * cin)
      }
    }
    packedSize = nc_packed_a_count(Int32(cout), Int32(cin))
    transformed = FloatBuffer(count: xis * packedSize)
    for xi in 0..<xis {
      nc_pack_a(Int32(cout), Int32(cin), plain.pointer + xi * cout * cin, cin, transformed.pointer + xi * packedSize)
    }
    tilesH = (p.outHeight + tile - 1) / tile
    tilesW = (p.outWidth + tile - 1) / tile
    let totalRows = p.batch * tilesH
    let totalTiles = totalRows * tilesW
    // Two ways to share the work. Independent: each thread takes whole
    // blocks (about 4 MB of V and M each) and streams all of U through
    // them. Cooperative: all threads work on one block at a time (about 16 MB
    // of V and M), splitting its channels and its GEMMs, so U passes once
    // per block for all threads: better when U is large (deep layers: U is
    // 38 MB for F(4×4) at 512 channels) or the tiles too few to split.
    let uBytes = xis * cin * cout * 4
    let coop = threads > 1 && (totalTiles / threads < 32 || uBytes >= 4 << 20)
    let perTile = xis * (cin + cout) * 4
    let target = coop ? min(4096, max(64, (16 << 20) / perTile)) : min(1024, max(96, (4 << 20) / perTile))
    let rowsPerBlockTarget = max(1, target / tilesW)
    var nblocks = (totalRows + rowsPerBlockTarget - 1) / rowsPerBlockTarget
    if !coop {
      nblocks = threads * ((nblocks + threads - 1) / threads)
    }
    nblocks = min(nblocks, totalRows)
    var blocks: [[(n: Int, ty0: Int, ty1: Int)]] = []
    var largest = 0
    for b in 0..<nblocks {
      let r0 = b * totalRows / nblocks
      let r1 = (b + 1) * totalRows / nblocks
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
    // Rows of V and M are read 16 columns at a time: pad the row length to
    // a multiple of 16, and away from multiples of 512 bytes so that the
    // rows of one column panel do not all fall into the same L1 sets.
    var ld = (largest + 15) & ~15
    if ld % 128 == 0 { ld += 16 }
    blockTiles = ld
    cooperative = coop
    let workers = cooperative ? 1 : min(threads, blocks.count)
    vBuffers = FloatBuffer(count: xis * cin * blockTiles * workers)
    mBuffers = FloatBuffer(count: xis * cout * blockTiles * workers)
    vBuffers.fill(0)  // columns past a block's tiles are read (and their results dropped)
    scratchPerWorker = (nc_wino_scratch(Int32(tile), largest, Int32(tilesW)) + 15) & ~15
    scratch = FloatBuffer(count: scratchPerWorker * max(workers, threads))
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let (cin, cout, h, w, oh, ow) = (p.inChannels, p.outChannels, p.height, p.width, p.outHeight, p.outWidth)
    let ld = blockTiles
    let tw = tilesW
    let u = UnsafePointer(transformed.pointer)
    let psize = packedSize
    let vb = vBuffers.pointer
    let mb = mBuffers.pointer
    let sb = scratch.pointer
    let sper = scratchPerWorker
    let blocks = self.blocks
    let xis = xiCount
    let m4 = Int32(tile)

    // Per block: the segments' first and end tile rows, for the C transforms.
    func inputTransform(
      _ segs: [(n: Int, ty0: Int, ty1: Int)], channels: Range<Int>, v: UnsafeMutablePointer<Float>,
      scratch s: UnsafeMutablePointer<Float>
    ) {
      let ty0s = segs.map { Int32($0.ty0) }
      let ty1s = segs.map { Int32($0.ty1) }
      var planes = [UnsafePointer<Float>?](repeating: nil, count: segs.count)
      for c in channels {
        for (k, seg) in segs.enumerated() { planes[k] = input + (seg.n * cin + c) * h * w }
        nc_wino_input(
          m4, planes, ty0s, ty1s, Int32(segs.count), Int32(h), Int32(w), Int32(p.padTop), Int32(p.padLeft),
          Int32(tw), v + c * ld, cin * ld, s)
      }
    }
    func multiply(_ tiles: Int, xis: Range<Int>, v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>) {
      let n16 = (tiles + 15) & ~15
      for xi in xis {
        nc_sgemm_packed(
          Int32(cout), Int32(n16), Int32(cin), u + xi * psize, v + xi * cin * ld, ld, m + xi * cout * ld, ld)
      }
    }
    func outputTransform(
      _ segs: [(n: Int, ty0: Int, ty1: Int)], channels: Range<Int>, m: UnsafeMutablePointer<Float>,
      scratch s: UnsafeMutablePointer<Float>
    ) {
      let ty0s = segs.map { Int32($0.ty0) }
      let ty1s = segs.map { Int32($0.ty1) }
      var planes = [UnsafeMutablePointer<Float>?](repeating: nil, count: segs.count)
      for k in channels {
        for (j, seg) in segs.enumerated() { planes[j] = output + (seg.n * cout + k) * oh * ow }
        nc_wino_output(
          m4, m + k * ld, cout * ld, planes, ty0s, ty1s, Int32(segs.count), Int32(oh), Int32(ow), Int32(tw), s)
      }
    }

    if cooperative {
      let t = threads
      for segs in blocks {
        let tiles = segs.reduce(0) { $0 + ($1.ty1 - $1.ty0) * tw }
        parallelFor(t, threads: t) { i, _ in
          inputTransform(segs, channels: (i * cin / t)..<((i + 1) * cin / t), v: vb, scratch: sb + i * sper)
        }
        parallelFor(t, threads: t) { i, _ in multiply(tiles, xis: (i * xis / t)..<((i + 1) * xis / t), v: vb, m: mb) }
        parallelFor(t, threads: t) { i, _ in
          outputTransform(segs, channels: (i * cout / t)..<((i + 1) * cout / t), m: mb, scratch: sb + i * sper)
        }
      }
      return
    }
    parallelFor(blocks.count, threads: threads) { b, worker in
      let v = vb + worker * xis * cin * ld
      let m = mb + worker * xis * cout * ld
      let segs = blocks[b]
      inputTransform(segs, channels: 0..<cin, v: v, scratch: sb + worker * sper)
      multiply(segs.reduce(0) { $0 + ($1.ty1 - $1.ty0) * tw }, xis: 0..<xis, v: v, m: m)
      outputTransform(segs, channels: 0..<cout, m: m, scratch: sb + worker * sper)
    }
  }
}
