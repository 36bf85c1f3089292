// netcost — Apache-2.0

/// How large a model netcost expands, in one place: more than any real
/// network needs, so an input past them is almost surely a mistake (a
/// `repeat` or `layers` with a stray digit), and stopping before expanding
/// keeps the tool fast on it.
public enum ExpansionLimits {
  /// The most layers a model may expand to (blocks, repeats and groups
  /// included): 1,000,000.
  public static let layers = 1_000_000
  /// The most stacked layers of one recurrent op (`lstm`, `gru`, `rnn`
  /// "layers", each direction counted): the same 1,000,000, as each is a
  /// layer of its own in the frameworks.
  public static let recurrentLayers = 1_000_000
}
