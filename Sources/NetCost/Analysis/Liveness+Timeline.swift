// netcost — Apache-2.0

extension Liveness {
  /// Bytes live while each layer runs (its inputs and its fresh outputs), in
  /// topological order, under the same assumptions as ``peak(graph:inputs:rows:dtype:)``;
  /// the largest entry is the peak when a layer raises it above the inputs.
  public static func timeline(graph: Graph, inputs: [ModelInput], rows: [LayerReport]) -> [Int] {
    let n = graph.layers.count
    var lastUseOfInput = Array(repeating: -1, count: inputs.count)
    var lastUseOfLayer = Array(repeating: Int.max, count: n)
    for i in graph.layers.indices {
      for r in graph.layers[i].inputs {
        switch r {
        case .input(let k): lastUseOfInput[k] = max(lastUseOfInput[k], i)
        case .output(let p, _): lastUseOfLayer[p] = lastUseOfLayer[p] == Int.max ? i : max(lastUseOfLayer[p], i)
        }
      }
    }
    var freed = Array(repeating: 0, count: n + 1)
    var live = 0
    for (k, inp) in inputs.enumerated() {
      let b = ((try? inp.shape.elementCount()) ?? 0).multipliedReportingOverflow(by: inp.dtype.bytes)
      let bytes = b.overflow ? Int.max / 4 : b.partialValue
      live &+= bytes
      if lastUseOfInput[k] >= 0 { freed[lastUseOfInput[k]] &+= bytes }
    }
    for p in 0..<n where lastUseOfLayer[p] != Int.max { freed[lastUseOfLayer[p]] &+= rows[p].activationBytes }
    var out: [Int] = []
    out.reserveCapacity(n)
    for i in 0..<n {
      live &+= rows[i].activationBytes
      out.append(live)
      live &-= freed[i]
    }
    return out
  }
}
