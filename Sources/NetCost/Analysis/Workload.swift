// netcost — Apache-2.0

/// What a layer asks of the machine: its arithmetic and the bytes it moves,
/// for roofline and latency estimates.
///
/// Bytes read are its input activations plus its own parameters and
/// buffers; bytes written are its outputs. Every tensor is read or written
/// once (no cache reuse, no fusion), in the model's dtype.
public struct Workload: Sendable, Equatable {
  /// FLOPs under the report's convention.
  public var flops: Int
  /// Bytes of its inputs and weights.
  public var bytesRead: Int
  /// Bytes of its outputs.
  public var bytesWritten: Int

  /// Creates a workload.
  public init(flops: Int, bytesRead: Int, bytesWritten: Int) {
    self.flops = flops
    self.bytesRead = bytesRead
    self.bytesWritten = bytesWritten
  }

  /// FLOPs per byte moved (0 when nothing moves).
  public var arithmeticIntensity: Double {
    let moved = Double(bytesRead) + Double(bytesWritten)
    return moved > 0 ? Double(flops) / moved : 0
  }
}
