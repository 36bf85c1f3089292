// netcost — Apache-2.0

/// A darknet `[crop]` layer at inference: the centre `crop_height ×
/// crop_width` window of each channel (`forward_crop_layer` outside
/// training). Zero-cost.
struct DarknetCrop: Operator {
  static let kinds: [String] = []
  static let arity = 1...1
  static let flopRule = "0 (moves data)"

  /// Output height.
  var height: Int
  /// Output width.
  var width: Int

  init(kind: String, attributes: Attributes) throws {
    throw attributes.error(nil, "'\(kind)' is read from Darknet .cfg files only")
  }

  init(height: Int, width: Int) {
    self.height = height
    self.width = width
  }

  var costKind: CostKind { .zeroCost }

  func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("[crop] expects a C×H×W image, found \(x)") }
    guard height <= x.dims[2], width <= x.dims[3] else {
      throw ShapeIssue("crop \(width)×\(height) is larger than the input \(x.dims[3])×\(x.dims[2])")
    }
    return [Shape([x.batch, x.channels, height, width])!]
  }

  func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }

  /// Output (0, 0) is input ((h − crop_h)/2, (w − crop_w)/2).
  func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    let x = inputShapes[0]
    let offsets = [(x.dims[2] - height) / 2, (x.dims[3] - width) / 2]
    return FieldRule.window(inputs[0], effectiveKernel: [1, 1], stride: [1, 1], padBegin: offsets.map { -$0 })
  }
}
