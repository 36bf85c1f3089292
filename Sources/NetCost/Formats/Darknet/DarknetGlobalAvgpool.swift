// netcost — Apache-2.0

/// A darknet `[avgpool]` layer: the mean of each channel over the whole
/// map, C×H×W to C×1×1 (`make_avgpool_layer`). One FLOP per input value;
/// darknet counts none.
struct DarknetGlobalAvgpool: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "1 per input value (H·W·C); Darknet: 0"

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init() {}

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("[avgpool] expects a C×H×W image, found \(x)") }
    return [Shape([x.batch, x.channels, 1, 1])!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try inputs[0].elementCount())
  }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0] == .none ? .none : .global
  }
}
