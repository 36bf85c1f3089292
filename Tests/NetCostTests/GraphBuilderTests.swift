// netcost — Apache-2.0
//
// The graph builder every importer uses: names, shared weights, shape
// messages, and the topological sort. Expected figures are worked by hand.

import NetCost
import Testing

@Suite("Graph builder")
struct GraphBuilderTests {
  let loc = SourceLocation(file: "m.test")

  /// A builder with one N×C×H×W input named `x`.
  func builder(_ dims: [Int]) -> (GraphBuilder, TensorRef) {
    var b = GraphBuilder(name: "m")
    let x = b.addInput(
      GraphInput(name: "x", dims: dims, location: loc, dimsIncludeBatch: true), shape: Shape(dims)!)
    return (b, x)
  }

  @Test("a repeated name gets #2, #3…; a missing one becomes OpType_index")
  func names() {
    var b = GraphBuilder(name: "m")
    #expect(b.uniqueName("conv") == "conv")
    #expect(b.uniqueName("conv") == "conv#2")
    #expect(b.uniqueName("conv#3") == "conv#3")
    // #3 is taken by a name written that way, so the next repeat skips it.
    #expect(b.uniqueName("conv") == "conv#4")
    #expect(b.uniqueName(nil, opType: "Relu", index: 7) == "Relu_7")
    #expect(b.uniqueName("", opType: "Relu", index: 7) == "Relu_7#2")
    #expect(b.isUsed("conv#4"))
    #expect(!b.isUsed("conv#5"))
  }

  @Test("layers are built from typed ops, shapes inferred as they are added, outputs named")
  func shapesAndNames() throws {
    var (b, x) = builder([1, 3, 32, 32])
    // 3×3, stride 2, pad 1: ⌊(32 + 2 − 3)/2⌋ + 1 = 16.
    let conv = Conv(
      out: 16, window: Window(kernel: .all(3), stride: .all(2), padding: .explicit(.all(1, 1))), spatialRank: 2)
    let outs = try b.addLayer(
      name: b.uniqueName("c"), kind: "conv2d", op: conv, inputs: [x], outputs: ["y"], location: loc)
    #expect(outs.map(\.dims) == [[1, 16, 16, 16]])
    let y = try #require(b.tensor("y"))
    #expect(y.ref == .output(layer: 0, index: 0))
    #expect(y.shape.dims == [1, 16, 16, 16])
    try b.addLayer(
      name: b.uniqueName("r"), kind: "relu", op: Activation(function: .relu), inputs: [y.ref], location: loc)
    let r = try Analyzer.analyze(try b.build())
    // Params 16·3·3·3 + 16; MACs 16·16·16 outputs × 27.
    #expect(r.layers[0].cost.params == 16 * 27 + 16)
    #expect(r.layers[0].cost.macs == 16 * 16 * 16 * 27)
    #expect(r.layers[1].cost.flops == 16 * 16 * 16)
  }

  @Test("a weight read by two layers is counted at the first, with one finding naming the others")
  func sharedWeights() throws {
    var (b, x) = builder([1, 8])
    let w = b.declareWeight("proj.weight", elements: 8 * 8)
    let idx = b.declareWeight("positions", elements: 8, counted: false)
    for name in ["a", "b", "c"] {
      try b.addLayer(
        name: b.uniqueName(name), kind: "linear", op: Linear(out: 8, bias: false), inputs: [x], weights: [w, idx],
        location: loc)
    }
    // Without declared weights the op's own rule counts: 8·4 + 4.
    try b.addLayer(name: b.uniqueName("d"), kind: "linear", op: Linear(out: 4), inputs: [x], location: loc)
    // Declared but empty: nothing stored, so nothing counted.
    try b.addLayer(name: b.uniqueName("e"), kind: "linear", op: Linear(out: 4), inputs: [x], weights: [], location: loc)
    let g = try b.build()
    let r = try Analyzer.analyze(g)
    #expect(r.layers.map(\.cost.params) == [64, 0, 0, 8 * 4 + 4, 0])
    #expect(g.notes.count == 1)
    #expect(g.notes[0].kind == .sharedWeights)
    #expect(g.notes[0].layer == "a")
    #expect(
      g.notes[0].message
        == "weight 'proj.weight' (64 elements) is read by 3 layers (also 'b', 'c'); its parameters are counted once, here"
    )
  }

  @Test("buffers are declared apart from parameters")
  func buffers() throws {
    var (b, x) = builder([1, 4, 2, 2])
    let gamma = b.declareWeight("bn.weight", elements: 4)
    let mean = b.declareWeight("bn.running_mean", elements: 4)
    let variance = b.declareWeight("bn.running_var", elements: 4)
    try b.addLayer(
      name: "bn", kind: "batch_norm", op: BatchNorm(), inputs: [x], weights: [gamma], buffers: [mean, variance],
      location: loc)
    let r = try Analyzer.analyze(try b.build())
    #expect(r.layers[0].cost.params == 4)
    #expect(r.layers[0].cost.buffers == 8)
  }

  @Test("a shape mismatch names the layer, the format's op and the input shape")
  func shapeMessage() throws {
    var (b, x) = builder([1, 3, 8, 8])
    let conv = Conv(out: 4, groups: 2, window: Window(kernel: .all(1)))
    #expect(
      throws: NetCostError.shape(
        loc, layer: "k", message: "Conv: input channels 3 are not divisible by groups 2 (input 1×3×8×8)")
    ) {
      try b.addLayer(name: "k", kind: "conv2d", op: conv, inputs: [x], location: loc, sourceType: "Conv")
    }
    #expect(throws: NetCostError.self) {
      try b.addLayer(
        name: "z", kind: "relu", op: Activation(function: .relu), inputs: [.output(layer: 5, index: 0)], location: loc)
    }
  }

  @Test("the one topological sort keeps a working order and takes the earliest ready node")
  func topologicalOrder() {
    // 0 reads 2, 2 reads 1; 3 reads nothing but comes after 0 once 0 is ready: 1, 2, 0, 3.
    let (order, blocked) = TopologicalOrder.sort(count: 4) { [[2], [], [1], []][$0] }
    #expect(order == [1, 2, 0, 3])
    #expect(blocked.isEmpty)
    let inOrder = TopologicalOrder.sort(count: 3) { [[], [0], [0, 1]][$0] }
    #expect(inOrder.order == [0, 1, 2])
    // 1 and 2 read each other; 3 reads 2: all three blocked, 0 done.
    let cyc = TopologicalOrder.sort(count: 4) { [[], [2], [1], [2]][$0] }
    #expect(cyc.order == [0])
    #expect(cyc.blocked == [1, 2, 3])
  }
}
