// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// Max/AveragePooling1D/2D/3D: `pool_size` (2), `strides` (the pool
  /// size), `padding` (valid or same).
  mutating func pool(_ site: Site, _ input: KerasTensor, rank: Int, isMax: Bool) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let c = site.config
    let k = try c.ints("pool_size", count: rank, default: Array(repeating: 2, count: rank))
    let s = try c.ints("strides", count: rank, default: k)
    let ones = Array(repeating: 1, count: rank)
    let w = Window(
      kernel: .each(k), stride: .each(s), padding: try padding(site, kernel: k, dilation: ones))
    return try add(
      site, kind: isMax ? "max_pool\(rank)d" : "avg_pool\(rank)d", op: Pool(isMax: isMax, window: w, spatialRank: rank),
      inputs: [x], channelsFirst: true)
  }

  /// Global pooling: (N, C), or (N, 1, 1, C) with `keepdims`.
  mutating func globalPool(_ site: Site, _ input: KerasTensor, isMax: Bool) throws(NetCostError) -> KerasTensor {
    try site.config.requireChannelsLast()
    let x = try channelsFirst(input, site)
    guard x.rank >= 3 else {
      throw .shape(
        site.location, layer: site.name,
        message: "\(site.className) expects an input with spatial axes, found \(x.kerasDescription)")
    }
    if try site.config.bool("keepdims", default: false) {
      return try add(
        site, kind: isMax ? "global_max_pool" : "global_avg_pool", op: GlobalPool(isMax: isMax), inputs: [x],
        channelsFirst: true)
    }
    let op = Reduce(operation: isMax ? .max : .mean, axes: Array(2..<x.rank), keepDims: false)
    return try add(
      site, kind: isMax ? "global_max_pool" : "global_avg_pool", op: op, inputs: [x], channelsFirst: false)
  }

  /// Per-axis `(begin, end)` amounts of ZeroPadding/Cropping: one number for
  /// every side, one per axis (both sides), or a pair per axis.
  func sidePairs(_ site: Site, key: String, rank: Int) throws(NetCostError) -> [(Int, Int)] {
    let c = site.config
    func int(_ v: JSONValue) -> Int? {
      if case .int(let i) = v, i >= 0 { return i }
      return nil
    }
    let bad = c.error(
      key, "'\(key)' should be a size, \(rank) sizes or \(rank) (begin, end) pairs, found \(c[key]?.brief ?? "nothing")"
    )
    guard let v = c[key] else { return Array(repeating: (1, 1), count: rank) }
    if let i = int(v) { return Array(repeating: (i, i), count: rank) }
    guard case .array(let a) = v else { throw bad }
    if rank == 1, a.count == 2, let p = int(a[0]), let q = int(a[1]) { return [(p, q)] }
    guard a.count == rank else { throw bad }
    var out: [(Int, Int)] = []
    for e in a {
      if let i = int(e) {
        out.append((i, i))
      } else if case .array(let p) = e, p.count == 2, let x = int(p[0]), let y = int(p[1]) {
        out.append((x, y))
      } else {
        throw bad
      }
    }
    return out
  }

  /// ZeroPadding1D/2D/3D.
  mutating func zeroPadding(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let pads = try sidePairs(site, key: "padding", rank: rank)
    return try add(site, kind: "pad", op: Pad(pads: .each(pads)), inputs: [x], channelsFirst: true)
  }

  /// Cropping1D/2D/3D.
  mutating func cropping(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let crop = try sidePairs(site, key: "cropping", rank: rank)
    return try add(site, kind: "crop", op: Crop(crop: .each(crop)), inputs: [x], channelsFirst: true)
  }

  /// UpSampling1D/2D/3D: `size` per axis, nearest or (2D) `interpolation`.
  mutating func upSampling(_ site: Site, _ input: KerasTensor, rank: Int) throws(NetCostError) -> KerasTensor {
    let x = try spatialInput(input, site, rank: rank)
    let size = try site.config.ints("size", count: rank, default: Array(repeating: 2, count: rank))
    let mode = try site.config.string("interpolation", default: "nearest")
    let op = Resize(scale: size.map(Double.init), linear: mode != "nearest")
    return try add(site, kind: "upsample", op: op, inputs: [x], channelsFirst: true)
  }
}
