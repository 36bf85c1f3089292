// netcost — Apache-2.0
//
// NVRTC, CUDA's run-time compiler (libnvrtc.so.*, nvrtc.h), loaded with
// dlopen: the kernels are CUDA C strings compiled for the device found.
// C types: nvrtcResult (enum) → Int32; nvrtcProgram (pointer to an opaque
// struct) → OpaquePointer?; size_t → Int.

/// NVRTC, loaded from the first library name that opens.
final class NVRTC: @unchecked Sendable {
  // nvrtcResult nvrtcVersion(int *major, int *minor);
  typealias Version = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32
  // nvrtcResult nvrtcGetNumSupportedArchs(int *numArchs);
  typealias GetNumSupportedArchs = @convention(c) (UnsafeMutablePointer<Int32>?) -> Int32
  // nvrtcResult nvrtcGetSupportedArchs(int *supportedArchs);
  typealias GetSupportedArchs = @convention(c) (UnsafeMutablePointer<Int32>?) -> Int32
  // nvrtcResult nvrtcCreateProgram(nvrtcProgram *prog, const char *src, const char *name,
  //     int numHeaders, const char * const *headers, const char * const *includeNames);
  typealias CreateProgram =
    @convention(c) (
      UnsafeMutablePointer<OpaquePointer?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32,
      UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?
    ) -> Int32
  // nvrtcResult nvrtcDestroyProgram(nvrtcProgram *prog);
  typealias DestroyProgram = @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Int32
  // nvrtcResult nvrtcCompileProgram(nvrtcProgram prog, int numOptions, const char * const *options);
  typealias CompileProgram = @convention(c) (OpaquePointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
  // nvrtcResult nvrtcGetPTXSize(nvrtcProgram prog, size_t *ptxSizeRet);   (also GetCUBINSize, GetProgramLogSize)
  typealias GetSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>?) -> Int32
  // nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char *ptx);                 (also GetCUBIN, GetProgramLog)
  typealias GetBytes = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?) -> Int32
  // const char *nvrtcGetErrorString(nvrtcResult result);
  typealias GetErrorString = @convention(c) (Int32) -> UnsafePointer<CChar>?

  /// Sonames tried, newest first (`NETCOST_LIBNVRTC` replaces them).
  static let defaultNames = [
    "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0", "libnvrtc.so",
  ]

  let library: DynamicLibrary
  let nvrtcVersion: Version
  let nvrtcGetNumSupportedArchs: GetNumSupportedArchs?
  let nvrtcGetSupportedArchs: GetSupportedArchs?
  let nvrtcCreateProgram: CreateProgram
  let nvrtcDestroyProgram: DestroyProgram
  let nvrtcCompileProgram: CompileProgram
  let nvrtcGetPTXSize: GetSize
  let nvrtcGetPTX: GetBytes
  let nvrtcGetCUBINSize: GetSize?
  let nvrtcGetCUBIN: GetBytes?
  let nvrtcGetProgramLogSize: GetSize
  let nvrtcGetProgramLog: GetBytes
  let nvrtcGetErrorString: GetErrorString?

  static func load() throws(ProfileError) -> NVRTC {
    let names = DynamicLibrary.candidates(environment: "NETCOST_LIBNVRTC", defaults: defaultNames)
    let (lib, tried) = DynamicLibrary.open(names)
    guard let lib else {
      throw ProfileError(
        "a CUDA driver was found, but not NVRTC, CUDA's run-time compiler (libnvrtc.so.*); "
          + "install the CUDA toolkit's NVRTC or add its folder to LD_LIBRARY_PATH\n  tried: "
          + tried.joined(separator: "\n         "))
    }
    return try NVRTC(lib)
  }

  private init(_ l: DynamicLibrary) throws(ProfileError) {
    library = l
    nvrtcVersion = try l.function("nvrtcVersion", as: Version.self)
    nvrtcGetNumSupportedArchs = l.optionalFunction("nvrtcGetNumSupportedArchs", as: GetNumSupportedArchs.self)
    nvrtcGetSupportedArchs = l.optionalFunction("nvrtcGetSupportedArchs", as: GetSupportedArchs.self)
    nvrtcCreateProgram = try l.function("nvrtcCreateProgram", as: CreateProgram.self)
    nvrtcDestroyProgram = try l.function("nvrtcDestroyProgram", as: DestroyProgram.self)
    nvrtcCompileProgram = try l.function("nvrtcCompileProgram", as: CompileProgram.self)
    nvrtcGetPTXSize = try l.function("nvrtcGetPTXSize", as: GetSize.self)
    nvrtcGetPTX = try l.function("nvrtcGetPTX", as: GetBytes.self)
    nvrtcGetCUBINSize = l.optionalFunction("nvrtcGetCUBINSize", as: GetSize.self)
    nvrtcGetCUBIN = l.optionalFunction("nvrtcGetCUBIN", as: GetBytes.self)
    nvrtcGetProgramLogSize = try l.function("nvrtcGetProgramLogSize", as: GetSize.self)
    nvrtcGetProgramLog = try l.function("nvrtcGetProgramLog", as: GetBytes.self)
    nvrtcGetErrorString = l.optionalFunction("nvrtcGetErrorString", as: GetErrorString.self)
  }

  /// "12.4".
  var version: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    return nvrtcVersion(&major, &minor) == 0 ? "\(major).\(minor)" : "unknown"
  }

  /// The real architectures this NVRTC compiles for (90 for sm_90), or nil
  /// when it cannot say (before CUDA 11.2).
  var supportedArchitectures: [Int]? {
    guard let count = nvrtcGetNumSupportedArchs, let list = nvrtcGetSupportedArchs else { return nil }
    var n: Int32 = 0
    guard count(&n) == 0, n > 0 else { return nil }
    var archs = [Int32](repeating: 0, count: Int(n))
    guard list(&archs) == 0 else { return nil }
    return archs.map(Int.init)
  }

  func check(_ r: Int32, _ call: String) throws(ProfileError) {
    guard r != 0 else { return }
    let text = nvrtcGetErrorString?(r).map { String(cString: $0) } ?? "nvrtcResult \(r)"
    throw ProfileError("NVRTC error in \(call): \(text)")
  }

  /// The machine code (CUBIN) or PTX of one compilation, and the target.
  struct Image {
    /// What cuModuleLoadData takes: CUBIN bytes, or PTX text ending in NUL.
    var bytes: [UInt8]
    /// `sm_90` (CUBIN) or `compute_90` (PTX the driver compiles at load).
    var target: String
    /// The compiler's log (warnings), possibly empty.
    var log: String
  }

  /// Compiles `source` for a device of compute capability `major.minor`.
  func compile(_ source: String, name: String, major: Int, minor: Int) throws(ProfileError) -> Image {
    let supported = supportedArchitectures
    guard
      let chosen = NVRTCTarget.choose(
        major: major, minor: minor, supported: supported,
        cubin: nvrtcGetCUBIN != nil && nvrtcGetCUBINSize != nil)
    else {
      throw ProfileError(
        "NVRTC \(version) cannot compile for compute capability \(major).\(minor) "
          + "(it supports sm_\((supported ?? []).map(String.init).joined(separator: ", sm_")))")
    }
    let (arch, real) = chosen
    let target = (real ? "sm_" : "compute_") + String(arch)
    var prog: OpaquePointer?
    try check(
      source.withCString { s in name.withCString { n in nvrtcCreateProgram(&prog, s, n, 0, nil, nil) } },
      "nvrtcCreateProgram")
    defer { _ = nvrtcDestroyProgram(&prog) }
    // NVRTC's default language is C++17; -fmad (contracting a·b + c into
    // one FMA) is on by default, as with nvcc.
    let options = ["--gpu-architecture=\(target)"]
    let result = withCStrings(options) { nvrtcCompileProgram(prog, Int32(options.count), $0) }
    var logSize = 0
    var log = ""
    if nvrtcGetProgramLogSize(prog, &logSize) == 0, logSize > 1 {
      var buf = [CChar](repeating: 0, count: logSize)
      if nvrtcGetProgramLog(prog, &buf) == 0 {
        log = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      }
    }
    if result != 0 {
      let text = nvrtcGetErrorString?(result).map { String(cString: $0) } ?? "nvrtcResult \(result)"
      throw ProfileError("NVRTC \(version) could not compile the kernels for \(target): \(text)\n\(log)")
    }
    var size = 0
    var bytes: [UInt8]
    if real, let getSize = nvrtcGetCUBINSize, let get = nvrtcGetCUBIN {
      try check(getSize(prog, &size), "nvrtcGetCUBINSize")
      var buf = [CChar](repeating: 0, count: max(1, size))
      try check(get(prog, &buf), "nvrtcGetCUBIN")
      bytes = buf.map { UInt8(bitPattern: $0) }
    } else {
      try check(nvrtcGetPTXSize(prog, &size), "nvrtcGetPTXSize")
      var buf = [CChar](repeating: 0, count: max(1, size))
      try check(nvrtcGetPTX(prog, &buf), "nvrtcGetPTX")
      bytes = buf.map { UInt8(bitPattern: $0) }
      if bytes.last != 0 { bytes.append(0) }
    }
    return Image(bytes: bytes, target: target, log: log)
  }
}

/// What NVRTC compiles the kernels for.
public enum NVRTCTarget {
  /// The target for a device of compute capability `major.minor`: its own
  /// real architecture (machine code, CUBIN, when `cubin`: NVRTC can emit
  /// it) when NVRTC supports it or cannot say (`supported` nil); else PTX
  /// for the newest architecture NVRTC knows below the device's, which the
  /// driver compiles when it loads the module. Nil: the device is older
  /// than anything NVRTC supports.
  public static func choose(major: Int, minor: Int, supported: [Int]?, cubin: Bool) -> (arch: Int, real: Bool)? {
    let arch = major * 10 + minor
    guard let supported, !supported.isEmpty else { return (arch, cubin) }
    if supported.contains(arch) { return (arch, cubin) }
    guard let below = supported.filter({ $0 < arch }).max() else { return nil }
    return (below, false)
  }
}

/// Calls `body` with a C array of the strings (`const char * const *`).
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
  let copies = strings.map { s -> UnsafeMutablePointer<CChar> in
    let u = Array(s.utf8CString)
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: u.count)
    p.initialize(from: u, count: u.count)
    return p
  }
  defer { for c in copies { c.deallocate() } }
  let array = copies.map { Optional(UnsafePointer($0)) }
  return array.withUnsafeBufferPointer { body($0.baseAddress!) }
}
