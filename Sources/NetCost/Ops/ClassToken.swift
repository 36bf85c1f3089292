// netcost — Apache-2.0

/// Prepends `count` learned tokens (ViT's class token, distillation tokens)
/// to an N×L×D sequence: N×(L+count)×D. Params count·D; zero FLOPs.
public struct ClassToken: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (copies the learned token in)"

  /// Tokens prepended.
  public var count: Int

  /// Creates a layer prepending `count` learned tokens.
  public init(count: Int = 1) {
    self.count = count
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 3 else { throw ShapeIssue("class_token expects N×L×D, found \(x)") }
    let (l, o) = x.dims[1].addingReportingOverflow(count)
    guard !o else { throw ShapeIssue("sequence length overflows") }
    return [x.replacing(1, with: l)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(params: try Checked.mul(count, inputs[0].dims[2], "parameters"))
  }
}

// MARK: - Native spec

extension ClassToken: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["class_token", "prepend_token"]

  /// Reads `count`.
  public init(kind: String, attributes a: Attributes) throws {
    self.init(count: try a.int("count", default: 1))
  }
}
