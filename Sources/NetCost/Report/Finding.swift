// netcost — Apache-2.0

/// A warning about a network: something that is legal but probably not
/// what the author meant.
public struct Finding: Sendable, Equatable {
  /// What kind of problem.
  public enum Kind: String, Sendable, CaseIterable {
    /// An output position cannot see the whole input.
    case receptiveFieldSmallerThanInput = "rf_smaller_than_input"
    /// A window's stride exceeds its effective kernel: some input pixels are never read.
    case strideExceedsKernel = "stride_exceeds_kernel"
    /// Stacked dilated convs share a dilation factor: the field has holes.
    case dilationGridding = "dilation_gridding"
    /// Tensors merged by add/concat/mul see regions with different centres or jumps.
    case misalignedMerge = "misaligned_merge"
    /// One stored weight tensor is used by several layers; its parameters
    /// are counted once, at the first of them (ONNX initializers).
    case sharedWeights = "shared_weights"
    /// The file leaves something open or says something netcost reads
    /// differently, and the importer chose (a Caffe deploy file's batch of
    /// 10 crops, analyzed per image).
    case importAssumption = "import_assumption"
    /// A linear layer applied to a tensor that still has spatial axes: it
    /// mixes only the last axis (a `flatten` may be missing).
    case linearOnSpatial = "linear_on_spatial"
  }

  /// The kind.
  public var kind: Kind
  /// The layer it is about.
  public var layer: String
  /// Where that layer is defined.
  public var location: SourceLocation
  /// The warning in words.
  public var message: String

  /// Creates a finding.
  public init(kind: Kind, layer: String, location: SourceLocation, message: String) {
    self.kind = kind
    self.layer = layer
    self.location = location
    self.message = message
  }
}
