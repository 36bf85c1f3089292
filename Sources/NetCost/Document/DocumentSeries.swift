// netcost — Apache-2.0

/// A sequence of numbers to chart: one value per layer in execution order,
/// one per op category, one per model.
public struct DocumentSeries: Sendable {
  /// A stable key (`macs`, `live_bytes`, …).
  public var key: String
  /// What it is, for a chart's title.
  public var title: String
  /// The unit of its values (`MACs`, `B`, `px`).
  public var unit: String
  /// What each value belongs to (layer names, category names), when not the layers.
  public var labels: [String]?
  /// The values.
  public var values: [Double]
  /// A position to mark (the peak), if any.
  public var marked: Int?

  /// Creates a series.
  public init(
    key: String, title: String, unit: String, labels: [String]? = nil, values: [Double], marked: Int? = nil
  ) {
    self.key = key
    self.title = title
    self.unit = unit
    self.labels = labels
    self.values = values
    self.marked = marked
  }
}
