// netcost — Apache-2.0
//
// Messages that point the right way (issue 16, item 2): what a user writing
// a spec from the README alone gets told.

import Foundation
import NetCost
import Testing

@Suite("Spec messages that point the right way")
struct SpecMessageTests {
  @Test("a block named as a type says it is a block and how to call it")
  func blockNamedAsType() throws {
    let m = try #require(errorMessage(spec(input: [16, 64], #"{"name": "att", "type": "multi_head_attention"}"#)))
    #expect(m.contains("'multi_head_attention' is a block, not an op"), "\(m)")
    #expect(m.contains(#"{"block": "multi_head_attention", "args": {…}}"#))
    #expect(!m.contains("did you mean 'mul'"))
  }

  @Test("independent mistakes in several layers are all reported in one line, in file order")
  func everyIndependentErrorAtOnce() throws {
    let text = """
      {"inputs": [{"name": "x", "shape": [3, 32, 32]}],
       "layers": [
        {"name": "c1", "type": "conv", "out": 8, "kernal": 3},
        {"name": "r", "type": "rleu"},
        {"name": "p", "type": "max_pool", "kernel": 2, "strid": 2},
        {"name": "fc", "type": "linear", "out": 10, "inputs": "pp"}
       ]}
      """
    let m = try #require(errorMessage(text))
    #expect(!m.contains("\n"), "\(m)")
    let lines = m.components(separatedBy: " — also: ")
    try #require(lines.count == 4, "\(m)")
    #expect(lines[0].hasPrefix("test.json:3:44: error: layer 'c1': field 'kernal'"), "\(m)")
    #expect(lines[1].hasPrefix("test.json:4:17: error: layer 'r': field 'type': unknown op 'rleu'"), "\(m)")
    #expect(lines[2].hasPrefix("test.json:5:50: error: layer 'p': unknown field 'strid'"), "\(m)")
    #expect(lines[3].contains("layer 'fc': input 'pp' names no model input or layer (did you mean 'p'?)"), "\(m)")
  }

  @Test("a mistake repeated in every repetition of a block is reported once")
  func repeatedErrorOnce() throws {
    let text = """
      {"inputs": [{"name": "x", "shape": [3, 8, 8]}],
       "blocks": {"b": {"layers": [{"name": "c", "type": "conv", "out": 3, "kernel": 1, "bais": false}]}},
       "layers": [{"name": "s", "block": "b", "repeat": 3}]}
      """
    let m = try #require(errorMessage(text))
    #expect(m.split(separator: "\n").count == 1, "\(m)")
    #expect(m.contains("unknown field 'bais' for op 'conv' (did you mean 'bias'?)"))
  }

  @Test(
    "PyTorch's field names mean the same as netcost's: Conv2d(3, 8, kernel_size=3, padding=1), Linear(out_features=10)")
  func pytorchFieldNames() throws {
    let torch = try analyze(
      spec(
        input: [3, 16, 16],
        #"{"name": "c", "type": "conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1}, {"name": "f", "type": "flatten"}, {"name": "fc", "type": "linear", "in_features": 2048, "out_features": 10}"#
      ))
    // conv: 8·3·3·3 weights + 8 biases = 224; 8×16×16 = 2048 features; linear: 2048·10 + 10 = 20,490.
    #expect(torch.layer("c")?.cost.params == 224)
    #expect(torch.layer("c")?.outputShapes.first?.dims == [1, 8, 16, 16])
    #expect(torch.layer("fc")?.cost.params == 20_490)
    let both = try #require(
      errorMessage(spec(input: [3, 8, 8], #"{"name": "c", "type": "conv", "out": 8, "out_channels": 8, "kernel": 3}"#)))
    #expect(both.contains("give one of 'out' and 'out_channels', not both"), "\(both)")
    let bad = try #require(
      errorMessage(spec(input: [3, 8, 8], #"{"name": "c", "type": "conv", "out_channels": "8", "kernel": 3}"#)))
    #expect(bad.contains("field 'out_channels': expected an integer ≥ 1"), "\(bad)")
    let inChannels = try #require(
      errorMessage(spec(input: [3, 8, 8], #"{"name": "c", "type": "conv", "in_channels": 3, "out": 8, "kernel": 3}"#)))
    #expect(inChannels.contains("netcost takes the input channels from the layer's input"), "\(inChannels)")
  }

  @Test("an input shape that starts with a batch of 1 gets a hint that shapes leave the batch out")
  func batchInInputShape() throws {
    let r = try analyze(spec(input: [1, 3, 64, 64], #"{"name": "c", "type": "conv", "out": 8, "kernel": 3}"#))
    let hint = try #require(r.findings.first { $0.kind == .importAssumption })
    #expect(hint.message.contains("input shapes leave the batch out"), "\(hint.message)")
    #expect(hint.message.contains("for an image write [3, 64, 64]"))
    // Without the 1 there is nothing to say.
    let image = try analyze(spec(input: [3, 64, 64], #"{"name": "c", "type": "conv", "out": 8, "kernel": 3}"#))
    #expect(!image.findings.contains { $0.kind == .importAssumption })
  }

  @Test("linear straight on a conv's 4-D output warns that it mixes only the last axis")
  func linearOnFourD() throws {
    let r = try analyze(
      spec(
        input: [3, 32, 32],
        #"{"name": "c", "type": "conv", "out": 8, "kernel": 3}, {"name": "fc", "type": "linear", "out": 10}"#))
    let w = try #require(r.findings.first { $0.kind == .linearOnSpatial })
    #expect(w.layer == "fc")
    // 32 − 3 + 1 = 30 columns.
    #expect(w.message.contains("mixes the 30 positions along W"), "\(w.message)")
    #expect(w.message.contains("'flatten' missing"))
    let flat = try analyze(
      spec(
        input: [3, 32, 32],
        #"{"name": "c", "type": "conv", "out": 8, "kernel": 3}, {"type": "flatten"}, {"name": "fc", "type": "linear", "out": 10}"#
      ))
    #expect(!flat.findings.contains { $0.kind == .linearOnSpatial })
  }

  @Test("a 1-D field's warning speaks of positions along L and points at \"layout\": \"sequence\", not pixels")
  func sequenceWording() throws {
    let r = try analyze(spec(input: [16, 64], #"{"name": "c", "type": "conv", "out": 8, "kernel": 3}"#))
    let w = try #require(r.findings.first { $0.kind == .receptiveFieldSmallerThanInput })
    #expect(!w.message.contains("pixel") && !w.message.contains("image"), "\(w.message)")
    #expect(w.message.contains("3 of the 64 positions along L"), "\(w.message)")
    #expect(w.message.contains(#"give it "layout": "sequence""#))
  }

  @Test("an op's fields come from its decoder: conv's names, defaults and meanings")
  func convFields() throws {
    let fields = SpecField.fields(of: Conv.self, kind: "conv")
    let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
    #expect(Set(byName.keys) == ["out", "kernel", "stride", "dilation", "pad", "groups", "depthwise", "bias"])
    #expect(byName["out"]?.required == true && byName["kernel"]?.required == true)
    #expect(byName["stride"]?.defaultText == "1" && byName["pad"]?.defaultText == "0")
    #expect(byName["groups"]?.defaultText == "1" && byName["bias"]?.defaultText == "true")
    #expect(byName["kernel"]?.aliases == ["kernel_size"])
    let pool = Dictionary(
      uniqueKeysWithValues: SpecField.fields(of: Pool.self, kind: "max_pool").map { ($0.name, $0.defaultText) })
    #expect(pool["stride"] == "the kernel")
  }

  @Test("every field every op reads has a meaning written down")
  func everyFieldHasAMeaning() {
    for t in OperatorRegistry.all {
      for kind in t.kinds {
        for f in SpecField.fields(of: t, kind: kind) {
          #expect(f.meaning != nil, "\(kind).\(f.name) has no meaning in SpecFieldGlossary")
        }
      }
    }
  }
}
