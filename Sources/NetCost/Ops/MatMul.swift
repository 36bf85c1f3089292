// netcost — Apache-2.0

/// Matrix product of two tensors over their last two axes, batched over the
/// rest: A (…×M×K) · B (…×K×N) → …×M×N. Batch axes broadcast as in NumPy,
/// and one may be a multiple of the other (grouped-query attention: each
/// key/value head serves several query heads).
///
/// Fields: `transpose_a`, `transpose_b` (false; swap the last two axes
/// first, as in QKᵀ), `scale` (false; multiply every result by a constant,
/// as attention's 1/√d does: +1 FLOP per output element).
///
/// With `constant`, the op multiplies its one input by a constant operand
/// stored in the model instead (ONNX MatMul and Gemm with a weight; the
/// format that stores it counts its parameters), optionally adding a bias
/// (+1 FLOP per output element).
public struct MatMul: Operator {
  public static let arity = 2...2
  public static let flopRule =
    "per output element 2K − 1 (K products, K − 1 adds), +1 with scale, +1 with bias; MACs = batch·M·K·N"

  /// Transpose the first operand's last two axes.
  public var transposeA: Bool
  /// Transpose the second operand's last two axes.
  public var transposeB: Bool
  /// Scale the result by a constant.
  public var scaled: Bool
  /// Shape of a constant operand, when one of the two is stored in the model.
  public var constant: [Int]?
  /// Whether the constant operand is the first (left) one.
  public var constantFirst: Bool
  /// Whether a bias is added to every output element.
  public var bias: Bool

  /// Creates a matrix product.
  ///
  /// - Parameters:
  ///   - transposeA: Transpose the first operand's last two axes.
  ///   - transposeB: Transpose the second operand's last two axes.
  ///   - scaled: Multiply every result by a constant (+1 FLOP per output element).
  ///   - constant: The shape of a constant operand stored in the model; the
  ///     layer then has one input. Nil: both operands are inputs.
  ///   - constantFirst: Whether the constant is the first (left) operand.
  ///   - bias: Whether a bias is added to every output element.
  public init(
    transposeA: Bool = false, transposeB: Bool = false, scaled: Bool = false, constant: [Int]? = nil,
    constantFirst: Bool = false, bias: Bool = false
  ) {
    self.transposeA = transposeA
    self.transposeB = transposeB
    self.scaled = scaled
    self.constant = constant
    self.constantFirst = constantFirst
    self.bias = bias
  }

  /// The two operands' shapes, as text for messages.
  func operands(_ inputs: [Shape]) throws(ShapeIssue) -> ([Int], [Int], String, String) {
    func text(_ d: [Int]) -> String { d.isEmpty ? "a scalar" : d.map(String.init).joined(separator: "×") }
    if let constant {
      let x = inputs[0].dims
      let (a, b) = constantFirst ? (constant, x) : (x, constant)
      return (a, b, text(a), text(b))
    }
    guard inputs.count == 2 else { throw ShapeIssue("matmul takes 2 operands, found \(inputs.count)") }
    return (inputs[0].dims, inputs[1].dims, inputs[0].description, inputs[1].description)
  }

  /// (batch dims, M, K, N) for the inputs, or an issue.
  func dims(_ inputs: [Shape]) throws(ShapeIssue) -> (batch: [Int], m: Int, k: Int, n: Int) {
    let (a, b, aText, bText) = try operands(inputs)
    guard a.count >= 2, b.count >= 2 else {
      throw ShapeIssue("matmul needs two operands with at least 2 axes, found \(aText) and \(bText)")
    }
    let (m, ka) = transposeA ? (a[a.count - 1], a[a.count - 2]) : (a[a.count - 2], a[a.count - 1])
    let (kb, n) = transposeB ? (b[b.count - 1], b[b.count - 2]) : (b[b.count - 2], b[b.count - 1])
    guard ka == kb else {
      throw ShapeIssue(
        "matmul inner dimensions differ: \(aText)\(transposeA ? "ᵀ" : "") has K = \(ka), \(bText)\(transposeB ? "ᵀ" : "") has K = \(kb)"
      )
    }
    let (ba, bb) = (Array(a.dropLast(2)), Array(b.dropLast(2)))
    let r = max(ba.count, bb.count)
    var batch: [Int] = []
    for i in 0..<r {
      let x = i < r - ba.count ? 1 : ba[i - (r - ba.count)]
      let y = i < r - bb.count ? 1 : bb[i - (r - bb.count)]
      guard x == y || x == 1 || y == 1 || x % y == 0 || y % x == 0 else {
        throw ShapeIssue("matmul batch axes of \(aText) and \(bText) do not broadcast: \(x) vs \(y)")
      }
      batch.append(max(x, y))
    }
    return (batch, m, ka, n)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let d = try dims(inputs)
    return [Shape(d.batch + [d.m, d.n])!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let outElems = try outputs[0].elementCount()
    let k = (try? dims(inputs))?.k ?? 1
    let macs = try Checked.mul(outElems, k, "MACs")
    let flops = try Checked.mul(
      outElems, try Checked.add(try Checked.mul(2, k, "FLOPs") - 1, (scaled ? 1 : 0) + (bias ? 1 : 0)), "FLOPs")
    return LayerCost(macs: macs, flops: flops)
  }
}

// MARK: - Native spec

extension MatMul: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["matmul", "bmm", "batched_matmul"]

  /// Reads `transpose_a`, `transpose_b` and `scale`.
  public init(kind: String, attributes a: Attributes) throws {
    let transposeA = try a.bool("transpose_a", default: false)
    let transposeB = try a.bool("transpose_b", default: false)
    self.init(transposeA: transposeA, transposeB: transposeB, scaled: try a.bool("scale", default: false))
  }
}
