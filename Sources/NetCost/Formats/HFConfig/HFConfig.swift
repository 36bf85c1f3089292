// netcost — Apache-2.0

/// A Hugging Face transformers `config.json`, read through typed getters
/// that accept every spelling a key has had across transformers versions
/// (`torch_dtype` / `dtype`, `n_embd` / `hidden_size`, …) and point at the
/// member that is wrong when a value has the wrong type.
public struct HFConfig: Sendable {
  /// The top-level object.
  public var object: JSONObject
  /// The file, for messages.
  public var file: String

  /// Wraps a parsed config; `file` names it in messages.
  public init(object: JSONObject, file: String) {
    self.object = object
    self.file = file
  }

  /// The `model_type` (e.g. `llama`), lowercased.
  public var modelType: String? {
    if case .string(let s)? = object["model_type"] { return s.lowercased() }
    return nil
  }

  /// The first name in `architectures` (e.g. `LlamaForCausalLM`), if any.
  public var architecture: String? {
    if case .array(let a)? = object["architectures"], case .string(let s)? = a.first { return s }
    return nil
  }

  /// The location of `key`'s member, or the file.
  public func location(_ key: String?) -> SourceLocation {
    key.flatMap { object.member($0)?.location } ?? SourceLocation(file: file)
  }

  /// An error at `key`.
  public func error(_ key: String?, _ message: String) -> NetCostError {
    .invalidSpec(location(key), layer: nil, message: key.map { "'\($0)': \(message)" } ?? message)
  }

  /// The first of `keys` present with a non-null value, and its value.
  public func value(_ keys: [String]) -> (key: String, value: JSONValue)? {
    for k in keys {
      if let v = object[k], v != .null { return (k, v) }
    }
    return nil
  }

  /// An integer under one of `keys`, at least `minimum`; nil when absent or null.
  public func optionalInt(_ keys: [String], minimum: Int = 1) throws(NetCostError) -> Int? {
    guard let (k, v) = value(keys) else { return nil }
    guard case .int(let i) = v else {
      // A whole number written as 4096.0 is still a size.
      if case .double(let d) = v, d == d.rounded(), abs(d) < 9e15, Int(d) >= minimum { return Int(d) }
      throw error(k, "expected an integer ≥ \(minimum), found \(v.described)")
    }
    guard i >= minimum else { throw error(k, "expected an integer ≥ \(minimum), found \(i)") }
    return i
  }

  /// A required integer under one of `keys` (the first names it in messages).
  public func int(_ keys: [String], minimum: Int = 1) throws(NetCostError) -> Int {
    guard let i = try optionalInt(keys, minimum: minimum) else {
      let also = keys.count > 1 ? " (or " + keys.dropFirst().map { "'\($0)'" }.joined(separator: ", ") + ")" : ""
      throw error(nil, "missing required key '\(keys[0])'\(also) for model_type '\(modelType ?? "?")'")
    }
    return i
  }

  /// An integer under one of `keys`, or `defaultValue` when absent.
  public func int(_ keys: [String], default defaultValue: Int, minimum: Int = 1) throws(NetCostError) -> Int {
    try optionalInt(keys, minimum: minimum) ?? defaultValue
  }

  /// A boolean under one of `keys`, or `defaultValue` when absent.
  public func bool(_ keys: [String], default defaultValue: Bool) throws(NetCostError) -> Bool {
    guard let (k, v) = value(keys) else { return defaultValue }
    guard case .bool(let b) = v else { throw error(k, "expected true or false, found \(v.described)") }
    return b
  }

  /// A number under one of `keys`, nil when absent.
  public func double(_ keys: [String]) throws(NetCostError) -> Double? {
    guard let (k, v) = value(keys) else { return nil }
    switch v {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: throw error(k, "expected a number, found \(v.described)")
    }
  }

  /// A string under one of `keys`, nil when absent.
  public func string(_ keys: [String]) throws(NetCostError) -> String? {
    guard let (k, v) = value(keys) else { return nil }
    guard case .string(let s) = v else { throw error(k, "expected a string, found \(v.described)") }
    return s
  }

  /// A list of integers ≥ 0 under `key` (empty when absent).
  public func intList(_ key: String) throws(NetCostError) -> [Int] {
    guard let (k, v) = value([key]) else { return [] }
    guard case .array(let a) = v else { throw error(k, "expected a list of integers, found \(v.described)") }
    var out: [Int] = []
    for e in a {
      guard case .int(let i) = e, i >= 0 else { throw error(k, "expected a list of integers ≥ 0, found \(v.brief)") }
      out.append(i)
    }
    return out
  }

  /// The nested object under `key` (`rope_parameters`, `rope_scaling`), if any.
  public func object(_ key: String) -> JSONObject? {
    if case .object(let o)? = object[key] { return o }
    return nil
  }
}
