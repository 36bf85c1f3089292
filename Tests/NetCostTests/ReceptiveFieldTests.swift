// netcost — Apache-2.0
//
// Receptive fields: the reference measured by back-propagation through real
// framework models (Tests/Fixtures/rf), the seed's facts, and hand-worked
// chains through every rule.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Receptive field")
struct ReceptiveFieldTests {
  /// Which layer of which spec is the sub-network each reference entry measured.
  static let networks: [String: (model: String, layer: String)] = [
    "alexnet.features": ("alexnet", "features.12"),
    "vgg16.features": ("vgg16", "features.30"),
    "resnet50.trunk": ("resnet50", "layer4.2.relu#3"),
    "mobilenet_v2.features": ("mobilenet_v2", "features.18.2"),
  ]

  /// The synthetic reference networks, written out as specs.
  static let synthetic: [String: String] = [
    "synthetic.3x3x3":
      #"{"type": "conv2d", "out": 1, "kernel": 3, "pad": 1}, {"type": "conv2d", "out": 1, "kernel": 3, "pad": 1}, {"type": "conv2d", "out": 1, "kernel": 3, "pad": 1}"#,
    "synthetic.s2_then_dil2":
      #"{"type": "conv2d", "out": 1, "kernel": 3, "stride": 2, "pad": 1}, {"type": "conv2d", "out": 1, "kernel": 3, "dilation": 2, "pad": 2}"#,
    "synthetic.pool3s2": #"{"type": "max_pool2d", "kernel": 3, "stride": 2}"#,
  ]

  static var reference: [String: [String: Any]] {
    (try? loadJSON(fixture("rf/receptive_field.json"))) as? [String: [String: Any]] ?? [:]
  }

  func check(_ f: ReceptiveField, against ref: [String: Any], _ what: String) throws {
    let axes = try #require(f.axes, "\(what): expected a spatial field, found \(f)")
    #expect(axes.map(\.size) == (ref["size"] as! [Int]).map { Rational(integer: $0) }, "\(what) size")
    #expect(axes.map(\.jump) == (ref["jump"] as! [Int]).map { Rational(integer: $0) }, "\(what) jump")
    #expect(axes.map(\.center.double) == ref["center_of_output_0"] as! [Double], "\(what) centre")
  }

  @Test(
    "size, jump and centre equal the back-propagation measurement",
    arguments: ["alexnet.features", "vgg16.features", "resnet50.trunk", "mobilenet_v2.features"])
  func referenceNetworks(_ key: String) throws {
    let ref = try #require(Self.reference[key])
    let (model, layer) = Self.networks[key]!
    let r = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/\(model).json").path)
    let l = try #require(r.layer(layer))
    try check(l.receptiveField, against: ref, key)
  }

  @Test("synthetic reference chains", arguments: ["synthetic.3x3x3", "synthetic.s2_then_dil2", "synthetic.pool3s2"])
  func syntheticNetworks(_ key: String) throws {
    let ref = try #require(Self.reference[key])
    let input = ref["input"] as! [Int]
    let r = try analyze(spec(input: [1] + input, Self.synthetic[key]!))
    #expect(Array(r.layers.last!.outputShapes[0].dims.dropFirst(2)) == ref["output_hw"] as! [Int])
    try check(r.layers.last!.receptiveField, against: ref, key)
  }

  @Test("every reference entry is checked")
  func referenceCovered() {
    #expect(Set(Self.reference.keys) == Set(Self.networks.keys).union(Self.synthetic.keys))
  }

  func field(_ input: [Int], _ layers: String, _ name: String? = nil) throws -> ReceptiveField {
    let r = try analyze(spec(input: input, layers))
    return (name.flatMap { r.layer($0) } ?? r.layers.last!).receptiveField
  }

  func axis(_ f: ReceptiveField, _ i: Int = 0) -> (size: String, jump: String, center: String) {
    let a = f.axes![i]
    return (a.size.description, a.jump.description, a.center.description)
  }

  @Test("two stacked 3×3 convs see what one 5×5 sees")
  func stackedEqualsLarger() throws {
    let two = try field(
      [1, 32, 32], #"{"type": "conv2d", "out": 1, "kernel": 3}, {"type": "conv2d", "out": 1, "kernel": 3}"#)
    let one = try field([1, 32, 32], #"{"type": "conv2d", "out": 1, "kernel": 5}"#)
    #expect(two == one)
    #expect(axis(two).size == "5")
  }

  @Test("dilation enlarges the field without striding: 3×3 dilation 4 sees 9 pixels, jump 1")
  func dilationWithoutStride() throws {
    let f = try field([1, 32, 32], #"{"type": "conv2d", "out": 1, "kernel": 3, "dilation": 4, "pad": 4}"#)
    #expect(axis(f).size == String(4 * (3 - 1) + 1))
    #expect(axis(f).jump == "1")
    #expect(axis(f).center == "0")
  }

  @Test("asymmetric padding moves the centre: c = (k − 1)/2 − pad_begin")
  func asymmetricPadding() throws {
    // SAME, k 4, s 2 on 8: total pad (4−1)·2 + 4 − 8 = 2 → (1, 1); k 4 pad [[0, 3]]: centre (4−1)/2 − 0 = 1.5.
    let f = try field([1, 8, 8], #"{"type": "conv2d", "out": 1, "kernel": 4, "pad": [[0, 3], [2, 1]]}"#)
    #expect(axis(f, 0).center == "1.5")
    #expect(axis(f, 1).center == "-0.5")
    #expect(f.axes![1].equivalentPadding == Rational(2, 1))
  }

  @Test("pooling and a following conv: r = 2 + (3−1)·2 = 6, jump 2, centre 0.5")
  func poolThenConv() throws {
    let f = try field(
      [1, 16, 16], #"{"type": "max_pool2d", "kernel": 2}, {"type": "conv2d", "out": 1, "kernel": 3, "pad": 1}"#)
    #expect(axis(f).size == "6")
    #expect(axis(f).jump == "2")
    #expect(axis(f).center == "0.5")
  }

  @Test("transposed conv divides the jump; at most ⌈k/s⌉ inputs reach an output")
  func transposedConv() throws {
    // After a 2×2 stride-2 conv (r 2, j 2, c 0.5): deconv k 4 s 2 p 1 → j 1, r = 2 + (2 − 1)·2 = 4,
    // c = 0.5 + ((2·1 − 3)/(2·2))·2 = 0.
    let f = try field(
      [1, 16, 16],
      #"{"type": "conv2d", "out": 1, "kernel": 2, "stride": 2}, {"type": "conv_transpose2d", "out": 1, "kernel": 4, "stride": 2, "pad": 1}"#
    )
    #expect(axis(f).jump == "1")
    #expect(axis(f).size == "4")
    #expect(axis(f).center == "0")
  }

  @Test("upsampling makes the jump fractional; nearest keeps size and centre, bilinear adds a neighbour")
  func upsampling() throws {
    let n = try field([1, 8, 8], #"{"type": "upsample", "scale": 2}"#)
    #expect(n.axes![0].jump == Rational(1, 2))
    #expect(axis(n).size == "1")
    #expect(axis(n).center == "0")
    let b = try field([1, 8, 8], #"{"type": "upsample", "scale": 2, "mode": "bilinear"}"#)
    #expect(axis(b).size == "2")
    // Output 0 samples input 0.5/2 − 0.5 = −0.25.
    #expect(b.axes![0].center == Rational(-1, 4))
  }

  @Test("global pooling and anything after flatten see the whole input; element-wise ops change nothing")
  func globalAndElementwise() throws {
    let r = try analyze(
      spec(
        input: [3, 16, 16],
        """
        {"name": "c", "type": "conv2d", "out": 4, "kernel": 3},
        {"name": "act", "type": "sigmoid"},
        {"name": "bn", "type": "batch_norm"},
        {"name": "g", "type": "global_avg_pool"},
        {"name": "f", "type": "flatten"},
        {"name": "fc", "type": "linear", "out": 2}
        """))
    #expect(r.layer("act")!.receptiveField == r.layer("c")!.receptiveField)
    #expect(r.layer("bn")!.receptiveField == r.layer("c")!.receptiveField)
    #expect(r.layer("g")!.receptiveField == .global)
    #expect(r.layer("fc")!.receptiveField == .global)
  }

  @Test("merges take the union of the regions and warn when centres differ")
  func merges() throws {
    let r = try analyze(
      spec(
        input: [1, 16, 16],
        """
        {"name": "a", "type": "conv2d", "inputs": "x", "out": 1, "kernel": 3, "pad": 1},
        {"name": "b", "type": "conv2d", "inputs": "x", "out": 1, "kernel": 5, "pad": 2},
        {"name": "sum", "type": "add", "inputs": ["a", "b"]},
        {"name": "c", "type": "conv2d", "inputs": "x", "out": 1, "kernel": 3, "pad": [[0, 2], [1, 1]]},
        {"name": "cat", "type": "concat", "inputs": ["a", "c"]}
        """))
    #expect(axis(r.layer("sum")!.receptiveField).size == "5")
    #expect(r.findings.filter { $0.layer == "sum" && $0.kind == .misalignedMerge }.isEmpty)
    // a covers −1…1, c covers 0…2 along H: union −1…2, 4 pixels, centre 0.5.
    #expect(axis(r.layer("cat")!.receptiveField, 0).size == "4")
    #expect(axis(r.layer("cat")!.receptiveField, 0).center == "0.5")
    let warning = try #require(r.findings.first { $0.kind == .misalignedMerge })
    #expect(warning.layer == "cat")
    #expect(warning.message.contains("along H"))
  }

  @Test("lint: stride larger than the kernel, only where nothing else reads the pixels")
  func strideLint() throws {
    let r = try analyze(
      spec(input: [1, 16, 16], #"{"name": "s", "type": "conv2d", "out": 1, "kernel": 1, "stride": 2}"#))
    #expect(r.findings.map(\.kind).contains(.strideExceedsKernel))
    let resnet = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/resnet50.json").path)
    #expect(!resnet.findings.map(\.kind).contains(.strideExceedsKernel))
  }

  @Test("lint: stacked dilated convs with a common factor leave holes; a dense conv between fills them")
  func griddingLint() throws {
    let holes = try analyze(
      spec(
        input: [1, 64, 64],
        """
        {"type": "conv2d", "out": 1, "kernel": 3, "dilation": 2, "pad": 2},
        {"name": "d4", "type": "conv2d", "out": 1, "kernel": 3, "dilation": 4, "pad": 4}
        """))
    #expect(holes.findings.first { $0.kind == .dilationGridding }?.layer == "d4")
    let filled = try analyze(
      spec(
        input: [1, 64, 64],
        """
        {"type": "conv2d", "out": 1, "kernel": 3, "dilation": 2, "pad": 2},
        {"type": "conv2d", "out": 1, "kernel": 3, "pad": 1},
        {"type": "conv2d", "out": 1, "kernel": 3, "dilation": 4, "pad": 4}
        """))
    #expect(!filled.findings.map(\.kind).contains(.dilationGridding))
    let coprime = try analyze(
      spec(
        input: [1, 64, 64],
        """
        {"type": "conv2d", "out": 1, "kernel": 3, "dilation": 2, "pad": 2},
        {"type": "conv2d", "out": 1, "kernel": 3, "dilation": 3, "pad": 3}
        """))
    #expect(!coprime.findings.map(\.kind).contains(.dilationGridding))
  }

  @Test("lint: the last spatial layer's field is smaller than the input")
  func smallFieldLint() throws {
    let r = try analyze(spec(input: [1, 32, 32], #"{"name": "c", "type": "conv2d", "out": 1, "kernel": 3, "pad": 1}"#))
    let f = try #require(r.findings.first { $0.kind == .receptiveFieldSmallerThanInput })
    #expect(f.layer == "c")
    #expect(f.message.contains("3×3") && f.message.contains("32×32"))
    let resnet = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/resnet50.json").path)
    #expect(!resnet.findings.map(\.kind).contains(.receptiveFieldSmallerThanInput))
  }

  @Test("the input box of one output position, clipped to the image")
  func inputRegion() throws {
    let vgg = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/vgg16.json").path)
    let f = vgg.layer("features.30")!.receptiveField
    let a = f.axes![0]
    guard case .success(let region) = InputRegion.of(f, at: [3, 4], inputSize: [224, 224]) else {
      Issue.record("no region")
      return
    }
    // Centre 15.5 + index·32, half-width (212 − 1)/2 = 105.5.
    #expect(a.size == Rational(integer: 212))
    #expect(region.axes[0].first == Int(15.5 + 3 * 32 - 105.5))
    #expect(region.axes[0].last == Int(15.5 + 3 * 32 + 105.5))
    #expect(region.axes[1].last == Int(15.5 + 4 * 32 + 105.5))
    #expect(region.axes[1].clippedLast == 223)
  }

  @Test("JSON carries rf per layer and per model output")
  func jsonShape() throws {
    let r = try analyze(spec(input: [1, 8, 8], #"{"name": "c", "type": "conv2d", "out": 1, "kernel": 3}"#))
    let j = try #require(
      try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(r).utf8)) as? [String: Any])
    let layer = (j["layers"] as! [[String: Any]])[0]
    let rf = try #require(layer["rf"] as? [String: Any])
    #expect(rf["size"] as? [Int] == [3, 3])
    #expect(rf["jump"] as? [Int] == [1, 1])
    #expect(rf["center"] as? [Int] == [1, 1])
    let totals = try #require(j["totals"] as? [String: Any])
    #expect(((totals["rf"] as? [String: Any])?["c"] as? [String: Any])?["size"] as? [Int] == [3, 3])
    #expect((j["warnings"] as? [Any])?.count == 1)
  }
}
