// netcost — Apache-2.0
//
// The "from the wild" corpus (Tests/Fixtures/onnx-wild, made by
// Scripts/make-onnx-wild-corpus.py): timm and transformers models exported
// with torch.onnx.export, onnxruntime-optimized and quantized versions, a
// dynamo export and a model with a function, an If and a Loop. Every expected
// number is read from the model's references JSON, written by PyTorch,
// fvcore and onnx, never by netcost.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// The corpus's models, from the files present.
let wildModels: [String] = {
  let dir = fixture("onnx-wild")
  let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
  return files.filter { $0.hasSuffix(".references.json") }.map { String($0.dropLast(".references.json".count)) }
    .sorted()
}()

@Suite("ONNX exports from the wild analyze exactly")
struct ONNXWildCorpusTests {
  func references(_ model: String) throws -> [String: Any] {
    try loadJSON(fixture("onnx-wild/\(model).references.json")) as! [String: Any]
  }

  func int(_ r: [String: Any], _ key: String) -> Int { (r[key] as? NSNumber)?.intValue ?? 0 }

  @Test("the corpus holds the families the issue asks for")
  func corpus() {
    for family in [
      "hf_bert", "hf_distilbert", "hf_roberta", "hf_gpt2", "hf_llama", "hf_t5", "hf_whisper", "hf_clip_text",
      "timm_vit_tiny", "timm_deit_tiny", "timm_swin_tiny", "timm_convnext_atto", "timm_efficientnet_b0",
      "timm_mobilevit_xxs", "timm_maxvit_tiny_tf", "hf_bert_ort_optimized", "hf_bert_int8_dynamic", "hf_llama_int4",
    ] {
      #expect(wildModels.contains(family), "missing \(family)")
    }
  }

  /// Parameters: PyTorch's count; for a variant (optimized, quantized) the
  /// float ONNX file's it was made from (BatchNorm folding and the
  /// optimizer's constant folding change what is stored), plus the elements
  /// the exporter adds by evaluating relative-position bias lookups (Swin).
  /// Buffers: PyTorch's float buffers (none once BatchNorm is folded) plus
  /// the stored quantization scales and zero points. MACs: fvcore's, with
  /// its einsum entry replaced by the exact index products of those einsums
  /// (fvcore takes numpy's einsum_path figure, printed to 4 significant
  /// digits); einsums on stored tensors are folded and reported apart.
  @Test("params, buffers and MACs equal PyTorch's, onnx's and fvcore's", arguments: wildModels)
  func exact(_ model: String) throws {
    let r = try references(model)
    let loaded = try ONNXImport.load(file: fixture("onnx-wild/\(model).onnx").path)
    let report = try Analyzer.analyze(loaded.graph)
    let variant = (r["variant"] as? Bool) ?? false
    let params =
      variant
      ? int(r, "source_float_onnx_elements") : int(r, "torch_params") + int(r, "exporter_expanded_bias_table_elements")
    #expect(report.totals.params == params, "\(model): params")
    let buffers = (variant ? 0 : int(r, "torch_buffers")) + int(r, "quantization_elements")
    #expect(report.totals.buffers == buffers, "\(model): buffers")
    let byOp = r["fvcore_by_operator"] as? [String: Any] ?? [:]
    let fvcoreEinsum = (byOp["einsum"] as? NSNumber)?.intValue ?? 0
    let macs = int(r, "fvcore_macs") - fvcoreEinsum + int(r, "einsum_index_product_macs")
    #expect(report.totals.macs + loaded.foldedMACs == macs, "\(model): MACs")
  }

  /// Weight bytes are the file's own: what the onnx package counts for the
  /// weight initializers (Scripts/onnx-stored-bytes.py), so an int8 or int4
  /// export holds the float model's parameters in fewer bytes, and a float
  /// one takes four bytes a parameter or buffer.
  @Test("weight bytes are reported as the file stores them", arguments: wildModels)
  func storedBytes(_ model: String) throws {
    let r = try references(model)
    let report = try Analyzer.analyze(try ONNXImport.load(file: fixture("onnx-wild/\(model).onnx").path).graph)
    #expect(report.totals.storedWeightBytes == int(r, "onnx_weight_bytes"), "\(model): stored bytes")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(report).utf8)) as? [String: Any])
    let totals = try #require(json["totals"] as? [String: Any])
    #expect(totals["weight_bytes_stored"] as? Int == int(r, "onnx_weight_bytes"), "\(model): JSON")
    // function_if_loop stores an else branch whose weight `w_else` (16 × 2
    // float32 = 16 · 2 · 4 = 128 bytes) is never read: it is in the file,
    // not in the weights the analysis counts.
    let unread = model == "function_if_loop" ? 16 * 2 * 4 : 0
    #expect(report.totals.weightBytes == int(r, "onnx_weight_bytes") - unread, "\(model): weight bytes")
    if !((r["variant"] as? Bool) ?? false), int(r, "quantization_elements") == 0, model.hasPrefix("timm") {
      #expect(int(r, "onnx_weight_bytes") == 4 * (report.totals.params + report.totals.buffers), "\(model): fp32")
    }
  }
}
