// netcost — Apache-2.0

/// A Keras tensor as netcost holds it: a tensor of the graph, and whether
/// Keras's last (channel) axis has been moved to index 1 so that
/// netcost's channels-first ops read it (images: Keras's N×H×W×C held as
/// N×C×H×W). Sequences and feature vectors are held as Keras has them.
struct KerasTensor: Sendable {
  /// The graph's tensor.
  var ref: TensorRef
  /// Its shape as netcost holds it, batch first.
  var shape: Shape
  /// Whether Keras's last axis sits at index 1.
  var channelsFirst: Bool

  /// The rank, batch included.
  var rank: Int { shape.rank }

  /// The dimensions in Keras's order (batch first).
  var kerasDims: [Int] {
    guard channelsFirst, shape.rank >= 3 else { return shape.dims }
    let d = shape.dims
    return [d[0]] + Array(d[2...]) + [d[1]]
  }

  /// `(N, 224, 224, 3)`: the shape in Keras's order, for messages.
  var kerasDescription: String { "(" + kerasDims.map(String.init).joined(separator: ", ") + ")" }

  /// Keras's channel (last) axis size.
  var channels: Int { kerasDims.last ?? 1 }

  /// The axis of netcost's shape that holds Keras axis `axis` (batch = 0,
  /// negative from the end); nil when out of range.
  func axis(_ axis: Int) -> Int? {
    let r = rank
    let a = axis < 0 ? axis + r : axis
    guard a >= 0, a < r else { return nil }
    guard channelsFirst, r >= 3 else { return a }
    if a == 0 { return 0 }
    return a == r - 1 ? 1 : a + 1
  }

  /// For each axis of netcost's shape, the Keras axis it holds.
  var kerasAxisOf: [Int] {
    let r = rank
    guard channelsFirst, r >= 3 else { return Array(0..<r) }
    return [0, r - 1] + Array(1..<(r - 1))
  }
}
