// netcost — Apache-2.0

/// Parametric ReLU: a learned negative slope per channel (or one shared
/// slope with `shared: true`); the slopes are trainable parameters.
public struct PReLU: Operator {
  public static let arity = 1...1
  public static let flopRule = "2 per element (compare, multiply)"

  /// One slope for all channels.
  public var shared: Bool

  /// Creates a PReLU with one slope per channel, or one for all when `shared`.
  public init(shared: Bool = false) {
    self.shared = shared
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard shared || inputs[0].rank >= 2 else {
      throw ShapeIssue("prelu with a slope per channel expects N×C…, found \(inputs[0])")
    }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(params: shared ? 1 : inputs[0].channels, flops: try Checked.mul(2, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension PReLU: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["prelu"]

  /// Reads `shared`.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(shared: try a.bool("shared", default: false))
  }
}
