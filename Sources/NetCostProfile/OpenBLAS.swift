// netcost — Apache-2.0
//
// OpenBLAS (libopenblas.so.0, cblas.h), opened with dlopen on first use
// rather than linked: a linked OpenBLAS starts its thread pool when the
// process loads, and those threads spin for a while on every run, also of
// `netcost analyze`, which never multiplies a matrix (about 0.1 s of CPU
// on a 100,000-layer spec). Only the GEMM kernels of `profile` and
// `bench-conv` open it. C types: CBLAS_ORDER, CBLAS_TRANSPOSE (enums) and
// blasint (int in Debian's build) → Int32.

/// The four OpenBLAS functions netcost calls, from the first library name
/// that opens (`NETCOST_LIBOPENBLAS` replaces the defaults).
final class OpenBLAS: @unchecked Sendable {
  // void cblas_sgemm(OPENBLAS_CONST enum CBLAS_ORDER Order, OPENBLAS_CONST enum CBLAS_TRANSPOSE TransA,
  //     OPENBLAS_CONST enum CBLAS_TRANSPOSE TransB, OPENBLAS_CONST blasint M, OPENBLAS_CONST blasint N,
  //     OPENBLAS_CONST blasint K, OPENBLAS_CONST float alpha, OPENBLAS_CONST float *A, OPENBLAS_CONST blasint lda,
  //     OPENBLAS_CONST float *B, OPENBLAS_CONST blasint ldb, OPENBLAS_CONST float beta, float *C,
  //     OPENBLAS_CONST blasint ldc);
  typealias Sgemm =
    @convention(c) (
      Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
      Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void
  // void openblas_set_num_threads(int num_threads);
  typealias SetNumThreads = @convention(c) (Int32) -> Void
  // char* openblas_get_corename(void);   char* openblas_get_config(void);
  typealias GetText = @convention(c) () -> UnsafeMutablePointer<CChar>?

  /// cblas.h's enum values: CblasRowMajor, CblasNoTrans, CblasTrans.
  static let rowMajor: Int32 = 101
  static let noTrans: Int32 = 111
  static let trans: Int32 = 112

  /// Sonames tried in order: Debian's libopenblas0 provides the first.
  static let defaultNames = ["libopenblas.so.0", "libopenblas.so"]

  let library: DynamicLibrary
  let sgemm: Sgemm
  let setNumThreads: SetNumThreads
  let corename: GetText?
  let config: GetText?

  private init(_ l: DynamicLibrary) throws(ProfileError) {
    library = l
    sgemm = try l.function("cblas_sgemm", as: Sgemm.self)
    setNumThreads = try l.function("openblas_set_num_threads", as: SetNumThreads.self)
    corename = l.optionalFunction("openblas_get_corename", as: GetText.self)
    config = l.optionalFunction("openblas_get_config", as: GetText.self)
  }

  /// The library, opened once, or why it could not be.
  static let shared: Result<OpenBLAS, ProfileError> = {
    let names = DynamicLibrary.candidates(environment: "NETCOST_LIBOPENBLAS", defaults: defaultNames)
    let (lib, tried) = DynamicLibrary.open(names)
    guard let lib else {
      return .failure(
        ProfileError(
          "the GEMM kernels need OpenBLAS (libopenblas.so.0; Debian: libopenblas0, `make deps` installs it); tried: "
            + tried.joined(separator: "; ")))
    }
    do throws(ProfileError) {
      return .success(try OpenBLAS(lib))
    } catch {
      return .failure(error)
    }
  }()

  /// The library, or the error that says how to install it.
  static func require() throws(ProfileError) -> OpenBLAS { try shared.get() }

  /// The library when it opened (kernels are only made after ``require()``).
  static var loaded: OpenBLAS? { try? shared.get() }
}
