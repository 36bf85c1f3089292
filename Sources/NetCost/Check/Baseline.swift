// netcost — Apache-2.0

/// A model's figures recorded at one point (`netcost baseline`), for later
/// checks that they have not grown beyond a tolerance.
public struct Baseline: Sendable, Equatable {
  /// The model's name when recorded.
  public var model: String
  /// The batch size used.
  public var batch: Int
  /// Every metric's value.
  public var values: [Metric: Int]

  /// The baseline of a report.
  public init(report: Report) {
    model = report.model
    batch = report.batch
    values = Dictionary(
      uniqueKeysWithValues: Metric.allCases.filter { !$0.isLLM || report.totals.llm != nil }.map {
        ($0, $0.value(in: report.totals))
      })
  }

  /// Creates a baseline from values.
  public init(model: String, batch: Int, values: [Metric: Int]) {
    self.model = model
    self.batch = batch
    self.values = values
  }

  /// The lock-file JSON: `{"schema_version": 1, "netcost_baseline": {...}}`.
  public func render() -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("schema_version")
    w.int(1)
    w.key("kind")
    w.string("netcost-baseline")
    w.key("model")
    w.string(model)
    w.key("batch")
    w.int(batch)
    w.key("totals")
    w.beginObject()
    for m in Metric.allCases {
      if let v = values[m] {
        w.key(m.rawValue)
        w.int(v)
      }
    }
    w.endObject()
    w.endObject()
    w.newline()
    return w.out
  }

  /// Reads a baseline file written by ``render()``.
  public static func load(file: String) throws(NetCostError) -> Baseline {
    let json = try JSONCParser.parse(file: file, limit: BoundedFile.Limit.report, what: "a baseline file")
    let top = SourceLocation(file: file, line: 1, column: 1)
    guard case .object(let o) = json, case .string("netcost-baseline")? = o["kind"] else {
      throw .invalidSpec(
        top, layer: nil, message: "not a netcost baseline (write one with `netcost baseline MODEL > FILE`)")
    }
    guard case .object(let t)? = o["totals"] else {
      throw .invalidSpec(top, layer: nil, message: "baseline has no 'totals' object")
    }
    var values: [Metric: Int] = [:]
    for m in t.members {
      guard let metric = Metric(rawValue: m.key) else { continue }  // newer metrics are ignored
      guard case .int(let v) = m.value, v >= 0 else {
        throw .invalidSpec(
          m.location ?? top, layer: nil,
          message: "baseline value '\(m.key)' must be a non-negative integer, found \(m.value.brief)")
      }
      values[metric] = v
    }
    var model = ""
    if case .string(let s)? = o["model"] { model = s }
    var batch = 1
    if case .int(let b)? = o["batch"] { batch = b }
    return Baseline(model: model, batch: batch, values: values)
  }
}
