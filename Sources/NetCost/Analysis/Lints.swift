// netcost — Apache-2.0

/// Geometry checks run after the analysis; each produces ``Finding``s.
public enum Lints {
  /// All findings for an analyzed graph, in layer order.
  static func run(graph: Graph, rows: [LayerReport], inputShapes: [Shape], inputFields: [ReceptiveField]) -> [Finding] {
    var out: [Finding] = []
    var gcds: [Int?] = []  // per layer: common dilation factor of the dilated convs stacked so far
    gcds.reserveCapacity(rows.count)
    func field(_ r: TensorRef) -> ReceptiveField {
      switch r {
      case .input(let i): return inputFields[i]
      case .output(let l, _): return rows[l].receptiveField
      }
    }
    func shape(_ r: TensorRef) -> Shape {
      switch r {
      case .input(let i): return inputShapes[i]
      case .output(let l, let k): return rows[l].outputShapes[min(k, rows[l].outputShapes.count - 1)]
      }
    }
    // Per layer: whether any layer reads it, and whether one that does keeps a spatial field.
    var isRead = Array(repeating: false, count: rows.count)
    var readBySpatial = Array(repeating: false, count: rows.count)
    // How many layers read each layer's outputs and each model input.
    var layerReaders = Array(repeating: 0, count: rows.count)
    var inputReaders = Array(repeating: 0, count: inputShapes.count)
    for l in graph.layers.indices {
      let ins = graph.layers[l].inputs
      for (k, r) in ins.enumerated() where !ins[..<k].contains(r) {
        switch r {
        case .input(let i): inputReaders[i] += 1
        case .output(let p, _): layerReaders[p] += 1
        }
      }
    }
    func readers(_ r: TensorRef) -> Int {
      switch r {
      case .input(let i): return inputReaders[i]
      case .output(let p, _): return layerReaders[p]
      }
    }
    // Rows are read in place (rows[i].name), never copied whole: a row holds a dozen references.
    for i in graph.layers.indices {
      let op = graph.layers[i].op
      let inputs = graph.layers[i].inputs
      let spatialHere = rows[i].receptiveField.axes != nil
      for case .output(let p, _) in inputs {
        isRead[p] = true
        if spatialHere { readBySpatial[p] = true }
      }
      // The common dilation factor reaching this layer: nil once any path is dense.
      var g: Int? = 0
      for r in inputs {
        guard case .output(let l, _) = r, let x = gcds[l], let acc = g else {
          g = nil
          break
        }
        g = gcd(acc, x)
      }

      if op is Linear, case let x = shape(inputs[0]), x.rank >= 4, field(inputs[0]).axes != nil {
        out.append(
          Finding(
            kind: .linearOnSpatial, layer: rows[i].name, location: rows[i].location,
            message:
              "linear acts on the last axis only: on the \(x) input it mixes the \(x.dims.last!) positions along W and keeps C and H apart (is a 'flatten' missing before it?)"
          ))
      }
      if let w = op.slidingWindow, let r = try? w.window.resolve(shape(inputs[0]).spatial) {
        let rank = r.kernel.count
        // Pixels skipped here may be read by another consumer of the same
        // tensor (ResNet's 1×1 stride-2 shortcut beside a 3×3 conv): warn
        // only when this layer is the tensor's only reader.
        let skipped = (0..<rank).filter { r.stride[$0] > r.effectiveKernel[$0] }
        if !skipped.isEmpty, readers(inputs[0]) == 1 {
          let axes = skipped.map { Axis.spatialName($0, of: rank) }.joined(separator: ", ")
          let s = skipped.map { String(r.stride[$0]) }.joined(separator: "×")
          let k = skipped.map { String(r.effectiveKernel[$0]) }.joined(separator: "×")
          out.append(
            Finding(
              kind: .strideExceedsKernel, layer: rows[i].name, location: rows[i].location,
              message:
                "stride \(s) exceeds the \(r.dilation.contains { $0 > 1 } ? "effective " : "")kernel \(k) along \(axes): input pixels between windows are never read"
            ))
        }
        // Dilation gridding: only convs whose kernel spans more than one pixel matter.
        if w.convolves, r.kernel.contains(where: { $0 > 1 }) {
          let d = r.dilation.reduce(0, gcd)
          if d > 1 {
            if let prev = g, gcd(prev, d) > 1 {
              out.append(
                Finding(
                  kind: .dilationGridding, layer: rows[i].name, location: rows[i].location,
                  message:
                    "dilation \(d) follows dilated convs sharing the factor \(gcd(prev, d)) with no dense conv between: the receptive field samples only every \(gcd(prev, d))th input pixel (gridding)"
                ))
            }
            g = g.map { gcd($0, d) } ?? d
            if g == 1 { g = nil }
          } else {
            g = nil
          }
        }
      }
      gcds.append(g)

      // Merges: regions with different centres or jumps.
      if inputs.count > 1 {
        let spatial = inputs.map(field).compactMap(\.axes)
        if spatial.count > 1, let first = spatial.first {
          for (k, s) in spatial.enumerated().dropFirst() where s.count == first.count {
            for a in 0..<s.count where s[a].center != first[a].center || s[a].jump != first[a].jump {
              out.append(
                Finding(
                  kind: .misalignedMerge, layer: rows[i].name, location: rows[i].location,
                  message:
                    "'\(rows[i].type)' merges regions that do not line up along \(Axis.spatialName(a, of: s.count)): input 1 centre \(first[a].center) jump \(first[a].jump), input \(k + 1) centre \(s[a].center) jump \(s[a].jump)"
                ))
              break
            }
          }
        }
      }
    }
    // The last spatial layers: spatial field, and nothing after them keeps one.
    for i in rows.indices {
      guard let axes = rows[i].receptiveField.axes, !readBySpatial[i] else { continue }
      guard let input = inputShapes.first(where: { $0.rank == axes.count + 2 }) else { continue }
      let small = zip(axes, input.spatial).enumerated().filter { $0.element.0.size < Rational(integer: $0.element.1) }
      if !small.isEmpty {
        let sizes = axes.map { $0.size.description }.joined(separator: "×")
        let whole = input.spatial.map(String.init).joined(separator: "×")
        let tail = !isRead[i] ? "" : " (what follows combines positions)"
        let message: String
        if axes.count == 1 {
          // N×C×L: a signal, or a sequence written without its layout.
          let name = graph.inputs.first { $0.dims.count == 2 }?.name ?? "input"
          message =
            "each output position sees \(sizes) of the \(whole) positions along L: no single position sees the whole length\(tail); "
            + "if '\(name)' is a sequence (length × features), give it \"layout\": \"sequence\""
        } else {
          message =
            "each output position sees \(sizes) pixels of the \(whole) input: no single position sees the whole image\(tail)"
        }
        out.append(
          Finding(
            kind: .receptiveFieldSmallerThanInput, layer: rows[i].name, location: rows[i].location, message: message))
      }
    }
    return out
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }
}
