// netcost — Apache-2.0

extension Report {
  /// The layers and their edges, for drawing (inputs named `layer:k` read
  /// the layer's k-th output; model inputs are negative).
  public var graph: DocumentGraph {
    var inputPosition: [String: Int] = [:]
    for (k, i) in inputs.enumerated() { inputPosition[i.name] = k }
    // A layer mostly reads one of the few just before it: those are looked
    // at first, and a table of the names (a million entries, filled only
    // as far as needed) only for the others.
    var position: [String: Int] = [:]
    var indexed = 0
    func producer(_ name: String, before li: Int) -> Int? {
      var j = li - 1
      while j >= 0 && j >= li - 8 {
        if layers[j].name == name { return layers[j].index }
        j -= 1
      }
      while indexed < li {
        position[layers[indexed].name] = layers[indexed].index
        indexed += 1
      }
      return position[name]
    }
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
        } else if let p = producer(name, before: li) {
          ins.append(p)
        } else if let colon = name.lastIndex(of: ":"), let p = producer(String(name[..<colon]), before: li) {
          ins.append(p)
        }
      }
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
