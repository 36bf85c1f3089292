// netcost — Apache-2.0

/// The input pixels one output position sees, per spatial axis: the full
/// region and the part inside the image.
public struct InputRegion: Sendable, Equatable {
  /// One axis of the region.
  public struct Axis: Sendable, Equatable {
    /// First input pixel of the region (may be negative: padding).
    public var first: Int
    /// Last input pixel of the region (may exceed the image).
    public var last: Int
    /// First pixel inside the image.
    public var clippedFirst: Int
    /// Last pixel inside the image.
    public var clippedLast: Int
  }

  /// The region along each spatial axis, outermost first.
  public var axes: [Axis]

  /// The region output position `index` of a tensor with field `field` sees
  /// in an input of spatial size `inputSize`, or a message saying why not.
  public static func of(_ field: ReceptiveField, at index: [Int], inputSize: [Int]) -> Result<InputRegion, RegionError>
  {
    switch field {
    case .none: return .failure(.noSpatialAxes)
    case .global: return .failure(.global)
    case .unknown(let why): return .failure(.unknown(why))
    case .spatial(let axes):
      guard index.count == axes.count, inputSize.count == axes.count else {
        return .failure(.rank(expected: axes.count, found: index.count))
      }
      var out: [Axis] = []
      for (a, f) in axes.enumerated() {
        guard let (lo, hi) = f.span(at: index[a]) else { return .failure(.unknown("overflow")) }
        let first = lo.floor
        let last = hi.ceiling
        out.append(
          Axis(first: first, last: last, clippedFirst: max(0, first), clippedLast: min(inputSize[a] - 1, last)))
      }
      return .success(InputRegion(axes: out))
    }
  }

  /// Why a region cannot be given.
  public enum RegionError: Error, Equatable, CustomStringConvertible {
    /// The tensor never had spatial axes.
    case noSpatialAxes
    /// Every position sees the whole input.
    case global
    /// The field is unknown.
    case unknown(String)
    /// The position has the wrong number of coordinates.
    case rank(expected: Int, found: Int)

    public var description: String {
      switch self {
      case .noSpatialAxes: return "the tensor has no spatial axes"
      case .global: return "every position sees the whole input"
      case .unknown(let why): return "the receptive field is unknown (\(why))"
      case .rank(let e, let f): return "expected \(e) coordinates, found \(f)"
      }
    }
  }
}
