// netcost — Apache-2.0

/// A darknet activation function (`get_activation` in AlexeyAB/darknet's
/// `src/activations.c`) and what one application costs per element in
/// netcost's exact convention, counted as ``Activation`` counts its
/// functions (a transcendental is one FLOP). Darknet's own BFLOPs count no
/// activation.
struct DarknetActivation: Sendable, Equatable {
  /// The name as the `.cfg` writes it.
  var name: String
  /// FLOPs per element.
  var flopsPerElement: Int

  /// Every function darknet knows, with its FLOPs per element and why.
  static let table: [(String, Int, String)] = [
    ("linear", 0, "identity"),
    ("logistic", 4, "negate, exp, add, divide"),
    ("loggy", 5, "2/(1 + e^−x) − 1: negate, exp, add, divide, subtract"),
    ("relu", 1, "max(x, 0)"),
    ("relu6", 2, "two comparisons"),
    ("elu", 4, "compare, exp, subtract, multiply"),
    ("selu", 5, "as elu, then scale"),
    ("gelu", 13, "darknet's tanh form, counted as netcost's gelu_tanh"),
    ("relie", 2, "compare, multiply"),
    ("plse", 3, "two comparisons and a multiply-add in the worst branch, counted as 3"),
    ("hardtan", 2, "two comparisons"),
    ("lhtan", 4, "two comparisons, multiply, add"),
    ("ramp", 4, "compare, two multiplies, add"),
    ("leaky", 2, "compare, multiply"),
    ("revleaky", 2, "compare, multiply"),
    ("tanh", 5, "2/(1 + e^−2x) − 1: multiply, exp, add, divide, subtract"),
    ("stair", 4, "floor, compare, subtract, add"),
    ("swish", 5, "logistic (4) and a multiply"),
    ("mish", 9, "softplus (exp, add, log), tanh (5), multiply"),
    ("hard_mish", 5, "add, two comparisons, two multiplies"),
    ("normalize_channels", 3, "clamp at 0, one add into the channel sum, divide"),
    ("normalize_channels_softmax", 3, "exp, one add into the channel sum, divide"),
    ("normalize_channels_softmax_maxval", 5, "compare for the channel maximum, subtract, exp, add, divide"),
  ]

  /// The function named `name`, or nil when darknet has none of that name
  /// (darknet then prints a warning and uses ReLU; netcost refuses).
  init?(_ name: String) {
    guard let row = Self.table.first(where: { $0.0 == name }) else { return nil }
    self.name = name
    flopsPerElement = row.1
  }

  /// Reads `activation` from a section, with darknet's default for it.
  static func read(_ f: DarknetFields, default defaultName: String) throws(NetCostError) -> DarknetActivation {
    let name = f.string("activation") ?? defaultName
    guard let a = DarknetActivation(name) else {
      var message = "unknown activation '\(name.clipped)'"
      if let s = Suggest.closest(to: name, in: table.map(\.0)) { message += " (did you mean '\(s)'?)" }
      throw f.error("activation", message + "; darknet knows " + table.map(\.0).joined(separator: ", "))
    }
    return a
  }

  /// The FLOPs of applying it to `elements` values.
  func flops(_ elements: Int) throws(ArithmeticOverflow) -> Int {
    try Checked.mul(flopsPerElement, elements, "FLOPs")
  }
}
