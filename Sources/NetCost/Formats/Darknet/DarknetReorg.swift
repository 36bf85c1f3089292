// netcost — Apache-2.0

/// A darknet `[reorg]` / `[reorg3d]` layer: C×H×W to (C·s²)×(H/s)×(W/s),
/// or back with `reverse=1` (`make_reorg_layer`, `make_reorg_old_layer`;
/// AlexeyAB reads `[reorg]` as the old layer, whose shapes are the same).
/// Zero-cost. Darknet's reorg gathers pixels in its own order, not as a
/// plain space-to-depth, so the receptive field is not followed through it.
struct DarknetReorg: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "0 (moves data)"

  /// The block size.
  var stride: Int
  /// Depth to space instead.
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
    guard x.rank == 4 else { throw ShapeIssue("[reorg] expects a C×H×W image, found \(x)") }
    let (s2, o) = stride.multipliedReportingOverflow(by: stride)
    guard !o else { throw ShapeIssue("stride \(stride) squared does not fit in a 64-bit integer") }
    if reverse {
      guard x.channels % s2 == 0 else {
        throw ShapeIssue("reverse reorg needs channels divisible by stride² = \(s2), found \(x.channels)")
      }
      let (h, o1) = x.dims[2].multipliedReportingOverflow(by: stride)
      let (w, o2) = x.dims[3].multipliedReportingOverflow(by: stride)
      guard !o1, !o2 else { throw ShapeIssue("the reorg output does not fit in a 64-bit integer") }
      return [Shape([x.batch, x.channels / s2, h, w])!]
    }
    guard x.dims[2] % stride == 0, x.dims[3] % stride == 0 else {
      throw ShapeIssue("reorg needs width and height divisible by stride \(stride), found \(x.dims[3])×\(x.dims[2])")
    }
    let (c, o3) = x.channels.multipliedReportingOverflow(by: s2)
    guard !o3 else { throw ShapeIssue("the reorg output does not fit in a 64-bit integer") }
    return [Shape([x.batch, c, x.dims[2] / stride, x.dims[3] / stride])!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0].axes == nil ? inputs[0] : .unknown("darknet's reorg moves pixels across the map in its own order")
  }
}
