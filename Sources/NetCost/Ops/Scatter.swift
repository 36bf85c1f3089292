// netcost — Apache-2.0

/// Writes updates into a copy of a tensor at indexed positions: ONNX
/// ScatterND and ScatterElements (and the older Scatter). The output has the
/// data's shape. Plain writes move data; with a `reduction` (add, mul, max,
/// min) each update costs one operation.
///
/// ``operands`` gives the shapes of the three operands (data, indices,
/// updates) where they are stored constants, nil where they are inputs; the
/// layer's inputs are the computed ones in that order.
public struct Scatter: Operator {
  public static let arity = 1...3
  public static let flopRule = "0 without reduction; 1 per update element with reduction add, mul, max or min"

  /// The stored operands' shapes (data, indices, updates); nil for an input.
  public var operands: [[Int]?]
  /// Whether updates are combined with the data (ONNX `reduction` other than none).
  public var reduces: Bool

  /// A scatter whose stored operands have these shapes.
  public init(operands: [[Int]?] = [nil, nil, nil], reduces: Bool = false) {
    self.operands = operands
    self.reduces = reduces
  }

  public var costKind: CostKind { reduces ? .counted : .zeroCost }

  /// The three operands' shapes.
  func resolved(_ inputs: [Shape]) throws(ShapeIssue) -> [[Int]] {
    var rest = inputs.map(\.dims)[...]
    var out: [[Int]] = []
    for k in 0..<3 {
      if k < operands.count, let s = operands[k] {
        out.append(s)
      } else if let s = rest.popFirst() {
        out.append(s)
      } else {
        throw ShapeIssue("scatter takes data, indices and updates; operand \(k + 1) is missing")
      }
    }
    return out
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let ops = try resolved(inputs)
    guard let s = Shape(ops[0]) else { throw ShapeIssue("scatter into a scalar") }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    guard reduces, let ops = try? resolved(inputs) else { return .zero }
    return LayerCost(flops: try Checked.product(ops[2], "FLOPs"))
  }
}
