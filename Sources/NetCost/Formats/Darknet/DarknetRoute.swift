// netcost — Apache-2.0

/// A darknet `[route]` layer: its input layers' outputs concatenated along
/// the channels, or with `groups=G group_id=i` the i-th of G equal channel
/// slices of each input, concatenated (AlexeyAB's CSP split;
/// `forward_route_layer` copies `input_size/groups` values from offset
/// `group_id·input_size/groups` of each input). Zero-cost.
struct DarknetRoute: Operator {
  static let kinds: [String] = []
  static let arity = 1...Int.max
  static let flopRule = "0 (moves data)"

  /// Channel groups each input is split into.
  var groups: Int
  /// The group kept.
  var groupID: Int

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(groups: Int, groupID: Int) {
    self.groups = groups
    self.groupID = groupID
  }

  var costKind: CostKind { .zeroCost }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let first = inputs[0]
    var channels = 0
    for (i, x) in inputs.enumerated() {
      guard x.rank == first.rank, x.dims.dropFirst(2).elementsEqual(first.dims.dropFirst(2)) else {
        throw ShapeIssue(
          "route inputs must have the same width and height (darknet would output 0×0×0): input 1 is \(first), input \(i + 1) is \(x)"
        )
      }
      guard x.channels % groups == 0 else {
        throw ShapeIssue("input \(i + 1) has \(x.channels) channels, not divisible by groups=\(groups)")
      }
      channels += x.channels / groups
    }
    return [first.replacing(1, with: channels)!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
