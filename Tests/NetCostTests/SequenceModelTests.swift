// netcost — Apache-2.0
//
// Recurrent and attention models: the seed's textbook counts, PyTorch's own
// per-module counts (Tests/Fixtures/sequence/rnn_attention.json), ViT-B/16
// against torchvision and fvcore, and hand-worked attention costs.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

@Suite("Sequence and attention models")
struct SequenceModelTests {
  func params(_ input: [Int], _ layers: String, layout: String = "sequence") throws -> Int {
    try analyze(
      "{\"inputs\": [{\"name\": \"x\", \"shape\": \(input), \"layout\": \"\(layout)\"}], \"layers\": [\(layers)]}"
    ).totals.params
  }

  @Test("seed: LSTM(h = 2, i = 3), one bias per gate: 4·[2·(2 + 3) + 2] = 48")
  func seedLSTM() throws {
    let (h, i) = (2, 3)
    let textbook = 4 * (h * (h + i) + h)
    #expect(textbook == 48)
    let p = try params([5, i], #"{"type": "lstm", "hidden": 2, "bias_convention": "single"}"#)
    #expect(p == textbook)
  }

  @Test("seed: stacked bi-GRU(h = 5, i = 8) then LSTM(h = 50, i = 10): 420 + 12,200 = 12,620")
  func seedStacked() throws {
    // The notes feed the LSTM an input of width 10, so the test does too (a projection
    // from the GRU's 2·5 = 10 outputs; no parameters between them).
    let gru = try params([7, 8], #"{"type": "gru", "hidden": 5, "bidirectional": true, "bias_convention": "single"}"#)
    let lstm = try params([7, 10], #"{"type": "lstm", "hidden": 50, "bias_convention": "single"}"#)
    #expect(gru == 2 * 3 * (5 * (5 + 8) + 5))
    #expect(lstm == 4 * (50 * (50 + 10) + 50))
    let stacked = try params(
      [7, 8],
      #"{"type": "gru", "hidden": 5, "bidirectional": true, "bias_convention": "single"}, {"type": "lstm", "hidden": 50, "bias_convention": "single"}"#
    )
    #expect(stacked == 420 + 12_200)
  }

  static var cases: [[String: Any]] {
    ((try? loadJSON(fixture("sequence/rnn_attention.json"))) as? [String: Any])?["cases"] as? [[String: Any]] ?? []
  }

  /// Reads "LSTM(input=256, hidden=512, layers=2, bidirectional)" into a spec layer.
  static func recurrentLayer(_ module: String, convention: String) -> (input: Int, layer: String)? {
    guard let open = module.firstIndex(of: "("), ["LSTM", "GRU", "RNN"].contains(String(module[..<open])) else {
      return nil
    }
    let kind = module[..<open].lowercased()
    var fields: [String: String] = [:]
    var flags: Set<String> = []
    for part in module[module.index(after: open)..<module.index(before: module.endIndex)].split(separator: ",") {
      let kv = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
      if kv.count == 2 { fields[kv[0]] = kv[1] } else { flags.insert(kv[0]) }
    }
    var layer =
      "{\"type\": \"\(kind)\", \"hidden\": \(fields["hidden"]!), \"layers\": \(fields["layers"] ?? "1"), \"bias_convention\": \"\(convention)\""
    if flags.contains("bidirectional") { layer += ", \"bidirectional\": true" }
    if fields["bias"] == "False" { layer += ", \"bias\": false" }
    return (Int(fields["input"]!)!, layer + "}")
  }

  @Test("recurrent layers: PyTorch's count with two biases per gate, the textbook count with one")
  func recurrentReference() throws {
    var checked = 0
    for c in Self.cases {
      let module = c["module"] as! String
      guard let pt = Self.recurrentLayer(module, convention: "pytorch"),
        let tb = Self.recurrentLayer(module, convention: "single")
      else { continue }
      #expect(try params([11, pt.input], pt.layer) == c["pytorch_params"] as? Int, "\(module)")
      #expect(try params([11, tb.input], tb.layer) == c["textbook_params"] as? Int, "\(module)")
      checked += 1
    }
    #expect(checked == 7)
  }

  @Test("multi-head attention, transformer layers, embedding and layer norm equal PyTorch's counts")
  func attentionReference() throws {
    func expected(_ prefix: String) throws -> Int {
      try #require(Self.cases.first { ($0["module"] as! String).hasPrefix(prefix) }?["pytorch_params"] as? Int)
    }
    #expect(
      try params([10, 512], #"{"name": "a", "block": "multi_head_attention", "args": {"dim": 512, "heads": 8}}"#)
        == expected("MultiheadAttention(embed=512, heads=8)"))
    let kv = try analyze(
      """
      {"inputs": [{"name": "q", "shape": [10, 512], "layout": "sequence"}, {"name": "k", "shape": [7, 256], "layout": "sequence"},
                  {"name": "v", "shape": [7, 128], "layout": "sequence"}],
       "layers": [{"name": "a", "block": "multi_head_attention", "inputs": ["q", "k", "v"], "args": {"dim": 512, "heads": 8}}]}
      """)
    #expect(kv.totals.params == (try expected("MultiheadAttention(embed=512, heads=8, kdim=256, vdim=128)")))
    #expect(kv.layers.last!.outputShapes[0].dims == [1, 10, 512])
    #expect(
      try params(
        [10, 512], #"{"name": "l", "block": "transformer_encoder_layer", "args": {"dim": 512, "heads": 8, "ff": 2048}}"#
      ) == expected("TransformerEncoderLayer"))
    let dec = try analyze(
      """
      {"inputs": [{"name": "tgt", "shape": [9, 512], "layout": "sequence"}, {"name": "memory", "shape": [12, 512], "layout": "sequence"}],
       "layers": [{"name": "l", "block": "transformer_decoder_layer", "inputs": ["tgt", "memory"], "args": {"dim": 512, "heads": 8, "ff": 2048}}]}
      """)
    #expect(dec.totals.params == (try expected("TransformerDecoderLayer")))
    #expect(
      try analyze(
        #"{"inputs": [{"name": "ids", "shape": [4], "dtype": "int64"}], "layers": [{"type": "embedding", "vocab": 30000, "dim": 512}]}"#
      ).totals.params == expected("Embedding(30000, 512)"))
    #expect(try params([4, 768], #"{"type": "layer_norm"}"#) == expected("LayerNorm(768)"))
  }

  @Test("attention's QKᵀ and AV are rows of their own, quadratic in the sequence length")
  func attentionCost() throws {
    func report(_ n: Int) throws -> Report {
      try analyze(
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [\(n), 64], \"layout\": \"sequence\"}], \"layers\": [{\"name\": \"a\", \"block\": \"multi_head_attention\", \"args\": {\"dim\": 64, \"heads\": 4}}]}"
      )
    }
    let (short, long) = (try report(100), try report(200))
    let (n, d, h) = (100, 64, 4)
    // QKᵀ: h·n·n·(d/h) MACs; AV the same.
    #expect(short.layer("a.attention.scores")!.cost.macs == h * n * n * (d / h))
    #expect(short.layer("a.attention.context")!.cost.macs == h * n * n * (d / h))
    // Projections: 4·n·d·d MACs.
    #expect(short.totals.macs == 4 * n * d * d + 2 * h * n * n * (d / h))
    #expect(long.totals.macs > 2 * short.totals.macs)
    #expect(long.layer("a.attention.scores")!.cost.macs == 4 * short.layer("a.attention.scores")!.cost.macs)
  }

  @Test("grouped-query attention: k and v projections shrink to kv_heads heads")
  func groupedQuery() throws {
    let (d, h, kvh) = (512, 8, 2)
    let p = try params(
      [10, 512], #"{"name": "a", "block": "multi_head_attention", "args": {"dim": 512, "heads": 8, "kv_heads": 2}}"#)
    let kvWidth = d / h * kvh
    #expect(p == 2 * (d * d + d) + 2 * (d * kvWidth + kvWidth))
  }

  @Test("recurrent MACs: g·H·(I + H) per step, layer and direction")
  func recurrentMacs() throws {
    let r = try analyze(
      #"{"inputs": [{"name": "x", "shape": [35, 650], "layout": "sequence"}], "layers": [{"type": "lstm", "hidden": 650, "layers": 2}]}"#
    )
    #expect(r.totals.macs == 35 * 2 * 4 * 650 * (650 + 650))
    #expect(r.layers[0].note?.contains("two bias vectors") == true)
  }

  @Test("ViT-B/16: params equal torchvision's, conv and linear MACs equal fvcore's, leaf shapes equal torchinfo's")
  func vitB16() throws {
    let ref = try #require(try loadJSON(fixture("torchvision/vit_b_16.json")) as? [String: Any])
    let r = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/vit_b_16.json").path)
    #expect(r.totals.params == ref["params"] as? Int)
    let fv = ref["fvcore_by_operator"] as! [String: Int]
    // fvcore does not see inside nn.MultiheadAttention (its in_proj, QKᵀ, AV and out_proj):
    // compare the layers it does see.
    let seen = r.layers.filter { !$0.name.contains(".self_attention.") }
    #expect(seen.filter { $0.type == "linear" }.reduce(0) { $0 + $1.cost.macs } == fv["linear"])
    #expect(seen.filter { $0.type == "conv2d" }.reduce(0) { $0 + $1.cost.macs } == fv["conv"])
    // With attention, the total is torchvision's own published GFLOPS (multiply-accumulates).
    let doc = ref["torchvision_doc"] as! [String: Any]
    #expect((Double(r.totals.macs) / 1e6).rounded() / 1e3 == doc["GFLOPS"] as? Double)
    var byName: [String: LayerReport] = [:]
    for l in r.layers { byName[l.name] = l }
    for leaf in ref["leaf_layers"] as! [[String: Any]] {
      let name = leaf["name"] as! String
      for (k, shape) in (leaf["output_shapes"] as! [[Int]]).enumerated() {
        let l = byName[k == 0 ? name : "\(name)#\(k + 1)"]
        #expect(l?.outputShapes[0].dims == shape, "\(name)")
      }
      if let l = byName[name] { #expect(l.cost.params == leaf["params"] as? Int, "\(name) params") }
    }
    // torchvision's out_proj is a leaf without output shapes; ours carries its parameters.
    #expect(byName["encoder.layers.encoder_layer_0.self_attention.out_proj"]?.cost.params == 768 * 768 + 768)
  }

  @Test("weight tying: GPT-2's head shares the token embedding, counted once and noted")
  func weightTying() throws {
    let r = try NetCost.analyze(file: repoRoot.appendingPathComponent("Models/gpt2.json").path)
    let head = try #require(r.layer("lm_head"))
    #expect(head.cost.params == 0)
    #expect(head.note?.contains("transformer.wte") == true)
    #expect(head.cost.macs == 1024 * 768 * 50257)
    let bad = errorMessage(
      #"{"inputs": [{"name": "x", "shape": [4], "dtype": "int64"}], "layers": [{"name": "e", "type": "embedding", "vocab": 10, "dim": 8}, {"type": "linear", "out": 11, "tied_to": "e"}]}"#
    )
    #expect(bad?.contains("tied_to 'e'") == true, "\(bad ?? "")")
  }
}
