// netcost — Apache-2.0

/// DeepLab's Interp layer (bilinear resize) as its fork computes the size:
/// the input, cropped by `padBegin`/`padEnd` (≤ 0), of effective size e
/// becomes (e − 1)/shrink + 1 with a shrink factor, e + (e − 1)·(zoom − 1)
/// with a zoom factor (shrink first when both), `height`×`width` when those
/// are given, or the size of a second input (PSPNet's fork).
public struct CaffeInterp: Operator {
  public static let arity = 1...2
  public static let flopRule = "as a bilinear resize to the computed size"

  /// Explicit output size, when given.
  public var height: Int?
  /// Explicit output width, when given.
  public var width: Int?
  /// Zoom factor, when given.
  public var zoom: Int?
  /// Shrink factor, when given.
  public var shrink: Int?
  /// Crop at the start of each axis (≤ 0).
  public var padBegin: Int
  /// Crop at the end of each axis (≤ 0).
  public var padEnd: Int

  /// Creates the layer.
  public init(
    height: Int? = nil, width: Int? = nil, zoom: Int? = nil, shrink: Int? = nil, padBegin: Int = 0, padEnd: Int = 0
  ) {
    self.height = height
    self.width = width
    self.zoom = zoom
    self.shrink = shrink
    self.padBegin = padBegin
    self.padEnd = padEnd
  }

  /// The output size for an input of `inputs`.
  func size(_ inputs: [Shape]) throws(ShapeIssue) -> [Int] {
    let x = inputs[0]
    guard x.rank == 4 else { throw ShapeIssue("interp expects N×C×H×W, found \(x)") }
    if inputs.count == 2 {
      guard inputs[1].rank == 4 else { throw ShapeIssue("interp's second input must be N×C×H×W, found \(inputs[1])") }
      return Array(inputs[1].spatial)
    }
    var out: [Int] = []
    for n in x.spatial {
      let e = n + padBegin + padEnd
      guard e >= 1 else { throw ShapeIssue("pad_beg \(padBegin) and pad_end \(padEnd) crop all of \(x)") }
      var o: Int
      if let shrink, zoom == nil {
        o = (e - 1) / shrink + 1
      } else if let zoom, shrink == nil {
        o = e + (e - 1) * (zoom - 1)
      } else if let height, let width {
        o = out.isEmpty ? height : width
      } else if let shrink, let zoom {
        o = (e - 1) / shrink + 1
        o = o + (o - 1) * (zoom - 1)
      } else {
        throw ShapeIssue("interp needs height and width, zoom_factor or shrink_factor, or a second input")
      }
      guard o >= 1 else { throw ShapeIssue("interp would make a size of \(o)") }
      out.append(o)
    }
    return out
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    try Resize(size: .each(try size(inputs)), linear: true).outputShapes([inputs[0]])
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    guard let s = try? size(inputs) else { return .zero }
    return try Resize(size: .each(s), linear: true).cost(inputs: [inputs[0]], outputs: outputs)
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    Resize(size: .each(Array(outputShapes[0].spatial)), linear: true)
      .receptiveField(inputs: [inputs[0]], inputShapes: [inputShapes[0]], outputShapes: outputShapes)
  }
}
