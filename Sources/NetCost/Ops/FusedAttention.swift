// netcost — Apache-2.0

/// Multi-head attention as one fused op, as onnxruntime's transformer
/// optimizer and optimum write it (com.microsoft Attention, QAttention,
/// MultiHeadAttention, GroupQueryAttention). A fused op does the same
/// multiply-accumulates as the graph it replaces, so it is counted as that
/// graph:
///
/// - the packed Q/K/V projection, when the op has one (Attention: a stored
///   `in × projection` weight): B·S·in·projection MACs;
/// - the products per head, summed over the heads: Q·Kᵀ is B·S·T·keyWidth
///   and A·V is B·S·T·valueWidth, with T the number of keys (S, plus the
///   past keys of a cache, or the key input's length).
///
/// Inputs: the query (B×S×features), and for ops with separate key and
/// value inputs those two (B×L×…); output B×S×valueWidth.
public struct FusedAttention: Operator {
  public static let arity = 1...3
  public static let flopRule =
    "2 per MAC (projection and both products), + projection outputs with bias, + 4 per attention score (scale, softmax)"

  /// Attention heads (query heads).
  public var heads: Int
  /// Total width of the queries and keys (heads × head size).
  public var keyWidth: Int
  /// Total width of the values and of the output.
  public var valueWidth: Int
  /// Columns of the packed projection weight, when the op projects its input.
  public var projection: Int?
  /// Whether the projection adds a bias.
  public var bias: Bool
  /// Keys from a cache besides the current ones.
  public var pastLength: Int

  /// A fused attention; see the type's description for the figures.
  public init(
    heads: Int, keyWidth: Int, valueWidth: Int, projection: Int? = nil, bias: Bool = false, pastLength: Int = 0
  ) {
    self.heads = heads
    self.keyWidth = keyWidth
    self.valueWidth = valueWidth
    self.projection = projection
    self.bias = bias
    self.pastLength = pastLength
  }

  /// The number of keys each query sees.
  func keys(_ inputs: [Shape]) -> Int {
    inputs.count >= 2 && inputs[1].rank >= 2 ? inputs[1].dims[1] + pastLength : inputs[0].dims[1] + pastLength
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let q = inputs[0]
    guard q.rank == 3 else { throw ShapeIssue("attention expects a B×S×features query, found \(q)") }
    guard heads >= 1, keyWidth % heads == 0, valueWidth % heads == 0 else {
      throw ShapeIssue("attention widths \(keyWidth) and \(valueWidth) are not divisible by \(heads) heads")
    }
    for k in inputs.dropFirst() where k.rank != 3 || k.dims[0] != q.dims[0] {
      throw ShapeIssue("attention key and value inputs must be B×L×features with the query's batch, found \(k)")
    }
    return [Shape([q.dims[0], q.dims[1], valueWidth])!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let q = inputs[0]
    let bs = try Checked.mul(q.dims[0], q.dims[1], "MACs")
    let t = keys(inputs)
    var macs = 0
    var flops = 0
    if let projection {
      let p = try Checked.mul(bs, try Checked.mul(q.dims[2], projection, "MACs"), "MACs")
      macs = p
      if bias { flops = try Checked.mul(bs, projection, "FLOPs") }
    }
    let scores = try Checked.mul(bs, try Checked.mul(t, heads, "FLOPs"), "FLOPs")
    let products = try Checked.mul(
      try Checked.mul(bs, t, "MACs"), try Checked.add(keyWidth, valueWidth, "MACs"), "MACs")
    macs = try Checked.add(macs, products, "MACs")
    flops = try Checked.add(flops, try Checked.mul(2, macs, "FLOPs"), "FLOPs")
    flops = try Checked.add(flops, try Checked.mul(4, scores, "FLOPs"), "FLOPs")
    return LayerCost(macs: macs, flops: flops)
  }

  /// Every output position attends to every input position.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs.contains { $0.axes != nil } ? .unknown("attention") : FieldRule.merge(inputs)
  }
}
