// netcost — Apache-2.0

import CNetCostKernels

/// im2col + GEMM (Caffe's scheme), blocked: the output positions of all
/// images form one column space N·H_out·W_out, cut into tiles of a few
/// hundred to a few thousand columns. For each tile, the windows are laid
/// out as a K × tile matrix (K = C_in·k_h·k_w) small enough to stay in
/// cache, then multiplied by the weights (C_out × K). A tile inside one
/// image writes the output in place (leading dimension H_out·W_out); one
/// that spans images goes through a small buffer. Threads take tiles, with
/// BLAS single-threaded inside; a problem too small to split into tiles is
/// shared: the threads fill its one tile's rows, then split its output
/// channels (or groups). BLAS's own threads are never used.
///
/// With groups (`grouped`), the same tiles feed one GEMM per group: the
/// group's rows of the column matrix times its C_out/g × K/g weights
/// (a register-blocked C kernel when the group has few output channels).
final class Im2colConv: ConvKernel {
  let problem: ConvProblem
  let algorithm: ConvAlgorithm
  let threads: Int
  /// The BLAS its GEMMs run on.
  let blas: OpenBLAS
  let weights: FloatBuffer
  let tiles: ColumnTiles
  /// One tile for all threads.
  let shared: Bool
  let colBuffers: FloatBuffer
  let outBuffers: FloatBuffer
  /// Rows of the column matrix: C_in·k_h·k_w.
  let rows: Int
  let validColumns: [(Int, Int)]
  let smallGroups: Bool

  init(_ p: ConvProblem, weights w: UnsafePointer<Float>, threads: Int, algorithm: ConvAlgorithm, blas: OpenBLAS) {
    self.blas = blas
    problem = p
    self.algorithm = algorithm
    self.threads = threads
    weights = FloatBuffer(count: p.weightCount!)
    weights.pointer.update(from: w, count: weights.count)
    rows = p.inChannels * p.kernelH * p.kernelW
    // Large weights (over 1 MB) are repacked by BLAS for every tile: give
    // them 8 MB tiles (fewer repacks), the others 2 MB (closer to cache).
    tiles = ColumnTiles(
      columns: p.batch * p.outPlane, rows: rows, threads: threads,
      tileBytes: p.outPerGroup * rows / p.groups > 1 << 18 ? 8 << 20 : 2 << 20)
    shared = tiles.count == 1 && threads > 1
    let workers = shared ? 1 : min(threads, tiles.count)
    colBuffers = FloatBuffer(count: rows * tiles.width * workers)
    outBuffers = FloatBuffer(count: p.outChannels * tiles.width * workers)
    validColumns = (0..<p.kernelW).map { kx in
      DirectConv.validRange(offset: kx * p.dilationW - p.padLeft, stride: p.strideW, size: p.width, outputs: p.outWidth)
    }
    smallGroups = p.outPerGroup < 16
  }

  func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let plane = p.outPlane
    let width = tiles.width
    let rows = self.rows
    let cols = colBuffers.pointer
    let outs = outBuffers.pointer
    let wts = UnsafePointer(weights.pointer)
    let g = p.groups
    let mg = p.outPerGroup
    let kg = rows / g
    let small = smallGroups
    blas.setNumThreads(1)
    if shared {
      runShared(input: input, output: output)
      return
    }
    parallelFor(tiles.count, threads: threads) { t, worker in
      let (c0, c1) = tiles.range(t)
      let nt = c1 - c0
      if nt <= 0 { return }
      let col = cols + worker * rows * width
      fill(col, ld: nt, columns: c0..<c1, input: input, channels: 0..<p.inChannels)
      // In one image: write in place. Across images: into a buffer first.
      let n0 = c0 / plane
      let inPlace = (c1 - 1) / plane == n0
      let dst: UnsafeMutablePointer<Float>
      let ldc: Int
      if inPlace {
        dst = output + n0 * p.outChannels * plane + (c0 - n0 * plane)
        ldc = plane
      } else {
        dst = outs + worker * p.outChannels * width
        ldc = nt
      }
      if g == 1 {
        sgemm(blas, p.outChannels, nt, rows, wts, rows, col, nt, dst, ldc)
      } else {
        for gi in 0..<g {
          let a = wts + gi * mg * kg
          let b = UnsafePointer(col + gi * kg * nt)
          let c = dst + gi * mg * ldc
          if small {
            nc_sgemm_small(Int32(mg), Int32(nt), Int32(kg), a, Int32(kg), b, Int32(nt), c, Int32(ldc))
          } else {
            sgemm(blas, mg, nt, kg, a, kg, b, nt, c, ldc)
          }
        }
      }
      if !inPlace {
        var c = c0
        while c < c1 {
          let n = c / plane
          let pos = c - n * plane
          let len = min(c1, (n + 1) * plane) - c
          for oc in 0..<p.outChannels {
            (output + (n * p.outChannels + oc) * plane + pos).update(from: dst + oc * ldc + (c - c0), count: len)
          }
          c += len
        }
      }
    }
  }

  /// The single tile, all threads together: they fill its rows by input
  /// channel, multiply by output-channel blocks (or groups), and scatter.
  func runShared(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let p = problem
    let plane = p.outPlane
    let rows = self.rows
    let t = threads
    let (c0, c1) = tiles.range(0)
    let nt = c1 - c0
    let col = colBuffers.pointer
    let wts = UnsafePointer(weights.pointer)
    let g = p.groups
    let mg = p.outPerGroup
    let kg = rows / g
    let small = smallGroups
    parallelFor(t, threads: t) { i, _ in
      let lo = i * p.inChannels / t
      let hi = (i + 1) * p.inChannels / t
      if hi > lo { fill(col, ld: nt, columns: c0..<c1, input: input, channels: lo..<hi) }
    }
    let n0 = c0 / plane
    let inPlace = (c1 - 1) / plane == n0
    let dst = inPlace ? output + n0 * p.outChannels * plane + (c0 - n0 * plane) : outBuffers.pointer
    let ldc = inPlace ? plane : nt
    if g == 1 {
      parallelFor(t, threads: t) { i, _ in
        let m0 = i * p.outChannels / t
        let m1 = (i + 1) * p.outChannels / t
        if m1 > m0 { sgemm(blas, m1 - m0, nt, rows, wts + m0 * rows, rows, col, nt, dst + m0 * ldc, ldc) }
      }
    } else {
      parallelFor(g, threads: t) { gi, _ in
        let a = wts + gi * mg * kg
        let b = UnsafePointer(col + gi * kg * nt)
        let c = dst + gi * mg * ldc
        if small {
          nc_sgemm_small(Int32(mg), Int32(nt), Int32(kg), a, Int32(kg), b, Int32(nt), c, Int32(ldc))
        } else {
          sgemm(blas, mg, nt, kg, a, kg, b, nt, c, ldc)
        }
      }
    }
    if !inPlace {
      parallelFor(p.outChannels, threads: t) { oc, _ in
        var c = c0
        while c < c1 {
          let n = c / plane
          let pos = c - n * plane
          let len = min(c1, (n + 1) * plane) - c
          (output + (n * p.outChannels + oc) * plane + pos).update(from: dst + oc * ldc + (c - c0), count: len)
          c += len
        }
      }
    }
  }

  /// Writes the column matrix of output positions `columns` (of the
  /// flattened N·H_out·W_out space): row (c, ky, kx), column j holds the
  /// input pixel that tap sees for position columns.lowerBound + j, or 0
  /// in the padding.
  @inline(__always)
  func fill(
    _ col: UnsafeMutablePointer<Float>, ld: Int, columns: Range<Int>, input: UnsafePointer<Float>, channels: Range<Int>
  ) {
    let p = problem
    let plane = p.outPlane
    let ow = p.outWidth
    var c = columns.lowerBound
    while c < columns.upperBound {
      // One image's part of the tile, by output row.
      let n = c / plane
      let end = min(columns.upperBound, (n + 1) * plane)
      let image = input + n * p.inChannels * p.height * p.width
      var pos = c - n * plane
      let stop = end - n * plane
      var j = c - columns.lowerBound
      while pos < stop {
        let oy = pos / ow
        let ox0 = pos - oy * ow
        let ox1 = min(ow, ox0 + (stop - pos))
        fillRow(col + j, ld: ld, image: image, oy: oy, ox: ox0..<ox1, channels: channels)
        j += ox1 - ox0
        pos += ox1 - ox0
      }
      c = end
    }
  }

  /// Columns for output row `oy`, positions `ox`, every (c, ky, kx) row.
  @inline(__always)
  func fillRow(
    _ col: UnsafeMutablePointer<Float>, ld: Int, image: UnsafePointer<Float>, oy: Int, ox: Range<Int>,
    channels: Range<Int>
  ) {
    let p = problem
    let (h, w, sw) = (p.height, p.width, p.strideW)
    var r = channels.lowerBound * p.kernelH * p.kernelW
    for c in channels {
      let chan = image + c * h * w
      for ky in 0..<p.kernelH {
        let iy = oy * p.strideH - p.padTop + ky * p.dilationH
        let inside = iy >= 0 && iy < h
        for kx in 0..<p.kernelW {
          let dst = col + r * ld - ox.lowerBound
          r += 1
          if !inside {
            (dst + ox.lowerBound).update(repeating: 0, count: ox.count)
            continue
          }
          let (vlo, vhi) = validColumns[kx]
          let lo = min(max(vlo, ox.lowerBound), ox.upperBound)
          let hi = max(min(vhi, ox.upperBound), lo)
          if lo > ox.lowerBound { (dst + ox.lowerBound).update(repeating: 0, count: lo - ox.lowerBound) }
          if hi < ox.upperBound { (dst + hi).update(repeating: 0, count: ox.upperBound - hi) }
          if hi > lo {
            let src = chan + iy * w + kx * p.dilationW - p.padLeft
            if sw == 1 {
              (dst + lo).update(from: src + lo, count: hi - lo)
            } else {
              nc_copy_strided(dst + lo, src + lo * sw, hi - lo, Int32(sw))
            }
          }
        }
      }
    }
  }
}

/// The column space 0..<columns cut into `count` tiles of at most `width`
/// columns, `count` a multiple of the thread count so threads get equal
/// work, each tile's K × width matrix about `tileBytes` (so A's repacking
/// inside BLAS stays small next to the tile's arithmetic).
struct ColumnTiles: Sendable {
  let columns: Int
  let count: Int
  let width: Int

  init(columns: Int, rows: Int, threads: Int, tileBytes: Int = 2 << 20) {
    self.columns = columns
    let target = min(4096, max(384, tileBytes / 4 / max(1, rows)))
    if threads > 1 && columns / threads < 128 {
      count = 1
    } else {
      let n = (columns + target - 1) / target
      count = max(1, threads * ((n + threads - 1) / threads))
    }
    width = (columns + count - 1) / count
  }

  /// Columns [lo, hi) of tile t.
  @inline(__always)
  func range(_ t: Int) -> (Int, Int) {
    (t * width, min(columns, (t + 1) * width))
  }
}
