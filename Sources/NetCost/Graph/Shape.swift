// netcost — Apache-2.0

/// The dimensions of a tensor, batch first: N×C×L, N×C×H×W, N×C×D×H×W, or
/// N×F for features.
///
/// Every dimension is at least 1; a `Shape` with a zero or negative
/// dimension cannot be made, so no analysis has to guard against one.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
  /// The dimensions, outermost first.
  public let dims: [Int]

  /// Creates a shape, or returns nil when a dimension is below 1 or there are none.
  public init?(_ dims: [Int]) {
    guard !dims.isEmpty, dims.allSatisfy({ $0 >= 1 }) else { return nil }
    self.dims = dims
  }

  /// The number of dimensions.
  public var rank: Int { dims.count }

  /// The batch dimension (the first).
  public var batch: Int { dims[0] }

  /// The channel dimension (the second), for ranks of at least 2.
  public var channels: Int { dims[1] }

  /// The spatial dimensions (after batch and channels).
  public var spatial: ArraySlice<Int> { dims.dropFirst(2) }

  /// The number of elements, or ``ArithmeticOverflow`` when it exceeds `Int`.
  public func elementCount() throws(ArithmeticOverflow) -> Int {
    try Checked.product(dims, "the element count of \(self)")
  }

  /// The same shape with dimension `axis` replaced.
  public func replacing(_ axis: Int, with value: Int) -> Shape? {
    var d = dims
    d[axis] = value
    return Shape(d)
  }

  /// `1×64×56×56`.
  public var description: String { dims.map(String.init).joined(separator: "×") }
}
