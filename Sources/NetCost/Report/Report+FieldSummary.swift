// netcost — Apache-2.0

extension Report {
  /// The last layer whose receptive field is still spatial (a size per
  /// axis): the one figure `analyze`, `compare` and the cards summarise.
  public var lastSpatialLayer: LayerReport? { lastSpatialIndex.map { layers[$0] } }

  /// The position of ``lastSpatialLayer`` (found by index: no row is copied on the way).
  var lastSpatialIndex: Int? {
    var i = layers.count
    while i > 0 {
      i -= 1
      if layers[i].receptiveField.axes != nil { return i }
    }
    return nil
  }

  /// What the outputs' field becomes after the last spatial layer (ResNet's
  /// `fc`: global), as the output layer and its field; nil when the last
  /// spatial layer is itself what the model ends with.
  public var fieldAfterLastSpatial: (layer: LayerReport, field: ReceptiveField)? {
    guard let last = lastSpatialLayer else { return nil }
    let after = outputLayers.first {
      $0.name != last.name && $0.receptiveField != .none && $0.receptiveField.axes == nil
    }
    return after.map { ($0, $0.receptiveField) }
  }

  /// The receptive field in a table cell: `435, then global` (the last
  /// spatial layer's size, then what follows), `212`, or `-`.
  public var fieldBrief: String {
    guard let last = lastSpatialLayer else {
      return outputLayers.first { $0.receptiveField != .none }.map { TableRenderer.brief($0.receptiveField) } ?? "-"
    }
    let size = TableRenderer.brief(last.receptiveField)
    return fieldAfterLastSpatial.map { "\(size), then \(TableRenderer.brief($0.field))" } ?? size
  }

  /// The receptive field in a sentence: `435 at layer4.1.relu_1, then global
  /// at fc` — the same figures as ``fieldBrief``, with the layers named.
  /// A model with several spatial outputs (a detector's heads) lists each.
  public var fieldSummary: String? {
    let outs = outputLayers.filter { $0.receptiveField != .none }
    if outs.filter({ $0.receptiveField.axes != nil }).count > 1 {
      return outs.map { "\(TableRenderer.brief($0.receptiveField)) at \($0.name)" }.joined(separator: ", ")
    }
    guard let last = lastSpatialLayer else {
      return outs.isEmpty
        ? nil : outs.map { "\(TableRenderer.brief($0.receptiveField)) at \($0.name)" }.joined(separator: ", ")
    }
    var s = "\(TableRenderer.brief(last.receptiveField)) at \(last.name)"
    if let after = fieldAfterLastSpatial { s += ", then \(TableRenderer.brief(after.field)) at \(after.layer.name)" }
    return s
  }
}
