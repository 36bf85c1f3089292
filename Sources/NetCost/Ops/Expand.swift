// netcost — Apache-2.0

/// Broadcasts the input to a larger shape (NumPy rules: a size-1 axis
/// stretches, new axes are added in front), as ONNX Expand and
/// `torch.expand`.
///
/// Fields: `shape` (the target, batch included; a 1 keeps the input's size
/// on that axis).
public struct Expand: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (moves data)"

  /// Target shape, broadcast with the input's.
  public var shape: [Int]

  /// Broadcasts to `shape` (sizes ≥ 1).
  public init(shape: [Int]) { self.shape = shape }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let d = try Elementwise.broadcast(inputs[0].dims, shape) {
      "\(inputs[0]) to [\(shape.map(String.init).joined(separator: ", "))]"
    }
    guard let s = Shape(d) else { throw ShapeIssue("expand to \(d): every size must be at least 1") }
    return [s]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension Expand: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["expand", "broadcast_to"]

  /// Reads `shape`.
  public init(kind: String, attributes a: Attributes) throws {
    guard let s = try a.intList("shape") else { throw a.missing("shape", "the target shape, batch included") }
    guard !s.isEmpty, s.allSatisfy({ $0 >= 1 }) else { throw a.error("shape", "expected sizes ≥ 1, found \(s)") }
    self.init(shape: s)
  }
}
