// netcost — Apache-2.0

import ArgumentParser
import NetCostProfile

/// Where bench-conv and profile run their kernels.
enum DeviceKind: String, CaseIterable, ExpressibleByArgument {
  case cpu
  case gpu
}

/// --device and --tf32, shared by bench-conv and profile.
struct DeviceArguments: ParsableArguments {
  @Option(help: "Where to run the kernels: cpu (default) or gpu (an NVIDIA GPU through CUDA, loaded at run time).")
  var device: DeviceKind = .cpu
  @Flag(
    help: "GPU: also time cuBLAS on TF32 tensor cores (im2col-tf32, gemm1x1-tf32, sgemm-tf32); they may then be chosen."
  )
  var tf32 = false
  @Option(name: .customLong("peak-tf32"), help: "GPU: use this TF32 peak (GFLOP/s) instead of measuring it.")
  var peakTF32: Double?

  func validate() throws {
    if device == .cpu && tf32 { throw ValidationError("--tf32 needs --device gpu") }
    if device == .cpu && peakTF32 != nil { throw ValidationError("--peak-tf32 needs --device gpu") }
    if let peakTF32, !(peakTF32 > 0 && peakTF32.isFinite) {
      throw ValidationError("--peak-tf32 must be a positive number of GFLOP/s")
    }
  }

  /// Opens the GPU and measures (or takes) its peaks and bandwidth; exits 2
  /// with the loader's message ("no CUDA driver found (libcuda.so.1)" and
  /// what was tried) where there is no usable GPU.
  func openGPU(tf32: Bool, machine: MachineArguments) -> (CUDADevice, GPUDeviceProfile) {
    do {
      let gpu = try CUDADevice()
      let profile = try GPUDeviceProfile.measure(
        gpu, tf32: tf32, peak: machine.peak, peakTF32: peakTF32,
        bandwidth: machine.bandwidth)
      return (gpu, profile)
    } catch {
      inputFailure(error.description)
    }
  }
}
