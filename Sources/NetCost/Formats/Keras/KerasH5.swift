// netcost — Apache-2.0

import CHDF5
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the `model_config` attribute of a legacy Keras `.h5` file (what
/// `model.save("m.h5")` writes at the file's root: the JSON of the model's
/// configuration) with libhdf5, loaded on first use.
enum KerasH5 {
  /// The HDF5 format signature at the start of the file.
  static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

  /// libhdf5's functions, or nil when the library cannot be loaded.
  static let api: netcost_h5_api? = {
    var api = netcost_h5_api()
    return netcost_h5_load(&api) == 1 ? api : nil
  }()

  /// Serializes calls into libhdf5, which the Debian build does not make thread-safe.
  static let lock = Mutex(())

  /// The attribute's bytes, at most ``KerasImport/configLimit`` of them.
  ///
  /// - Throws: ``NetCostError/malformed(_:message:)`` for a file libhdf5
  ///   cannot open, one without the attribute (a weights-only file), or an
  ///   attribute that is not a string or is over the limit;
  ///   ``NetCostError/unreadable(file:reason:)`` when libhdf5 is not installed.
  static func modelConfig(file: String) throws(NetCostError) -> [UInt8] {
    guard let api else {
      throw .unreadable(
        file: file, reason: "reading a Keras .h5 file needs libhdf5 (Debian: apt-get install libhdf5-dev)")
    }
    let result: Result<[UInt8], NetCostError> = lock.withLock { _ in
      do throws(NetCostError) { return .success(try read(file, api)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  private static func read(_ file: String, _ h5: netcost_h5_api) throws(NetCostError) -> [UInt8] {
    let at = SourceLocation(file: file)
    let f = h5.fopen(file, netcost_h5f_acc_rdonly(), netcost_h5p_default())
    guard f >= 0 else { throw .malformed(at, message: "not a readable HDF5 file (libhdf5 cannot open it)") }
    defer { _ = h5.fclose(f) }
    guard h5.aexists(f, "model_config") > 0 else {
      throw .malformed(
        at,
        message:
          "an HDF5 file without a 'model_config' attribute: not a Keras model file (a weights-only file from save_weights?)"
      )
    }
    let attr = h5.aopen(f, "model_config", netcost_h5p_default())
    guard attr >= 0 else { throw .malformed(at, message: "the 'model_config' attribute cannot be opened") }
    defer { _ = h5.aclose(attr) }
    let type = h5.aget_type(attr)
    guard type >= 0 else { throw .malformed(at, message: "the 'model_config' attribute has no readable type") }
    defer { _ = h5.tclose(type) }
    let space = h5.aget_space(attr)
    guard space >= 0 else { throw .malformed(at, message: "the 'model_config' attribute has no readable shape") }
    defer { _ = h5.sclose(space) }
    guard h5.tget_class(type) == H5T_STRING, h5.sget_simple_extent_npoints(space) == 1 else {
      throw .malformed(at, message: "the 'model_config' attribute should be one string of JSON")
    }
    let limit = KerasImport.configLimit
    let memType = h5.tcopy(h5.c_s1)
    guard memType >= 0 else { throw .malformed(at, message: "libhdf5 cannot make a string type") }
    defer { _ = h5.tclose(memType) }
    if h5.tis_variable_str(type) > 0 {
      _ = h5.tset_size(memType, netcost_h5t_variable())
      var pointer: UnsafeMutablePointer<CChar>?
      guard h5.aread(attr, memType, &pointer) >= 0, let p = pointer else {
        throw .malformed(at, message: "the 'model_config' attribute cannot be read")
      }
      defer { _ = h5.free_memory(p) }
      let n = strnlen(p, limit + 1)
      guard n <= limit else {
        throw .malformed(
          at, message: "the 'model_config' attribute is longer than the \(limit >> 20) MiB netcost reads")
      }
      return p.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
    let size = h5.tget_size(type)
    guard size > 0, size <= limit else {
      throw .malformed(
        at, message: "the 'model_config' attribute is \(size) bytes; netcost reads 1 to \(limit >> 20) MiB")
    }
    _ = h5.tset_size(memType, size)
    var bytes = [UInt8](repeating: 0, count: size)
    guard bytes.withUnsafeMutableBytes({ h5.aread(attr, memType, $0.baseAddress) }) >= 0 else {
      throw .malformed(at, message: "the 'model_config' attribute cannot be read")
    }
    if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
    return bytes
  }
}
