// netcost — Apache-2.0

import NetCost

/// What a GPU can do, measured on it: the float32 peak (and the TF32 one)
/// as a large cuBLAS GEMM reaches them, and the device-memory bandwidth of
/// a large device-to-device copy. Datasheet rates are not used: they
/// assume boost clocks and ideal code.
public struct GPUDeviceProfile: Sendable, Equatable {
  /// The device.
  public var info: GPUDeviceInfo
  /// Float32 GFLOP/s of `cublasSgemm` on n×n×n with random operands.
  public var peakGFLOPS: Double
  /// The same GEMM on TF32 tensor cores, when TF32 was asked for.
  public var peakTF32GFLOPS: Double?
  /// Device-to-device copy, GB/s, counting bytes read and bytes written.
  public var bandwidthGBs: Double
  /// How the peaks were found, in words.
  public var method: String

  /// Creates a profile from known figures.
  public init(info: GPUDeviceInfo, peakGFLOPS: Double, peakTF32GFLOPS: Double?, bandwidthGBs: Double, method: String) {
    self.info = info
    self.peakGFLOPS = peakGFLOPS
    self.peakTF32GFLOPS = peakTF32GFLOPS
    self.bandwidthGBs = bandwidthGBs
    self.method = method
  }

  /// The peak of `precision` (float32's where TF32 was not measured).
  public func peak(_ precision: Precision) -> Double {
    precision == .tf32 ? (peakTF32GFLOPS ?? peakGFLOPS) : peakGFLOPS
  }

  /// Measures what is not given: `peak` (float32), `peakTF32` (only with
  /// `tf32`) and `bandwidth` are taken as they are when given.
  public static func measure(
    _ device: CUDADevice, tf32: Bool, peak: Double? = nil, peakTF32: Double? = nil,
    bandwidth: Double? = nil
  ) throws(ProfileError) -> GPUDeviceProfile {
    // The GEMM's side: 8192 where three matrices take under a tenth of the
    // memory (768 MB), smaller on small cards.
    var n = 8192
    while n > 1024 && 3 * n * n * 4 > device.info.memoryBytes / 10 { n /= 2 }
    var parts: [String] = []
    var fp32 = peak
    var tf = tf32 ? peakTF32 : nil
    if fp32 == nil || (tf32 && tf == nil) {
      let a = try device.allocate(floats: n * n)
      let b = try device.allocate(floats: n * n)
      let c = try device.allocate(floats: n * n)
      try fillRandom(device, a, seed: 1)
      try fillRandom(device, b, seed: 2)
      let addresses: [GPUBufferRole: CUdeviceptr] = [.input: a.address, .weights: b.address, .output: c.address]
      func rate(_ precision: Precision) throws(ProfileError) -> Double {
        let g = GPUGemm(
          transA: false, transB: false, m: n, n: n, k: n, a: GPUOperand(.input), lda: n, strideA: 0,
          b: GPUOperand(.weights), ldb: n, strideB: 0, c: GPUOperand(.output), ldc: n, strideC: 0,
          batch: 1, precision: precision)
        let best = try bestOf(5, warmups: 2) { () throws(ProfileError) in
          try device.time { () throws(ProfileError) in try device.gemm(g, addresses: addresses) }
        }
        return 2 * Double(n) * Double(n) * Double(n) / best / 1e9
      }
      if fp32 == nil {
        fp32 = try rate(.fp32)
        parts.append("float32 peak: cublasSgemm \(n)×\(n)×\(n), best of 5")
      }
      if tf32 && tf == nil {
        tf = try rate(.tf32)
        parts.append("TF32 peak: the same GEMM with CUBLAS_TF32_TENSOR_OP_MATH")
      }
    }
    var bw = bandwidth
    if bw == nil {
      // 1 GiB each way (an eighth of the memory on small cards): far past the L2.
      let floats = min(1 << 28, device.info.memoryBytes / 8 / 4)
      let src = try device.allocate(floats: floats)
      let dst = try device.allocate(floats: floats)
      try device.fill(src, bits: 0x3F80_0000)  // 1.0
      let best = try bestOf(5, warmups: 2) { () throws(ProfileError) in
        try device.time { () throws(ProfileError) in try device.copy(floats * 4, from: src, to: dst) }
      }
      bw = 2 * Double(floats * 4) / best / 1e9
      parts.append("bandwidth: cuMemcpyDtoD of \(Units.bytes(floats * 4)), bytes read + written, best of 5")
    }
    if peak != nil || bandwidth != nil || (tf32 && peakTF32 != nil) { parts.append("given figures as given") }
    return GPUDeviceProfile(
      info: device.info, peakGFLOPS: fp32!, peakTF32GFLOPS: tf, bandwidthGBs: bw!,
      method: parts.joined(separator: "; "))
  }

  /// Fills a buffer with ±[0.1, 1) on the device (the `nc_fill_random` kernel).
  static func fillRandom(_ device: CUDADevice, _ buffer: DeviceBuffer, seed: UInt32) throws(ProfileError) {
    try device.launch(GPUKernels.fillRandom(count: buffer.count, seed: seed), addresses: [.output: buffer.address])
    try device.synchronize()
  }

  /// The shortest of `runs` timings after `warmups` untimed ones.
  static func bestOf(_ runs: Int, warmups: Int, _ timed: () throws(ProfileError) -> Double) throws(ProfileError)
    -> Double
  {
    for _ in 0..<warmups { _ = try timed() }
    var best = Double.infinity
    for _ in 0..<runs { best = min(best, try timed()) }
    return best
  }
}
