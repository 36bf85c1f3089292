// netcost — Apache-2.0
//
// The kernel source through a real CUDA compiler's front end: clang in
// CUDA device mode (-x cuda --cuda-device-only), which needs no CUDA
// installation with -nocudainc -nocudalib once __global__, __shared__,
// __device__ and __launch_bounds__ are defined as clang's attributes. It
// checks what the C++ emulation cannot: CUDA's own rules (address spaces,
// what a __global__ function may be), and, in the NVPTX LLVM IR it emits at
// -O2, that each kernel is a kernel, that the tiles live in shared memory
// and that no array went to local memory (the accumulators stay in
// registers). NVRTC itself, ptxas and the hardware are not involved.

import Foundation
import NetCostProfile
import Testing

@Suite("GPU kernel source through clang's CUDA front end")
struct CUDAFrontEndTests {
  /// The preamble that stands in for CUDA's headers.
  static let preamble = """
    #include "__clang_cuda_builtin_vars.h"
    #define __global__ __attribute__((global))
    #define __device__ __attribute__((device))
    #define __shared__ __attribute__((shared))
    #define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))

    """

  static func compile(_ clang: String, _ source: String, arch: String, in dir: URL) throws -> (
    status: Int32, output: String, ir: String
  ) {
    let file = dir.appendingPathComponent("kernels_\(arch).cu")
    let ir = dir.appendingPathComponent("kernels_\(arch).ll")
    try (preamble + source).write(to: file, atomically: true, encoding: .utf8)
    let r = try Toolchain.run(
      clang,
      [
        "-x", "cuda", "--cuda-device-only", "-nocudainc", "-nocudalib", "--cuda-gpu-arch=\(arch)",
        "-O2", "-Wall", "-Wextra", "-Werror", "-S", "-emit-llvm", "-o", ir.path, file.path,
      ])
    return (r.status, r.output, (try? String(contentsOf: ir, encoding: .utf8)) ?? "")
  }

  /// clang, if it compiles a trivial CUDA kernel for sm_90 without CUDA installed.
  static let clangCUDA: String? = {
    guard let clang = Toolchain.clang, let dir = try? Toolchain.temporaryFolder("netcost-clang-probe") else {
      return nil
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    let probe = "extern \"C\" __global__ void probe(float* p) { p[threadIdx.x] = 1.0f; }\n"
    guard let r = try? compile(clang, probe, arch: "sm_90", in: dir), r.status == 0 else { return nil }
    return clang
  }()

  @Test(
    "every kernel compiles in CUDA device mode for sm_70, sm_80 and sm_90, warnings as errors; kernels are kernels, tiles in shared memory, no local-memory arrays",
    .enabled(
      if: clangCUDA != nil,
      "no clang with a CUDA front end (clang++ -x cuda) on PATH: the CUDA device-mode check is skipped"))
  func deviceMode() throws {
    let clang = try #require(Self.clangCUDA)
    let dir = try Toolchain.temporaryFolder("netcost-clang")
    defer { try? FileManager.default.removeItem(at: dir) }
    for arch in ["sm_70", "sm_80", "sm_90"] {
      let r = try Self.compile(clang, GPUKernels.source, arch: arch, in: dir)
      #expect(r.status == 0, "clang \(arch):\n\(r.output)")
      #expect(r.output.isEmpty, "clang \(arch) said:\n\(r.output)")
      let ir = r.ir
      for name in GPUKernels.names {
        let isKernel = ir.contains("ptx_kernel void @\(name)(") || ir.contains("ptr @\(name), !\"kernel\"")
        #expect(isKernel, "\(arch): \(name) is not a kernel in the IR")
      }
      // The implicit GEMM's two 16×68 tiles are in shared memory (address space 3).
      #expect(
        ir.components(separatedBy: "addrspace(3) global [16 x [68 x float]]").count - 1 == 2, "\(arch): shared tiles")
      // Two barriers (its load and compute phases).
      #expect(ir.components(separatedBy: "call void @llvm.nvvm.barrier").count - 1 == 2, "\(arch): barriers")
      // No stack arrays: after -O2 an alloca would be local memory on the device.
      #expect(!ir.contains(" alloca "), "\(arch): an array stayed in local memory")
    }
  }
}
