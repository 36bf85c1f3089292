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
    // Rows are read in place, never copied whole; a repeated block repeats
    // its output shapes, each written out once.
    var shapeTexts: [[Shape]: String] = [:]
    for li in layers.indices {
      var ins: [Int] = []
      ins.reserveCapacity(layers[li].inputs.count)
      for name in layers[li].inputs {
        if let k = inputPosition[name] {
          ins.append(-1 - k)
        } else if let p = position[name] {
          ins.append(p)
        } else if let colon = name.lastIndex(of: ":"), let p = position[String(name[..<colon])] {
          ins.append(p)
        }
      }
      position[layers[li].name] = layers[li].index
      let outs = layers[li].outputShapes
      let shape: String
      if let known = shapeTexts[outs] {
        shape = known
      } else {
        shape = outs.map(\.description).joined(separator: ", ")
        if shapeTexts.count < 1 << 14 { shapeTexts[outs] = shape }
      }
      nodes.append(
        DocumentGraph.Node(
          name: layers[li].name, type: layers[li].type, category: layers[li].category.title, shape: shape,
          macs: layers[li].cost.macs, inputs: ins))
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
