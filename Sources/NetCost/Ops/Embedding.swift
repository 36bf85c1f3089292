// netcost — Apache-2.0

/// A lookup table: each element of the input (an integer index) becomes a
/// row of `dim` learned values, as `nn.Embedding` and an ONNX Gather from a
/// weight table. Output: the input's shape with `dim` appended.
///
/// Fields: `num` (rows, the vocabulary size), `dim` (values per row).
/// Params: num·dim.
public struct Embedding: Operator {
  public static let kinds = ["embedding"]
  public static let arity = 1...1
  public static let flopRule = "0 (a table lookup moves data)"

  /// Rows in the table.
  public var num: Int
  /// Values per row.
  public var dim: Int

  public init(kind: String, attributes a: Attributes) throws {
    num = try a.int("num")
    dim = try a.int("dim")
  }

  /// A table of `num` rows of `dim` values.
  public init(num: Int, dim: Int) {
    self.num = num
    self.dim = dim
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] { [Shape(inputs[0].dims + [dim])!] }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs[0].axes != nil ? .unknown("embedding adds an axis") : inputs[0]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(params: try Checked.mul(num, dim, "parameters"))
  }
}
