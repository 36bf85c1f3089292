// netcost — Apache-2.0

/// RMS normalization of each attention head's features on a tensor whose
/// heads are merged in the last axis, N×L×(H·d): one learned scale of `d`
/// values shared by every head (Qwen3's and Gemma 3's q_norm / k_norm).
///
/// Fields: `head_dim` (d; the last axis must be a multiple of it).
public struct HeadNorm: Operator {
  public static let arity = 1...1
  public static let flopRule = "as rms_norm: 4 per element (square, accumulate, normalize, scale)"

  /// Features of one head.
  public var headDim: Int

  /// A per-head RMS norm over `headDim` features.
  public init(headDim: Int) { self.headDim = headDim }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank >= 2, x.dims.last! % headDim == 0 else {
      throw ShapeIssue("head_rms_norm expects N×…×(heads·\(headDim)), found \(x)")
    }
    return inputs
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(params: headDim, flops: try Checked.mul(4, try inputs[0].elementCount(), "FLOPs"))
  }
}

// MARK: - Native spec

extension HeadNorm: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["head_rms_norm"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    headDim = try a.int("head_dim")
  }
}
