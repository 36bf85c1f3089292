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
  public static let arity = 2...Int.max
  public static let flopRule = "(operands − 1) per output element"

  /// An element-wise operation; the raw value is its spec name.
  public enum Operation: String, Sendable, Equatable, CaseIterable {
    /// a + b.
    case add
    /// a − b.
    case sub
    /// a · b.
    case mul
    /// a / b.
    case div
    /// The larger operand.
    case max
    /// The smaller operand.
    case min
    /// The sum of every operand.
    case sum
    /// a^b.
    case pow
  }

  /// The operation.
  public var operation: Operation
  /// Shapes of constant operands (an empty shape is a scalar).
  public var constants: [[Int]]

  /// An operation on the layer's inputs and constant operands of these shapes.
  public init(operation: Operation, constants: [[Int]] = []) {
    self.operation = operation
    self.constants = constants
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    guard inputs.count + constants.count >= 2 else {
      throw ShapeIssue("'\(operation.rawValue)' takes at least 2 operands, found \(inputs.count + constants.count)")
    }
    var out = inputs[0].dims
    for (k, s) in inputs.enumerated().dropFirst() {
      out = try Self.broadcast(out, s.dims) { "\(operation.rawValue) input 1 (\(inputs[0])) and input \(k + 1) (\(s))" }
    }
    for c in constants {
      out = try Self.broadcast(out, c) {
        "\(operation.rawValue) input \(inputs[0]) and its constant operand of shape [\(c.map(String.init).joined(separator: ", "))]"
      }
    }
    guard let shape = Shape(out) else { throw ShapeIssue("\(operation.rawValue) would produce the empty shape \(out)") }
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

// MARK: - Native spec

extension Elementwise: SpecDecodable {
  /// The spec's names: every operation's name.
  public static let kinds = Operation.allCases.map(\.rawValue)

  /// Has no fields; every operand is an input.
  public init(kind: String, attributes a: Attributes) throws {
    guard let operation = Operation(rawValue: kind) else { throw a.error(nil, "'\(kind)' is not an element-wise op") }
    self.init(operation: operation)
  }
}
