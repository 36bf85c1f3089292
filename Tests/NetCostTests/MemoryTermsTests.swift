// netcost — Apache-2.0
//
// Memory figures a PyTorch user can place (issue 16, item 6): netcost's
// figures in torchinfo's terms, and dropout at inference owning no memory.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Memory figures in torchinfo's terms; dropout holds no activation memory")
struct MemoryTermsTests {
  /// conv 3→4, 3×3, on 3×8×8 (fp32): output 4×6×6 = 144 values = 576 bytes;
  /// weights 4·3·3·3 + 4 = 112 parameters = 448 bytes; input 3·8·8·4 = 768 bytes.
  let conv = #"{"name": "a", "type": "conv", "out": 4, "kernel": 3}"#

  @Test("dropout at inference: no bytes of its own, and its input stays live while the dropout's output is read")
  func dropoutHoldsNoMemory() throws {
    // a → d (dropout) → b (relu) → c = b + d: a's buffer is d's, read again by c.
    let r = try analyze(
      spec(
        input: [3, 8, 8],
        conv + #", {"name": "d", "type": "dropout", "p": 0.5}, {"name": "b", "type": "relu"}, "#
          + #"{"name": "c", "type": "add", "inputs": ["b", "d"]}"#))
    #expect(r.layer("d")?.activationBytes == 0)
    // a, b and c write 576 bytes each; d writes none.
    #expect(r.totals.activationBytes == 3 * 576)
    // At c: a's buffer (read through d) + b + c = 3 × 576 = 1,728; the input (768) died after a.
    #expect(r.totals.peakActivationBytes == 1_728)
    // A dropout that ends the model keeps its input's buffer to the end.
    let last = try analyze(spec(input: [3, 8, 8], conv + #", {"name": "d", "type": "dropout"}"#))
    #expect(last.totals.activationBytes == 576)
    #expect(last.totals.peakActivationBytes == 768 + 576)
  }

  @Test("torchinfo's terms, worked by hand: Params size, Forward/backward pass size, Estimated Total Size")
  func workedExample() throws {
    let r = try analyze(spec(input: [3, 8, 8], conv + #", {"name": "d", "type": "dropout"}, {"type": "relu"}"#))
    let t = r.torchinfoTerms
    #expect(t.paramsBytes == 448)
    // Only layers with parameters count, twice (forward and backward): 2 × 576.
    #expect(t.forwardBackwardBytes == 1_152)
    #expect(t.inputBytes == 768)
    #expect(t.totalBytes == 448 + 1_152 + 768)
  }

  @Test("ResNet-50 in torchinfo's terms: the fixture's leaf outputs, and the summary torchinfo prints")
  func resnet50() throws {
    let report = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/resnet50.json").path)
    let t = report.torchinfoTerms
    // torchinfo's rule over the reference's leaf modules (output shapes torchinfo recorded).
    let ref = try reference("resnet50")
    let leaves = try #require(ref["leaf_layers"] as? [[String: Any]])
    var outputs = 0
    for l in leaves where (l["params"] as? Int ?? 0) > 0 {
      let shape = try #require((l["output_shapes"] as? [[Int]])?.first)
      outputs += 4 * shape.reduce(1, *)
    }
    #expect(t.forwardBackwardBytes == 2 * outputs)
    #expect(t.paramsBytes == 4 * (ref["params"] as! Int))
    // The four lines as torchinfo prints them (MB of 10^6, two decimals).
    let printed = try #require(loadJSON(fixture("published/torchinfo_resnet50.json")) as? [String: Any])
    func mb(_ b: Int) -> Double { (Double(b) / 1e6 * 100).rounded() / 100 }
    #expect(mb(t.inputBytes) == printed["input_size_mb"] as? Double)
    #expect(mb(t.forwardBackwardBytes) == printed["forward_backward_pass_size_mb"] as? Double)
    #expect(mb(t.paramsBytes) == printed["params_size_mb"] as? Double)
    #expect(mb(t.totalBytes) == printed["estimated_total_size_mb"] as? Double)
  }
}
