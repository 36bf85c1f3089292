// netcost — Apache-2.0

/// Pads the spatial axes: `pads` is an integer, one per spatial axis, or
/// `[begin, end]` pairs; `mode` is constant, reflect or replicate.
public struct Pad: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Pads per spatial axis.
  public var pads: Padding.AxisPads

  /// Creates a pad adding `pads` (each ≥ 0) to the spatial axes; the fill
  /// mode has no effect on the figures.
  public init(pads: Padding.AxisPads) {
    self.pads = pads
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 3 else { throw ShapeIssue("pad expects N×C×spatial…, found \(x)") }
    let p = try Padding.explicit(pads).resolve(input: Array(x.spatial), effectiveKernel: [], stride: [])
    guard p.allSatisfy({ $0.0 >= 0 && $0.1 >= 0 }) else { throw ShapeIssue("pads must not be negative, found \(pads)") }
    var d = [x.batch, x.channels]
    for (n, (b, e)) in zip(x.spatial, p) {
      let (s1, o1) = n.addingReportingOverflow(b)
      let (s2, o2) = s1.addingReportingOverflow(e)
      guard !o1, !o2 else { throw ShapeIssue("padded size does not fit in a 64-bit integer") }
      d.append(s2)
    }
    return [Shape(d)!]
  }

  /// Padding shifts coordinates: output 0 now sits pad_begin pixels before input 0.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    guard
      let p = try? Padding.explicit(pads).resolve(input: Array(inputShapes[0].spatial), effectiveKernel: [], stride: [])
    else { return .unknown("pads") }
    return FieldRule.map(inputs[0], count: p.count) { i, f in
      (Rational(integer: -p[i].0) * f.jump).flatMap { f.center + $0 }.map {
        .init(size: f.size, jump: f.jump, center: $0)
      }
    }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Pad: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["pad", "zero_pad"]

  /// Reads `pads`, and `mode` and `value` (checked, no effect on figures).
  public init(kind: String, attributes a: Attributes) throws {
    _ = try a.choice("mode", ["constant", "reflect", "replicate", "edge", "circular"], default: "constant")
    _ = try a.double("value", default: 0)
    guard a.has("pads") else { throw a.missing("pads", "pixels added per spatial axis") }
    guard case .explicit(let p) = try Padding.read(a, key: "pads", named: false) else {
      throw a.error("pads", "expected explicit pads (an integer, one per spatial axis, or [begin, end] pairs)")
    }
    self.init(pads: p)
  }
}
