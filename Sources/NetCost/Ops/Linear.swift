// netcost — Apache-2.0

/// Fully connected layer on the last axis: y = xWᵀ + b.
///
/// Fields: `out` (output features), `bias` (true), `in` (optional; checked
/// against the input's last axis when given).
public struct Linear: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "per output element: I multiplies, I − 1 adds, +1 add with bias, i.e. (2I − 1)·O + O per row; MACs = I·O per row"

  /// Output features.
  public var out: Int
  /// Expected input features, if the spec states them.
  public var expectedIn: Int?
  /// Whether a bias is added.
  public var bias: Bool
  /// The layer whose weight this one shares (`tied_to`), counted there.
  public var tiedTo: String?

  /// Creates a fully connected layer.
  ///
  /// - Parameters:
  ///   - out: Output features.
  ///   - expectedIn: Input features, checked against the input's last axis when given.
  ///   - bias: Whether a bias is added.
  ///   - tiedTo: The layer whose weight matrix this one shares, counted there once.
  public init(out: Int, expectedIn: Int? = nil, bias: Bool = true, tiedTo: String? = nil) {
    self.out = out
    self.expectedIn = expectedIn
    self.bias = bias
    self.tiedTo = tiedTo
  }

  public func tiedWeight(inputs: [Shape]) -> (layer: String, elements: Int)? {
    tiedTo.map { ($0, inputs[0].dims.last!.multipliedReportingOverflow(by: out).partialValue) }
  }

  public var note: String? { tiedTo.map { "weight shared with '\($0)' (counted there once)" } }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 2 else { throw ShapeIssue("linear expects at least N×features, found \(x)") }
    if let expectedIn, x.dims.last! != expectedIn {
      throw ShapeIssue("expected \(expectedIn) input features ('in'), found \(x.dims.last!)")
    }
    return [x.replacing(x.rank - 1, with: out)!]
  }

  /// On a tensor with spatial axes, a linear layer mixes the last one.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputShapes[0].rank >= 3 && inputs[0].axes != nil
      ? .global : FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes)
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let i = inputs[0].dims.last!
    let outElems = try outputs[0].elementCount()
    let weights = tiedTo == nil ? try Checked.mul(i, out, "parameters") : 0
    let params = try Checked.add(weights, bias ? out : 0, "parameters")
    let macs = try Checked.mul(outElems, i, "MACs")
    let flops = try Checked.mul(outElems, try Checked.add(try Checked.mul(2, i), bias ? 0 : -1), "FLOPs")
    return LayerCost(params: params, macs: macs, flops: flops)
  }
}

// MARK: - Native spec

extension Linear: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["linear", "dense", "fc", "fully_connected", "gemm"]

  /// Reads `out`, `in`, `bias` and `tied_to`.
  public init(kind: String, attributes a: Attributes) throws {
    let out = try a.int("out")
    let expectedIn = a.has("in") ? try a.int("in") : nil
    let bias = try a.bool("bias", default: true)
    self.init(out: out, expectedIn: expectedIn, bias: bias, tiedTo: try a.string("tied_to"))
  }
}
