// netcost — Apache-2.0

/// What the device is, read once when it is opened.
public struct GPUDeviceInfo: Sendable, Equatable {
  /// `NVIDIA H100 80GB HBM3`.
  public var name: String
  /// Compute capability (9.0 for Hopper).
  public var computeCapability: (major: Int, minor: Int)
  /// Streaming multiprocessors.
  public var multiprocessors: Int
  /// Device memory, bytes.
  public var memoryBytes: Int
  /// L2 cache, bytes.
  public var l2Bytes: Int
  /// The driver's CUDA version (12040 → 12.4).
  public var driverVersion: Int
  /// What NVRTC compiled the kernels for: `sm_90` (machine code) or
  /// `compute_90` (PTX the driver compiled at load time).
  public var target: String
  /// NVRTC's version, `12.4`.
  public var nvrtcVersion: String
  /// cuBLAS's version, `12.4.5`.
  public var cublasVersion: String

  /// Creates a description (tests and given figures).
  public init(
    name: String, computeCapability: (major: Int, minor: Int), multiprocessors: Int, memoryBytes: Int,
    l2Bytes: Int, driverVersion: Int, target: String, nvrtcVersion: String, cublasVersion: String
  ) {
    self.name = name
    self.computeCapability = computeCapability
    self.multiprocessors = multiprocessors
    self.memoryBytes = memoryBytes
    self.l2Bytes = l2Bytes
    self.driverVersion = driverVersion
    self.target = target
    self.nvrtcVersion = nvrtcVersion
    self.cublasVersion = cublasVersion
  }

  /// `12.4` from 12040.
  public var driverVersionString: String { "\(driverVersion / 1000).\(driverVersion % 1000 / 10)" }

  public static func == (a: Self, b: Self) -> Bool {
    a.name == b.name && a.computeCapability == b.computeCapability && a.multiprocessors == b.multiprocessors
      && a.memoryBytes == b.memoryBytes && a.l2Bytes == b.l2Bytes && a.driverVersion == b.driverVersion
      && a.target == b.target && a.nvrtcVersion == b.nvrtcVersion && a.cublasVersion == b.cublasVersion
  }
}

/// Device memory holding `count` floats, freed when the last reference goes.
public final class DeviceBuffer {
  /// Its device address.
  public let address: CUdeviceptr
  /// Floats.
  public let count: Int
  private let driver: CUDADriver

  fileprivate init(address: CUdeviceptr, count: Int, driver: CUDADriver) {
    self.address = address
    self.count = count
    self.driver = driver
  }

  deinit { _ = driver.cuMemFree(address) }
}

/// The first NVIDIA GPU (device 0; choose another with CUDA_VISIBLE_DEVICES)
/// through the CUDA driver API, with netcost's kernels compiled by NVRTC
/// and cuBLAS for the GEMMs, all three loaded at run time. Work goes to the
/// legacy default stream, in order; `time` brackets it with CUDA events.
/// Use it from one thread.
public final class CUDADevice: GPUExecutor {
  let driver: CUDADriver
  let nvrtc: NVRTC
  let cublas: CUBLAS
  let device: CUdevice
  let context: OpaquePointer
  let module: OpaquePointer
  let functions: [String: OpaquePointer]
  let handle: OpaquePointer
  let start: OpaquePointer
  let stop: OpaquePointer
  var mathMode: Int32 = -1
  /// The device.
  public let info: GPUDeviceInfo
  /// The largest grid in x, y, z.
  public let maxGrid: (x: Int, y: Int, z: Int)

  /// Opens device 0: loads the driver (the error says "no CUDA driver
  /// found (libcuda.so.1)" where there is none), NVRTC and cuBLAS; retains
  /// the device's primary context, which cuBLAS's run time then shares;
  /// compiles the kernels for the device's architecture.
  public init() throws(ProfileError) {
    let driver = try CUDADriver.load()
    try driver.check(driver.cuInit(0), "cuInit")
    var count: Int32 = 0
    try driver.check(driver.cuDeviceGetCount(&count), "cuDeviceGetCount")
    guard count > 0 else { throw ProfileError("the CUDA driver found no GPU (cuDeviceGetCount = 0)") }
    let nvrtc = try NVRTC.load()
    let cublas = try CUBLAS.load()
    var dev: CUdevice = 0
    try driver.check(driver.cuDeviceGet(&dev, 0), "cuDeviceGet(0)")
    var nameBuf = [CChar](repeating: 0, count: 256)
    try driver.check(driver.cuDeviceGetName(&nameBuf, 255, dev), "cuDeviceGetName")
    var memory = 0
    try driver.check(driver.cuDeviceTotalMem(&memory, dev), "cuDeviceTotalMem_v2")
    var version: Int32 = 0
    try driver.check(driver.cuDriverGetVersion(&version), "cuDriverGetVersion")
    let major = try driver.attribute(.computeCapabilityMajor, dev)
    let minor = try driver.attribute(.computeCapabilityMinor, dev)
    maxGrid = try (
      driver.attribute(.maxGridDimX, dev), driver.attribute(.maxGridDimY, dev),
      driver.attribute(.maxGridDimZ, dev)
    )

    var ctx: OpaquePointer?
    try driver.check(driver.cuDevicePrimaryCtxRetain(&ctx, dev), "cuDevicePrimaryCtxRetain")
    guard let ctx else { throw ProfileError("cuDevicePrimaryCtxRetain gave no context") }
    // From here on, a failure must release what was taken.
    var mod: OpaquePointer?
    var h: OpaquePointer?
    var events: [OpaquePointer] = []
    func cleanUp() {
      if let h { _ = cublas.cublasDestroy(h) }
      for e in events { _ = driver.cuEventDestroy(e) }
      if let mod { _ = driver.cuModuleUnload(mod) }
      _ = driver.cuDevicePrimaryCtxRelease(dev)
    }
    do {
      try driver.check(driver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent")
      let image = try nvrtc.compile(GPUKernels.source, name: "netcost_kernels.cu", major: major, minor: minor)
      try driver.check(
        image.bytes.withUnsafeBytes { driver.cuModuleLoadData(&mod, $0.baseAddress) },
        "cuModuleLoadData (\(image.target))")
      var fns: [String: OpaquePointer] = [:]
      for name in GPUKernels.names {
        var f: OpaquePointer?
        try driver.check(driver.cuModuleGetFunction(&f, mod, name), "cuModuleGetFunction(\(name))")
        fns[name] = f!
      }
      functions = fns
      for _ in 0..<2 {
        var e: OpaquePointer?
        try driver.check(driver.cuEventCreate(&e, 0), "cuEventCreate")  // CU_EVENT_DEFAULT: timing enabled
        events.append(e!)
      }
      try cublas.check(cublas.cublasCreate(&h), "cublasCreate_v2")
      var cublasVersion: Int32 = 0
      try cublas.check(cublas.cublasGetVersion(h, &cublasVersion), "cublasGetVersion_v2")
      info = GPUDeviceInfo(
        name: nameBuf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }, computeCapability: (major, minor),
        multiprocessors: try driver.attribute(.multiprocessorCount, dev), memoryBytes: memory,
        l2Bytes: try driver.attribute(.l2CacheSize, dev), driverVersion: Int(version), target: image.target,
        nvrtcVersion: nvrtc.version, cublasVersion: CUBLAS.versionString(Int(cublasVersion)))
    } catch {
      cleanUp()
      throw error
    }
    self.driver = driver
    self.nvrtc = nvrtc
    self.cublas = cublas
    device = dev
    context = ctx
    module = mod!
    handle = h!
    start = events[0]
    stop = events[1]
  }

  deinit {
    _ = driver.cuCtxSynchronize()
    _ = cublas.cublasDestroy(handle)
    _ = driver.cuEventDestroy(start)
    _ = driver.cuEventDestroy(stop)
    _ = driver.cuModuleUnload(module)
    _ = driver.cuDevicePrimaryCtxRelease(device)
  }

  /// `count` floats of device memory (contents undefined).
  public func allocate(floats count: Int) throws(ProfileError) -> DeviceBuffer {
    var p: CUdeviceptr = 0
    try driver.check(driver.cuMemAlloc(&p, max(1, count) * 4), "cuMemAlloc_v2(\(max(1, count) * 4) bytes)")
    return DeviceBuffer(address: p, count: count, driver: driver)
  }

  /// Copies host floats to the device.
  public func upload(_ host: UnsafePointer<Float>, count: Int, to buffer: DeviceBuffer) throws(ProfileError) {
    precondition(count <= buffer.count)
    try driver.check(driver.cuMemcpyHtoD(buffer.address, host, count * 4), "cuMemcpyHtoD_v2")
  }

  /// Copies device floats to the host (waits for the work before it).
  public func download(_ buffer: DeviceBuffer, count: Int, to host: UnsafeMutablePointer<Float>) throws(ProfileError) {
    precondition(count <= buffer.count)
    try driver.check(driver.cuMemcpyDtoH(host, buffer.address, count * 4), "cuMemcpyDtoH_v2")
  }

  /// Sets every float of `buffer` to the bit pattern `bits` (0x7FC00000: NaN).
  public func fill(_ buffer: DeviceBuffer, bits: UInt32) throws(ProfileError) {
    try driver.check(driver.cuMemsetD32(buffer.address, bits, max(1, buffer.count)), "cuMemsetD32_v2")
  }

  /// Copies `bytes` between device buffers.
  public func copy(_ bytes: Int, from src: DeviceBuffer, to dst: DeviceBuffer) throws(ProfileError) {
    try driver.check(driver.cuMemcpyDtoD(dst.address, src.address, bytes), "cuMemcpyDtoD_v2")
  }

  /// Waits for all work; a kernel's run-time fault surfaces here.
  public func synchronize() throws(ProfileError) {
    try driver.check(driver.cuCtxSynchronize(), "cuCtxSynchronize (after the kernels launched before it)")
  }

  /// Seconds the device spent on what `body` enqueues: CUDA events
  /// recorded before and after it on the default stream, then waited for.
  public func time(_ body: () throws(ProfileError) -> Void) throws(ProfileError) -> Double {
    try driver.check(driver.cuEventRecord(start, nil), "cuEventRecord")
    try body()
    try driver.check(driver.cuEventRecord(stop, nil), "cuEventRecord")
    try driver.check(driver.cuEventSynchronize(stop), "cuEventSynchronize (after the timed kernels)")
    var ms: Float = 0
    try driver.check(driver.cuEventElapsedTime(&ms, start, stop), "cuEventElapsedTime")
    return Double(ms) / 1000
  }

  // MARK: - GPUExecutor

  /// Launches a kernel on the default stream. Each argument is copied into
  /// its own 8-byte-aligned slot and `kernelParams` points at the slots, as
  /// cuLaunchKernel requires; it reads them before returning. A bad launch
  /// (configuration, resources) is reported here; a fault while running at
  /// the next synchronization.
  public func launch(_ l: GPULaunch, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError) {
    guard let f = functions[l.kernel] else { throw ProfileError("no GPU kernel '\(l.kernel)'") }
    var slots: [UnsafeMutableRawPointer?] = []
    defer { for s in slots { s?.deallocate() } }
    func slot<T>(_ value: T) {
      let p = UnsafeMutableRawPointer.allocate(byteCount: max(8, MemoryLayout<T>.size), alignment: 8)
      p.storeBytes(of: value, as: T.self)
      slots.append(p)
    }
    for arg in l.arguments {
      switch arg {
      case .pointer(let op): slot(address(op, in: addresses))
      case .int32(let v): slot(v)
      case .int64(let v): slot(v)
      case .uint32(let v): slot(v)
      case .shape(let words):
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(8, 4 * words.count), alignment: 8)
        words.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        slots.append(p)
      }
    }
    let r = slots.withUnsafeMutableBufferPointer { params in
      driver.cuLaunchKernel(
        f, UInt32(l.grid.x), UInt32(l.grid.y), UInt32(l.grid.z),
        UInt32(l.block.x), UInt32(l.block.y), UInt32(l.block.z), 0, nil, params.baseAddress, nil)
    }
    try driver.check(r, "cuLaunchKernel(\(l.kernel), grid \(l.grid.x)×\(l.grid.y)×\(l.grid.z), block \(l.block.x))")
  }

  /// Runs a GEMM through cuBLAS (α = 1, β = 0, host scalars), switching
  /// the handle's math mode to TF32 tensor cores or plain float32 first.
  public func gemm(_ g: GPUGemm, addresses: [GPUBufferRole: CUdeviceptr]) throws(ProfileError) {
    let mode = g.precision == .tf32 ? CUBLAS.tf32TensorOpMath : CUBLAS.defaultMath
    if mode != mathMode {
      try cublas.check(cublas.cublasSetMathMode(handle, mode), "cublasSetMathMode(\(mode))")
      mathMode = mode
    }
    var alpha: Float = 1
    var beta: Float = 0
    let a = UnsafeRawPointer(bitPattern: UInt(address(g.a, in: addresses)))
    let b = UnsafeRawPointer(bitPattern: UInt(address(g.b, in: addresses)))
    let c = UnsafeMutableRawPointer(bitPattern: UInt(address(g.c, in: addresses)))
    let ta = g.transA ? CUBLAS.opT : CUBLAS.opN
    let tb = g.transB ? CUBLAS.opT : CUBLAS.opN
    let s: Int32
    if g.batch == 1 {
      s = cublas.cublasSgemm(
        handle, ta, tb, Int32(g.m), Int32(g.n), Int32(g.k), &alpha, a, Int32(g.lda), b, Int32(g.ldb),
        &beta, c, Int32(g.ldc))
    } else {
      s = cublas.cublasSgemmStridedBatched(
        handle, ta, tb, Int32(g.m), Int32(g.n), Int32(g.k), &alpha, a, Int32(g.lda),
        Int64(g.strideA), b, Int32(g.ldb), Int64(g.strideB), &beta, c, Int32(g.ldc),
        Int64(g.strideC), Int32(g.batch))
    }
    try cublas.check(
      s, "cublasSgemm\(g.batch == 1 ? "_v2" : "StridedBatched")(m \(g.m), n \(g.n), k \(g.k), batch \(g.batch))")
  }
}
