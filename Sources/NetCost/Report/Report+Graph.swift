// netcost — Apache-2.0

extension Report {
  /// The layers and their edges, for drawing (inputs named `layer:k` read
  /// the layer's k-th output; model inputs are negative).
  public var graph: DocumentGraph {
    var position: [String: Int] = [:]
    position.reserveCapacity(layers.count)
    var inputPosition: [String: Int] = [:]
    for (k, i) in inputs.enumerated() { inputPosition[i.name] = k }
    var nodes: [DocumentGraph.Node] = []
    nodes.reserveCapacity(layers.count)
    for l in layers {
      var ins: [Int] = []
      for name in l.inputs {
        if let k = inputPosition[name] {
          ins.append(-1 - k)
        } else if let p = position[name] {
          ins.append(p)
        } else if let colon = name.lastIndex(of: ":"), let p = position[String(name[..<colon])] {
          ins.append(p)
        }
      }
      position[l.name] = l.index
      nodes.append(
        DocumentGraph.Node(
          name: l.name, type: l.type, category: l.category.title,
          shape: l.outputShapes.map(\.description).joined(separator: ", "), macs: l.cost.macs, inputs: ins))
    }
    return DocumentGraph(inputs: inputs.map { ($0.name, $0.shape.description) }, nodes: nodes)
  }

  /// The document the HTML page draws: ``document`` (or its roll-up to
  /// `depth`) with the graph.
  public func pageDocument(depth: Int? = nil) -> Document {
    var d = depth.map { document(depth: $0) } ?? document
    d.graph = graph
    return d
  }
}
