// netcost — Apache-2.0

/// Upper limits on a model's figures, from the command line or a budget file.
///
/// A budget file is JSON (comments allowed):
/// `{"max_params": "30M", "max_macs": "5G", "max_peak_memory": "200MiB"}`.
/// Values are numbers or strings with units (see ``Quantity``).
public struct Budget: Sendable, Equatable {
  /// The limit of each metric that has one.
  public var limits: [Metric: Int]

  /// Creates a budget.
  public init(limits: [Metric: Int] = [:]) { self.limits = limits }

  /// Reads a budget file.
  public static func load(file: String) throws(NetCostError) -> Budget {
    let json = try JSONCParser.parse(file: file, limit: BoundedFile.Limit.budget, what: "a budget file")
    guard case .object(let o) = json else {
      throw .invalidSpec(
        SourceLocation(file: file, line: 1, column: 1), layer: nil,
        message: "a budget file is a JSON object such as {\"max_params\": \"30M\"}, found \(json.typeName)")
    }
    var limits: [Metric: Int] = [:]
    for m in o.members {
      let loc = m.location ?? SourceLocation(file: file)
      if m.key == "comment" || m.key == "description" { continue }
      guard let metric = Metric(name: m.key) else {
        let names = Metric.allCases.map { "max_" + $0.optionName.replacingOccurrences(of: "-", with: "_") }
        throw .invalidSpec(
          loc, layer: nil,
          message: "unknown limit '\(m.key)'"
            + (Suggest.closest(to: m.key, in: names).map { " (did you mean '\($0)'?)" }
              ?? " (known: \(names.joined(separator: ", ")))"))
      }
      let text: String
      switch m.value {
      case .int(let i): text = String(i)
      case .string(let s): text = s
      case .double(let d): text = String(d)
      default:
        throw .invalidSpec(
          loc, layer: nil,
          message: "limit '\(m.key)': expected a number or a string such as \"30M\", found \(m.value.typeName)")
      }
      do { limits[metric] = try Quantity.parse(text, as: metric.isBytes ? .bytes : .count) } catch {
        throw .invalidSpec(loc, layer: nil, message: "limit '\(m.key)': \(error)")
      }
    }
    return Budget(limits: limits)
  }
}
