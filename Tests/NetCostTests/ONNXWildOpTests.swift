// netcost — Apache-2.0
//
// The ops real exports emit around masks, indexing, einsum, quantization and
// onnxruntime's fused transformer ops (issue 13): shape rules and costs, each
// expected number worked by hand in the test.

import NetCost
import NetCostTestSupport
import Testing

@Suite("ONNX ops of real exports: shapes and costs")
struct ONNXWildOpTests {
  func s(_ d: Int...) -> Shape { Shape(d)! }

  @Test("comparisons broadcast, give booleans and cost one FLOP per output element")
  func comparisons() throws {
    let op = Compare(operation: .equal, constants: [[]])
    #expect(try op.outputShapes([s(2, 1, 16)]) == [s(2, 1, 16)])
    // 2·1·16 = 32 comparisons.
    #expect(try op.cost(inputs: [s(2, 1, 16)], outputs: [s(2, 1, 16)]).flops == 32)
    #expect(op.outputDTypes(inputs: [.int64], outputs: 1, model: .float32) == [.int8])
    let and = Compare(operation: .and)
    #expect(try and.outputShapes([s(1, 1, 16, 1), s(1, 1, 1, 16)]) == [s(1, 1, 16, 16)])
    #expect(Compare(operation: .mod).outputDTypes(inputs: [.int64], outputs: 1, model: .float32) == [.int64])
    #expect(throws: ShapeIssue.self) { try and.outputShapes([s(1, 3), s(1, 4)]) }
  }

  @Test("Where broadcasts its three operands and moves data")
  func select() throws {
    let op = Select(constants: [[]])
    #expect(try op.outputShapes([s(1, 1, 16, 16), s(1, 4, 16, 16)]) == [s(1, 4, 16, 16)])
    #expect(op.costKind == .zeroCost)
    #expect(throws: ShapeIssue.self) { try Select().outputShapes([s(1, 4)]) }
  }

  @Test("IsNaN, IsInf and Not keep the shape, give booleans, one FLOP per element")
  func predicates() throws {
    let op = Predicate(test: .isNaN)
    #expect(try op.outputShapes([s(1, 4, 16, 16)]) == [s(1, 4, 16, 16)])
    #expect(try op.cost(inputs: [s(1, 4, 16, 16)], outputs: [s(1, 4, 16, 16)]).flops == 4 * 16 * 16)
    #expect(op.outputDTypes(inputs: [.float32], outputs: 1, model: .float32) == [.int8])
  }

  @Test("CumSum adds L − 1 times per line of length L")
  func cumsum() throws {
    // 2×16 along axis 1: 2 lines × 15 additions = 30.
    #expect(try CumSum(axis: 1).cost(inputs: [s(2, 16)], outputs: [s(2, 16)]).flops == 30)
    #expect(throws: ShapeIssue.self) { try CumSum(axis: 2).outputShapes([s(2, 16)]) }
  }

  @Test("Gather with computed indices, GatherElements and GatherND follow from the two shapes")
  func gathers() throws {
    // CLIP's pooled token: hidden 1×16×64 gathered by argmax positions [1] along axis 1 → 1×1×64.
    #expect(try IndexGather(mode: .axis(1)).outputShapes([s(1, 16, 64), s(1)]) == [s(1, 1, 64)])
    // GatherElements: the indices' shape.
    #expect(try IndexGather(mode: .elements(1)).outputShapes([s(1, 128), s(1, 16)]) == [s(1, 16)])
    // GatherND, batch_dims 0, index tuples of length 2 into 1×16×64: indices 3×2 → 3×64.
    #expect(try IndexGather(mode: .nd(batchDims: 0)).outputShapes([s(1, 16, 64), s(3, 2)]) == [s(3, 64)])
    // GatherND, batch_dims 1, one index per batch row into 4×16×64: indices 4×1 → 4×64.
    #expect(try IndexGather(mode: .nd(batchDims: 1)).outputShapes([s(4, 16, 64), s(4, 1)]) == [s(4, 64)])
    // A stored table read by computed positions, along axis 1.
    #expect(try IndexGather(mode: .axis(1), data: [3, 10, 5]).outputShapes([s(1, 2)]) == [s(3, 1, 2, 5)])
    #expect(throws: ShapeIssue.self) { try IndexGather(mode: .elements(0)).outputShapes([s(4, 4), s(4)]) }
    #expect(throws: ShapeIssue.self) { try IndexGather(mode: .nd(batchDims: 0)).outputShapes([s(4, 4), s(2, 3)]) }
  }

  @Test("scatters keep the data's shape; a reduction costs one FLOP per update")
  func scatters() throws {
    let plain = Scatter()
    #expect(try plain.outputShapes([s(8, 4), s(2, 1), s(2, 4)]) == [s(8, 4)])
    #expect(plain.costKind == .zeroCost)
    let add = Scatter(operands: [nil, [2, 1], nil], reduces: true)
    #expect(try add.outputShapes([s(8, 4), s(2, 4)]) == [s(8, 4)])
    #expect(try add.cost(inputs: [s(8, 4), s(2, 4)], outputs: [s(8, 4)]).flops == 8)
  }

  @Test("ArgMax, TopK, Trilu and OneHot")
  func selections() throws {
    let arg = ArgReduce(isMax: true, axis: -1, keepDims: false)
    #expect(try arg.outputShapes([s(2, 16)]) == [s(2)])
    #expect(try arg.cost(inputs: [s(2, 16)], outputs: [s(2)]).flops == 32)
    #expect(arg.outputDTypes(inputs: [.int64], outputs: 1, model: .float32) == [.int64])
    #expect(try ArgReduce(isMax: false, axis: 1, keepDims: true).outputShapes([s(2, 16)]) == [s(2, 1)])
    let top = TopK(k: 5, axis: -1)
    #expect(try top.outputShapes([s(1, 1000)]) == [s(1, 5), s(1, 5)])
    #expect(throws: ShapeIssue.self) { try TopK(k: 6, axis: 1).outputShapes([s(1, 5)]) }
    #expect(try Trilu(upper: true).outputShapes([s(1, 16, 16)]) == [s(1, 16, 16)])
    #expect(try OneHot(depth: 10).outputShapes([s(2, 3)]) == [s(2, 3, 10)])
    #expect(try OneHot(depth: 10, axis: 0).outputShapes([s(2, 3)]) == [s(10, 2, 3)])
  }

  @Test("Einsum: the equation's shape, and MACs as the product of every index extent")
  func einsum() throws {
    // Q·Kᵀ per head: b=2, h=4, q=16, k=16, d=8 → 2×4×16×16, MACs 2·4·16·16·8 = 16,384.
    let qk = Einsum(equation: "bhqd,bhkd->bhqk", operands: [nil, nil])
    let ins = [s(2, 4, 16, 8), s(2, 4, 16, 8)]
    #expect(try qk.outputShapes(ins) == [s(2, 4, 16, 16)])
    let c = try qk.cost(inputs: ins, outputs: [s(2, 4, 16, 16)])
    #expect(c.macs == 16_384)
    // FLOPs: one multiply per index combination + (16,384 − 2,048 outputs) adds.
    #expect(c.flops == 16_384 + 16_384 - 2_048)
    // maxvit's lookup, 'nhw,ixh->nixw' with a stored first operand: n=4 h=13 w=13 i=7 x=7 (h summed).
    let lookup = Einsum(equation: "nhw,ixh->nixw", operands: [[4, 13, 13], nil])
    #expect(try lookup.outputShapes([s(7, 7, 13)]) == [s(4, 7, 7, 13)])
    #expect(try lookup.indexProduct([s(7, 7, 13)]) == 4 * 13 * 13 * 7 * 7)
    // Implicit output (letters used once, alphabetically) and an ellipsis.
    #expect(try Einsum(equation: "ij,jk", operands: [nil, nil]).outputShapes([s(3, 4), s(4, 5)]) == [s(3, 5)])
    #expect(
      try Einsum(equation: "...ij,...jk->...ik", operands: [nil, nil]).outputShapes([s(2, 3, 3, 4), s(3, 4, 5)])
        == [s(2, 3, 3, 5)])
    #expect(throws: ShapeIssue.self) { try qk.outputShapes([s(2, 4, 16, 8), s(2, 4, 16, 9)]) }
    #expect(throws: ShapeIssue.self) { try Einsum(equation: "ij,jk->ik", operands: [nil]).outputShapes([s(2, 2)]) }
  }

  @Test("quantize and dequantize keep the shape; dynamic quantization adds a scale and a zero point")
  func quantize() throws {
    #expect(try Quantize(mode: .quantize).outputShapes([s(1, 16, 64)]) == [s(1, 16, 64)])
    #expect(try Quantize(mode: .dynamic).outputShapes([s(1, 16, 64)]) == [s(1, 16, 64), s(1), s(1)])
    // Dynamic: min, max, scale and shift, 4 per element of 1·16·64.
    #expect(try Quantize(mode: .dynamic).cost(inputs: [s(1, 16, 64)], outputs: []).flops == 4 * 1_024)
    #expect(Quantize(mode: .quantize).outputDTypes(inputs: [.float32], outputs: 1, model: .float32) == [.int8])
  }

  @Test("fused attention counts the packed projection and both products of every head")
  func attention() throws {
    // BERT-tiny self-attention: B=1, S=16, hidden 64, 4 heads; packed QKV weight 64×192.
    let op = FusedAttention(heads: 4, keyWidth: 64, valueWidth: 64, projection: 192, bias: true)
    #expect(try op.outputShapes([s(1, 16, 64)]) == [s(1, 16, 64)])
    // Projection 16·64·192 = 196,608; Q·Kᵀ 16·16·64 = 16,384; A·V 16,384.
    let c = try op.cost(inputs: [s(1, 16, 64)], outputs: [s(1, 16, 64)])
    #expect(c.macs == 196_608 + 16_384 + 16_384)
    // With 8 cached keys: T = 24, products 2·16·24·64 = 49,152.
    let past = FusedAttention(heads: 4, keyWidth: 64, valueWidth: 64, pastLength: 8)
    #expect(try past.cost(inputs: [s(1, 16, 64)], outputs: [s(1, 16, 64)]).macs == 49_152)
    // Separate key and value of 10 positions: 16·10·(64 + 32).
    let cross = FusedAttention(heads: 4, keyWidth: 64, valueWidth: 32)
    #expect(try cross.outputShapes([s(1, 16, 64), s(1, 10, 64), s(1, 10, 32)]) == [s(1, 16, 32)])
    #expect(try cross.cost(inputs: [s(1, 16, 64), s(1, 10, 64), s(1, 10, 32)], outputs: []).macs == 16 * 10 * 96)
    #expect(throws: ShapeIssue.self) {
      try FusedAttention(heads: 5, keyWidth: 64, valueWidth: 64).outputShapes([s(1, 2, 64)])
    }
  }

  @Test("EmbedLayerNormalization gives the embedding, the mask index and optionally the sum")
  func embedLayerNorm() throws {
    let op = EmbedLayerNorm(hidden: 64, tables: 3, sumOutput: true)
    #expect(try op.outputShapes([s(2, 16), s(2, 16)]) == [s(2, 16, 64), s(2), s(2, 16, 64)])
    // 2 additions + 7 for the normalization, per output element of 2·16·64.
    #expect(try op.cost(inputs: [s(2, 16)], outputs: [s(2, 16, 64)]).flops == 9 * 2_048)
  }
}
