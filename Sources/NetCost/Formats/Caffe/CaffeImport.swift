// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads Caffe network descriptions (`.prototxt`, protobuf text format)
/// into a ``Graph``, as Caffe builds the net for inference (phase TEST).
///
/// The text is decoded by swift-protobuf against the subset of caffe.proto in
/// `caffe-subset.proto`; a field that subset does not know is an error
/// naming it, never skipped. Every error carries the prototxt's line and
/// column, found by ``PrototxtScanner``.
///
/// Blobs are Caffe's named edges: a layer whose top is one of its bottoms
/// (ReLU in place) re-binds that name, so later layers read its output.
public enum CaffeImport {
  /// A loaded network.
  public struct Model: Sendable {
    /// The network.
    public var graph: Graph
    /// The tensor each blob name finally stands for (after in-place layers re-bind it).
    public var blobs: [String: TensorRef]
    /// The first input's batch as the file declares it (a deploy file's 10
    /// crops); the analysis uses its own batch (1 unless asked).
    public var declaredBatch: Int?
  }

  /// The largest prototxt read (a deploy file is kilobytes; ResNet-152's is 100 KB).
  public static let maxFileBytes = BoundedFile.Limit.prototxt

  /// Reads the prototxt in `file`.
  public static func load(file: String) throws(NetCostError) -> Model {
    try load(bytes: try readFile(file), file: file)
  }

  /// Reads a prototxt held in memory; `file` names it in messages.
  public static func load(bytes: [UInt8], file: String) throws(NetCostError) -> Model {
    var bytes = bytes
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
    let fields = try PrototxtScanner.scan(bytes, file: file)
    guard !fields.isEmpty else { throw .emptyFile(file: file) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .malformed(SourceLocation(file: file), message: "not a Caffe prototxt: the file is not UTF-8 text")
    }
    let net = try CaffeTextDecoder.decode(text, fields: fields, bytes: bytes, file: file)
    var builder = CaffeNetBuilder(file: file, net: net, fields: fields)
    return try builder.build()
  }

  /// The file's bytes, at most ``maxFileBytes``.
  static func readFile(_ path: String) throws(NetCostError) -> [UInt8] {
    try BoundedFile.read(path, limit: maxFileBytes, what: "a Caffe prototxt (text of a few hundred KB)")
  }
}
