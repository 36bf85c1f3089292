// netcost — Apache-2.0

/// The routed experts of a mixture-of-experts layer: `experts` MLPs of
/// width `intermediate`, of which each token passes through `topK` chosen
/// by the router (a separate linear layer), their outputs weighted and
/// summed. N×L×H → N×L×H; a second input (the router's scores) only
/// orders the layers.
///
/// Parameters count every expert; MACs and FLOPs only the `topK` a token is
/// routed to (as transformers' batched experts path computes them). A gated
/// expert (SwiGLU/GeGLU) has gate, up and down projections, 3·H·I weights;
/// a plain one up and down, 2·H·I.
///
/// Fields: `experts`, `top_k`, `intermediate`, `gated` (true), `bias`
/// (false), `activation` (FLOPs per element of the activation, 5 = SiLU).
public struct MoEExperts: Operator {
  public static let arity = 1...2
  public static let flopRule =
    "per token and routed expert: the expert's linear layers ((2I − 1)·O (+O with bias) each), activation, gate product (gated), routing weight (H); then (top_k − 1)·H adds; MACs = tokens·top_k·(3 or 2)·H·I"

  /// Experts in the layer.
  public var experts: Int
  /// Experts each token is routed to.
  public var topK: Int
  /// Hidden width of one expert.
  public var intermediate: Int
  /// Gated (gate, up, down) rather than plain (up, down).
  public var gated: Bool
  /// Whether the expert projections have biases.
  public var bias: Bool
  /// FLOPs per element of the activation function.
  public var activationFlops: Int

  /// `experts` experts of width `intermediate`, `topK` per token.
  public init(experts: Int, topK: Int, intermediate: Int, gated: Bool, bias: Bool, activationFlops: Int) {
    self.experts = experts
    self.topK = topK
    self.intermediate = intermediate
    self.gated = gated
    self.bias = bias
    self.activationFlops = activationFlops
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs[0].rank >= 2 else { throw ShapeIssue("moe_experts expects N×…×features, found \(inputs[0])") }
    return inputs
  }

  /// Parameters of one expert with `hidden` input and output features.
  public func parametersPerExpert(hidden: Int) throws(ArithmeticOverflow) -> Int {
    let up = gated ? try Checked.mul(2, intermediate) : intermediate
    var p = try Checked.mul(try Checked.add(up, intermediate), hidden, "parameters")
    if bias { p = try Checked.sum([p, up, hidden], "parameters") }
    return p
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let h = inputs[0].dims.last!
    let tokens = try inputs[0].elementCount() / h
    let routed = try Checked.mul(tokens, topK, "routed tokens")
    // Every product is checked: a config's sizes are whatever the file says.
    let up = gated ? try Checked.mul(2, intermediate, "MACs") : intermediate
    let perExpertMACs = try Checked.mul(try Checked.add(up, intermediate), h, "MACs")
    let b = bias ? 0 : 1
    // Up (and gate) projection, activation, gate product, down projection, routing weight.
    let perExpertFlops = try Checked.sum(
      [
        try Checked.mul(up, try Checked.mul(2, h) - b), try Checked.mul(activationFlops, intermediate),
        gated ? intermediate : 0, try Checked.mul(h, try Checked.mul(2, intermediate) - b), h,
      ], "FLOPs")
    let flops = try Checked.add(
      try Checked.mul(routed, perExpertFlops, "FLOPs"),
      try Checked.mul(tokens, try Checked.mul(try Checked.add(topK, -1), h), "FLOPs"),
      "FLOPs")
    return LayerCost(
      params: try Checked.mul(experts, try parametersPerExpert(hidden: h), "parameters"),
      macs: try Checked.mul(routed, perExpertMACs, "MACs"), flops: flops)
  }
}

// MARK: - Native spec

extension MoEExperts: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["moe_experts"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    experts = try a.int("experts")
    topK = try a.int("top_k")
    intermediate = try a.int("intermediate")
    gated = try a.bool("gated", default: true)
    bias = try a.bool("bias", default: false)
    activationFlops = try a.int("activation", default: 5, minimum: 0)
    guard topK <= experts else { throw a.error("top_k", "expected at most \(experts) (the experts), found \(topK)") }
  }
}
