// netcost — Apache-2.0

/// Local response normalization across `size` neighbouring channels
/// (AlexNet): b = a / (k + α/n·Σa²)^β.
public struct LRN: Operator {
  public static let arity = 1...1
  public static let flopRule = "per element 2n + 3: n squares, n − 1 adds, ×α/n, +k, ^β, divide"

  /// Channels in the window.
  public var size: Int

  /// Creates a local response normalization across `size` channels.
  public init(size: Int) {
    self.size = size
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs[0].rank >= 3 else { throw ShapeIssue("lrn expects N×C×spatial…, found \(inputs[0])") }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(
      flops: try Checked.mul(try Checked.add(try Checked.mul(2, size), 3), try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension LRN: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["lrn", "local_response_norm"]

  /// Reads `size`, and `alpha`, `beta` and `k` (checked, no effect on figures).
  public init(kind: String, attributes a: Attributes) throws {
    let size = try a.int("size")
    _ = try a.double("alpha", default: 1e-4)
    _ = try a.double("beta", default: 0.75)
    _ = try a.double("k", default: 1)
    self.init(size: size)
  }
}
