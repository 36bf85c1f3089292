// netcost — Apache-2.0

/// Caffe's Power layer: y = (shift + scale·x)^power, element-wise.
public struct CaffePower: Operator {
  public static let arity = 1...1
  public static let flopRule = "per element: 1 for a scale ≠ 1, 1 for a shift ≠ 0, 1 for a power ≠ 1"

  /// The exponent.
  public var power: Double
  /// The factor.
  public var scale: Double
  /// The offset.
  public var shift: Double

  /// Creates the layer.
  public init(power: Double = 1, scale: Double = 1, shift: Double = 0) {
    self.power = power
    self.scale = scale
    self.shift = shift
  }

  var perElement: Int { (scale != 1 ? 1 : 0) + (shift != 0 ? 1 : 0) + (power != 1 ? 1 : 0) }

  public var costKind: CostKind { perElement == 0 ? .zeroCost : .counted }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { inputs }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(perElement, try outputs[0].elementCount(), "FLOPs"))
  }
}
