// netcost — Apache-2.0

/// Element-wise arithmetic on two or more inputs with NumPy broadcasting
/// (axes aligned from the right; a size-1 axis stretches), as in residual
/// adds and squeeze-and-excitation scaling.
///
/// Operands may also be constants stored in the model rather than tensors
/// computed by layers (a bias added after a matmul, a positional embedding,
/// GELU's ½): ``init(operation:constants:)`` takes their shapes, and they
/// broadcast like inputs. A spec names tensors only, so there every operand
/// is an input; an importer (ONNX) passes the rest as constants, and counts
/// the parameters of any that are stored weights itself.
public struct Elementwise: Operator {
  public static let kinds = ["add", "sub", "mul", "div", "max", "min", "sum", "pow"]
  public static let arity = 2...Int.max
  public static let flopRule = "(operands − 1) per output element"

  /// The operation's name.
  public var operation: String
  /// Shapes of constant operands (an empty shape is a scalar).
  public var constants: [[Int]]

  public init(kind: String, attributes a: Attributes) throws {
    operation = kind
    constants = []
  }

  /// An operation on the layer's inputs and constant operands of these shapes.
  public init(operation: String, constants: [[Int]] = []) {
    self.operation = operation
    self.constants = constants
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs.count + constants.count >= 2 else {
      throw ShapeIssue("'\(operation)' takes at least 2 operands, found \(inputs.count + constants.count)")
    }
    var out = inputs[0].dims
    for (k, s) in inputs.enumerated().dropFirst() {
      out = try Self.broadcast(out, s.dims) { "\(operation) input 1 (\(inputs[0])) and input \(k + 1) (\(s))" }
    }
    for c in constants {
      out = try Self.broadcast(out, c) {
        "\(operation) input \(inputs[0]) and its constant operand of shape [\(c.map(String.init).joined(separator: ", "))]"
      }
    }
    guard let shape = Shape(out) else { throw ShapeIssue("\(operation) would produce the empty shape \(out)") }
    return [shape]
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
    LayerCost(flops: try Checked.mul(inputs.count + constants.count - 1, try outputs[0].elementCount(), "FLOPs"))
  }
}
