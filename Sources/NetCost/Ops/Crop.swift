// netcost — Apache-2.0

/// Removes pixels from the borders of the spatial axes: `crop` is an
/// integer, one per spatial axis, or `[begin, end]` pairs (Keras Cropping2D).
public struct Crop: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Amount removed per spatial axis.
  public var crop: Padding.AxisPads

  /// Creates a crop removing `crop` (each ≥ 0) from the spatial axes.
  public init(crop: Padding.AxisPads) {
    self.crop = crop
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 3 else { throw ShapeIssue("crop expects N×C×spatial…, found \(x)") }
    let p = try Padding.explicit(crop).resolve(input: Array(x.spatial), effectiveKernel: [], stride: [])
    var d = [x.batch, x.channels]
    for (i, (n, (b, e))) in zip(x.spatial, p).enumerated() {
      guard b >= 0, e >= 0 else { throw ShapeIssue("crop must not be negative, found \(crop)") }
      guard b < n, e < n - b else {
        throw ShapeIssue("cropping \(b)+\(e) leaves nothing of spatial axis \(i) (size \(n))")
      }
      d.append(n - b - e)
    }
    return [Shape(d)!]
  }

  /// Cropping shifts coordinates: output 0 is input pixel crop_begin.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    guard
      let p = try? Padding.explicit(crop).resolve(input: Array(inputShapes[0].spatial), effectiveKernel: [], stride: [])
    else { return .unknown("crop") }
    return FieldRule.map(inputs[0], count: p.count) { i, f in
      (Rational(integer: p[i].0) * f.jump).flatMap { f.center + $0 }.map {
        .init(size: f.size, jump: f.jump, center: $0)
      }
    }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Crop: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["crop", "cropping"]

  /// Reads `crop`.
  public init(kind: String, attributes a: Attributes) throws {
    guard a.has("crop") else { throw a.missing("crop", "pixels removed per spatial axis") }
    guard case .explicit(let p) = try Padding.read(a, key: "crop", named: false) else {
      throw a.error("crop", "expected an integer, one per spatial axis, or [begin, end] pairs")
    }
    self.init(crop: p)
  }
}
