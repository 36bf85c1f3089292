// netcost — Apache-2.0

/// SENet's Axpy layer (hujie-frank/SENet): F = a·X + Y, with a of shape
/// N×C (or N×C×1×1) scaling each channel of X, and Y the shortcut, shaped
/// as X. It fuses a squeeze-and-excitation gate with the residual add.
public struct Axpy: Operator {
  public static let arity = 3...3
  public static let flopRule = "2 per output element (a multiply and an add)"

  /// Creates the layer.
  public init() {}

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let (a, x, y) = (inputs[0], inputs[1], inputs[2])
    guard x == y else { throw ShapeIssue("axpy's X \(x) and Y \(y) must have the same shape") }
    guard a.rank >= 2, x.rank >= 2, a.dims[0] == x.dims[0], a.dims[1] == x.dims[1],
      a.dims.dropFirst(2).allSatisfy({ $0 == 1 })
    else {
      throw ShapeIssue("axpy's a \(a) must be N×C (or N×C×1×1) of X \(x)")
    }
    return [x]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(2, try outputs[0].elementCount(), "FLOPs"))
  }

  /// X's and Y's fields; a only supplies one factor per channel.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.keepingSpatialSize(Array(inputs[1...]), Array(inputShapes[1...]), outputShapes)
  }
}
