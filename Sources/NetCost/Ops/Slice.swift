// netcost — Apache-2.0

/// Takes a strided range of one or more axes, Python-style: `axes`,
/// `starts`, `ends` (exclusive; negative counts from the end; clamped to the
/// axis) and `steps` (1). The singular `axis`/`start`/`end`/`step` work for
/// one axis.
public struct Slice: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Axes sliced (batch = 0).
  public var axes: [Int]
  /// Start per axis.
  public var starts: [Int]
  /// End (exclusive) per axis.
  public var ends: [Int]
  /// Step per axis.
  public var steps: [Int]

  /// Creates a slice of `axes`, from `starts` to `ends` (exclusive) by
  /// `steps` (each ≥ 1); the four lists have one entry per sliced axis.
  public init(axes: [Int], starts: [Int], ends: [Int], steps: [Int]) {
    self.axes = axes
    self.starts = starts
    self.ends = ends
    self.steps = steps
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard starts.count == axes.count, ends.count == axes.count, steps.count == axes.count,
      steps.allSatisfy({ $0 >= 1 })
    else {
      throw ShapeIssue(
        "slice needs one start, end and step ≥ 1 per axis, found \(starts), \(ends), \(steps) for \(axes)")
    }
    var d = x.dims
    for i in axes.indices {
      let a = try Axis.normalize(axes[i], rank: x.rank)
      let n = x.dims[a]
      func clamp(_ v: Int) -> Int { v < 0 ? max(0, v + n) : min(v, n) }
      let s = clamp(starts[i])
      let e = clamp(ends[i])
      guard e > s else { throw ShapeIssue("slice \(starts[i])..<\(ends[i]) of axis \(axes[i]) (size \(n)) is empty") }
      d[a] = (e - s).divided(by: steps[i], rounding: .up)
    }
    return [Shape(d)!]
  }

  /// Slicing a spatial axis starts at `start` and strides by `step`.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let x = inputShapes[0]
    var start = Array(repeating: 0, count: max(x.rank - 2, 0))
    var step = Array(repeating: 1, count: max(x.rank - 2, 0))
    for i in axes.indices {
      guard let a = try? Axis.normalize(axes[i], rank: x.rank) else { return .unknown("slice axis") }
      if a == 0 || a == 1 { continue }
      let n = x.dims[a]
      start[a - 2] = starts[i] < 0 ? max(0, starts[i] + n) : min(starts[i], n)
      step[a - 2] = steps[i]
    }
    if x.rank < 3 { return FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes) }
    return FieldRule.map(inputs[0], count: x.rank - 2) { i, f in
      guard let off = Rational(integer: start[i]) * f.jump, let center = f.center + off,
        let jump = f.jump * Rational(integer: step[i])
      else { return nil }
      return .init(size: f.size, jump: jump, center: center)
    }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Slice: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["slice"]

  /// Reads `axes`, `starts`, `ends` and `steps`, or their singular forms.
  public init(kind: String, attributes a: Attributes) throws {
    func list(_ plural: String, _ singular: String) throws -> [Int]? {
      if let v = try a.intList(plural) { return v }
      return try a.intList(singular)
    }
    guard let ax = try list("axes", "axis") else { throw a.error(nil, "missing required field 'axes' (or 'axis')") }
    let st = try list("starts", "start") ?? Array(repeating: 0, count: ax.count)
    let en = try list("ends", "end") ?? Array(repeating: Int.max, count: ax.count)
    let sp = try list("steps", "step") ?? Array(repeating: 1, count: ax.count)
    guard st.count == ax.count, en.count == ax.count, sp.count == ax.count else {
      throw a.error(
        nil,
        "'axes', 'starts', 'ends' and 'steps' must have the same length (found \(ax.count), \(st.count), \(en.count), \(sp.count))"
      )
    }
    guard sp.allSatisfy({ $0 >= 1 }) else { throw a.error("steps", "expected steps ≥ 1, found \(sp)") }
    self.init(axes: ax, starts: st, ends: en, steps: sp)
  }
}
