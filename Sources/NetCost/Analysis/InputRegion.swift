// netcost — Apache-2.0

/// The input pixels one output position sees, per spatial axis: the full
/// region and the part inside the image.
public struct InputRegion: Sendable, Equatable {
  /// One axis of the region.
  public struct Axis: Sendable, Equatable {
    /// First input pixel of the region (may be negative: padding).
    public var first: Int
    /// Last input pixel of the region (may exceed the image).
    public var last: Int
    /// First pixel inside the image.
    public var clippedFirst: Int
    /// Last pixel inside the image.
    public var clippedLast: Int
  }

  /// The region along each spatial axis, outermost first.
  public var axes: [Axis]

  /// The region output position `index` of a tensor with field `field` sees
  /// in an input of spatial size `inputSize`, or a message saying why not.
  public static func of(_ field: ReceptiveField, at index: [Int], inputSize: [Int]) -> Result<InputRegion, RegionError>
  {
    switch field {
    case .none: return .failure(.noSpatialAxes)
    case .global: return .failure(.global)
    case .unknown(let why): return .failure(.unknown(why))
    case .spatial(let axes):
      guard index.count == axes.count, inputSize.count == axes.count else {
        return .failure(.rank(expected: axes.count, found: index.count))
      }
      var out: [Axis] = []
      for (a, f) in axes.enumerated() {
        guard let (lo, hi) = f.span(at: index[a]) else { return .failure(.unknown("overflow")) }
        let first = lo.floor
        let last = hi.ceiling
        out.append(
          Axis(first: first, last: last, clippedFirst: max(0, first), clippedLast: min(inputSize[a] - 1, last)))
      }
      return .success(InputRegion(axes: out))
    }
  }

  /// The exact region output position `index` of layer `layer` (its first
  /// output) sees in the model input with as many spatial axes: the graph is
  /// walked backwards from that one position, interval by interval, through
  /// every layer (merges included), each op's
  /// ``Operator/inputRegion(_:input:inputShapes:outputShapes:)`` giving the
  /// positions it reads. Clipped regions drop what falls in padding at every
  /// layer; the unclipped one keeps it.
  ///
  /// Unlike ``of(_:at:inputSize:)``, which reads a summary field (size,
  /// jump, centre), this is exact after transposed convs and upsampling,
  /// where which inputs an output sees depends on its phase.
  public static func exact(graph: Graph, report: Report, layer: Int, at index: [Int]) -> Result<
    InputRegion, RegionError
  > {
    guard layer >= 0, layer < graph.layers.count, report.layers.count == graph.layers.count,
      report.inputs.count == graph.inputs.count
    else { return .failure(.unknown("the report does not match the graph")) }
    let target = report.layers[layer].outputShapes[0]
    guard target.rank >= 3 else { return .failure(.noSpatialAxes) }
    guard index.count == target.rank - 2 else { return .failure(.rank(expected: target.rank - 2, found: index.count)) }
    guard let image = report.inputs.firstIndex(where: { $0.shape.rank == index.count + 2 }) else {
      return .failure(.unknown("no model input has \(index.count) spatial axes"))
    }
    let start = index.map { $0...$0 }
    let clipped = walk(graph, report, layer, start, clip: true)
    let unclipped = walk(graph, report, layer, start, clip: false)
    switch (clipped, unclipped) {
    case (.failure(let e), _), (_, .failure(let e)): return .failure(e)
    case (.success(let c), .success(let u)):
      guard let ci = c[.input(image)], let ui = u[.input(image)] else {
        return .failure(.unknown("the position reads no pixel of input '\(report.inputs[image].name)'"))
      }
      return .success(
        InputRegion(
          axes: zip(ci, ui).map {
            Axis(first: $1.lowerBound, last: $1.upperBound, clippedFirst: $0.lowerBound, clippedLast: $0.upperBound)
          }))
    }
  }

  /// The demanded interval of every tensor the position depends on.
  static func walk(_ graph: Graph, _ report: Report, _ layer: Int, _ start: [ClosedRange<Int>], clip: Bool) -> Result<
    [TensorRef: [ClosedRange<Int>]], RegionError
  > {
    func shape(_ r: TensorRef) -> Shape? {
      switch r {
      case .input(let i): return report.inputs[i].shape
      case .output(let j, let k):
        return k < report.layers[j].outputShapes.count ? report.layers[j].outputShapes[k] : nil
      }
    }
    var demand: [TensorRef: [ClosedRange<Int>]] = [.output(layer: layer, index: 0): start]
    for j in stride(from: layer, through: 0, by: -1) {
      let l = graph.layers[j]
      let row = report.layers[j]
      // What this layer's outputs are asked for (several outputs: their union).
      var wanted: [ClosedRange<Int>]?
      for k in row.outputShapes.indices {
        if let d = demand[.output(layer: j, index: k)] { wanted = wanted.map { union($0, d) } ?? d }
      }
      guard let wanted else { continue }
      let inShapes = l.inputs.compactMap(shape)
      guard inShapes.count == l.inputs.count else { return .failure(.unknown("layer '\(l.name)' has no input shape")) }
      for (k, ref) in l.inputs.enumerated() where inShapes[k].rank >= 3 {
        guard
          var r = l.op.inputRegion(wanted, input: k, inputShapes: inShapes, outputShapes: row.outputShapes),
          r.count == inShapes[k].rank - 2
        else {
          return .failure(
            .unknown(
              "no exact rule for which inputs layer '\(l.name)' (\(l.kind)) reads; the table's summary field applies"))
        }
        if clip {
          var empty = false
          for (a, n) in Array(inShapes[k].spatial).enumerated() {
            let lo = max(0, r[a].lowerBound)
            let hi = min(n - 1, r[a].upperBound)
            if lo > hi { empty = true } else { r[a] = lo...hi }
          }
          // Only padding is read from this input.
          if empty { continue }
        }
        demand[ref] = demand[ref].map { union($0, r) } ?? r
      }
    }
    return .success(demand)
  }

  static func union(_ a: [ClosedRange<Int>], _ b: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
    guard a.count == b.count else { return a }
    return zip(a, b).map { min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound) }
  }

  /// Why a region cannot be given.
  public enum RegionError: Error, Equatable, CustomStringConvertible {
    /// The tensor never had spatial axes.
    case noSpatialAxes
    /// Every position sees the whole input.
    case global
    /// The field is unknown.
    case unknown(String)
    /// The position has the wrong number of coordinates.
    case rank(expected: Int, found: Int)

    public var description: String {
      switch self {
      case .noSpatialAxes: return "the tensor has no spatial axes"
      case .global: return "every position sees the whole input"
      case .unknown(let why): return "the receptive field is unknown (\(why))"
      case .rank(let e, let f): return "expected \(e) coordinates, found \(f)"
      }
    }
  }
}
