// netcost — Apache-2.0

/// A network: named inputs and layers in an order where every layer comes
/// after the layers it reads from.
///
/// The initializer checks the references and puts the layers in
/// topological order (keeping the written order where it already is one),
/// so a `Graph` with a dangling reference or a cycle cannot exist.
public struct Graph: Sendable {
  /// The model's name.
  public var name: String
  /// Model inputs.
  public var inputs: [GraphInput]
  /// Layers, topologically sorted.
  public private(set) var layers: [Layer]
  /// Warnings the format's loader found (ONNX: weights shared by several
  /// layers); the analysis reports them with its own.
  public var notes: [Finding] = []
  /// The element type of activations and weights, when the format states
  /// it; otherwise the first floating-point input's (token-id inputs are
  /// integers), or float32.
  public var dtype: DType?
  /// The parameters and buffers as the file stores them (their own dtypes,
  /// int4 packed two a byte), when the format records every one; nil
  /// otherwise (reports then size them in ``modelDType``).
  public var storedWeights: StoredWeights?

  /// The dtype the analysis uses for activations and weights.
  public var modelDType: DType {
    dtype ?? inputs.first { $0.dtype.isFloatingPoint }?.dtype ?? .float32
  }

  /// Creates a graph, reordering layers topologically.
  ///
  /// - Throws: ``NetCostError/cycle(_:layers:)`` when layers depend on each
  ///   other in a loop, ``NetCostError/invalidSpec(_:layer:message:)`` for a
  ///   reference out of range.
  public init(name: String, inputs: [GraphInput], layers: [Layer]) throws(NetCostError) {
    self.name = name
    self.inputs = inputs
    // Layers are read in place (layers[l].inputs), never copied whole.
    for l in layers.indices {
      for r in layers[l].inputs {
        switch r {
        case .input(let i) where i < 0 || i >= inputs.count:
          throw .invalidSpec(
            layers[l].location, layer: layers[l].name, message: "refers to model input #\(i), which does not exist")
        case .output(let j, _) where j < 0 || j >= layers.count:
          throw .invalidSpec(
            layers[l].location, layer: layers[l].name, message: "refers to layer #\(j), which does not exist")
        default: break
        }
      }
    }
    self.layers = try Self.topologicalOrder(layers)
  }

  private static func topologicalOrder(_ layers: [Layer]) throws(NetCostError) -> [Layer] {
    // Fast path: written order already works.
    var sorted = true
    outer: for i in layers.indices {
      for case .output(let j, _) in layers[i].inputs where j >= i {
        sorted = false
        break outer
      }
    }
    if sorted { return layers }

    let n = layers.count
    let (order, blocked) = TopologicalOrder.sort(count: n) { i in
      layers[i].inputs.compactMap { r -> Int? in if case .output(let j, _) = r { return j } else { return nil } }
    }
    if !blocked.isEmpty {
      let cycle = findCycle(layers, remaining: Set(blocked))
      throw .cycle(layers[cycle[0]].location, layers: cycle.map { layers[$0].name })
    }
    var newIndex = Array(repeating: 0, count: n)
    for (pos, old) in order.enumerated() { newIndex[old] = pos }
    return order.map { old in
      var l = layers[old]
      l.inputs = l.inputs.map { r in
        if case .output(let j, let k) = r { return .output(layer: newIndex[j], index: k) }
        return r
      }
      return l
    }
  }

  /// One cycle among the layers still blocked, as indices from a layer back to itself.
  private static func findCycle(_ layers: [Layer], remaining: Set<Int>) -> [Int] {
    var start = remaining.min()!
    // Walk producers until a layer repeats.
    var seen: [Int: Int] = [:]
    var path: [Int] = []
    while seen[start] == nil {
      seen[start] = path.count
      path.append(start)
      let next = layers[start].inputs.compactMap { r -> Int? in
        if case .output(let j, _) = r, remaining.contains(j) { return j }
        return nil
      }.first
      guard let next else { break }
      start = next
    }
    // In data-flow order, starting from the earliest-written layer.
    var cyc = Array(Array(path[(seen[start] ?? 0)...]).reversed())
    let first = cyc.indices.min { cyc[$0] < cyc[$1] }!
    cyc = Array(cyc[first...] + cyc[..<first])
    return cyc + [cyc[0]]
  }
}
