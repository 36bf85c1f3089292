// netcost — Apache-2.0

/// A layer's `config` object with typed reads that fail with one line
/// naming the layer, the key, and what was expected and found.
struct KerasFields: Sendable {
  /// The configuration.
  var object: JSONObject
  /// The layer, for messages.
  var layer: String
  /// Where the layer stands, for keys without a location of their own.
  var location: SourceLocation

  init(_ object: JSONObject, layer: String, at location: SourceLocation) {
    self.object = object
    self.layer = layer
    self.location = location
  }

  /// The value of `key`, nil when absent or null.
  subscript(key: String) -> JSONValue? {
    guard let v = object[key] else { return nil }
    if case .null = v { return nil }
    return v
  }

  /// Where `key` stands, or the layer's location.
  func location(_ key: String) -> SourceLocation { object.member(key)?.location ?? location }

  /// An error about `key`.
  func error(_ key: String, _ message: String) -> NetCostError {
    .invalidSpec(location(key), layer: layer, message: message)
  }

  /// A whole number of at least `minimum`.
  func int(_ key: String, default d: Int? = nil, minimum: Int = 1) throws(NetCostError) -> Int {
    guard let v = self[key] else {
      if let d { return d }
      throw error(key, "'\(key)' is missing; expected an integer of at least \(minimum)")
    }
    switch v {
    case .int(let i) where i >= minimum: return i
    case .double(let x) where x.rounded() == x && x >= Double(minimum) && x < 1e15: return Int(x)
    default: throw error(key, "'\(key)' should be an integer of at least \(minimum), found \(v.brief)")
    }
  }

  /// A number.
  func double(_ key: String, default d: Double) throws(NetCostError) -> Double {
    guard let v = self[key] else { return d }
    switch v {
    case .int(let i): return Double(i)
    case .double(let x): return x
    default: throw error(key, "'\(key)' should be a number, found \(v.brief)")
    }
  }

  /// A boolean.
  func bool(_ key: String, default d: Bool) throws(NetCostError) -> Bool {
    guard let v = self[key] else { return d }
    guard case .bool(let b) = v else { throw error(key, "'\(key)' should be true or false, found \(v.brief)") }
    return b
  }

  /// A string.
  func string(_ key: String, default d: String? = nil) throws(NetCostError) -> String {
    guard let v = self[key] else {
      if let d { return d }
      throw error(key, "'\(key)' is missing; expected a string")
    }
    guard case .string(let s) = v else { throw error(key, "'\(key)' should be a string, found \(v.brief)") }
    return s
  }

  /// `count` whole numbers: a list of them, or one number for every axis.
  func ints(_ key: String, count: Int, default d: [Int]? = nil, minimum: Int = 1) throws(NetCostError) -> [Int] {
    guard let v = self[key] else {
      if let d { return d }
      throw error(key, "'\(key)' is missing; expected \(count) integers")
    }
    func one(_ x: JSONValue) -> Int? {
      switch x {
      case .int(let i) where i >= minimum: return i
      case .double(let f) where f.rounded() == f && f >= Double(minimum) && f < 1e15: return Int(f)
      default: return nil
      }
    }
    if let i = one(v) { return Array(repeating: i, count: count) }
    guard case .array(let a) = v, a.count == count else {
      throw error(key, "'\(key)' should be \(count) integers of at least \(minimum), found \(v.brief)")
    }
    var out: [Int] = []
    for x in a {
      guard let i = one(x) else {
        throw error(key, "'\(key)' should be \(count) integers of at least \(minimum), found \(v.brief)")
      }
      out.append(i)
    }
    return out
  }

  /// Refuses `channels_first` (netcost reads Keras's default channels-last layout).
  func requireChannelsLast() throws(NetCostError) {
    guard let f = self["data_format"] else { return }
    guard case .string(let s) = f, s == "channels_last" else {
      throw error(
        "data_format",
        "data_format \(f.brief) is not supported; netcost reads channels_last Keras models (the default)")
    }
  }
}
