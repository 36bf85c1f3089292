// netcost — Apache-2.0

/// Picks entries of a tensor by an index tensor computed at run time (or
/// stored): ONNX Gather with computed indices (a token chosen by `argmax`,
/// a KV-cache position), GatherElements and GatherND. The output shape
/// follows from the two shapes alone:
///
/// - `axis(a)` (Gather): data[..a] + indices + data[a+1..]
/// - `elements(a)` (GatherElements): the indices' shape
/// - `nd(b)` (GatherND with `batch_dims` b): indices[..−1] + data[b + indices[−1]..],
///   where the last index axis's size is how many leading data axes each index tuple names
///
/// Either operand may be a stored constant (``data`` or ``indices`` gives its
/// shape); the layer's inputs are the computed ones, data first.
public struct IndexGather: Operator {
  public static let arity = 1...2
  public static let flopRule = "0 (moves data)"

  /// Which gather.
  public enum Mode: Sendable, Equatable {
    /// ONNX Gather along an axis.
    case axis(Int)
    /// ONNX GatherElements along an axis.
    case elements(Int)
    /// ONNX GatherND with this many batch axes.
    case nd(batchDims: Int)
  }

  /// Which gather.
  public var mode: Mode
  /// The shape of a stored data tensor; nil when data is the first input.
  public var data: [Int]?
  /// The shape of a stored index tensor; nil when the indices are an input.
  public var indices: [Int]?

  /// A gather in `mode`, with stored data or indices of these shapes (nil: an input).
  public init(mode: Mode, data: [Int]? = nil, indices: [Int]? = nil) {
    self.mode = mode
    self.data = data
    self.indices = indices
  }

  public var costKind: CostKind { .zeroCost }

  /// The data and index shapes from the inputs and the stored operands.
  func operands(_ inputs: [Shape]) throws(ShapeIssue) -> ([Int], [Int]) {
    var rest = inputs.map(\.dims)[...]
    let d: [Int]
    if let data {
      d = data
    } else if let first = rest.popFirst() {
      d = first
    } else {
      throw ShapeIssue("gather has no data")
    }
    let i: [Int]
    if let indices {
      i = indices
    } else if let first = rest.popFirst() {
      i = first
    } else {
      throw ShapeIssue("gather has no indices")
    }
    guard rest.isEmpty else { throw ShapeIssue("gather takes data and indices, found \(inputs.count) inputs") }
    return (d, i)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let (d, i) = try operands(inputs)
    let out: [Int]
    switch mode {
    case .axis(let axis):
      let a = try Axis.normalize(axis, rank: d.count)
      out = Array(d[..<a]) + i + Array(d[(a + 1)...])
    case .elements(let axis):
      _ = try Axis.normalize(axis, rank: d.count)
      guard i.count == d.count else {
        throw ShapeIssue("gather_elements needs indices of the data's rank \(d.count), found \(i.count)-D indices \(i)")
      }
      out = i
    case .nd(let b):
      guard let last = i.last, b >= 0, b < i.count, b < d.count, last >= 1, b + last <= d.count else {
        throw ShapeIssue(
          "gather_nd: indices \(i) with batch_dims \(b) do not index data \(d) (the last index axis names at most \(d.count - b) axes)"
        )
      }
      out = Array(i.dropLast()) + Array(d[(b + last)...])
    }
    guard let s = Shape(out) else {
      throw ShapeIssue(
        "the gather leaves a scalar or an empty axis (\(out)); netcost's tensors have sizes of at least 1")
    }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  /// The data's type (the first input's, when data is computed).
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    Array(repeating: data == nil ? (inputs.first ?? model) : model, count: outputs)
  }

  /// Indexing by run-time values breaks the geometry.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs.contains { $0.axes != nil } ? .unknown("gather by computed indices") : FieldRule.merge(inputs)
  }
}
