// netcost — Apache-2.0

/// Peak activation memory of inference: walking the layers in topological
/// order, a tensor is live from the layer that produces it until its last
/// consumer has run.
///
/// Assumptions (stated in the report): every layer writes a fresh output
/// buffer (no in-place ops, no memory planner reusing buffers across
/// layers) except pass-throughs (identity, dropout at inference), whose
/// output is their input's buffer, kept live until the pass-through's own
/// last consumer; model inputs are live until their last consumer, and
/// tensors no layer consumes (model outputs) stay live to the end.
public enum Liveness {
  /// The peak number of bytes live at once, and the layer at which it occurs.
  public static func peak(graph: Graph, inputs: [ModelInput], rows: [LayerReport], dtype: DType)
    throws(ArithmeticOverflow) -> (bytes: Int, atLayer: Int?)
  {
    let n = graph.layers.count
    // Last consumer of each input and of each layer's outputs (all outputs of a layer freed together).
    var lastUseOfInput = Array(repeating: -1, count: inputs.count)
    var lastUseOfLayer = Array(repeating: Int.max, count: n)  // Int.max: model output, never freed
    // The buffer each layer's output lives in: its own, or (a pass-through) its input's.
    var buffer: [TensorRef] = []
    buffer.reserveCapacity(n)
    var consumed = Array(repeating: false, count: n)
    // Layers are read in place (graph.layers[i].inputs), never copied whole.
    for i in graph.layers.indices {
      func owner(_ r: TensorRef) -> TensorRef {
        if case .output(let p, _) = r { return buffer[p] }
        return r
      }
      for r in graph.layers[i].inputs {
        if case .output(let p, _) = r { consumed[p] = true }
        switch owner(r) {
        case .input(let k): lastUseOfInput[k] = max(lastUseOfInput[k], i)
        case .output(let p, _): lastUseOfLayer[p] = lastUseOfLayer[p] == Int.max ? i : max(lastUseOfLayer[p], i)
        }
      }
      let passThrough = graph.layers[i].inputs.count == 1 && (graph.layers[i].op as? Identity)?.aliasesInput == true
      buffer.append(passThrough ? owner(graph.layers[i].inputs[0]) : .output(layer: i, index: 0))
    }
    // A pass-through that is a model output keeps its input's buffer to the end.
    var keptInputs = Set<Int>()
    for i in 0..<n where !consumed[i] {
      switch buffer[i] {
      case .input(let k): keptInputs.insert(k)
      case .output(let p, _): lastUseOfLayer[p] = Int.max
      }
    }
    for k in keptInputs { lastUseOfInput[k] = -1 }
    var freedAt = Array(repeating: 0, count: n)  // bytes of the layer outputs that die after step i
    var inputsFreeAt = Array(repeating: [Int](), count: n)
    // Each sum is at most the live bytes at that step, which are checked.
    for p in 0..<n where lastUseOfLayer[p] != Int.max { freedAt[lastUseOfLayer[p]] &+= rows[p].activationBytes }
    var live = 0
    for (k, inp) in inputs.enumerated() {
      let b = try Checked.mul(try inp.shape.elementCount(), inp.dtype.bytes, "input bytes")
      live = try Checked.add(live, b, "live bytes")
      if lastUseOfInput[k] >= 0 { inputsFreeAt[lastUseOfInput[k]].append(k) }
    }
    var peak = live
    var peakAt: Int?
    for i in 0..<n {
      live = try Checked.add(live, rows[i].activationBytes, "live bytes")
      if live > peak {
        peak = live
        peakAt = i
      }
      live -= freedAt[i]
      for k in inputsFreeAt[i] {
        live -= (try? Checked.mul(try inputs[k].shape.elementCount(), inputs[k].dtype.bytes)) ?? 0
      }
    }
    return (peak, peakAt)
  }
}
