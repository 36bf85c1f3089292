// netcost — Apache-2.0

/// How a sliding window pads its input, per spatial axis.
///
/// Named modes follow the frameworks: `valid` pads nothing; `same` gives
/// ceil(in / stride) outputs and puts an odd extra pixel at the end
/// (TensorFlow, ONNX SAME_UPPER); `same_lower` puts it at the beginning;
/// `full` pads effective kernel − 1 on both sides.
public enum Padding: Sendable, Equatable {
  /// Explicit `(begin, end)` pads; one pair for every axis, or one per axis.
  case explicit(AxisPads)
  /// No padding.
  case valid
  /// Output = ceil(in / stride); an odd extra pad goes at the end.
  case same
  /// As `same`, with the odd extra pad at the beginning.
  case sameLower
  /// Effective kernel − 1 on both sides.
  case full

  /// Explicit pads as written.
  public enum AxisPads: Sendable, Equatable {
    /// The same (begin, end) on every axis.
    case all(Int, Int)
    /// One (begin, end) per axis.
    case each([(Int, Int)])

    public static func == (a: AxisPads, b: AxisPads) -> Bool {
      switch (a, b) {
      case (.all(let x, let y), .all(let u, let v)): return x == u && y == v
      case (.each(let p), .each(let q)): return p.count == q.count && zip(p, q).allSatisfy { $0 == $1 }
      default: return false
      }
    }
  }

  /// The (begin, end) pads on each axis, for the given input sizes,
  /// effective kernel sizes and strides.
  public func resolve(input: [Int], effectiveKernel k: [Int], stride s: [Int]) throws(ShapeIssue) -> [(Int, Int)] {
    let rank = input.count
    switch self {
    case .explicit(.all(let b, let e)): return Array(repeating: (b, e), count: rank)
    case .explicit(.each(let p)):
      guard p.count == rank else {
        throw ShapeIssue("'pad' has \(p.count) entries but the input has \(rank) spatial axes")
      }
      return p
    case .valid: return Array(repeating: (0, 0), count: rank)
    case .full: return k.map { ($0 - 1, $0 - 1) }
    case .same, .sameLower:
      var pads: [(Int, Int)] = []
      for i in 0..<rank {
        let out = input[i].divided(by: s[i], rounding: .up)
        // (out − 1)·s < in, so only adding the kernel can overflow.
        let (span, o) = ((out - 1) * s[i]).addingReportingOverflow(k[i])
        guard !o else { throw ShapeIssue("'same' padding for kernel \(k[i]) does not fit in a 64-bit integer") }
        let total = max(0, span - input[i])
        let small = total / 2
        pads.append(self == .same ? (small, total - small) : (total - small, small))
      }
      return pads
    }
  }
}
