// netcost — Apache-2.0

/// The result of analyzing one model: a row per layer and the totals, in
/// exact integers. Renderers turn it into a table, JSON, CSV or Markdown.
public struct Report: Sendable {
  /// Model name from the spec.
  public var model: String
  /// The file analyzed, when there was one.
  public var file: String?
  /// Batch size used.
  public var batch: Int
  /// Element type of activations (that of the first input).
  public var dtype: DType
  /// How FLOPs were counted.
  public var flopConvention: FlopConvention
  /// Model inputs with their batched shapes.
  public var inputs: [ModelInput]
  /// One row per layer, in topological order.
  public var layers: [LayerReport]
  /// Sums and memory figures.
  public var totals: Totals
  /// Warnings about the network's geometry (see ``Lints``).
  public var findings: [Finding]

  /// Positions in ``layers`` of the layers no other layer reads.
  public var outputIndices: [Int]
  /// Activation bytes live while each layer runs (see ``Liveness/timeline(graph:inputs:rows:)``).
  public var liveBytes: [Int] = []

  /// The layers no other layer reads: the model's outputs.
  public var outputLayers: [LayerReport] { outputIndices.map { layers[$0] } }

  /// Ops counted as zero because they only move data, with how many layers use each.
  public var zeroCostOps: [(type: String, count: Int)] { tally(.zeroCost) }
  /// Ops netcost has no cost rule for, counted as zero, with counts.
  public var uncountedOps: [(type: String, count: Int)] { tally(.uncounted) }

  private func tally(_ kind: CostKind) -> [(type: String, count: Int)] {
    var counts: [String: Int] = [:]
    var order: [String] = []
    // By index: a row is large, and copying each one costs more than the count.
    for i in layers.indices where layers[i].costKind == kind {
      let type = layers[i].type
      if counts[type] == nil { order.append(type) }
      counts[type, default: 0] += 1
    }
    return order.map { ($0, counts[$0]!) }
  }
}

/// A model input as analyzed.
public struct ModelInput: Sendable, Equatable {
  /// Its name.
  public var name: String
  /// Its shape, batch first.
  public var shape: Shape
  /// Its element type.
  public var dtype: DType
}

/// One layer's row.
public struct LayerReport: Sendable {
  /// Its position in the graph's layers (and in ``Report/layers``).
  public var index: Int
  /// Unique layer name.
  public var name: String
  /// Op type as written in the spec, lowercased.
  public var type: String
  /// What kind of work it does.
  public var category: OpCategory
  /// The op doing the work (an imported layer's wrapper looked through), for
  /// passes that need its configuration (the profiler's kernels).
  public var op: any Operator
  /// Names of the tensors it reads (`layer` or `layer:k`, or a model input).
  public var inputs: [String]
  /// The shapes of the tensors it reads, batch first.
  public var inputShapes: [Shape]
  /// Its output shapes, batch first.
  public var outputShapes: [Shape]
  /// Params, buffers, MACs and FLOPs.
  public var cost: LayerCost
  /// Counted, zero-cost or uncounted.
  public var costKind: CostKind
  /// Bytes of all its outputs.
  public var activationBytes: Int
  /// Its FLOPs and the bytes it reads and writes.
  public var workload: Workload
  /// What region of the input one position of its (first) output sees.
  public var receptiveField: ReceptiveField
  /// A convention the numbers depend on, or a sharing remark.
  public var note: String?
  /// Where it is defined.
  public var location: SourceLocation
  /// The element type of each output (a float image's features, an
  /// integer mask), which sizes its activation bytes.
  public var outputDTypes: [DType] = []
}
