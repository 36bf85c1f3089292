// netcost — Apache-2.0
//
// Every spec in Models/ against figures netcost did not compute: reference
// data from torchvision/fvcore/torchinfo (Tests/Fixtures/torchvision) or
// published figures (Tests/Fixtures/published/figures.json).

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Model zoo")
struct ModelZooTests {
  /// Specs with a reference file of the same name.
  static let referenced = [
    "alexnet", "densenet121", "googlenet", "mobilenet_v2", "resnet18", "resnet50", "squeezenet1_0", "vgg16", "vgg16_bn",
  ]

  static func report(_ model: String) throws -> Report {
    try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/\(model).json").path)
  }

  @Test("params, buffers and conv+linear MACs equal torchvision's and fvcore's", arguments: referenced)
  func totalsMatchReference(_ model: String) throws {
    let ref = try #require(try loadJSON(fixture("torchvision/\(model).json")) as? [String: Any])
    let r = try Self.report(model)
    #expect(r.totals.params == ref["params"] as? Int)
    #expect(r.totals.buffers == ref["buffers"] as? Int)
    let doc = ref["torchvision_doc"] as? [String: Any]
    #expect(r.totals.params == doc?["num_params"] as? Int)
    let fv = try #require(ref["fvcore_by_operator"] as? [String: Int])
    let convLinear = (fv["conv"] ?? 0) + (fv["linear"] ?? 0)
    #expect(r.totals.macs == convLinear, "netcost MACs \(r.totals.macs) vs fvcore conv+linear \(convLinear)")
    // Only conv and linear layers carry MACs in these CNNs.
    let macLayers = Set(r.layers.filter { $0.cost.macs > 0 }.map(\.type))
    #expect(macLayers.isSubset(of: ["conv2d", "conv", "linear"]))
  }

  @Test("every leaf module's output shape equals torchinfo's, call by call", arguments: referenced)
  func leafShapesMatchReference(_ model: String) throws {
    let ref = try #require(try loadJSON(fixture("torchvision/\(model).json")) as? [String: Any])
    let leaves = try #require(ref["leaf_layers"] as? [[String: Any]])
    let r = try Self.report(model)
    var byName: [String: LayerReport] = [:]
    for l in r.layers { byName[l.name] = l }
    var checked = 0
    for leaf in leaves {
      let name = leaf["name"] as! String
      let calls = leaf["output_shapes"] as! [[Int]]
      for (k, shape) in calls.enumerated() {
        let ours = k == 0 ? name : "\(name)#\(k + 1)"
        guard let l = byName[ours] else {
          Issue.record("\(model): no layer '\(ours)' for call \(k + 1) of torchvision's \(leaf["type"]!) '\(name)'")
          continue
        }
        #expect(l.outputShapes[0].dims == shape, "\(model) \(ours): \(l.outputShapes[0]) vs torchinfo \(shape)")
        #expect(l.cost.params == leaf["params"] as? Int, "\(model) \(ours): params")
        checked += 1
      }
    }
    #expect(checked == leaves.reduce(0) { $0 + (($1["output_shapes"] as? [[Int]])?.count ?? 0) })
    // Nothing with weights exists in our spec that torchvision does not have.
    let leafNames = Set(leaves.map { $0["name"] as! String })
    for l in r.layers where l.cost.params > 0 {
      #expect(
        leafNames.contains(String(l.name.split(separator: "#")[0])),
        "\(model): '\(l.name)' has weights but no torchvision module")
    }
  }

  static var published: [[String: Any]] {
    let all = (try? loadJSON(fixture("published/figures.json"))) as? [String: Any]
    return all?["models"] as? [[String: Any]] ?? []
  }

  @Test(
    "published figures: params exactly, MACs to the published rounding",
    arguments: published.map { $0["model"] as! String })
  func publishedFigures(_ model: String) throws {
    let entry = try #require(Self.published.first { $0["model"] as? String == model })
    let r = try NetCost.analyze(file: repoRoot.appendingPathComponent(entry["spec"] as! String).path)
    #expect(r.totals.params == entry["params"] as? Int, "\(model): \(entry["source"] ?? "")")
    if let buffers = entry["buffers"] as? Int { #expect(r.totals.buffers == buffers) }
    if let g = entry["gmacs_rounded"] as? Double, let d = entry["gmacs_decimals"] as? Int {
      let scale = pow(10.0, Double(d))
      #expect(
        (Double(r.totals.macs) / 1e9 * scale).rounded() == (g * scale).rounded(),
        "\(model): \(r.totals.macs) MACs vs published \(g) G")
    }
  }

  @Test("the published list and the reference list together cover every spec in Models/")
  func everyModelIsVerified() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("Models").path)
      .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    let verified = Set(Self.referenced).union(Self.published.map { $0["model"] as! String }).union(["vit_b_16"])
    for f in files { #expect(verified.contains(f), "Models/\(f).json is not checked against any reference") }
    #expect(files.count >= 18)
  }

  @Test("LeNet-5's count by hand: conv 6·(25+1), conv 16·(6·25+1), fc (400+1)·120, (120+1)·84, (84+1)·10")
  func lenetByHand() throws {
    let r = try Self.report("lenet5")
    #expect(r.totals.params == 6 * (25 + 1) + 16 * (6 * 25 + 1) + (400 + 1) * 120 + (120 + 1) * 84 + (84 + 1) * 10)
  }

  @Test("original two-group AlexNet by hand, from Caffe's bvlc_alexnet layer sizes")
  func alexnetOriginalByHand() throws {
    let r = try Self.report("alexnet_original")
    let convs =
      96 * (3 * 121 + 1) + 256 * (48 * 25 + 1) + 384 * (256 * 9 + 1) + 384 * (192 * 9 + 1) + 256 * (192 * 9 + 1)
    let fcs = (9216 + 1) * 4096 + (4096 + 1) * 4096 + (4096 + 1) * 1000
    #expect(r.totals.params == convs + fcs)
    // MACs: conv1 55², conv2 27², conv3–5 13² output positions.
    let macs =
      55 * 55 * 96 * 3 * 121 + 27 * 27 * 256 * 48 * 25 + 13 * 13 * 384 * 256 * 9 + 13 * 13 * 384 * 192 * 9 + 13 * 13
      * 256 * 192 * 9 + 9216 * 4096 + 4096 * 4096 + 4096 * 1000
    #expect(r.totals.macs == macs)
  }
}
