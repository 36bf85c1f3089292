// netcost — Apache-2.0

/// A darknet layer that leaves its input as it is at inference: `[dropout]`,
/// `[cost]`, `[empty]`, and the detection heads `[yolo]`, `[Gaussian_yolo]`,
/// `[region]` and `[detection]`, which decode boxes outside the network's
/// arithmetic. Zero-cost. A head checks the channels its anchors and
/// classes need, as darknet does ("filters= in the [convolutional]-layer
/// doesn't correspond to classes= or mask=").
struct DarknetPassThrough: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "0 (no-op at inference)"

  /// What a head needs of its input.
  enum Requirement: Sendable {
    /// This many channels (`[yolo]`, `[region]`: anchors × (classes + coords + 1)), and why.
    case channels(Int, String)
    /// This many values per image (`[detection]`: side² × ((1 + coords)·num + classes)), and why.
    case values(Int, String)
  }

  /// The head's requirement; nil for the other layers.
  var requirement: Requirement?

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(requirement: Requirement? = nil) {
    self.requirement = requirement
  }

  var costKind: CostKind { .zeroCost }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    switch requirement {
    case .channels(let c, let why)?:
      guard x.channels == c else {
        throw ShapeIssue(
          "expected \(c) input channels (\(why)), found \(x.channels): the filters of the [convolutional] before it must match classes and anchors"
        )
      }
    case .values(let v, let why)?:
      let found = try Checked.product(x.dims.dropFirst(), "values")
      guard found == v else { throw ShapeIssue("expected \(v) values per image (\(why)), found \(found)") }
    case nil: break
    }
    return inputs
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
