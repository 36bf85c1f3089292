// netcost — Apache-2.0

/// One kind of layer: everything netcost knows about it lives in the type
/// that conforms — its shape rule, its parameters, MACs and FLOPs, and its
/// receptive-field rule.
///
/// An op is a plain value built from its typed configuration (every op has
/// a public memberwise initializer, e.g. `Conv(out:groups:bias:window:spatialRank:)`),
/// which is how importers make them. How the native spec names an op and
/// its fields is a separate concern, ``SpecDecodable``. Adding a layer kind
/// means writing one conforming type (with its ``SpecDecodable`` extension
/// when specs may name it) and listing it in ``OperatorRegistry``.
///
/// The memberwise initializers do not validate: a configuration the native
/// decoder would reject (a zero stride, groups that do not divide the
/// channels) is reported by ``outputShapes(_:)`` as a ``ShapeIssue``.
public protocol Operator: Sendable {
  /// How many inputs the op accepts.
  static var arity: ClosedRange<Int> { get }
  /// The FLOP rule in words, for documentation (`netcost ops`).
  static var flopRule: String { get }
  /// The output shapes for the given input shapes (batch first), or a
  /// ``ShapeIssue`` saying what was expected and what was found.
  func outputShapes(_ inputs: [Shape]) throws -> [Shape]
  /// Parameters, buffers, MACs and FLOPs for these input and output shapes.
  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost
  /// Whether the op computes (counted), only moves data (zero-cost), or has
  /// no cost rule at all (uncounted).
  var costKind: CostKind { get }
  /// The receptive field of the op's outputs, from its inputs' fields and
  /// the shapes already inferred.
  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField
  /// The op's sliding window, if it has one (nil for most ops).
  var slidingWindow: SlidingWindow? { get }
  /// The element type of each output, from the inputs' types; `model` is
  /// the model's floating-point type (``Graph/modelDType``). The default:
  /// the first floating-point input's type, else the first input's (an
  /// integer mask stays an integer mask), else `model`.
  func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType]
  /// Refuses input element types the op cannot take (an embedding's ids
  /// must be integers); every type is accepted by default.
  func checkInputDTypes(_ inputs: [DType]) throws(ShapeIssue)
  /// The positions of input `input` that the output positions in `region`
  /// read: one interval of indices per spatial axis, before clipping to
  /// the input (an interval may reach into padding). Nil when the op has no
  /// exact rule; see ``RegionRule`` for the default.
  func inputRegion(_ region: [ClosedRange<Int>], input: Int, inputShapes: [Shape], outputShapes: [Shape])
    -> [ClosedRange<Int>]?
  /// A convention the numbers depend on, shown with the layer (e.g. which
  /// recurrent bias convention was used); nil for most ops.
  var note: String? { get }
  /// The op that does the work: the op itself, or the one a wrapper
  /// (``WrappingOperator``) holds. A requirement rather than a cast, so the
  /// analysis asks each of a million layers directly.
  var unwrapped: any Operator { get }
  /// The layer whose weight matrix this op uses instead of its own (weight
  /// tying, e.g. a language model's output layer sharing the embedding), and
  /// how many elements that weight has from this op's point of view.
  func tiedWeight(inputs: [Shape]) -> (layer: String, elements: Int)?
  /// The layer's FLOPs as Darknet counts them (`--darknet-flops`), from the
  /// cost the op computed: 2 × MACs by default, what darknet prints for a
  /// convolution. Ops read from a Darknet `.cfg` whose layers darknet counts
  /// otherwise (its `[maxpool]`, `[shortcut]`, `[connected]`) say so here.
  func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int
}

extension Operator {
  /// Ops compute by default.
  public var costKind: CostKind { .counted }

  /// Most ops have no sliding window.
  public var slidingWindow: SlidingWindow? { nil }

  /// Any input types.
  public func checkInputDTypes(_ inputs: [DType]) throws(ShapeIssue) {}

  /// The first floating-point input's type, else the first input's, else the model's.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    let t = inputs.first { $0.isFloatingPoint } ?? inputs.first ?? model
    return Array(repeating: t, count: outputs)
  }

  /// An op with a sliding window reads its window; any other op reads
  /// position for position (``RegionRule/positionwise(_:input:inputShapes:outputShapes:)``).
  public func inputRegion(_ region: [ClosedRange<Int>], input: Int, inputShapes: [Shape], outputShapes: [Shape])
    -> [ClosedRange<Int>]?
  {
    if let w = slidingWindow {
      guard input == 0 else { return nil }
      return RegionRule.window(region, w.window, inputShape: inputShapes[0])
    }
    return RegionRule.positionwise(region, input: input, inputShapes: inputShapes, outputShapes: outputShapes)
  }

  /// Most ops need no note.
  public var note: String? { nil }

  /// Most ops wrap nothing.
  public var unwrapped: any Operator { self }

  /// Most ops own their weights.
  public func tiedWeight(inputs: [Shape]) -> (layer: String, elements: Int)? { nil }

  /// Darknet counts 2 × MACs for a layer with MACs and nothing for the rest.
  public func darknetFlops(cost: LayerCost, inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> Int {
    try Checked.mul(2, cost.macs, "FLOPs")
  }

  /// By default an op that keeps the spatial size (activations, norms,
  /// element-wise merges, channel concat) keeps — or, with several inputs,
  /// unites — its inputs' fields; one whose output has no spatial axes left
  /// sees the whole input.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes)
  }
}

/// Whether a layer's cost is counted, known to be zero, or unknown.
public enum CostKind: String, Sendable, Codable {
  /// The op's FLOP rule was applied.
  case counted
  /// The op only moves or reinterprets data (reshape, concat, dropout at
  /// inference…): zero FLOPs by rule, listed in the report.
  case zeroCost = "zero_cost"
  /// netcost has no rule for the op; it is counted as zero and reported.
  case uncounted
}

/// What one layer costs.
public struct LayerCost: Equatable, Sendable {
  /// Trainable parameters.
  public var params = 0
  /// Non-trainable state saved with the weights (BatchNorm running statistics).
  public var buffers = 0
  /// Multiply-accumulates of conv, linear and matmul (the fvcore/torchvision figure).
  public var macs = 0
  /// Every multiply and add, by the op's FLOP rule.
  public var flops = 0

  /// Creates a cost.
  public init(params: Int = 0, buffers: Int = 0, macs: Int = 0, flops: Int = 0) {
    self.params = params
    self.buffers = buffers
    self.macs = macs
    self.flops = flops
  }

  /// No cost at all.
  public static let zero = LayerCost()
}

/// Why an op cannot produce an output from its inputs, in words: what was
/// expected and what was found. The analysis adds the layer and location.
public struct ShapeIssue: Error, Equatable, Sendable {
  /// The message.
  public var message: String
  /// Creates an issue.
  public init(_ message: String) { self.message = message }
}
