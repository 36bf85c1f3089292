// netcost — Apache-2.0

/// Where kernels ran, and the two roofs of its roofline: the peak
/// arithmetic rate (per precision) and the memory bandwidth.
public enum ComputeDevice: Sendable, Equatable {
  /// This machine's CPU: FMA peak and triad bandwidth.
  case cpu(MachineProfile)
  /// An NVIDIA GPU: cuBLAS GEMM peak and device-to-device copy bandwidth.
  case gpu(GPUDeviceProfile)

  /// `"cpu"` or `"gpu"`.
  public var kind: String {
    switch self {
    case .cpu: "cpu"
    case .gpu: "gpu"
    }
  }

  /// The measured peak for `precision`, GFLOP/s (the CPU has float32 only).
  public func peakGFLOPS(_ precision: Precision = .fp32) -> Double {
    switch self {
    case .cpu(let m): m.peakGFLOPS
    case .gpu(let g): g.peak(precision)
    }
  }

  /// Memory bandwidth, GB/s.
  public var bandwidthGBs: Double {
    switch self {
    case .cpu(let m): m.bandwidthGBs
    case .gpu(let g): g.bandwidthGBs
    }
  }

  /// Float32 balance: FLOPs per byte at which the two roofs meet.
  public var balance: Double { peakGFLOPS(.fp32) / bandwidthGBs }

  /// min(peak, intensity × bandwidth) for `precision`, GFLOP/s.
  public func roof(intensity: Double, precision: Precision = .fp32) -> Double {
    min(peakGFLOPS(precision), intensity * bandwidthGBs)
  }
}
