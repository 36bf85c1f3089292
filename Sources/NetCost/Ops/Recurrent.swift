// netcost — Apache-2.0

/// RNN, GRU and LSTM layers over a batch-first N×L×I sequence, stacked and
/// optionally bidirectional; the output is the top layer's hidden state at
/// every step, N×L×(directions·H).
///
/// Parameters per layer and direction: g·H·(I_l + H) weights plus biases,
/// with g = 1 (RNN), 3 (GRU), 4 (LSTM) and I_l the layer's input width. Two
/// bias conventions exist and tools disagree by exactly one of them:
/// `bias_convention: "pytorch"` (default; also cuDNN) keeps two bias vectors
/// per gate (b_ih and b_hh), `"single"` keeps one, the textbook
/// g·[H·(H + I) + H]. The report's note says which was used.
///
/// Fields: `hidden`, `layers` (1), `bidirectional` (false), `bias` (true),
/// `bias_convention` ("pytorch"), `nonlinearity` ("tanh" or "relu", RNN only).
public struct Recurrent: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "per step, layer and direction: g·H·(2·I_l + 2·H − 1 + bias vectors) for the gate products, then per hidden unit LSTM 26, GRU 18, RNN 5 (tanh) or 1 (relu) element-wise; MACs = g·H·(I_l + H) per step"

  /// A recurrent cell.
  public enum Cell: String, Sendable, Equatable, CaseIterable {
    /// Long short-term memory: 4 gates.
    case lstm
    /// Gated recurrent unit: 3 gates.
    case gru
    /// Elman RNN with tanh: 1 gate.
    case rnn
    /// Elman RNN with ReLU: 1 gate.
    case rnnReLU = "rnn_relu"

    /// The layer type's name, for messages.
    public var name: String { self == .rnnReLU ? "rnn" : rawValue }
  }

  /// The cell.
  public var cell: Cell
  /// Hidden size H.
  public var hidden: Int
  /// Stacked layers.
  public var layers: Int
  /// Two directions.
  public var bidirectional: Bool
  /// Bias vectors per gate: 0, 1 (single) or 2 (PyTorch/cuDNN).
  public var biasVectors: Int

  /// Creates a recurrent layer.
  ///
  /// - Parameters:
  ///   - cell: LSTM, GRU or RNN (tanh or ReLU).
  ///   - hidden: Hidden size H.
  ///   - layers: Stacked layers.
  ///   - bidirectional: Whether it runs in both directions.
  ///   - biasVectors: Bias vectors per gate: 0, 1 (textbook, Keras LSTM) or 2 (PyTorch/cuDNN).
  public init(cell: Cell, hidden: Int, layers: Int = 1, bidirectional: Bool = false, biasVectors: Int = 2) {
    self.cell = cell
    self.hidden = hidden
    self.layers = layers
    self.bidirectional = bidirectional
    self.biasVectors = biasVectors
  }

  /// Gates per unit: 1, 3 or 4.
  public var gates: Int {
    switch cell {
    case .lstm: return 4
    case .gru: return 3
    case .rnn, .rnnReLU: return 1
    }
  }

  /// Element-wise FLOPs per hidden unit per step.
  public var elementwise: Int {
    switch cell {
    case .lstm: return 26
    case .gru: return 18
    case .rnn: return 5
    case .rnnReLU: return 1
    }
  }

  var directions: Int { bidirectional ? 2 : 1 }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 3 else { throw ShapeIssue("\(cell.name) expects a batch-first sequence N×L×features, found \(x)") }
    guard hidden >= 1, layers >= 1, biasVectors >= 0 else {
      throw ShapeIssue(
        "hidden size \(hidden) and layers \(layers) must be at least 1, bias vectors \(biasVectors) at least 0")
    }
    // Costs are summed layer by layer: a count past the expansion limit is a typo, not a network.
    guard layers <= ExpansionLimits.recurrentLayers / directions else {
      throw ShapeIssue(
        "\(layers)\(bidirectional ? " bidirectional" : "") layers are more than the \(ExpansionLimits.recurrentLayers) stacked layers netcost expands"
      )
    }
    let (width, o) = hidden.multipliedReportingOverflow(by: directions)
    guard !o else { throw ShapeIssue("output width \(directions) × \(hidden) does not fit in a 64-bit integer") }
    return [Shape([x.dims[0], x.dims[1], width])!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let steps = try Checked.mul(x.dims[0], x.dims[1], "time steps")
    var params = 0
    var macs = 0
    var flops = 0
    for l in 0..<layers {
      let width = l == 0 ? x.dims[2] : directions * hidden
      let gh = try Checked.mul(gates, hidden)
      let inner = try Checked.add(width, hidden)
      let perDirection = try Checked.add(try Checked.mul(gh, inner), try Checked.mul(gh, biasVectors), "parameters")
      params = try Checked.add(params, try Checked.mul(directions, perDirection), "parameters")
      let stepMacs = try Checked.mul(gh, inner)
      let stepFlops = try Checked.add(
        try Checked.mul(gh, try Checked.mul(2, inner) - 1 + biasVectors), try Checked.mul(elementwise, hidden))
      macs = try Checked.add(macs, try Checked.mul(try Checked.mul(steps, directions), stepMacs, "MACs"), "MACs")
      flops = try Checked.add(flops, try Checked.mul(try Checked.mul(steps, directions), stepFlops, "FLOPs"), "FLOPs")
    }
    return LayerCost(params: params, macs: macs, flops: flops)
  }

  public var note: String? {
    switch biasVectors {
    case 2: return "two bias vectors per gate (PyTorch/cuDNN)"
    case 1: return "one bias vector per gate (textbook)"
    default: return "no biases"
    }
  }
}

// MARK: - Native spec

extension Recurrent: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["lstm", "gru", "rnn"]

  /// Reads `hidden`, `layers`, `bidirectional`, `bias`, `bias_convention` and `nonlinearity` (rnn).
  public init(kind: String, attributes a: Attributes) throws {
    let hidden = try a.int("hidden")
    let layers = try a.int("layers", default: 1)
    guard layers <= ExpansionLimits.recurrentLayers else {
      throw a.error(
        "layers",
        "expected at most \(ExpansionLimits.recurrentLayers) stacked layers (the expansion limit), found \(layers)")
    }
    let bidirectional = try a.bool("bidirectional", default: false)
    let bias = try a.bool("bias", default: true)
    let convention = try a.choice("bias_convention", ["pytorch", "single"], default: "pytorch")
    let cell: Cell
    switch kind {
    case "lstm": cell = .lstm
    case "gru": cell = .gru
    default:
      cell = try a.choice("nonlinearity", ["tanh", "relu"], default: "tanh") == "relu" ? .rnnReLU : .rnn
    }
    self.init(
      cell: cell, hidden: hidden, layers: layers, bidirectional: bidirectional,
      biasVectors: bias ? (convention == "pytorch" ? 2 : 1) : 0)
  }
}
