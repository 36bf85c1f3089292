// netcost — Apache-2.0

/// ShuffleNet's channel shuffle: reorders channels across `groups`.
public struct ChannelShuffle: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Groups.
  public var groups: Int

  /// Creates a channel shuffle across `groups` (≥ 1) groups.
  public init(groups: Int) {
    self.groups = groups
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 2, groups >= 1, x.channels % groups == 0 else {
      throw ShapeIssue("channels \(x.rank >= 2 ? x.channels : 0) are not divisible by groups \(groups)")
    }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension ChannelShuffle: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["channel_shuffle"]

  /// Reads `groups`.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(groups: try a.int("groups"))
  }
}
