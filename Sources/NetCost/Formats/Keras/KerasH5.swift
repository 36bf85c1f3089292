// netcost — Apache-2.0

import CHDF5

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the `model_config` attribute of a legacy Keras `.h5` file (what
/// `model.save("m.h5")` writes at the file's root: the JSON of the model's
/// configuration) with libhdf5.
enum KerasH5 {
  /// The HDF5 format signature at the start of the file.
  static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The attribute's bytes, at most ``KerasImport/configLimit`` of them.
  ///
  /// - Throws: ``NetCostError/malformed(_:message:)`` for a file libhdf5
  ///   cannot open, one without the attribute (a weights-only file), or an
  ///   attribute that is not a string or is over the limit.
  static func modelConfig(file: String) throws(NetCostError) -> [UInt8] {
    let at = SourceLocation(file: file)
    netcost_h5_quiet()
    let f = H5Fopen(file, netcost_h5f_acc_rdonly(), netcost_h5p_default())
    guard f >= 0 else { throw .malformed(at, message: "not a readable HDF5 file (libhdf5 cannot open it)") }
    defer { H5Fclose(f) }
    guard H5Aexists(f, "model_config") > 0 else {
      throw .malformed(
        at,
        message:
          "an HDF5 file without a 'model_config' attribute: not a Keras model file (a weights-only file from save_weights?)"
      )
    }
    let attr = H5Aopen(f, "model_config", netcost_h5p_default())
    guard attr >= 0 else { throw .malformed(at, message: "the 'model_config' attribute cannot be opened") }
    defer { H5Aclose(attr) }
    let type = H5Aget_type(attr)
    guard type >= 0 else { throw .malformed(at, message: "the 'model_config' attribute has no readable type") }
    defer { H5Tclose(type) }
    let space = H5Aget_space(attr)
    guard space >= 0 else { throw .malformed(at, message: "the 'model_config' attribute has no readable shape") }
    defer { H5Sclose(space) }
    guard H5Tget_class(type) == H5T_STRING, H5Sget_simple_extent_npoints(space) == 1 else {
      throw .malformed(at, message: "the 'model_config' attribute should be one string of JSON")
    }
    let limit = KerasImport.configLimit
    let memType = H5Tcopy(netcost_h5t_c_s1())
    guard memType >= 0 else { throw .malformed(at, message: "libhdf5 cannot make a string type") }
    defer { H5Tclose(memType) }
    if H5Tis_variable_str(type) > 0 {
      H5Tset_size(memType, -1)  // H5T_VARIABLE
      var pointer: UnsafeMutablePointer<CChar>?
      guard H5Aread(attr, memType, &pointer) >= 0, let p = pointer else {
        throw .malformed(at, message: "the 'model_config' attribute cannot be read")
      }
      defer { H5free_memory(p) }
      let n = strnlen(p, limit + 1)
      guard n <= limit else {
        throw .malformed(
          at, message: "the 'model_config' attribute is longer than the \(limit >> 20) MiB netcost reads")
      }
      return p.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
    let size = H5Tget_size(type)
    guard size > 0, size <= limit else {
      throw .malformed(
        at, message: "the 'model_config' attribute is \(size) bytes; netcost reads 1 to \(limit >> 20) MiB")
    }
    H5Tset_size(memType, size)
    var bytes = [UInt8](repeating: 0, count: size)
    guard bytes.withUnsafeMutableBytes({ H5Aread(attr, memType, $0.baseAddress) }) >= 0 else {
      throw .malformed(at, message: "the 'model_config' attribute cannot be read")
    }
    if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
    return bytes
  }
}
