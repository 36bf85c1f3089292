// netcost — Apache-2.0

/// Reads the options of one Darknet section through typed getters that
/// apply darknet's defaults, say where a bad value stands, and check at the
/// end that every key is one darknet reads in that section.
///
/// Values are read strictly: darknet's `atoi("3x")` is 3, netcost's is an
/// error naming the value.
final class DarknetFields {
  /// The section read.
  let section: DarknetSection
  /// The layer's name in messages (nil for `[net]`).
  let layer: String?
  /// The keys darknet reads in this section.
  let known: Set<String>

  init(_ section: DarknetSection, layer: String?, known: Set<String>) {
    self.section = section
    self.layer = layer
    self.known = known
  }

  /// An error at `key`'s value (or at the section header when absent).
  func error(_ key: String?, _ message: String) -> NetCostError {
    let loc = key.flatMap { section.option($0)?.valueLocation } ?? section.location
    let what = key.map { "key '\($0)': \(message)" } ?? message
    return .invalidSpec(loc, layer: layer, message: what)
  }

  /// Whether the section sets `key`.
  func has(_ key: String) -> Bool { section.option(key) != nil }

  /// The raw value darknet reads for `key` (its first occurrence).
  func string(_ key: String) -> String? { section.option(key)?.value }

  /// An integer, or `defaultValue` when the key is absent.
  func int(_ key: String, default defaultValue: Int) throws(NetCostError) -> Int {
    guard let v = string(key) else { return defaultValue }
    guard let i = Self.integer(v) else { throw error(key, "expected an integer, found '\(v.clipped)'") }
    return i
  }

  /// An integer at least `minimum`, or `defaultValue` when absent.
  func int(_ key: String, default defaultValue: Int, minimum: Int) throws(NetCostError) -> Int {
    let i = try int(key, default: defaultValue)
    guard i >= minimum else { throw error(key, "expected an integer ≥ \(minimum), found \(i)") }
    return i
  }

  /// A number, or `defaultValue` when absent.
  func double(_ key: String, default defaultValue: Double) throws(NetCostError) -> Double {
    guard let v = string(key) else { return defaultValue }
    guard let d = Double(v), d.isFinite else { throw error(key, "expected a number, found '\(v.clipped)'") }
    return d
  }

  /// A comma-separated list of integers (`layers=-1,61`), or nil when absent.
  func intList(_ key: String) throws(NetCostError) -> [Int]? {
    guard let v = string(key) else { return nil }
    var out: [Int] = []
    for part in v.split(separator: ",", omittingEmptySubsequences: false) {
      guard let i = Self.integer(String(part)) else {
        throw error(key, "expected comma-separated integers, found '\(v.clipped)'")
      }
      out.append(i)
    }
    return out
  }

  /// The keys of the section that darknet does not read there, each with
  /// its location and a likely intended key.
  func unknownKeys() -> [(option: DarknetOption, suggestion: String?)] {
    section.options.filter { !known.contains($0.key) }.map { ($0, Suggest.closest(to: $0.key, in: known.sorted())) }
  }

  /// A decimal integer with an optional sign, nothing else.
  static func integer(_ s: String) -> Int? {
    guard !s.isEmpty, s.utf8.count <= 20 else { return nil }
    return Int(s, radix: 10)
  }
}
