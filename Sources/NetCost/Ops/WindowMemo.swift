// netcost — Apache-2.0

import Synchronization

/// The last resolution of one window, shared by every copy of it.
///
/// A conv or pooling layer resolves its window in each of its rules
/// (output shape, receptive field, region, lints), and a block's layer
/// repeated a thousand times shares one decoded op. Without the memo a
/// million-layer model resolved windows four million times, seven small
/// arrays each time. The entry keeps the window's parameters as well as
/// the input sizes, so a window changed after it was resolved (its
/// properties are `var`) is resolved afresh; it never holds the window
/// itself, which holds the memo.
final class WindowMemo: Sendable {
  /// One resolution and everything it was resolved from.
  struct Entry: Sendable {
    let kernel: AxisValues
    let stride: AxisValues
    let dilation: AxisValues
    let padding: Padding
    let ceilMode: Bool
    let input: [Int]
    let result: Result<Window.Resolved, ShapeIssue>

    /// Whether this entry is `window` resolved against `input`.
    func matches(_ window: Window, _ input: ArraySlice<Int>) -> Bool {
      self.input.elementsEqual(input) && ceilMode == window.ceilMode && kernel == window.kernel
        && stride == window.stride && dilation == window.dilation && padding == window.padding
    }
  }

  private let last = Mutex<Entry?>(nil)

  /// The remembered result of resolving `window` against `input`, if it is the last one asked for.
  func result(of window: Window, for input: ArraySlice<Int>) -> Result<Window.Resolved, ShapeIssue>? {
    last.withLock { entry in
      guard let entry, entry.matches(window, input) else { return nil }
      return entry.result
    }
  }

  /// Remembers `result` as the resolution of `window` against `input`.
  func remember(_ result: Result<Window.Resolved, ShapeIssue>, of window: Window, for input: [Int]) {
    let entry = Entry(
      kernel: window.kernel, stride: window.stride, dilation: window.dilation, padding: window.padding,
      ceilMode: window.ceilMode, input: input, result: result)
    last.withLock { $0 = entry }
  }
}
