// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#endif

/// A shared library opened at run time with `dlopen`, so that netcost
/// builds and runs on machines without it (CUDA's driver, NVRTC, cuBLAS)
/// and only the code paths that need it fail, with a message naming what
/// was tried.
final class DynamicLibrary: @unchecked Sendable {
  /// The name that opened it.
  let name: String
  private let handle: UnsafeMutableRawPointer

  private init(name: String, handle: UnsafeMutableRawPointer) {
    self.name = name
    self.handle = handle
  }

  // The libraries stay loaded for the life of the process: CUDA's libraries
  // register exit handlers and must not be unloaded under them.

  /// Opens the first of `names` that loads; nil with every name's `dlerror`
  /// message when none does.
  static func open(_ names: [String]) -> (library: DynamicLibrary?, tried: [String]) {
    var tried: [String] = []
    for name in names {
      if let h = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
        return (DynamicLibrary(name: name, handle: h), tried)
      }
      let why = dlerror().map { String(cString: $0) } ?? "not found"
      tried.append(why.contains(name) ? why : "\(name): \(why)")
    }
    return (nil, tried)
  }

  /// The address of `symbol`, or nil.
  func address(_ symbol: String) -> UnsafeMutableRawPointer? { dlsym(handle, symbol) }

  /// The first of `symbols` that the library exports, typed as `type` (a
  /// `@convention(c)` function type written from the library's header).
  func function<F>(_ symbols: String..., as type: F.Type) throws(ProfileError) -> F {
    for s in symbols {
      if let p = dlsym(handle, s) { return unsafeBitCast(p, to: F.self) }
    }
    throw ProfileError("\(name) has no \(symbols.joined(separator: " or ")): too old a version?")
  }

  /// The first of `symbols` that the library exports, or nil.
  func optionalFunction<F>(_ symbols: String..., as type: F.Type) -> F? {
    for s in symbols {
      if let p = dlsym(handle, s) { return unsafeBitCast(p, to: F.self) }
    }
    return nil
  }

  /// Library names from environment overrides first, then the defaults.
  static func candidates(environment variable: String, defaults: [String]) -> [String] {
    if let v = getenv(variable), v.pointee != 0 { return [String(cString: v)] }
    return defaults
  }
}
