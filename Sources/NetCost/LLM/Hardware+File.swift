// netcost — Apache-2.0

extension Hardware {
  /// The hardware `spec` names: a bundled entry (`h100`, `a100`, `h200`,
  /// `l4`, `rtx4090`) or a JSON file
  /// `{"name": "…", "memory_bytes": 80e9, "bandwidth_bytes_per_second": 3.35e12,
  ///   "peak_flops": {"bf16": 989e12, "fp8": 1979e12}, "source": "…"}`.
  ///
  /// - Throws: ``NetCostError`` naming the file and the bad field, or the
  ///   bundled names when `spec` is neither.
  public static func resolve(_ spec: String) throws(NetCostError) -> Hardware {
    if let h = named(spec) { return h }
    guard spec.hasSuffix(".json") || spec.contains("/") else {
      throw .invalidSpec(
        SourceLocation(file: spec), layer: nil,
        message:
          "unknown hardware '\(spec.clipped)' (bundled: \(bundled.map(\.name).joined(separator: ", ")); or a JSON file)"
      )
    }
    guard
      case .object(let o) = try JSONCParser.parse(file: spec, limit: BoundedFile.Limit.budget, what: "a hardware file")
    else {
      throw .invalidSpec(
        SourceLocation(file: spec), layer: nil, message: "expected a JSON object describing the hardware")
    }
    let c = HFConfig(object: o, file: spec)
    func number(_ key: String) throws(NetCostError) -> Double {
      guard let v = try c.double([key]), v > 0, v.isFinite else {
        throw c.error(o[key] == nil ? nil : key, "expected a positive number for '\(key)'")
      }
      return v
    }
    var peaks: [String: Double] = [:]
    guard let p = c.object("peak_flops") else {
      throw c.error(nil, "missing 'peak_flops' (an object: {\"bf16\": 989e12, …})")
    }
    for m in p.members {
      switch m.value {
      case .int(let i) where i > 0: peaks[m.key.lowercased()] = Double(i)
      case .double(let d) where d > 0 && d.isFinite: peaks[m.key.lowercased()] = d
      default:
        throw .invalidSpec(
          m.location ?? SourceLocation(file: spec), layer: nil,
          message: "'peak_flops.\(m.key.clipped)': expected a positive number, found \(m.value.described)")
      }
    }
    let memory = try number("memory_bytes")
    guard memory < 9e18 else { throw c.error("memory_bytes", "expected at most 9e18 bytes") }
    return Hardware(
      name: try c.string(["name"]) ?? spec, displayName: try c.string(["name"]) ?? spec, peakFlops: peaks,
      bandwidth: try number("bandwidth_bytes_per_second"), memoryBytes: Int(memory),
      source: try c.string(["source"]) ?? spec)
  }
}
