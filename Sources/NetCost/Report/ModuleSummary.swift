// netcost — Apache-2.0

/// Layers rolled up by their dotted-name prefix (`layer1` for
/// `layer1.0.conv1`), as torchinfo's and fvcore's module tables show them.
public struct ModuleSummary: Sendable, Equatable {
  /// The prefix: the first `depth` components of its layers' names.
  public var name: String
  /// How many layers it holds.
  public var layerCount: Int
  /// The position of its first layer.
  public var firstIndex: Int
  /// The position of its last layer (its output shape is the module's).
  public var lastIndex: Int
  /// Sums of its layers' parameters, buffers, MACs and FLOPs.
  public var cost: LayerCost
  /// Sum of its layers' output bytes.
  public var activationBytes: Int
  /// Sums of its layers' bytes read and written.
  public var bytesRead: Int
  /// Sum of its layers' bytes written.
  public var bytesWritten: Int
}
