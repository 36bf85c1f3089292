// netcost — Apache-2.0

/// One node of the graph: an op applied to named tensors.
public struct Layer: Sendable {
  /// Unique name (dotted for layers expanded from blocks: `layer1.0.conv1`).
  public var name: String
  /// The op's `type` as the spec wrote it, lowercased.
  public var kind: String
  /// The op, with its fields read.
  public var op: any Operator
  /// The tensors it consumes, in order.
  public var inputs: [TensorRef]
  /// Where it is defined.
  public var location: SourceLocation

  /// Creates a layer.
  public init(name: String, kind: String, op: any Operator, inputs: [TensorRef], location: SourceLocation) {
    self.name = name
    self.kind = kind
    self.op = op
    self.inputs = inputs
    self.location = location
  }
}
