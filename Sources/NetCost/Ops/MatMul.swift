// netcost — Apache-2.0

/// Matrix product with NumPy semantics, as `torch.matmul` and ONNX MatMul:
/// the last two axes multiply (M×K by K×N), the axes before them are batch
/// axes that broadcast, and a 1-D operand is a vector (K, or K×1 on the
/// right). Attention's Q·Kᵀ and A·V are matmuls of two computed tensors.
///
/// Fields: `transpose_a`, `transpose_b` (false): transpose that operand's
/// last two axes first. ``init(constant:constantFirst:transposeA:transposeB:bias:)``
/// multiplies the input by a constant operand stored in the model instead
/// (a weight; its parameters are counted by the format that stores it) and
/// can add a bias (ONNX Gemm).
public struct MatMul: Operator {
  public static let kinds = ["matmul", "bmm"]
  public static let arity = 2...2
  public static let flopRule = "per output element: K multiplies and K − 1 adds, +1 add with bias, i.e. B·M·N·(2K − 1 + bias) over the broadcast batch B; MACs = B·M·K·N"

  /// Shape of a constant operand, if one of the two operands is stored in the model.
  public var constant: [Int]?
  /// Whether the constant operand is the left one.
  public var constantFirst: Bool
  /// Transpose the left operand's last two axes.
  public var transposeA: Bool
  /// Transpose the right operand's last two axes.
  public var transposeB: Bool
  /// Whether a bias is added to every output element.
  public var bias: Bool

  public init(kind: String, attributes a: Attributes) throws {
    constant = nil
    constantFirst = false
    transposeA = try a.bool("transpose_a", default: false)
    transposeB = try a.bool("transpose_b", default: false)
    bias = false
  }

  /// A product of the input and a constant operand of shape `constant`
  /// (the left operand when `constantFirst`), or of two inputs when nil.
  public init(constant: [Int]?, constantFirst: Bool = false, transposeA: Bool = false, transposeB: Bool = false, bias: Bool = false) {
    self.constant = constant
    self.constantFirst = constantFirst
    self.transposeA = transposeA
    self.transposeB = transposeB
    self.bias = bias
  }

  /// The left and right operand shapes.
  func operands(_ inputs: [Shape]) throws(ShapeIssue) -> ([Int], [Int]) {
    if let constant {
      return constantFirst ? (constant, inputs[0].dims) : (inputs[0].dims, constant)
    }
    guard inputs.count == 2 else { throw ShapeIssue("matmul takes 2 operands, found \(inputs.count)") }
    return (inputs[0].dims, inputs[1].dims)
  }

  /// Broadcast batch axes, M, K, N, and the output shape.
  func geometry(_ inputs: [Shape]) throws(ShapeIssue) -> (batch: [Int], m: Int, k: Int, n: Int, out: [Int]) {
    var (a, b) = try operands(inputs)
    guard !a.isEmpty, !b.isEmpty else { throw ShapeIssue("matmul operands must have at least one axis, found [\(a.map(String.init).joined(separator: ", "))] and [\(b.map(String.init).joined(separator: ", "))]") }
    if transposeA, a.count >= 2 { a.swapAt(a.count - 1, a.count - 2) }
    if transposeB, b.count >= 2 { b.swapAt(b.count - 1, b.count - 2) }
    let aVector = a.count == 1, bVector = b.count == 1
    if aVector { a = [1] + a }
    if bVector { b = b + [1] }
    let m = a[a.count - 2], k = a[a.count - 1], kb = b[b.count - 2], n = b[b.count - 1]
    guard k == kb else {
      throw ShapeIssue("matmul of \(Self.text(a)) and \(Self.text(b)): the left operand has \(k) columns but the right one has \(kb) rows")
    }
    let batch = try Elementwise.broadcast(Array(a.dropLast(2)), Array(b.dropLast(2))) { "the batch axes of matmul operands \(Self.text(a)) and \(Self.text(b))" }
    var out = batch
    if !aVector { out.append(m) }
    if !bVector { out.append(n) }
    return (batch, m, k, n, out)
  }

  static func text(_ d: [Int]) -> String { d.isEmpty ? "a scalar" : d.map(String.init).joined(separator: "×") }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let g = try geometry(inputs)
    guard let s = Shape(g.out) else { throw ShapeIssue("the product of two vectors is a scalar; netcost's tensors have at least one axis") }
    return [s]
  }

  /// Every output element mixes a whole row and column: global over spatial axes.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs.contains { $0.axes != nil } ? .global : FieldRule.keepingSpatialSize(inputs, inputShapes, outputShapes)
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    guard let g = try? geometry(inputs) else { return .zero }
    let rows = try Checked.mul(try Checked.product(g.batch, "batch"), g.m, "rows")
    let outElems = try Checked.mul(rows, g.n, "output elements")
    let macs = try Checked.mul(outElems, g.k, "MACs")
    let perOut = try Checked.add(try Checked.mul(2, g.k, "FLOPs"), bias ? 0 : -1, "FLOPs")
    return LayerCost(macs: macs, flops: try Checked.mul(outElems, perOut, "FLOPs"))
  }
}
