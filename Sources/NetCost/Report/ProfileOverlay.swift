// netcost — Apache-2.0

/// Measured times from `netcost profile --format json`, to show beside the
/// static cost (`netcost report --profile`): time per layer and the
/// machine's roofline.
public struct ProfileOverlay: Sendable {
  /// One timed layer.
  public struct Layer: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Median time of the chosen algorithm, milliseconds.
    public var milliseconds: Double
    /// Achieved GFLOP/s.
    public var gflops: Double
    /// FLOPs per byte of its minimal traffic.
    public var arithmeticIntensity: Double
  }

  /// The timed layers.
  public var layers: [Layer]
  /// The machine's peak, GFLOP/s.
  public var peakGFLOPS: Double
  /// Its memory bandwidth, GB/s.
  public var bandwidthGBs: Double

  /// Reads a profile written by `netcost profile --format json`.
  ///
  /// - Throws: ``NetCostError`` when the file is unreadable or not such a profile.
  public static func load(file: String) throws(NetCostError) -> ProfileOverlay {
    let json = try JSONCParser.parse(file: file, limit: BoundedFile.Limit.report, what: "a profile")
    let top = SourceLocation(file: file, line: 1, column: 1)
    func number(_ v: JSONValue?) -> Double? { v?.number }
    guard case .object(let o) = json, case .array(let rows)? = o["layers"], case .object(let machine)? = o["machine"],
      let peak = number(machine["peak_gflops"]), let bandwidth = number(machine["bandwidth_gbs"])
    else {
      throw .invalidSpec(
        top, layer: nil, message: "not a netcost profile (write one with `netcost profile MODEL --format json`)")
    }
    var layers: [Layer] = []
    for r in rows {
      guard case .object(let l) = r, case .string(let name)? = l["name"], let ms = number(l["ms"]),
        let gflops = number(l["gflops"]), let ai = number(l["arithmetic_intensity"])
      else {
        throw .invalidSpec(top, layer: nil, message: "a profile layer needs name, ms, gflops and arithmetic_intensity")
      }
      layers.append(Layer(name: name, milliseconds: ms, gflops: gflops, arithmeticIntensity: ai))
    }
    return ProfileOverlay(layers: layers, peakGFLOPS: peak, bandwidthGBs: bandwidth)
  }

  /// Adds the measured time per layer (a column and a series; layers not
  /// timed stay empty) and the roofline's points and ceilings to an analysis document.
  public func apply(to d: inout Document) {
    guard let t = d.tables.firstIndex(where: { $0.key == "layers" }) else { return }
    var byName: [String: Layer] = [:]
    for l in layers { byName[l.name] = l }
    let column = d.tables[t].rows.first?.count ?? 0
    var series: [Double] = []
    for i in d.tables[t].rows.indices {
      let name = d.tables[t].rows[i][0].text ?? ""
      let ms = byName[name]?.milliseconds
      d.tables[t].rows[i].append(ms.map { .number($0 / 1000) } ?? .absent)
      series.append(ms ?? .nan)
    }
    d.tables[t].columns.append(
      DocumentColumn("measured_ms", "Measured ms", value: column, kind: .milliseconds, media: .html))
    d.series.append(DocumentSeries(key: "measured_ms", title: "Measured time per layer", unit: "ms", values: series))
    d.series.append(
      DocumentSeries(
        key: "roofline_intensity", title: "Arithmetic intensity", unit: "FLOP/B", labels: layers.map(\.name),
        values: layers.map(\.arithmeticIntensity)))
    d.series.append(
      DocumentSeries(
        key: "roofline_gflops", title: "Achieved GFLOP/s", unit: "GFLOP/s", labels: layers.map(\.name),
        values: layers.map(\.gflops)))
    d.metadata.append(
      DocumentField(
        key: "peak_gflops", label: "Peak", text: "\(Units.fixed(peakGFLOPS, 1)) GFLOP/s", value: .number(peakGFLOPS)))
    d.metadata.append(
      DocumentField(
        key: "bandwidth_gbs", label: "Bandwidth", text: "\(Units.fixed(bandwidthGBs, 1)) GB/s",
        value: .number(bandwidthGBs)))
  }
}
