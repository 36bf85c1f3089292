// netcost — Apache-2.0
//
// A CPU stand-in for the GPU, so that the GPU plans run here: the CUDA C
// kernels compiled with a C++ compiler and Tests/GPUEmulator/cuda_emulator.h
// (every CUDA thread a fiber, __syncthreads a real barrier), and cuBLAS's
// strided-batched SGEMM written out from its definition (column-major,
// with TF32 operand rounding for the TF32 variants). Device memory is host
// memory with NaN guard zones on both sides of each buffer.

import Foundation
import NetCostProfile
import Synchronization

/// Finds tools on PATH (and beside the Swift toolchain).
enum Toolchain {
  static func find(_ names: [String]) -> String? {
    var dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    dirs += ["/usr/bin", "/usr/local/bin", "/opt/swift/usr/bin"]  // the last: clang beside a Swift toolchain
    for name in names {
      if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return name } else { continue } }
      for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
    }
    return nil
  }

  /// A C++17 compiler: $CXX, else g++, clang++, c++.
  static let cxx: String? = find(
    [ProcessInfo.processInfo.environment["CXX"]].compactMap { $0 } + ["g++", "clang++", "c++"])

  /// clang (for its CUDA front end): $CLANG, else clang++ on PATH.
  static let clang: String? = find(
    [ProcessInfo.processInfo.environment["CLANG"]].compactMap { $0 } + ["clang++", "clang"])

  /// Runs a program; its status and its stderr and stdout together.
  static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The repository root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A fresh temporary folder.
  static func temporaryFolder(_ prefix: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The kernel source with each kernel listed for the emulator's table.
  static func emulatorUnit(_ source: String) -> String {
    "#include \"cuda_emulator.h\"\n" + source + "\n"
      + "static_assert(sizeof(ConvShape) == \(GPUKernels.shapeFields.count) * sizeof(int), \"ConvShape is \(GPUKernels.shapeFields.count) ints\");\n"
      + "NC_EMU_KERNELS(" + GPUKernels.names.map { "NC_EMU_KERNEL(\($0))" }.joined(separator: " ") + ")\n"
  }

  /// Flags the emulation library is built with: every warning an error.
  static let cxxFlags = [
    "-std=c++17", "-O1", "-fPIC", "-shared", "-fno-strict-aliasing", "-Wall", "-Wextra", "-Werror",
    "-Wno-unknown-pragmas",
  ]
}

/// Runs GPU plans on the CPU.
final class KernelEmulator: GPUExecutor, @unchecked Sendable {
  typealias Launch =
    @convention(c) (
      UnsafePointer<CChar>?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
      UnsafeMutablePointer<UnsafeMutableRawPointer?>?, Int32, UnsafeMutablePointer<CChar>?, Int32
    ) -> Int32
  typealias Arity = @convention(c) (UnsafePointer<CChar>?) -> Int32
  typealias ParamSize = @convention(c) (UnsafePointer<CChar>?, Int32) -> Int32
  typealias Barriers = @convention(c) () -> Int64

  let launchFn: Launch
  let arityFn: Arity
  let paramSizeFn: ParamSize
  let barriersFn: Barriers
  /// The compiler's command and output (empty when it said nothing).
  let buildLog: String
  /// Run each block's threads last to first instead of first to last.
  var reverse = false
  /// Launches and GEMMs run so far.
  var launches = 0
  var gemms = 0

  /// One emulator for the test process, built on first use; nil (with why)
  /// where there is no C++ compiler.
  static let shared: Result<KernelEmulator, EmulatorError> = Result { () throws(EmulatorError) in try KernelEmulator() }
  /// The emulator keeps global state (the block being run): one run at a time.
  static let lock = Mutex(())

  struct EmulatorError: Error, CustomStringConvertible {
    var description: String
  }

  /// Builds an emulator of `source` (the kernels, or a mutant of them).
  init(source: String = GPUKernels.source) throws(EmulatorError) {
    guard let cxx = Toolchain.cxx else {
      throw EmulatorError(description: "no C++ compiler (g++, clang++ or c++) on PATH")
    }
    do {
      let dir = try Toolchain.temporaryFolder("netcost-emu")
      let unit = dir.appendingPathComponent("kernels_emulated.cpp")
      try Toolchain.emulatorUnit(source).write(to: unit, atomically: true, encoding: .utf8)
      let lib = dir.appendingPathComponent("libkernels_emulated.so")
      let args =
        Toolchain.cxxFlags + [
          "-I", Toolchain.root.appendingPathComponent("Tests/GPUEmulator").path, "-o", lib.path, unit.path,
        ]
      let r = try Toolchain.run(cxx, args)
      buildLog = "\(cxx) \(args.joined(separator: " "))\n\(r.output)"
      guard r.status == 0 else { throw EmulatorError(description: "the kernels do not compile as C++:\n\(buildLog)") }
      guard let h = dlopen(lib.path, RTLD_NOW | RTLD_LOCAL) else {
        throw EmulatorError(description: "dlopen: \(String(cString: dlerror()))")
      }
      func sym<T>(_ name: String, _: T.Type) throws(EmulatorError) -> T {
        guard let p = dlsym(h, name) else { throw EmulatorError(description: "no \(name) in the emulator") }
        return unsafeBitCast(p, to: T.self)
      }
      launchFn = try sym("nc_emu_launch", Launch.self)
      arityFn = try sym("nc_emu_arity", Arity.self)
      paramSizeFn = try sym("nc_emu_param_size", ParamSize.self)
      barriersFn = try sym("nc_emu_barriers", Barriers.self)
    } catch let e as EmulatorError {
      throw e
    } catch {
      throw EmulatorError(description: "\(error)")
    }
  }

  /// Parameters the kernel takes, or -1 for an unknown kernel.
  func arity(_ kernel: String) -> Int { Int(arityFn(kernel)) }
  /// Bytes of the kernel's parameter i.
  func parameterSize(_ kernel: String, _ i: Int) -> Int { Int(paramSizeFn(kernel, Int32(i))) }
  /// Barriers passed by all blocks so far.
  var barriers: Int64 { barriersFn() }

  /// The bytes an argument passes.
  static func size(_ a: GPUKernelArgument) -> Int {
    switch a {
    case .pointer, .int64: 8
    case .int32, .uint32: 4
    case .shape(let words): 4 * words.count
    }
  }

  func launch(_ l: GPULaunch, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError) {
    launches += 1
    // The arguments must be what the kernel declares: count and sizes.
    guard arity(l.kernel) == l.arguments.count else {
      throw ProfileError("\(l.kernel) takes \(arity(l.kernel)) parameters; the plan passes \(l.arguments.count)")
    }
    for (i, a) in l.arguments.enumerated() where Self.size(a) != parameterSize(l.kernel, i) {
      throw ProfileError(
        "\(l.kernel) parameter \(i) is \(parameterSize(l.kernel, i)) bytes; the plan passes \(Self.size(a))")
    }
    var slots: [UnsafeMutableRawPointer?] = []
    defer { for s in slots { s?.deallocate() } }
    for a in l.arguments {
      let p = UnsafeMutableRawPointer.allocate(byteCount: max(8, Self.size(a)), alignment: 8)
      switch a {
      case .pointer(let op): p.storeBytes(of: address(op, in: addresses), as: UInt64.self)
      case .int32(let v): p.storeBytes(of: v, as: Int32.self)
      case .int64(let v): p.storeBytes(of: v, as: Int64.self)
      case .uint32(let v): p.storeBytes(of: v, as: UInt32.self)
      case .shape(let words): words.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
      }
      slots.append(p)
    }
    var error = [CChar](repeating: 0, count: 512)
    let r = slots.withUnsafeMutableBufferPointer { params in
      launchFn(
        l.kernel, UInt32(l.grid.x), UInt32(l.grid.y), UInt32(l.grid.z), UInt32(l.block.x), UInt32(l.block.y),
        UInt32(l.block.z), params.baseAddress, reverse ? 1 : 0, &error, Int32(error.count))
    }
    if r != 0 {
      throw ProfileError(
        "emulated launch of \(l.kernel) failed: "
          + String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
  }

  /// TF32: float32 rounded to 10 mantissa bits (to nearest, ties away from
  /// zero, as the tensor cores' conversion does); the sums stay float32.
  static func tf32(_ x: Float) -> Float {
    guard x.isFinite else { return x }
    let bits = x.bitPattern
    return Float(bitPattern: (bits &+ 0x1000) & 0xFFFF_E000)
  }

  /// cublasSgemmStridedBatched by its definition: column-major, α = 1,
  /// β = 0 (C only written), every cuBLAS argument rule checked first.
  func gemm(_ g: GPUGemm, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError) {
    gemms += 1
    if g.m < 0 || g.n < 0 || g.k < 0 || g.batch < 1 { throw ProfileError("cuBLAS would reject m, n, k or batch") }
    if g.lda < max(1, g.transA ? g.k : g.m) { throw ProfileError("cuBLAS would reject lda \(g.lda)") }
    if g.ldb < max(1, g.transB ? g.n : g.k) { throw ProfileError("cuBLAS would reject ldb \(g.ldb)") }
    if g.ldc < max(1, g.m) { throw ProfileError("cuBLAS would reject ldc \(g.ldc)") }
    let tf32 = g.precision == .tf32
    func round(_ x: Float) -> Float { tf32 ? Self.tf32(x) : x }
    func floats(_ op: GPUOperand) -> UnsafeMutablePointer<Float> {
      UnsafeMutablePointer<Float>(bitPattern: UInt(address(op, in: addresses)))!
    }
    let pa = floats(g.a)
    let pb = floats(g.b)
    let pc = floats(g.c)
    for b in 0..<g.batch {
      let a = pa + b * g.strideA
      let bb = pb + b * g.strideB
      let c = pc + b * g.strideC
      for j in 0..<g.n {
        for i in 0..<g.m {
          var acc: Float = 0
          for l in 0..<g.k {
            let x = g.transA ? a[l + i * g.lda] : a[i + l * g.lda]
            let y = g.transB ? bb[j + l * g.ldb] : bb[l + j * g.ldb]
            acc += round(x) * round(y)
          }
          c[i + j * g.ldc] = acc
        }
      }
    }
  }
}

/// Host memory standing in for device buffers: each buffer between two
/// guard zones of a NaN bit pattern that no kernel writes.
final class EmulatedMemory {
  static let guardFloats = 4096
  static let guardBits: UInt32 = 0x7FA5_A5A5
  private(set) var blocks: [GPUBufferRole: (base: UnsafeMutablePointer<Float>, count: Int)] = [:]

  /// Allocates every buffer of `plan`: the input and weights copied from
  /// `x` and `w`, the output and workspace filled with NaN.
  init(_ plan: GPUPlan, x: FloatBuffer, w: FloatBuffer) {
    for (role, count) in plan.bufferSizes {
      let total = count + 2 * Self.guardFloats
      let base = UnsafeMutablePointer<Float>.allocate(capacity: total)
      base.initialize(repeating: Float(bitPattern: Self.guardBits), count: total)
      let data = base + Self.guardFloats
      switch role {
      case .input: data.update(from: x.pointer, count: count)
      case .weights: data.update(from: w.pointer, count: count)
      case .output, .workspace: data.update(repeating: .nan, count: count)
      }
      blocks[role] = (base, count)
    }
  }

  deinit { for (_, b) in blocks { b.base.deallocate() } }

  var addresses: [GPUBufferRole: CUdeviceptr] {
    blocks.mapValues { CUdeviceptr(UInt(bitPattern: $0.base + Self.guardFloats)) }
  }

  /// A buffer's floats.
  func contents(_ role: GPUBufferRole) -> UnsafeBufferPointer<Float> {
    let b = blocks[role]!
    return UnsafeBufferPointer(start: b.base + Self.guardFloats, count: b.count)
  }

  /// The buffers whose guard zones were written.
  var overrun: [GPUBufferRole] {
    blocks.compactMap { role, b in
      let total = b.count + 2 * Self.guardFloats
      let before = (0..<Self.guardFloats).contains { b.base[$0].bitPattern != Self.guardBits }
      let after = (total - Self.guardFloats..<total).contains { b.base[$0].bitPattern != Self.guardBits }
      return before || after ? role : nil
    }
  }
}
