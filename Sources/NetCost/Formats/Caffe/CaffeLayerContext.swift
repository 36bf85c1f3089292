// netcost — Apache-2.0

/// One layer being mapped: its decoded parameters, where it is written, and
/// errors placed at the field they are about.
struct CaffeLayerContext {
  let file: String
  /// The layer's name (or the one netcost gave an unnamed layer).
  let name: String
  /// Where the layer block is written.
  let field: PrototxtField
  /// The decoded layer.
  let layer: Caffe_LayerParameter

  /// An error about the layer, at `field` (a dotted path inside the layer
  /// block, e.g. "pooling_param.kernel_size") when it is written, else at
  /// the layer.
  func error(_ message: String, field path: String?) -> NetCostError {
    .invalidSpec(location(path), layer: name, message: message)
  }

  /// Where `path` is written inside the layer, or the layer itself.
  func location(_ path: String?) -> SourceLocation {
    var f = field
    for part in (path ?? "").split(separator: ".") {
      guard let c = f.child(String(part)) else { break }
      f = c
    }
    return f.location(file)
  }
}
