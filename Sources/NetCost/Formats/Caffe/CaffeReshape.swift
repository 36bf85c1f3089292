// netcost — Apache-2.0

/// Caffe's Reshape layer: replaces axes `axis ..< axis + numAxes` (numAxes
/// −1: through the last) by `shape`, where 0 copies the input's dimension
/// at that place and one −1 is inferred from the element count.
public struct CaffeReshape: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (reinterprets memory)"

  /// The new dimensions (0: copy, −1: infer).
  public var shape: [Int]
  /// The first replaced axis (negative counts from the end, −1 meaning after the last).
  public var axis: Int
  /// How many axes are replaced (−1: through the last).
  public var numAxes: Int

  /// Creates the layer.
  public init(shape: [Int], axis: Int = 0, numAxes: Int = -1) {
    self.shape = shape
    self.axis = axis
    self.numAxes = numAxes
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    let start = axis < 0 ? axis + x.rank + 1 : axis
    let end = numAxes == -1 ? x.rank : start + numAxes
    guard start >= 0, start <= x.rank, numAxes >= -1, end <= x.rank else {
      throw ShapeIssue("axis \(axis) with num_axes \(numAxes) does not fit the \(x.rank) axes of \(x)")
    }
    var dims: [Int] = []
    var infer: Int?
    for (i, d) in shape.enumerated() {
      switch d {
      case 0:
        guard start + i < x.rank else {
          throw ShapeIssue("dimension \(i) is 0 (copy) but \(x) has no axis \(start + i)")
        }
        dims.append(x.dims[start + i])
      case -1:
        guard infer == nil else { throw ShapeIssue("reshape to \(shape): at most one dimension may be -1") }
        infer = i
        dims.append(1)
      case let d where d >= 1: dims.append(d)
      default: throw ShapeIssue("reshape to \(shape): dimensions must be -1, 0 or positive")
      }
    }
    let all = Array(x.dims[..<start]) + dims + Array(x.dims[end...])
    let have: Int
    let known: Int
    do {
      have = try Checked.product(x.dims)
      known = try Checked.product(all)
    } catch { throw ShapeIssue("reshape sizes do not fit in a 64-bit integer") }
    var out = all
    if let infer {
      guard have % known == 0 else {
        throw ShapeIssue("cannot reshape \(x) to \(shape): \(have) elements are not divisible by \(known)")
      }
      out[start + infer] = have / known
    } else if have != known {
      throw ShapeIssue(
        "cannot reshape \(x) (\(have) elements) to \(all.map(String.init).joined(separator: "×")) (\(known) elements)")
    }
    guard let s = Shape(out) else { throw ShapeIssue("cannot reshape \(x) to \(shape)") }
    return [s]
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    Reshape(shape: []).receptiveField(inputs: inputs, inputShapes: inputShapes, outputShapes: outputShapes)
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}
