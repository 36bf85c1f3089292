// netcost — Apache-2.0

/// Upsampling / resizing of the spatial axes by `scale` (a number or one
/// per axis; output = ⌊in·scale⌋) or to `size`, with `mode` nearest (copy)
/// or linear interpolation (linear, bilinear, trilinear, by rank).
public struct Resize: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "nearest: 0; linear modes: per output element 2^d multiplies + 2^d − 1 adds over the d spatial axes (linear 3, bilinear 7, trilinear 15)"

  /// Scale per axis (one value broadcasts).
  public var scale: [Double]?
  /// Target size per axis.
  public var size: AxisValues?
  /// Interpolating (not nearest).
  public var linear: Bool

  /// Creates a resize by `scale` (positive; one value or one per spatial
  /// axis) or to `size`, exactly one of the two; nearest-neighbour copying,
  /// or interpolation when `linear`.
  public init(scale: [Double]? = nil, size: AxisValues? = nil, linear: Bool = false) {
    self.scale = scale
    self.size = size
    self.linear = linear
  }

  public var costKind: CostKind { linear ? .counted : .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 3 else { throw ShapeIssue("resize expects N×C×spatial…, found \(x)") }
    let rank = x.rank - 2
    var out: [Int]
    if let size {
      out = try size.expand(rank, "size")
      guard out.allSatisfy({ $0 >= 1 }) else { throw ShapeIssue("resize sizes must be at least 1, found \(out)") }
    } else {
      guard let s = scale, !s.isEmpty else { throw ShapeIssue("resize needs either a scale or a size") }
      guard s.count == 1 || s.count == rank else {
        throw ShapeIssue("'scale' has \(s.count) values but the input has \(rank) spatial axes")
      }
      out = []
      for (i, n) in x.spatial.enumerated() {
        let v = (Double(n) * s[s.count == 1 ? 0 : i]).rounded(.down)
        guard v >= 1, v < 9.0e18 else { throw ShapeIssue("scaling spatial axis \(i) (size \(n)) gives size \(v)") }
        out.append(Int(v))
      }
    }
    return [Shape([x.batch, x.channels] + out)!]
  }

  /// Scale f = out/in per axis: the jump divides by f. Nearest reads one
  /// input pixel per output (output 0 reads pixel 0); linear modes read two
  /// neighbours per axis, centred at (0.5/f − 0.5) input pixels for output 0
  /// (half-pixel sampling, before clamping at the border).
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let ins = Array(inputShapes[0].spatial)
    let outs = Array(outputShapes[0].spatial)
    return FieldRule.map(inputs[0], count: ins.count) { i, f in
      guard let scale = Rational(outs[i], ins[i]), let jump = f.jump / scale else { return nil }
      guard linear else { return .init(size: f.size, jump: jump, center: f.center) }
      guard let size = f.size + f.jump, let half = Rational(1, 2),
        let off = (half / scale).flatMap({ $0 - half }).flatMap({ $0 * f.jump }), let center = f.center + off
      else { return nil }
      return .init(size: size, jump: jump, center: center)
    }
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    guard linear else { return .zero }
    // Interpolation weighs 2^d neighbours over the d spatial axes.
    let corners = 1 << min(inputs[0].rank - 2, 3)
    return LayerCost(flops: try Checked.mul(try outputs[0].elementCount(), 2 * corners - 1, "FLOPs"))
  }
}

// MARK: - Native spec

extension Resize: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["upsample", "resize", "interpolate"]

  /// Reads `mode`, `align_corners`, and one of `size` and `scale`.
  public init(kind: String, attributes a: Attributes) throws {
    let mode = try a.choice("mode", ["nearest", "linear", "bilinear", "trilinear"], default: "nearest")
    _ = try a.bool("align_corners", default: false)
    let size = try a.axisValues("size")
    var scale: [Double]?
    if let v = a.value("scale") {
      switch v {
      case .int(let i) where i >= 1: scale = [Double(i)]
      case .double(let d) where d > 0: scale = [d]
      case .array(let arr) where !arr.isEmpty:
        var s: [Double] = []
        for e in arr {
          switch e {
          case .int(let i) where i >= 1: s.append(Double(i))
          case .double(let d) where d > 0: s.append(d)
          default: throw a.error("scale", "expected positive numbers, found \(v.brief)")
          }
        }
        scale = s
      default: throw a.error("scale", "expected a positive number or one per spatial axis, found \(v.brief)")
      }
    }
    guard (scale == nil) != (size == nil) else { throw a.error(nil, "give exactly one of 'scale' or 'size'") }
    self.init(scale: scale, size: size, linear: mode != "nearest")
  }
}
