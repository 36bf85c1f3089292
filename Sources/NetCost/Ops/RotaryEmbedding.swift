// netcost — Apache-2.0

/// Rotary position embedding applied to queries or keys (com.microsoft
/// RotaryEmbedding): x·cos + rotate(x)·sin on the rotated part of each head.
/// Shape unchanged; the cos and sin caches are stored tables, not
/// parameters (the importer reports them as buffers).
public struct RotaryEmbedding: Operator {
  public static let arity = 1...1
  public static let flopRule = "3 per element (two multiplies, one add)"

  /// A rotary embedding.
  public init() {}

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(3, try inputs[0].elementCount(), "FLOPs"))
  }
}
