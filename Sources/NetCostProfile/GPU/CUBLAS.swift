// netcost — Apache-2.0
//
// cuBLAS (libcublas.so.*, cublas_api.h), loaded with dlopen: the GEMM
// behind the im2col, 1×1 and linear kernels, and the device's peak.
// C types: cublasStatus_t, cublasOperation_t, cublasMath_t (enums) → Int32;
// cublasHandle_t (pointer to an opaque struct) → OpaquePointer?; int →
// Int32; long long → Int64; device float pointers → raw pointers made from
// the CUdeviceptr's bits.

/// cuBLAS, loaded from the first library name that opens.
final class CUBLAS: @unchecked Sendable {
  // cublasStatus_t cublasCreate_v2(cublasHandle_t *handle);
  typealias Create = @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Int32
  // cublasStatus_t cublasDestroy_v2(cublasHandle_t handle);
  typealias Destroy = @convention(c) (OpaquePointer?) -> Int32
  // cublasStatus_t cublasGetVersion_v2(cublasHandle_t handle, int *version);
  typealias GetVersion = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?) -> Int32
  // cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode);
  typealias SetMathMode = @convention(c) (OpaquePointer?, Int32) -> Int32
  // cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
  //     int m, int n, int k, const float *alpha, const float *A, int lda, const float *B, int ldb,
  //     const float *beta, float *C, int ldc);
  typealias Sgemm =
    @convention(c) (
      OpaquePointer?, Int32, Int32, Int32, Int32, Int32, UnsafePointer<Float>?, UnsafeRawPointer?, Int32,
      UnsafeRawPointer?, Int32, UnsafePointer<Float>?, UnsafeMutableRawPointer?, Int32
    ) -> Int32
  // cublasStatus_t cublasSgemmStridedBatched(cublasHandle_t handle, cublasOperation_t transa,
  //     cublasOperation_t transb, int m, int n, int k, const float *alpha, const float *A, int lda,
  //     long long int strideA, const float *B, int ldb, long long int strideB, const float *beta,
  //     float *C, int ldc, long long int strideC, int batchCount);
  typealias SgemmStridedBatched =
    @convention(c) (
      OpaquePointer?, Int32, Int32, Int32, Int32, Int32, UnsafePointer<Float>?, UnsafeRawPointer?, Int32, Int64,
      UnsafeRawPointer?, Int32, Int64, UnsafePointer<Float>?, UnsafeMutableRawPointer?, Int32, Int64, Int32
    ) -> Int32

  /// cublasOperation_t.
  static let opN: Int32 = 0  // CUBLAS_OP_N
  static let opT: Int32 = 1  // CUBLAS_OP_T
  /// cublasMath_t.
  static let defaultMath: Int32 = 0  // CUBLAS_DEFAULT_MATH: float32 arithmetic
  static let tf32TensorOpMath: Int32 = 3  // CUBLAS_TF32_TENSOR_OP_MATH: TF32 tensor cores for float32 routines

  /// Sonames tried, newest first (`NETCOST_LIBCUBLAS` replaces them).
  static let defaultNames = ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"]

  let library: DynamicLibrary
  let cublasCreate: Create
  let cublasDestroy: Destroy
  let cublasGetVersion: GetVersion
  let cublasSetMathMode: SetMathMode
  let cublasSgemm: Sgemm
  let cublasSgemmStridedBatched: SgemmStridedBatched

  static func load() throws(ProfileError) -> CUBLAS {
    let names = DynamicLibrary.candidates(environment: "NETCOST_LIBCUBLAS", defaults: defaultNames)
    let (lib, tried) = DynamicLibrary.open(names)
    guard let lib else {
      throw ProfileError(
        "a CUDA driver was found, but not cuBLAS (libcublas.so.*); install the CUDA toolkit's "
          + "cuBLAS or add its folder to LD_LIBRARY_PATH\n  tried: " + tried.joined(separator: "\n         "))
    }
    return try CUBLAS(lib)
  }

  private init(_ l: DynamicLibrary) throws(ProfileError) {
    library = l
    cublasCreate = try l.function("cublasCreate_v2", as: Create.self)
    cublasDestroy = try l.function("cublasDestroy_v2", as: Destroy.self)
    cublasGetVersion = try l.function("cublasGetVersion_v2", as: GetVersion.self)
    cublasSetMathMode = try l.function("cublasSetMathMode", as: SetMathMode.self)
    cublasSgemm = try l.function("cublasSgemm_v2", as: Sgemm.self)
    cublasSgemmStridedBatched = try l.function("cublasSgemmStridedBatched", as: SgemmStridedBatched.self)
  }

  /// cublasStatus_t names (cublas_api.h).
  static func statusName(_ s: Int32) -> String {
    switch s {
    case 1: "CUBLAS_STATUS_NOT_INITIALIZED"
    case 3: "CUBLAS_STATUS_ALLOC_FAILED"
    case 7: "CUBLAS_STATUS_INVALID_VALUE"
    case 8: "CUBLAS_STATUS_ARCH_MISMATCH"
    case 11: "CUBLAS_STATUS_MAPPING_ERROR"
    case 13: "CUBLAS_STATUS_EXECUTION_FAILED"
    case 14: "CUBLAS_STATUS_INTERNAL_ERROR"
    case 15: "CUBLAS_STATUS_NOT_SUPPORTED"
    case 16: "CUBLAS_STATUS_LICENSE_ERROR"
    default: "cublasStatus_t \(s)"
    }
  }

  func check(_ s: Int32, _ call: @autoclosure () -> String) throws(ProfileError) {
    guard s != 0 else { return }
    throw ProfileError("cuBLAS error in \(call()): \(Self.statusName(s)) (\(s))")
  }

  /// "12.4.5" from cublasGetVersion's 12405 (major·10000 + minor·100 + patch
  /// since CUDA 10.1; older libraries use major·1000 + minor·10).
  static func versionString(_ v: Int) -> String {
    v >= 10000 ? "\(v / 10000).\(v / 100 % 100).\(v % 100)" : "\(v / 1000).\(v / 10 % 100)"
  }
}
