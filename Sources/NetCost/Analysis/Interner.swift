// netcost — Apache-2.0

/// Equal values stored once. A model of a million layers repeats a few
/// dozen output shapes and element-type lists; kept one
/// copy each, the report's rows share their storage instead of holding a
/// million small arrays. At most `limit` distinct values are remembered
/// (a model whose every layer differs gains nothing and pays no more).
struct Interner<Value: Hashable> {
  private var seen: [Value: Value] = [:]
  private let limit: Int

  /// An interner remembering at most `limit` distinct values.
  init(limit: Int = 1 << 14) { self.limit = limit }

  /// The stored value equal to `v`, or `v` (then stored while there is room).
  mutating func callAsFunction(_ v: Value) -> Value {
    if let known = seen[v] { return known }
    if seen.count < limit { seen[v] = v }
    return v
  }
}
