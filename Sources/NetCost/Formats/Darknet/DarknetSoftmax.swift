// netcost — Apache-2.0

/// A darknet `[softmax]` layer: a softmax over each of `groups` equal runs
/// of the input values (`make_softmax_layer`); the shape is kept. Exact
/// FLOPs as netcost's softmax: n exps, n − 1 adds and n divides over n
/// values; darknet counts none.
struct DarknetSoftmax: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "3n − 1 per softmax over n values; Darknet: 0"

  /// Independent softmaxes per image.
  var groups: Int

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(groups: Int) { self.groups = groups }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let values = try Checked.product(inputs[0].dims.dropFirst(), "values")
    guard values % groups == 0 else {
      throw ShapeIssue("\(values) values per image are not divisible by groups=\(groups)")
    }
    return inputs
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let n = try inputs[0].elementCount()
    let softmaxes = try Checked.mul(inputs[0].batch, groups, "FLOPs")
    return LayerCost(flops: try Checked.add(try Checked.mul(3, n, "FLOPs"), -softmaxes, "FLOPs"))
  }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0] == .none ? .none : .global
  }
}
