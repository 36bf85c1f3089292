// netcost — Apache-2.0

/// ShuffleNet's channel shuffle: reorders channels across `groups`.
public struct ChannelShuffle: Operator {
  public static let kinds = ["channel_shuffle"]
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Groups.
  public var groups: Int

  public init(kind: String, attributes a: Attributes) throws {
    groups = try a.int("groups")
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 2, x.channels % groups == 0 else {
      throw ShapeIssue("channels \(x.rank >= 2 ? x.channels : 0) are not divisible by groups \(groups)")
    }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
