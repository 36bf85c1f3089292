// netcost — Apache-2.0
//
// Ops built from their memberwise initializers, as importers build them:
// the same figures as the native spec's decoder gives, with the same
// defaults, and a shape issue (not a trap) for a configuration the decoder
// would have refused. Expected figures are worked by hand.

import NetCost
import Testing

@Suite("Typed ops")
struct TypedOpTests {
  let loc = SourceLocation(file: "typed.test")

  /// Analyzes one layer applying `op` to an input of `dims` (batch first).
  func analyzeOne(_ op: any Operator, _ dims: [Int]) throws -> LayerReport {
    let g = try Graph(
      name: "t", inputs: [GraphInput(name: "x", dims: dims, location: loc, dimsIncludeBatch: true)],
      layers: [Layer(name: "l", kind: "op", op: op, inputs: [.input(0)], location: loc)])
    return try Analyzer.analyze(g).layers[0]
  }

  /// The same layer written in a native spec.
  func decoded(_ dims: [Int], _ layer: String) throws -> LayerReport {
    try analyze(spec(input: Array(dims.dropFirst()), layer), batch: dims[0]).layers[0]
  }

  @Test("a conv from its initializer matches the spec's, defaults included (bias on, groups 1)")
  func conv() throws {
    let op = Conv(out: 16, window: Window(kernel: .all(3), stride: .all(2), padding: .explicit(.all(1, 1))))
    let l = try analyzeOne(op, [2, 3, 32, 32])
    // ⌊(32 + 2 − 3)/2⌋ + 1 = 16; params 16·3·9 + 16; MACs 2·16·16·16·27.
    #expect(l.outputShapes[0].dims == [2, 16, 16, 16])
    #expect(l.cost.params == 16 * 27 + 16)
    #expect(l.cost.macs == 2 * 16 * 16 * 16 * 27)
    let d = try decoded([2, 3, 32, 32], #"{"type": "conv2d", "out": 16, "kernel": 3, "stride": 2, "pad": 1}"#)
    #expect(d.cost == l.cost)
    #expect(d.outputShapes == l.outputShapes)
    // Depthwise: no groups and no out keeps the channels; params 3·9 + 3.
    let dw = try analyzeOne(Conv(out: nil, groups: nil, window: Window(kernel: .all(3))), [1, 3, 8, 8])
    #expect(dw.outputShapes[0].dims == [1, 3, 6, 6])
    #expect(dw.cost.params == 3 * 9 + 3)
  }

  @Test("pooling, linear and an LSTM from their initializers")
  func others() throws {
    let pool = try analyzeOne(Pool(isMax: true, window: Window(kernel: .all(2), stride: .all(2))), [1, 4, 8, 8])
    #expect(pool.outputShapes[0].dims == [1, 4, 4, 4])
    #expect(pool.cost.flops == 4 * 4 * 4 * 4)
    let fc = try analyzeOne(Linear(out: 10), [1, 20])
    #expect(fc.cost.params == 20 * 10 + 10)
    // PyTorch nn.LSTM(10, 20): 4·20·(10 + 20) weights and two bias vectors of 4·20.
    let lstm = try analyzeOne(Recurrent(cell: .lstm, hidden: 20), [1, 5, 10])
    #expect(lstm.cost.params == 4 * 20 * (10 + 20) + 2 * 4 * 20)
    #expect(lstm.outputShapes[0].dims == [1, 5, 20])
    let d = try decoded([1, 5, 10], #"{"type": "lstm", "hidden": 20}"#)
    #expect(d.cost == lstm.cost)
    let gelu = try analyzeOne(Activation(function: .geluTanh), [1, 7])
    let dg = try decoded([1, 7], #"{"type": "gelu", "approximate": "tanh"}"#)
    #expect(gelu.cost == dg.cost)
    #expect(gelu.cost.flops == 7 * 13)
  }

  @Test("a configuration the spec decoder refuses is a shape issue, not a crash")
  func invalidConfigurations() {
    let x = [Shape([1, 4, 8, 8])!]
    let bad: [any Operator] = [
      Conv(out: 4, groups: 0, window: Window(kernel: .all(3))),
      Conv(out: 4, window: Window(kernel: .all(3), stride: .all(0))),
      Pool(isMax: false, window: Window(kernel: .all(0))),
      ChannelShuffle(groups: 0),
      GroupNorm(groups: 0),
      Split(parts: 0),
      Split(),
      Transpose(perm: [0, 0, 1, 2]),
      Resize(),
      Resize(size: .all(0)),
      Slice(axes: [2], starts: [0], ends: [4], steps: [0]),
      Slice(axes: [2, 3], starts: [0], ends: [4], steps: [1]),
      Pad(pads: .all(-1, 0)),
      Crop(crop: .all(-1, 0)),
      AdaptivePool(output: .all(0)),
      Gather(axis: 1, indices: [0]),
      Embedding(vocab: 10, dim: 0),
    ]
    for op in bad {
      #expect(throws: ShapeIssue.self, "\(op)") { try op.outputShapes(x) }
    }
    #expect(throws: ShapeIssue.self) { try Heads(heads: 0).outputShapes([Shape([1, 4, 8])!]) }
  }

  @Test("a window resolved again after a change, or on other sizes, is resolved afresh (its memo keys on both)")
  func windowResolvedAfresh() throws {
    var w = Window(kernel: .all(3), stride: .all(2), padding: .explicit(.all(1, 1)))
    let copy = w
    // ⌊(32 + 2 − 3)/2⌋ + 1 = 16, and ⌊(9 + 2 − 3)/2⌋ + 1 = 5.
    #expect(try w.resolve([32, 32]).output == [16, 16])
    #expect(try w.resolve([9, 32][...]).output == [5, 16])
    #expect(try w.resolve([32, 32]).output == [16, 16])
    // Stride 1 now: ⌊(32 + 2 − 3)/1⌋ + 1 = 32; the copy made before keeps stride 2.
    w.stride = .all(1)
    #expect(try w.resolve([32, 32]).output == [32, 32])
    #expect(try copy.resolve([32, 32]).output == [16, 16])
    // A failure is remembered as a failure, and a change clears it: kernel 3 on 1 pixel without padding.
    var v = Window(kernel: .all(3))
    #expect(throws: ShapeIssue.self) { try v.resolve([1, 1]) }
    #expect(throws: ShapeIssue.self) { try v.resolve([1, 1]) }
    v.padding = .explicit(.all(1, 1))
    #expect(try v.resolve([1, 1]).output == [1, 1])
    // Equality is the parameters', whatever either copy resolved.
    #expect(copy == Window(kernel: .all(3), stride: .all(2), padding: .explicit(.all(1, 1))))
  }
}
