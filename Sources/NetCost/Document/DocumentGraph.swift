// netcost — Apache-2.0

/// The network as a picture needs it: one node per layer (with its type,
/// category, output shape and MACs) and the edges between them.
public struct DocumentGraph: Sendable {
  /// One layer.
  public struct Node: Sendable {
    /// Layer name.
    public var name: String
    /// Op type.
    public var type: String
    /// Op category (`conv`, `data movement`, …).
    public var category: String
    /// Output shape(s), as people read them.
    public var shape: String
    /// Its MACs.
    public var macs: Int
    /// Positions of the layers it reads; `-1 - k` for model input `k`.
    public var inputs: [Int]

    /// Creates a node.
    public init(name: String, type: String, category: String, shape: String, macs: Int, inputs: [Int]) {
      self.name = name
      self.type = type
      self.category = category
      self.shape = shape
      self.macs = macs
      self.inputs = inputs
    }
  }

  /// The model inputs' names and shapes.
  public var inputs: [(name: String, shape: String)]
  /// The layers, in execution order.
  public var nodes: [Node]

  /// Creates a graph.
  public init(inputs: [(name: String, shape: String)], nodes: [Node]) {
    self.inputs = inputs
    self.nodes = nodes
  }
}
