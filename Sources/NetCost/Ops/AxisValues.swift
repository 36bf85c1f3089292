// netcost — Apache-2.0

/// An integer field that may be given once for all spatial axes or once per axis.
public enum AxisValues: Sendable, Equatable {
  /// The same value on every axis.
  case all(Int)
  /// One value per axis, outermost first.
  case each([Int])

  /// The values for `rank` spatial axes, or an issue naming the mismatch.
  public func expand(_ rank: Int, _ field: String) throws(ShapeIssue) -> [Int] {
    switch self {
    case .all(let v): return Array(repeating: v, count: rank)
    case .each(let v):
      guard v.count == rank else {
        throw ShapeIssue("'\(field)' has \(v.count) values but the input has \(rank) spatial axes")
      }
      return v
    }
  }
}
