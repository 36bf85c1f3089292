// netcost — Apache-2.0

/// A darknet `[upsample]` layer: nearest-neighbour scaling of width and
/// height by `stride`, or shrinking by it when `stride` is negative
/// (`make_upsample_layer`, "downsample"). Zero-cost.
struct DarknetUpsample: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "0 (moves data)"

  /// The factor (positive).
  var stride: Int
  /// Shrink instead of grow.
  var reverse: Bool

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(stride: Int, reverse: Bool) {
    self.stride = stride
    self.reverse = reverse
  }

  var costKind: CostKind { .zeroCost }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("[upsample] expects a C×H×W image, found \(x)") }
    var out = [x.batch, x.channels]
    for d in x.spatial {
      if reverse {
        guard d / stride >= 1 else { throw ShapeIssue("downsampling \(d) by \(stride) leaves nothing") }
        out.append(d / stride)
      } else {
        let (m, o) = d.multipliedReportingOverflow(by: stride)
        guard !o else { throw ShapeIssue("upsampling \(d) by \(stride) does not fit in a 64-bit integer") }
        out.append(m)
      }
    }
    return [Shape(out)!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  /// Nearest: output i reads input ⌊i/stride⌋ (or i·stride shrinking), so
  /// the jump scales and output 0 stays centred on input 0.
  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.map(inputs[0], count: 2) { _, f in
      let factor = Rational(integer: stride)
      guard let jump = reverse ? f.jump * factor : f.jump / factor else { return nil }
      return .init(size: f.size, jump: jump, center: f.center)
    }
  }
}
