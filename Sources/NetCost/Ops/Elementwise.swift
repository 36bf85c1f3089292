// netcost — Apache-2.0

/// Element-wise arithmetic on two or more inputs with NumPy broadcasting
/// (axes aligned from the right; a size-1 axis stretches), as in residual
/// adds and squeeze-and-excitation scaling.
public struct Elementwise: Operator {
  public static let kinds = ["add", "sub", "mul", "div", "max", "min", "sum"]
  public static let arity = 2...Int.max
  public static let flopRule = "(inputs − 1) per output element"

  /// The operation's name.
  public var operation: String

  public init(kind: String, attributes a: Attributes) throws {
    operation = kind
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    var out = inputs[0].dims
    for (k, s) in inputs.enumerated().dropFirst() {
      out = try Self.broadcast(out, s.dims) { "\(operation) input 1 (\(inputs[0])) and input \(k + 1) (\(s))" }
    }
    return [Shape(out)!]
  }

  /// NumPy broadcasting of two shapes.
  static func broadcast(_ a: [Int], _ b: [Int], _ names: () -> String) throws(ShapeIssue) -> [Int] {
    let n = max(a.count, b.count)
    var out = Array(repeating: 1, count: n)
    for i in 0..<n {
      let x = i < n - a.count ? 1 : a[i - (n - a.count)]
      let y = i < n - b.count ? 1 : b[i - (n - b.count)]
      guard x == y || x == 1 || y == 1 else {
        throw ShapeIssue("cannot broadcast \(names()): axis \(i) has \(x) vs \(y)")
      }
      out[i] = max(x, y)
    }
    return out
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(inputs.count - 1, try outputs[0].elementCount(), "FLOPs"))
  }
}
