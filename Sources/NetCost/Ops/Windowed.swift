// netcost — Apache-2.0

/// An op that slides a window over its input (conv, pooling, local conv):
/// its geometry is what the receptive-field rule and the lints read.
public protocol Windowed: Operator {
  /// Kernel, stride, dilation and padding.
  var window: Window { get }
}
