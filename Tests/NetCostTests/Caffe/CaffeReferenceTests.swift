// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// Real public Caffe deploy files against figures computed outside netcost:
/// the two shared references (Tests/Fixtures/caffe/README.md) and the rest
/// by Scripts/caffe_reference.py (PyTorch's own shape arithmetic, parameter
/// counts and flop counter), each with its source in PROVENANCE.md.
@Suite struct CaffeReferenceTests {
  static let models = [
    "lenet", "bvlc_alexnet__deploy", "bvlc_reference_caffenet__deploy", "bvlc_reference_caffenet__deploy_v1",
    "bvlc_googlenet__deploy", "ResNet-50-deploy", "ResNet-101-deploy", "ResNet-152-deploy", "DenseNet_121",
    "mobilenet_deploy", "mobilenet_v2_deploy", "SE-ResNet-50", "SE-BN-Inception", "shufflenet_1x_g3_deploy",
    "SqueezeNet_v1.0__deploy", "SqueezeNet_v1.1__deploy",
  ]

  /// The reference figures of one model.
  struct Expected {
    var input: [Int]
    var params: Int
    var buffers: Int?
    var macs: Int
    var blobs: [String: [Int]]

    init(_ name: String) throws {
      let j = try #require(try loadJSON(fixture("caffe/\(name).expected.json")) as? [String: Any])
      input = try #require(j["input"] as? [Int])
      params = try #require(j["params"] as? Int)
      buffers = j["buffers"] as? Int
      macs = try #require(j["conv_linear_macs"] as? Int)
      blobs = try #require(j["blob_shapes"] as? [String: [Int]])
    }
  }

  /// Dimensions after the batch, with trailing 1s dropped: the shared
  /// references write a fully connected output as C×1×1, Caffe's blob is N×C.
  static func trimmed(_ dims: [Int]) -> [Int] {
    var d = dims
    while d.count > 1, d.last == 1 { d.removeLast() }
    return d
  }

  @Test(arguments: models) func matchesReference(_ name: String) throws {
    let expected = try Expected(name)
    let path = fixture("caffe/\(name).prototxt").path
    let model = try CaffeImport.load(file: path)
    let report = try Analyzer.analyze(model.graph, file: path)
    #expect(report.inputs.first.map { $0.shape.dims } == expected.input, "\(name): input")
    #expect(report.totals.params == expected.params, "\(name): params")
    if let buffers = expected.buffers { #expect(report.totals.buffers == buffers, "\(name): buffers") }
    #expect(report.totals.macs == expected.macs, "\(name): conv + linear MACs")
    #expect(report.layers.count == model.graph.layers.count)
    for (blob, dims) in expected.blobs.sorted(by: { $0.key < $1.key }) {
      let ref = try #require(model.blobs[blob], "\(name): blob \(blob) missing")
      let shape: Shape
      switch ref {
      case .input(let i): shape = report.inputs[i].shape
      case .output(let l, let k): shape = report.layers[l].outputShapes[k]
      }
      #expect(shape.dims[0] == 1, "\(name): \(blob) batch")
      #expect(Self.trimmed(Array(shape.dims.dropFirst())) == Self.trimmed(dims), "\(name): blob \(blob)")
    }
  }

  /// Every blob the file writes is one the reference has, and the other way round.
  @Test(arguments: models) func sameBlobs(_ name: String) throws {
    let expected = try Expected(name)
    let model = try CaffeImport.load(file: fixture("caffe/\(name).prototxt").path)
    #expect(Set(model.blobs.keys) == Set(expected.blobs.keys))
  }

  /// DenseNet-121's pool1 says `ceil_mode: false` (a fork field); ignoring it
  /// would round 112 → 57 instead of 56 and change the MACs by about 8%.
  /// Both numbers are the reference's: the file as published, and the same
  /// file without the line (the densenet ceil variant in PROVENANCE.md).
  @Test func denseNetCeilModeFalse() throws {
    let path = fixture("caffe/DenseNet_121.prototxt").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("ceil_mode: false"))
    let asPublished = try Analyzer.analyze(try CaffeImport.load(file: path).graph)
    let stripped = text.replacingOccurrences(of: "ceil_mode: false", with: "")
    let ceil = try Analyzer.analyze(try CaffeImport.load(bytes: Array(stripped.utf8), file: "ceil.prototxt").graph)
    let reference = try Expected("DenseNet_121")
    let ceilReference = try #require(
      try loadJSON(fixture("caffe/DenseNet_121_ceil.expected.json")) as? [String: Any])
    #expect(asPublished.totals.macs == reference.macs)
    #expect(ceil.totals.macs == ceilReference["conv_linear_macs"] as? Int)
    #expect(asPublished.layer("pool1")?.outputShapes[0].dims == [1, 64, 56, 56])
    #expect(ceil.layer("pool1")?.outputShapes[0].dims == [1, 64, 57, 57])
  }

  /// A deploy file's 10 crops are not the analysis batch: per image, and said so.
  @Test func declaredBatchIsNoted() throws {
    let model = try CaffeImport.load(file: fixture("caffe/bvlc_googlenet__deploy.prototxt").path)
    #expect(model.declaredBatch == 10)
    #expect(model.graph.inputs[0].dims == [3, 224, 224])
    let note = try #require(model.graph.notes.first)
    #expect(note.kind == .importAssumption)
    #expect(note.message.contains("batch of 10"))
    let report = try Analyzer.analyze(model.graph, options: AnalysisOptions(batch: 10))
    #expect(report.inputs[0].shape.dims == [10, 3, 224, 224])
  }
}
