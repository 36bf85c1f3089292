// netcost — Apache-2.0
//
// Every expected number here comes from Tests/Fixtures/llm/<model>/reference.json,
// written by Scripts/make-llm-fixtures.py from transformers itself (models built on
// the meta device, FlopCounterMode FLOPs, the cache tensors the forward returns).

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// The reference models under Tests/Fixtures/llm.
let llmModels: [String] = {
  let dir = fixture("llm")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
  return names.filter {
    FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0)/reference.json").path)
  }
  .sorted()
}()

func llmReference(_ model: String) throws -> [String: Any] {
  try loadJSON(fixture("llm/\(model)/reference.json")) as! [String: Any]
}

/// Values per token in a cache: for each layer's [batch, heads, T, d] key and value, heads·d.
func cacheValuesPerToken(_ layers: [[[Int]]]) -> Int {
  layers.reduce(0) { sum, kv in sum + kv.reduce(0) { $0 + $1[1] * $1[3] } }
}

func llmReport(_ model: String, seq: Int, stage: LLMOptions.Stage) throws -> Report {
  var o = ImportOptions(batch: 1)
  o.llm.seq = seq
  o.llm.stage = stage
  return try LLMAnalysis.analyze(file: fixture("llm/\(model)/config.json").path, loading: o)
}

@Suite struct HFConfigReferenceTests {
  @Test func everyFamilyHasAReference() {
    let families = Set(
      llmModels.compactMap { m -> String? in
        guard let r = try? llmReference(m), let src = r["architecture"] as? String else { return nil }
        return src
      })
    #expect(llmModels.count >= 19)
    #expect(families.count >= 19)
  }

  @Test(arguments: llmModels) func parametersMatchTransformers(model: String) throws {
    let ref = try llmReference(model)
    let seq = (ref["prefill"] as! [[String: Any]])[0]["seq"] as! Int
    let r = try llmReport(model, seq: seq, stage: .prefill)
    #expect(r.totals.params == ref["params"] as! Int)
    #expect(r.totals.buffers == ref["buffers"] as! Int)
    #expect(r.totals.llm?.params == ref["params"] as? Int)
  }

  @Test(arguments: llmModels) func prefillFlopsMatchFlopCounterMode(model: String) throws {
    let ref = try llmReference(model)
    for run in ref["prefill"] as! [[String: Any]] {
      let r = try llmReport(model, seq: run["seq"] as! Int, stage: .prefill)
      #expect(2 * r.totals.macs == run["flops"] as! Int, "seq \(run["seq"]!)")
      #expect(r.totals.llm?.prefill.matmulFlops == run["flops"] as? Int)
    }
  }

  @Test(arguments: llmModels) func decodeFlopsMatchFlopCounterMode(model: String) throws {
    let ref = try llmReference(model)
    for run in ref["decode"] as! [[String: Any]] {
      let r = try llmReport(model, seq: run["context"] as! Int, stage: .decode)
      #expect(2 * r.totals.macs == run["flops"] as! Int, "context \(run["context"]!)")
      #expect(r.totals.llm?.decode?.matmulFlops == run["flops"] as? Int)
    }
  }

  @Test(arguments: llmModels) func kvCacheMatchesTheModelsCache(model: String) throws {
    let ref = try llmReference(model)
    for run in ref["prefill"] as! [[String: Any]] {
      guard let cache = run["kv_cache"] as? [String: Any] else { continue }
      let seq = run["seq"] as! Int
      let r = try llmReport(model, seq: seq, stage: .prefill)
      let selfLayers = cache["self"] as! [[[Int]]]
      #expect(r.totals.llm?.kvValuesPerToken == cacheValuesPerToken(selfLayers))
      // The whole cache after the prompt, in the model's own dtype.
      let elements = selfLayers.reduce(0) { s, kv in s + kv.reduce(0) { $0 + $1.reduce(1, *) } }
      let bytes = try #require(r.totals.llm?.kvDType).bytes(elements)
      #expect(r.totals.llm?.prefill.kvCacheBytes == bytes)
      if let cross = cache["cross"] as? [[[Int]]] {
        #expect(r.totals.llm?.crossKVValuesPerToken == cacheValuesPerToken(cross))
      }
    }
    for run in ref["decode"] as! [[String: Any]] {
      guard let cache = run["kv_cache"] as? [String: Any] else { continue }
      let r = try llmReport(model, seq: run["context"] as! Int, stage: .decode)
      let selfLayers = cache["self"] as! [[[Int]]]
      let elements = selfLayers.reduce(0) { s, kv in s + kv.reduce(0) { $0 + $1.reduce(1, *) } }
      #expect(r.totals.llm?.decode?.kvCacheBytes == (try #require(r.totals.llm?.kvDType).bytes(elements)))
    }
  }
}
