// netcost — Apache-2.0

/// Names one tensor in a graph: a model input, or output `index` of a layer.
public enum TensorRef: Hashable, Sendable {
  /// The model input at this position in ``Graph/inputs``.
  case input(Int)
  /// Output `index` of the layer at position `layer` in ``Graph/layers``.
  case output(layer: Int, index: Int)
}
