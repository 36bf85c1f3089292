// netcost — Apache-2.0

/// Matrix product of two tensors over their last two axes, batched over the
/// rest: A (…×M×K) · B (…×K×N) → …×M×N. Batch axes broadcast as in NumPy,
/// and one may be a multiple of the other (grouped-query attention: each
/// key/value head serves several query heads).
///
/// Fields: `transpose_a`, `transpose_b` (false; swap the last two axes
/// first, as in QKᵀ), `scale` (false; multiply every result by a constant,
/// as attention's 1/√d does: +1 FLOP per output element).
public struct MatMul: Operator {
  public static let kinds = ["matmul", "bmm", "batched_matmul"]
  public static let arity = 2...2
  public static let flopRule = "per output element 2K − 1 (K products, K − 1 adds), +1 with scale; MACs = batch·M·K·N"

  /// Transpose the first operand's last two axes.
  public var transposeA: Bool
  /// Transpose the second operand's last two axes.
  public var transposeB: Bool
  /// Scale the result by a constant.
  public var scaled: Bool

  public init(kind: String, attributes a: Attributes) throws {
    transposeA = try a.bool("transpose_a", default: false)
    transposeB = try a.bool("transpose_b", default: false)
    scaled = try a.bool("scale", default: false)
  }

  /// (batch dims, M, K, N) for the inputs, or an issue.
  func dims(_ inputs: [Shape]) throws(ShapeIssue) -> (batch: [Int], m: Int, k: Int, n: Int) {
    let (a, b) = (inputs[0].dims, inputs[1].dims)
    guard a.count >= 2, b.count >= 2 else { throw ShapeIssue("matmul needs two operands with at least 2 axes, found \(inputs[0]) and \(inputs[1])") }
    let (m, ka) = transposeA ? (a[a.count - 1], a[a.count - 2]) : (a[a.count - 2], a[a.count - 1])
    let (kb, n) = transposeB ? (b[b.count - 1], b[b.count - 2]) : (b[b.count - 2], b[b.count - 1])
    guard ka == kb else {
      throw ShapeIssue("matmul inner dimensions differ: \(inputs[0])\(transposeA ? "ᵀ" : "") has K = \(ka), \(inputs[1])\(transposeB ? "ᵀ" : "") has K = \(kb)")
    }
    let (ba, bb) = (Array(a.dropLast(2)), Array(b.dropLast(2)))
    let r = max(ba.count, bb.count)
    var batch: [Int] = []
    for i in 0..<r {
      let x = i < r - ba.count ? 1 : ba[i - (r - ba.count)]
      let y = i < r - bb.count ? 1 : bb[i - (r - bb.count)]
      guard x == y || x == 1 || y == 1 || x % y == 0 || y % x == 0 else {
        throw ShapeIssue("matmul batch axes of \(inputs[0]) and \(inputs[1]) do not broadcast: \(x) vs \(y)")
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
    let flops = try Checked.mul(outElems, try Checked.add(2 * k - 1, scaled ? 1 : 0), "FLOPs")
    return LayerCost(macs: macs, flops: flops)
  }
}
