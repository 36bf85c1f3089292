// netcost — Apache-2.0

/// An accelerator for the roofline estimate: peak dense FLOP/s by compute
/// type, memory bandwidth and memory size, with where the figures come from.
///
/// The bundled table (``bundled``) holds vendors' datasheet figures for
/// dense tensor-core math (no structured sparsity).
public struct Hardware: Sendable, Equatable {
  /// Short name (`h100`).
  public var name: String
  /// What it is (`NVIDIA H100 SXM5 80GB`).
  public var displayName: String
  /// Peak dense FLOP/s (or OP/s for int8) by compute type: `fp32`, `bf16`,
  /// `fp16`, `fp8`, `int8`.
  public var peakFlops: [String: Double]
  /// Memory bandwidth, bytes per second.
  public var bandwidth: Double
  /// Memory, bytes.
  public var memoryBytes: Int
  /// Where the figures come from.
  public var source: String

  /// Creates a description.
  public init(
    name: String, displayName: String, peakFlops: [String: Double], bandwidth: Double, memoryBytes: Int,
    source: String
  ) {
    self.name = name
    self.displayName = displayName
    self.peakFlops = peakFlops
    self.bandwidth = bandwidth
    self.memoryBytes = memoryBytes
    self.source = source
  }

  /// The peak for weights of type `t`: their own type's math (int4 weights
  /// are dequantized, so bf16 math), falling back to bf16, then fp32.
  public func peak(for t: LLMDType) -> Double {
    let key: String
    switch t {
    case .fp32: key = "fp32"
    case .bf16, .int4: key = "bf16"
    case .fp16: key = "fp16"
    case .fp8: key = "fp8"
    case .int8: key = "int8"
    }
    return peakFlops[key] ?? peakFlops["bf16"] ?? peakFlops["fp32"] ?? 0
  }

  private static let t = 1e12

  /// Datasheet figures of a few common accelerators.
  public static let bundled: [Hardware] = [
    Hardware(
      name: "a100", displayName: "NVIDIA A100 SXM4 80GB",
      peakFlops: ["fp32": 19.5 * t, "tf32": 156 * t, "bf16": 312 * t, "fp16": 312 * t, "int8": 624 * t],
      bandwidth: 2.039e12, memoryBytes: 80_000_000_000,
      source:
        "NVIDIA A100 Tensor Core GPU datasheet (A100 80GB SXM: 312 TFLOPS BF16/FP16 dense, 624 TOPS INT8, 2,039 GB/s HBM2e)"
    ),
    Hardware(
      name: "h100", displayName: "NVIDIA H100 SXM5 80GB",
      peakFlops: [
        "fp32": 67 * t, "tf32": 494.7 * t, "bf16": 989.4 * t, "fp16": 989.4 * t, "fp8": 1978.9 * t, "int8": 1978.9 * t,
      ],
      bandwidth: 3.35e12, memoryBytes: 80_000_000_000,
      source:
        "NVIDIA H100 Tensor Core GPU datasheet (H100 SXM: 989 TFLOPS BF16 dense (1,979 with sparsity), 1,979 FP8, 3.35 TB/s HBM3)"
    ),
    Hardware(
      name: "h200", displayName: "NVIDIA H200 SXM 141GB",
      peakFlops: [
        "fp32": 67 * t, "tf32": 494.7 * t, "bf16": 989.4 * t, "fp16": 989.4 * t, "fp8": 1978.9 * t, "int8": 1978.9 * t,
      ],
      bandwidth: 4.8e12, memoryBytes: 141_000_000_000,
      source:
        "NVIDIA H200 Tensor Core GPU datasheet (H200 SXM: 989 TFLOPS BF16 dense, 1,979 FP8, 141 GB HBM3e at 4.8 TB/s)"),
    Hardware(
      name: "l4", displayName: "NVIDIA L4 24GB",
      peakFlops: ["fp32": 30.3 * t, "bf16": 121 * t, "fp16": 121 * t, "fp8": 242.5 * t, "int8": 242.5 * t],
      bandwidth: 300e9, memoryBytes: 24_000_000_000,
      source:
        "NVIDIA L4 Tensor Core GPU datasheet (121 TFLOPS BF16/FP16 dense (242 with sparsity), 242.5 FP8, 24 GB GDDR6 at 300 GB/s)"
    ),
    Hardware(
      name: "rtx4090", displayName: "NVIDIA GeForce RTX 4090 24GB",
      peakFlops: ["fp32": 82.6 * t, "bf16": 165.2 * t, "fp16": 165.2 * t, "fp8": 330.3 * t, "int8": 660.6 * t],
      bandwidth: 1.008e12, memoryBytes: 24_000_000_000,
      source:
        "NVIDIA Ada Lovelace GPU architecture whitepaper, appendix table (RTX 4090: 165.2 TFLOPS FP16/BF16 tensor with FP32 accumulate, 330.3 FP8, 660.6 TOPS INT8 dense; 24 GB GDDR6X at 1,008 GB/s)"
    ),
  ]

  /// The bundled entry with this name (case-insensitive; `h100-sxm`, `a100-80gb`, `4090` also work).
  public static func named(_ name: String) -> Hardware? {
    let n = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
    let aliases = ["h100sxm": "h100", "a10080gb": "a100", "4090": "rtx4090", "h200sxm": "h200"]
    let key = aliases[n] ?? n
    return bundled.first { $0.name == key }
  }
}
