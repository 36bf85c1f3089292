// netcost — Apache-2.0
//
// The part of CUDA's driver API (libcuda.so.1, cuda.h) that netcost uses,
// loaded with dlopen. Every function type is written from cuda.h's
// prototype; the comment above each gives it. C types map as:
//   CUresult, CUdevice, int, enum → Int32;  unsigned int → UInt32;
//   size_t → Int;  CUdeviceptr (unsigned long long) → UInt64;
//   CUcontext, CUmodule, CUfunction, CUevent, CUstream (pointers to
//   opaque structs) → OpaquePointer?.
// Where cuda.h #defines a name to a versioned symbol (cuMemAlloc →
// cuMemAlloc_v2), the versioned one is looked up: it is what a program
// compiled against the header calls.

/// cuda.h's `CUresult`.
typealias CUresult = Int32
/// cuda.h's `CUdevice`.
typealias CUdevice = Int32
/// cuda.h's `CUdeviceptr`: a device address (64 bits on 64-bit hosts).
public typealias CUdeviceptr = UInt64

/// The CUDA driver API, loaded from libcuda.so.1.
final class CUDADriver: @unchecked Sendable {
  // CUresult cuInit(unsigned int Flags);
  typealias Init = @convention(c) (UInt32) -> CUresult
  // CUresult cuDriverGetVersion(int *driverVersion);
  typealias DriverGetVersion = @convention(c) (UnsafeMutablePointer<Int32>?) -> CUresult
  // CUresult cuDeviceGetCount(int *count);
  typealias DeviceGetCount = @convention(c) (UnsafeMutablePointer<Int32>?) -> CUresult
  // CUresult cuDeviceGet(CUdevice *device, int ordinal);
  typealias DeviceGet = @convention(c) (UnsafeMutablePointer<CUdevice>?, Int32) -> CUresult
  // CUresult cuDeviceGetName(char *name, int len, CUdevice dev);
  typealias DeviceGetName = @convention(c) (UnsafeMutablePointer<CChar>?, Int32, CUdevice) -> CUresult
  // CUresult cuDeviceGetAttribute(int *pi, CUdevice_attribute attrib, CUdevice dev);
  typealias DeviceGetAttribute = @convention(c) (UnsafeMutablePointer<Int32>?, Int32, CUdevice) -> CUresult
  // CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev);
  typealias DeviceTotalMem = @convention(c) (UnsafeMutablePointer<Int>?, CUdevice) -> CUresult
  // CUresult cuDevicePrimaryCtxRetain(CUcontext *pctx, CUdevice dev);
  typealias DevicePrimaryCtxRetain = @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, CUdevice) -> CUresult
  // CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev);
  typealias DevicePrimaryCtxRelease = @convention(c) (CUdevice) -> CUresult
  // CUresult cuCtxSetCurrent(CUcontext ctx);
  typealias CtxSetCurrent = @convention(c) (OpaquePointer?) -> CUresult
  // CUresult cuCtxSynchronize(void);
  typealias CtxSynchronize = @convention(c) () -> CUresult
  // CUresult cuModuleLoadData(CUmodule *module, const void *image);
  typealias ModuleLoadData = @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafeRawPointer?) -> CUresult
  // CUresult cuModuleUnload(CUmodule hmod);
  typealias ModuleUnload = @convention(c) (OpaquePointer?) -> CUresult
  // CUresult cuModuleGetFunction(CUfunction *hfunc, CUmodule hmod, const char *name);
  typealias ModuleGetFunction =
    @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<CChar>?) -> CUresult
  // CUresult cuLaunchKernel(CUfunction f,
  //     unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ,
  //     unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ,
  //     unsigned int sharedMemBytes, CUstream hStream, void **kernelParams, void **extra);
  typealias LaunchKernel =
    @convention(c) (
      OpaquePointer?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, OpaquePointer?,
      UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> CUresult
  // CUresult cuMemAlloc_v2(CUdeviceptr *dptr, size_t bytesize);
  typealias MemAlloc = @convention(c) (UnsafeMutablePointer<CUdeviceptr>?, Int) -> CUresult
  // CUresult cuMemFree_v2(CUdeviceptr dptr);
  typealias MemFree = @convention(c) (CUdeviceptr) -> CUresult
  // CUresult cuMemcpyHtoD_v2(CUdeviceptr dstDevice, const void *srcHost, size_t ByteCount);
  typealias MemcpyHtoD = @convention(c) (CUdeviceptr, UnsafeRawPointer?, Int) -> CUresult
  // CUresult cuMemcpyDtoH_v2(void *dstHost, CUdeviceptr srcDevice, size_t ByteCount);
  typealias MemcpyDtoH = @convention(c) (UnsafeMutableRawPointer?, CUdeviceptr, Int) -> CUresult
  // CUresult cuMemcpyDtoD_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount);
  typealias MemcpyDtoD = @convention(c) (CUdeviceptr, CUdeviceptr, Int) -> CUresult
  // CUresult cuMemsetD32_v2(CUdeviceptr dstDevice, unsigned int ui, size_t N);
  typealias MemsetD32 = @convention(c) (CUdeviceptr, UInt32, Int) -> CUresult
  // CUresult cuEventCreate(CUevent *phEvent, unsigned int Flags);
  typealias EventCreate = @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UInt32) -> CUresult
  // CUresult cuEventDestroy_v2(CUevent hEvent);
  typealias EventDestroy = @convention(c) (OpaquePointer?) -> CUresult
  // CUresult cuEventRecord(CUevent hEvent, CUstream hStream);
  typealias EventRecord = @convention(c) (OpaquePointer?, OpaquePointer?) -> CUresult
  // CUresult cuEventSynchronize(CUevent hEvent);
  typealias EventSynchronize = @convention(c) (OpaquePointer?) -> CUresult
  // CUresult cuEventElapsedTime(float *pMilliseconds, CUevent hStart, CUevent hEnd);
  // (CUDA 12.8+ also exports cuEventElapsedTime_v2 with the same prototype.)
  typealias EventElapsedTime = @convention(c) (UnsafeMutablePointer<Float>?, OpaquePointer?, OpaquePointer?) -> CUresult
  // CUresult cuGetErrorName(CUresult error, const char **pStr);
  // CUresult cuGetErrorString(CUresult error, const char **pStr);
  typealias GetErrorText = @convention(c) (CUresult, UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> CUresult

  /// cuda.h's CUdevice_attribute values netcost reads.
  enum Attribute: Int32 {
    case maxThreadsPerBlock = 1  // CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK
    case maxGridDimX = 5  // CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X
    case maxGridDimY = 6  // CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y
    case maxGridDimZ = 7  // CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z
    case maxSharedMemoryPerBlock = 8  // CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK
    case multiprocessorCount = 16  // CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT
    case l2CacheSize = 38  // CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE
    case computeCapabilityMajor = 75  // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    case computeCapabilityMinor = 76  // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR
  }

  /// The library names tried, in order (`NETCOST_LIBCUDA` replaces them).
  static let defaultNames = ["libcuda.so.1", "libcuda.so"]

  let library: DynamicLibrary
  let cuInit: Init
  let cuDriverGetVersion: DriverGetVersion
  let cuDeviceGetCount: DeviceGetCount
  let cuDeviceGet: DeviceGet
  let cuDeviceGetName: DeviceGetName
  let cuDeviceGetAttribute: DeviceGetAttribute
  let cuDeviceTotalMem: DeviceTotalMem
  let cuDevicePrimaryCtxRetain: DevicePrimaryCtxRetain
  let cuDevicePrimaryCtxRelease: DevicePrimaryCtxRelease
  let cuCtxSetCurrent: CtxSetCurrent
  let cuCtxSynchronize: CtxSynchronize
  let cuModuleLoadData: ModuleLoadData
  let cuModuleUnload: ModuleUnload
  let cuModuleGetFunction: ModuleGetFunction
  let cuLaunchKernel: LaunchKernel
  let cuMemAlloc: MemAlloc
  let cuMemFree: MemFree
  let cuMemcpyHtoD: MemcpyHtoD
  let cuMemcpyDtoH: MemcpyDtoH
  let cuMemcpyDtoD: MemcpyDtoD
  let cuMemsetD32: MemsetD32
  let cuEventCreate: EventCreate
  let cuEventDestroy: EventDestroy
  let cuEventRecord: EventRecord
  let cuEventSynchronize: EventSynchronize
  let cuEventElapsedTime: EventElapsedTime
  let cuGetErrorName: GetErrorText?
  let cuGetErrorString: GetErrorText?

  /// Loads the driver. Where there is none, the error is the one the CLI
  /// prints: "no CUDA driver found (libcuda.so.1)" and what was tried.
  static func load() throws(ProfileError) -> CUDADriver {
    let names = DynamicLibrary.candidates(environment: "NETCOST_LIBCUDA", defaults: defaultNames)
    let (lib, tried) = DynamicLibrary.open(names)
    guard let lib else {
      throw ProfileError("no CUDA driver found (libcuda.so.1)\n  tried: " + tried.joined(separator: "\n         "))
    }
    return try CUDADriver(lib)
  }

  private init(_ l: DynamicLibrary) throws(ProfileError) {
    library = l
    cuInit = try l.function("cuInit", as: Init.self)
    cuDriverGetVersion = try l.function("cuDriverGetVersion", as: DriverGetVersion.self)
    cuDeviceGetCount = try l.function("cuDeviceGetCount", as: DeviceGetCount.self)
    cuDeviceGet = try l.function("cuDeviceGet", as: DeviceGet.self)
    cuDeviceGetName = try l.function("cuDeviceGetName", as: DeviceGetName.self)
    cuDeviceGetAttribute = try l.function("cuDeviceGetAttribute", as: DeviceGetAttribute.self)
    cuDeviceTotalMem = try l.function("cuDeviceTotalMem_v2", as: DeviceTotalMem.self)
    cuDevicePrimaryCtxRetain = try l.function("cuDevicePrimaryCtxRetain", as: DevicePrimaryCtxRetain.self)
    cuDevicePrimaryCtxRelease = try l.function(
      "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRelease",
      as: DevicePrimaryCtxRelease.self)
    cuCtxSetCurrent = try l.function("cuCtxSetCurrent", as: CtxSetCurrent.self)
    cuCtxSynchronize = try l.function("cuCtxSynchronize", as: CtxSynchronize.self)
    cuModuleLoadData = try l.function("cuModuleLoadData", as: ModuleLoadData.self)
    cuModuleUnload = try l.function("cuModuleUnload", as: ModuleUnload.self)
    cuModuleGetFunction = try l.function("cuModuleGetFunction", as: ModuleGetFunction.self)
    cuLaunchKernel = try l.function("cuLaunchKernel", as: LaunchKernel.self)
    cuMemAlloc = try l.function("cuMemAlloc_v2", as: MemAlloc.self)
    cuMemFree = try l.function("cuMemFree_v2", as: MemFree.self)
    cuMemcpyHtoD = try l.function("cuMemcpyHtoD_v2", as: MemcpyHtoD.self)
    cuMemcpyDtoH = try l.function("cuMemcpyDtoH_v2", as: MemcpyDtoH.self)
    cuMemcpyDtoD = try l.function("cuMemcpyDtoD_v2", as: MemcpyDtoD.self)
    cuMemsetD32 = try l.function("cuMemsetD32_v2", as: MemsetD32.self)
    cuEventCreate = try l.function("cuEventCreate", as: EventCreate.self)
    cuEventDestroy = try l.function("cuEventDestroy_v2", "cuEventDestroy", as: EventDestroy.self)
    cuEventRecord = try l.function("cuEventRecord", as: EventRecord.self)
    cuEventSynchronize = try l.function("cuEventSynchronize", as: EventSynchronize.self)
    cuEventElapsedTime = try l.function("cuEventElapsedTime_v2", "cuEventElapsedTime", as: EventElapsedTime.self)
    cuGetErrorName = l.optionalFunction("cuGetErrorName", as: GetErrorText.self)
    cuGetErrorString = l.optionalFunction("cuGetErrorString", as: GetErrorText.self)
  }

  /// Throws unless `result` is CUDA_SUCCESS (0), naming the call and the
  /// driver's own name and description of the error.
  func check(_ result: CUresult, _ call: @autoclosure () -> String) throws(ProfileError) {
    guard result != 0 else { return }
    throw ProfileError("CUDA error in \(call()): \(describe(result))")
  }

  /// `CUDA_ERROR_OUT_OF_MEMORY (2): out of memory`.
  func describe(_ result: CUresult) -> String {
    var name: UnsafePointer<CChar>?
    var text: UnsafePointer<CChar>?
    _ = cuGetErrorName?(result, &name)
    _ = cuGetErrorString?(result, &text)
    let n = name.map { String(cString: $0) } ?? "CUresult"
    return text.map { "\(n) (\(result)): \(String(cString: $0))" } ?? "\(n) (\(result))"
  }

  /// An integer attribute of `device`.
  func attribute(_ a: Attribute, _ device: CUdevice) throws(ProfileError) -> Int {
    var v: Int32 = 0
    try check(cuDeviceGetAttribute(&v, a.rawValue, device), "cuDeviceGetAttribute(\(a))")
    return Int(v)
  }
}
