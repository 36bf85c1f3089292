// netcost — Apache-2.0
//
// The GPU path's output without a GPU: results built by hand (and a model
// profiled through Profiler with a stand-in for the device) rendered as
// JSON and as a table. JSON keys are those of the CPU path plus `device`.

import Foundation
import NetCost
import NetCostProfile
import Testing

@Suite("GPU results: JSON and table")
struct GPUFormatTests {
  static let device = GPUDeviceProfile(
    info: GPUDeviceInfo(
      name: "Test GPU", computeCapability: (9, 0), multiprocessors: 132, memoryBytes: 80 << 30,
      l2Bytes: 50 << 20, driverVersion: 13000, target: "sm_90", nvrtcVersion: "13.0", cublasVersion: "13.0.0"),
    peakGFLOPS: 50_000, peakTF32GFLOPS: 400_000, bandwidthGBs: 3000, method: "test figures")

  static func result(_ p: ConvProblem) -> ConvBenchResult {
    let timings = [(GPUConvAlgorithm.direct, 4e-3), (.im2col, 1e-3), (.im2colTF32, 2.5e-4), (.implicitGemm, 2e-3)].map {
      a, t in
      AlgorithmTiming(
        algorithm: a.rawValue, precision: a.precision, stats: SampleStats([t, t * 1.1, t * 0.9])!,
        gflops: p.flops / t / 1e9, relativeError: a.precision == .tf32 ? 3e-4 : 1e-7)
    }
    return ConvBenchResult(problem: p, threads: 2, device: .gpu(device), timings: timings)
  }

  @Test(
    "bench-conv JSON: the CPU path's keys plus device; precision per algorithm; % peak against that precision's peak")
  func benchJSON() throws {
    let p = try ConvProblem(
      batch: 16, inChannels: 64, height: 56, width: 56, outChannels: 64, kernel: (3, 3), pads: (1, 1, 1, 1))
    let r = Self.result(p)
    let j = try #require(
      try JSONSerialization.jsonObject(with: Data(ProfileFormat.json.render(r).utf8)) as? [String: Any])
    #expect(
      Set(j.keys) == [
        "device", "layer", "threads", "machine", "arithmetic_intensity", "bound", "roof_gflops", "algorithms", "best",
      ])
    #expect(j["device"] as? String == "gpu")
    #expect(j["best"] as? String == "im2col-tf32")
    let algos = try #require(j["algorithms"] as? [[String: Any]])
    #expect(algos.map { $0["algo"] as? String } == ["im2col-tf32", "im2col", "implicit-gemm", "direct"])
    let tf32 = algos[0]
    let fp32 = algos[1]
    #expect(tf32["precision"] as? String == "tf32" && fp32["precision"] as? String == "fp32")
    let expected = 100 * p.flops / 2.5e-4 / 1e9 / 400_000
    #expect(abs((tf32["percent_of_peak"] as? Double ?? 0) - expected) < 1e-9 * expected)
    #expect(abs((fp32["percent_of_peak"] as? Double ?? 0) - 100 * p.flops / 1e-3 / 1e9 / 50_000) < 1e-6)
    let machine = try #require(j["machine"] as? [String: Any])
    for key in [
      "name", "compute_capability", "multiprocessors", "memory_bytes", "target", "driver", "nvrtc", "blas",
      "peak_gflops", "peak_tf32_gflops", "bandwidth_gbs", "balance_flops_per_byte", "method",
    ] {
      #expect(machine[key] != nil, "machine.\(key)")
    }
    #expect(machine["compute_capability"] as? String == "9.0" && machine["blas"] as? String == "cuBLAS 13.0.0")
  }

  @Test("bench-conv table: the device line, the reference note, the TF32 note")
  func benchTable() throws {
    let p = try ConvProblem(batch: 2, inChannels: 8, height: 9, width: 9, outChannels: 8, kernel: (3, 3))
    let t = ProfileFormat.table.render(Self.result(p))
    #expect(t.contains("Device: Test GPU (compute capability 9.0, 132 SMs"))
    #expect(t.contains("50000.0 GFLOP/s float32, 400000.0 TF32"))
    #expect(t.contains("Best: im2col-tf32"))
    #expect(t.contains("tf32: TensorFloat-32 tensor cores"))
  }

  @Test("profile through Profiler with a stand-in device: GPU JSON keys, fallback, same geometry timed once")
  func modelProfile() throws {
    let graph = try NetCost.load(file: Toolchain.root.appendingPathComponent("Models/lenet5.json").path)
    let report = try Analyzer.analyze(graph, options: AnalysisOptions(batch: 16), file: "Models/lenet5.json")
    var benched: [(ConvProblem, Bool)] = []
    let only = GPUConvAlgorithm.sgemm
    let m = try Profiler.profile(
      graph: graph, report: report, choice: only.rawValue,
      only: (only.rawValue, { only.unsupportedReason($0) }), threads: 2, device: .gpu(Self.device),
      progress: nil
    ) { (p: ConvProblem, fallback: Bool) throws(ProfileError) in
      benched.append((p, fallback))
      return Self.result(p)
    }
    #expect(m.layers.count == 5)
    #expect(m.layers.filter(\.fallback).count == 2)  // the two convs: sgemm is for linear layers
    #expect(benched.count == Set(m.layers.map(\.problem)).count)
    let j = try #require(
      try JSONSerialization.jsonObject(with: Data(ProfileFormat.json.render(m).utf8)) as? [String: Any])
    #expect(j["device"] as? String == "gpu" && j["algo"] as? String == "sgemm")
    for key in ["model", "file", "batch", "threads", "machine", "layers", "not_profiled", "total"] {
      #expect(j[key] != nil, "\(key)")
    }
    let layers = try #require(j["layers"] as? [[String: Any]])
    #expect(layers.allSatisfy { $0["precision"] as? String == "tf32" && $0["algo"] as? String == "im2col-tf32" })
    let table = ProfileFormat.table.render(m)
    #expect(
      table.contains("batch 16, GPU, algorithm sgemm") && table.contains("of the float32 peak")
        && table.contains("tf32:"))
  }
}
