// netcost — Apache-2.0
//
// bench-conv and profile end to end: the JSON interface and the error
// paths. Times are never asserted; --peak/--bandwidth skip the machine
// measurement and --min-time 0 --runs 1 keeps every timing to one run.

import Foundation
import NetCostTestSupport
import Testing

let quick = [
  "--min-time", "0", "--warmups", "0", "--runs", "1", "--peak", "100", "--bandwidth", "10", "--threads", "2",
]

@Suite("netcost bench-conv and profile")
struct ProfileCLITests {
  @Test("bench-conv --format json: every applicable algorithm with the documented keys")
  func benchConvJSON() throws {
    let r = try run(
      [
        "bench-conv", "--in", "6x9x11", "--out", "5", "--kernel", "3", "--pad", "1", "--batch", "2",
        "--check", "--format", "json",
      ] + quick)
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let algos = try #require(j["algorithms"] as? [[String: Any]])
    #expect(Set(algos.compactMap { $0["algo"] as? String }) == ["direct", "im2col", "winograd", "winograd4x4"])
    for a in algos {
      for key in ["algo", "ms_median", "ms_min", "ms_max", "runs", "gflops", "percent_of_peak", "percent_of_roof"] {
        #expect(a[key] != nil, "algorithms[].\(key)")
      }
      if a["algo"] as? String != "direct" {
        let err = try #require(a["relative_error"] as? Double)
        #expect(err < 1e-4)
      }
    }
    #expect(j["best"] as? String == algos.first?["algo"] as? String)
    let layer = try #require(j["layer"] as? [String: Any])
    #expect(layer["output_shape"] as? [Int] == [2, 5, 9, 11])
    #expect(layer["macs"] as? Int == 2 * 5 * 9 * 11 * 6 * 9)
    let machine = try #require(j["machine"] as? [String: Any])
    #expect(machine["peak_gflops"] as? Double == 100)
    #expect(j["bound"] as? String != nil)
  }

  @Test("bench-conv prints a table with the best algorithm")
  func benchConvTable() throws {
    let r = try run(
      [
        "bench-conv", "--in", "8x10x10", "--out", "8", "--kernel", "3", "--stride", "2", "--pad", "0,1,1,0",
        "--groups", "8", "--algo", "depthwise",
      ] + quick)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Best: depthwise"))
    #expect(r.stdout.contains("8×10×10 → 1×8×5×5") || r.stdout.contains("1×8×10×10 → 1×8×5×5"))
  }

  @Test(
    "bench-conv: an impossible layer, an unknown or inapplicable algorithm, a malformed size are misused options (64)")
  func benchConvErrors() throws {
    let cases: [([String], String)] = [
      (["--in", "3x2x8", "--out", "4", "--kernel", "3"], "larger than the padded input"),
      (["--in", "6x8x8", "--out", "4", "--kernel", "3", "--groups", "4"], "not divisible by groups"),
      (["--in", "6x8x8", "--out", "0", "--kernel", "3"], "output channels must be at least 1"),
      (["--in", "6x8x8", "--out", "4", "--kernel", "3", "--algo", "fft"], "unknown algorithm 'fft'"),
      (["--in", "6x8x8", "--out", "4", "--kernel", "1", "--algo", "winograd"], "does not apply"),
      (["--in", "6x8x8", "--out", "4", "--kernel", "3", "--stride", "2", "--algo", "winograd"], "stride 1"),
      (["--in", "6x8", "--out", "4", "--kernel", "3"], "--in '6x8'"),
      (["--in", "6x8x8", "--out", "4", "--kernel", "3", "--pad", "1,2,3"], "--pad"),
    ]
    for (args, message) in cases {
      let r = try run(["bench-conv"] + args + quick)
      #expect(r.status == 64, "\(args): exit \(r.status)")
      #expect(r.stdout.isEmpty, "\(args)")
      #expect(r.stderr.hasPrefix("netcost: error: ") && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }

  @Test("profile --format json: every conv and linear layer with its algorithms, and the total")
  func profileJSON() throws {
    let r = try run(["profile", "Models/lenet5.json", "--batch", "3", "--format", "json"] + quick)
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(j["batch"] as? Int == 3)
    let layers = try #require(j["layers"] as? [[String: Any]])
    #expect(layers.count == 5)  // 2 convs and 3 linear layers
    #expect(layers.last?["algorithms"] as? [[String: Any]] != nil)
    for l in layers {
      for key in ["name", "type", "algo", "ms", "gflops", "macs", "algorithms"] {
        #expect(l[key] != nil, "layers[].\(key)")
      }
      let algos = try #require(l["algorithms"] as? [[String: Any]])
      #expect(algos.first?["algo"] as? String == l["algo"] as? String)
    }
    #expect(
      layers.contains { ($0["algorithms"] as? [[String: Any]])?.contains { $0["algo"] as? String == "sgemm" } == true })
    let total = try #require(j["total"] as? [String: Any])
    #expect(total["layers"] as? Int == 5)
    let sum = layers.reduce(0.0) { $0 + ($1["ms"] as? Double ?? 0) }
    #expect(abs(sum - (total["ms"] as? Double ?? -1)) < 1e-6 * max(1, sum))
  }

  @Test("profile reads ONNX models: the imported convs and the Gemm are timed")
  func profileONNX() throws {
    let r = try run(["profile", "Tests/Fixtures/onnx/resnet18.onnx", "--format", "json"] + quick)
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let layers = try #require(j["layers"] as? [[String: Any]])
    #expect(layers.count == 21)  // 20 convs and the classifier
    #expect((j["not_profiled"] as? [Any])?.isEmpty == true)
    let total = try #require(j["total"] as? [String: Any])
    // fvcore's conv + linear MACs for ResNet-18 (folding BatchNorm changes neither).
    let fv = try reference("resnet18")["fvcore_by_operator"] as! [String: Int]
    #expect(total["macs"] as? Int == fv["conv"]! + fv["linear"]!)
  }

  @Test("profile: an unknown algorithm is a misused option (64); one that fits no layer, a bad model exit 2")
  func profileErrors() throws {
    var r = try run(["profile", "Models/lenet5.json", "--algo", "fastest"] + quick)
    #expect(r.status == 64)
    #expect(r.stderr.contains("unknown algorithm 'fastest'"))
    r = try run(["profile", "Models/lenet5.json", "--algo", "winograd"] + quick)
    #expect(r.status == 2)
    #expect(r.stderr.contains("applies to no conv or linear layer"))
    r = try run(["profile", "Models/does-not-exist.json"] + quick)
    #expect(r.status == 2)
  }
}

/// Whether this machine has a CUDA driver (the GPU tests below then run).
let cudaDriverPresent: Bool = {
  guard let h = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL) else { return false }
  dlclose(h)
  return true
}()

@Suite("netcost bench-conv and profile --device gpu")
struct GPUCLITests {
  @Test("--device gpu without a CUDA driver: 'no CUDA driver found (libcuda.so.1)', what was tried, exit 2")
  func noDriver() throws {
    // Where a driver is installed, the loader is pointed at a file that does
    // not exist, so this path is tested on every machine.
    let env = cudaDriverPresent ? ["NETCOST_LIBCUDA": "/nonexistent/libcuda.so.1"] : [:]
    let commands = [
      ["bench-conv", "--in", "6x9x11", "--out", "5", "--kernel", "3", "--pad", "1", "--device", "gpu"],
      ["bench-conv", "--in", "6x9x11", "--out", "5", "--kernel", "3", "--device", "gpu", "--tf32", "--format", "json"],
      ["profile", "Models/resnet50.json", "--device", "gpu", "--batch", "16"],
    ]
    for args in commands {
      let r = try run(args, environment: env)
      #expect(r.status == 2, "\(args): exit \(r.status)")
      #expect(r.stdout.isEmpty, "\(args): \(r.stdout)")
      let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.first == "netcost: error: no CUDA driver found (libcuda.so.1)", "\(args): \(r.stderr)")
      #expect(lines.dropFirst().first?.hasPrefix("  tried: ") == true && r.stderr.contains("libcuda.so"), "\(r.stderr)")
    }
  }

  @Test("--device gpu: bad input is reported before any CUDA is loaded; --tf32 needs --device gpu")
  func badInput() throws {
    let env = ["NETCOST_LIBCUDA": "/nonexistent/libcuda.so.1"]
    var r = try run(
      ["bench-conv", "--in", "6x8x8", "--out", "4", "--kernel", "3", "--device", "gpu", "--algo", "winograd"],
      environment: env)
    #expect(
      r.status == 64 && r.stderr.contains("unknown GPU algorithm 'winograd'") && r.stderr.contains("implicit-gemm"),
      "\(r.stderr)")
    r = try run(
      ["bench-conv", "--in", "6x8x8", "--out", "4", "--kernel", "3", "--device", "gpu", "--algo", "depthwise"],
      environment: env)
    #expect(r.status == 64 && r.stderr.contains("does not apply"), "\(r.stderr)")
    r = try run(["bench-conv", "--in", "3x2x8", "--out", "4", "--kernel", "3", "--device", "gpu"], environment: env)
    #expect(r.status == 64 && r.stderr.contains("larger than the padded input"), "\(r.stderr)")
    r = try run(["profile", "Models/lenet5.json", "--device", "gpu", "--algo", "fft"], environment: env)
    #expect(r.status == 64 && r.stderr.contains("unknown GPU algorithm 'fft'"), "\(r.stderr)")
    r = try run(["bench-conv", "--in", "6x8x8", "--out", "4", "--kernel", "3", "--tf32"])
    #expect(r.status == 64 && r.stderr.contains("--tf32 needs --device gpu"), "\(r.stderr)")
    r = try run(["bench-conv", "--in", "6x8x8", "--out", "4", "--kernel", "3", "--device", "tpu"])
    #expect(r.status == 64, "\(r.stderr)")
  }

  @Test(
    "on a GPU: bench-conv --device gpu --check --tf32 times every algorithm, each checked (runs only where a CUDA driver is)",
    .enabled(if: cudaDriverPresent, "no CUDA driver (libcuda.so.1) on this machine"))
  func onDevice() throws {
    let r = try run(
      [
        "bench-conv", "--in", "6x9x11", "--out", "70", "--kernel", "3", "--pad", "1", "--batch", "2",
        "--device", "gpu", "--tf32", "--peak-tf32", "200", "--check", "--format", "json",
      ] + quick)
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(j["device"] as? String == "gpu")
    let algos = try #require(j["algorithms"] as? [[String: Any]])
    #expect(Set(algos.compactMap { $0["algo"] as? String }) == ["direct", "im2col", "im2col-tf32", "implicit-gemm"])
    for a in algos {
      let tolerance = a["precision"] as? String == "tf32" ? 2e-3 : 1e-4
      #expect((a["relative_error"] as? Double ?? 1) <= tolerance, "\(a)")
    }
    let machine = try #require(j["machine"] as? [String: Any])
    #expect(machine["peak_gflops"] as? Double == 100 && (machine["name"] as? String)?.isEmpty == false)
  }
}
