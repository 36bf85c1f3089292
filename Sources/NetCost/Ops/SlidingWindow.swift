// netcost — Apache-2.0

/// The sliding window of an op that has one (conv, pooling, local conv):
/// what the receptive-field rule and the lints read.
public struct SlidingWindow: Sendable {
  /// Kernel, stride, dilation and padding.
  public var window: Window
  /// Whether the window computes a weighted sum (conv) rather than pooling;
  /// only those can leave dilation holes.
  public var convolves: Bool

  /// Creates a description.
  public init(window: Window, convolves: Bool) {
    self.window = window
    self.convolves = convolves
  }
}
