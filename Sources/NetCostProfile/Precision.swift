// netcost — Apache-2.0

/// The arithmetic of a kernel, and how far its result may be from the
/// direct reference's (relative L2 error). Float32 lands far under 1e-3,
/// so 1e-4 as for every CPU kernel; TF32 (operands rounded to 10-bit
/// mantissas on the tensor cores, float32 sums) lands near 3e-4, so 2e-3.
public enum Precision: String, Sendable, CaseIterable {
  case fp32
  case tf32

  /// The largest relative L2 error accepted against the reference.
  public var tolerance: Double {
    switch self {
    case .fp32: 1e-4
    case .tf32: 2e-3
    }
  }
}
