// netcost — Apache-2.0

/// Caffe's Scale and Bias layers: y = x·γ + β with γ and β broadcast over
/// the axes outside `axis ..< axis + numAxes`.
///
/// With one input, γ is learned, of shape `dims[axis ..< axis + numAxes]`
/// (numAxes −1: to the last axis; 0: a scalar), and so is β when `bias`.
/// With two inputs (SENet's gate, a Scale layer with two bottoms), the
/// second input is γ, its shape equal to the first's from `axis` on, and
/// only β can be learned. The Bias layer is `scale: false, bias: true`.
public struct CaffeScale: Operator {
  public static let arity = 1...2
  public static let flopRule = "1 per element for the scale, 1 for the bias; params: γ and β as stored"

  /// The first axis γ and β cover.
  public var axis: Int
  /// How many axes they cover (−1: through the last).
  public var numAxes: Int
  /// Whether the layer multiplies (Scale) rather than only adds (Bias).
  public var scale: Bool
  /// Whether a learned β is added.
  public var bias: Bool

  /// Creates the layer.
  public init(axis: Int = 1, numAxes: Int = 1, scale: Bool = true, bias: Bool = false) {
    self.axis = axis
    self.numAxes = numAxes
    self.scale = scale
    self.bias = bias
  }

  /// The axes γ covers in `inputs[0]`, or why they do not fit.
  func covered(_ inputs: [Shape]) throws(ShapeIssue) -> [Int] {
    let x = inputs[0]
    let a = try Axis.normalize(axis, rank: x.rank)
    if inputs.count == 2 {
      let s = inputs[1].dims
      guard a + s.count <= x.rank, Array(x.dims[a..<(a + s.count)]) == s else {
        throw ShapeIssue("the scale input \(inputs[1]) does not match \(x) from axis \(axis) on")
      }
      return s
    }
    let end = numAxes == -1 ? x.rank : a + numAxes
    guard numAxes >= -1, end <= x.rank else {
      throw ShapeIssue("num_axes \(numAxes) from axis \(axis) runs past the \(x.rank) axes of \(x)")
    }
    return Array(x.dims[a..<end])
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    _ = try covered(inputs)
    return [inputs[0]]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let p = try Checked.product((try? covered(inputs)) ?? [], "parameters")
    let learned = (scale && inputs.count == 1 ? p : 0) + (bias ? p : 0)
    let perElement = (scale ? 1 : 0) + (bias ? 1 : 0)
    return LayerCost(params: learned, flops: try Checked.mul(perElement, try outputs[0].elementCount(), "FLOPs"))
  }

  /// The field of the scaled input; a second input only supplies factors.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.keepingSpatialSize([inputs[0]], [inputShapes[0]], outputShapes)
  }
}
