// netcost — Apache-2.0

/// The fields of one layer, read through typed getters that explain what is
/// wrong ("field 'kernel': expected a positive integer, found \"3\"") and
/// remember which fields were read, so a misspelled field is an error
/// instead of being silently ignored.
public final class Attributes {
  /// The layer's fields as written.
  public let object: JSONObject
  /// The layer's name, for messages.
  public let layer: String
  /// Where the layer stands in its file.
  public let location: SourceLocation
  /// Fields read so far; a handful per layer, so a plain array beats a hash set.
  private var read: [String]
  /// The PyTorch spelling a field was given in (`out_channels` for `out`), by field.
  private var spelled: [String: String] = [:]
  /// Set when the attributes describe an op's fields (``SpecFieldProbe``)
  /// instead of reading a layer.
  let probe: SpecFieldProbe?

  /// PyTorch's names for the same fields (`nn.Conv2d(out_channels=…,
  /// kernel_size=…, padding=…)`, `nn.Linear(in_features=…, out_features=…)`),
  /// accepted as the op names are.
  public static let aliases: [String: [String]] = [
    "out": ["out_channels", "out_features"], "kernel": ["kernel_size"], "pad": ["padding"],
    "in": ["in_features"], "eps": ["epsilon"], "heads": ["num_heads"],
  ]

  /// Wraps a layer's fields. `consumed` lists fields already handled by the
  /// caller (name, type, inputs…).
  public init(object: JSONObject, layer: String, location: SourceLocation, consumed: Set<String> = []) {
    self.object = object
    self.layer = layer
    self.location = location
    self.read = Array(consumed)
    self.probe = nil
  }

  /// Attributes that describe the fields an op reads rather than read a
  /// layer's: `fill` holds stand-in values for the required ones.
  init(probe: SpecFieldProbe, fill: [String: JSONValue]) {
    self.object = JSONObject(
      members: fill.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value, location: nil) })
    self.layer = "layer"
    self.location = SourceLocation(file: "<ops>")
    self.read = []
    self.probe = probe
  }

  /// Builds attributes from plain values, for the library API and tests.
  public convenience init(_ fields: [String: JSONValue], layer: String = "layer") {
    let members = fields.sorted { $0.key < $1.key }.map {
      JSONObject.Member(key: $0.key, value: $0.value, location: nil)
    }
    self.init(object: JSONObject(members: members), layer: layer, location: SourceLocation(file: "<api>"))
  }

  /// An error located at the field `key` (or the layer when absent), named
  /// as the spec spelled it.
  public func error(_ key: String?, _ message: String) -> NetCostError {
    if let key { probe?.rejected(key) }
    let written = key.map { spelled[$0] ?? $0 }
    let loc = written.flatMap { object.member($0)?.location } ?? location
    return .invalidSpec(loc, layer: layer, message: written.map { "field '\($0)': \(message)" } ?? message)
  }

  /// The raw value of `key` (or of its PyTorch spelling), marking it read.
  public func value(_ key: String) -> JSONValue? {
    if !read.contains(key) { read.append(key) }
    probe?.saw(key)
    if let v = object[key] { return v }
    for alias in Self.aliases[key] ?? [] {
      if let v = object[alias] {
        if !read.contains(alias) { read.append(alias) }
        spelled[key] = alias
        return v
      }
    }
    return nil
  }

  /// Whether the layer has the field (under its own name or PyTorch's).
  public func has(_ key: String) -> Bool {
    probe?.saw(key)
    return object[key] != nil || (Self.aliases[key] ?? []).contains { object[$0] != nil }
  }

  /// Records what a field holds and its default, for `netcost ops OP`; a
  /// no-op when reading a layer. The typed getters call it themselves.
  public func describe(_ key: String, _ what: String, default defaultText: String?) {
    probe?.describe(key, what, default: defaultText)
  }

  /// Fails when a field and its PyTorch spelling are both given.
  func rejectBothSpellings() throws {
    // Every layer passes here: test the read set first and count without
    // building arrays; the message is built only for a spec that errs.
    for (key, aliases) in Self.aliases where read.contains(key) {
      var count = object[key] != nil ? 1 : 0
      for a in aliases where object[a] != nil { count += 1 }
      guard count > 1 else { continue }
      let given = ([key] + aliases).filter { object[$0] != nil }
      if given.count > 1 {
        throw NetCostError.invalidSpec(
          object.member(given[1])?.location ?? location, layer: layer,
          message: "give one of \(given.map { "'\($0)'" }.joined(separator: " and ")), not both (they mean the same)")
      }
    }
  }

  /// The error for a missing required field, pointing out a present field
  /// whose name is a likely misspelling of it.
  public func missing(_ key: String, _ what: String) -> NetCostError {
    probe?.required(key, what)
    let unread = object.members.map(\.key).filter { !read.contains($0) }
    if let typo = Suggest.closest(to: key, in: unread) {
      return error(typo, "unknown field; did you mean '\(key)' (\(what))?")
    }
    return error(nil, "missing required field '\(key)' (\(what))")
  }

  /// A required integer at least `minimum`.
  public func int(_ key: String, minimum: Int = 1) throws -> Int {
    guard let v = value(key) else { throw missing(key, Self.integer(minimum)) }
    return try int(v, key, minimum)
  }

  /// An optional integer at least `minimum`, or `defaultValue`.
  public func int(_ key: String, default defaultValue: Int, minimum: Int = 1) throws -> Int {
    describe(key, Self.integer(minimum), default: String(defaultValue))
    guard let v = value(key) else { return defaultValue }
    return try int(v, key, minimum)
  }

  static func integer(_ minimum: Int) -> String { minimum == Int.min ? "an integer" : "an integer ≥ \(minimum)" }

  private func int(_ v: JSONValue, _ key: String, _ minimum: Int) throws -> Int {
    let wanted = minimum == Int.min ? "an integer" : "an integer ≥ \(minimum)"
    guard case .int(let i) = v else {
      throw error(key, "expected \(wanted), found \(v.described)" + Self.expressionHint(v))
    }
    guard i >= minimum else { throw error(key, "expected \(wanted), found \(i)") }
    return i
  }

  /// A hint for a string that looks like a block expression without its `$`.
  static func expressionHint(_ v: JSONValue) -> String {
    guard case .string(let s) = v, s.contains("$") || s.contains(where: { "+-*/()".contains($0) }) else { return "" }
    return s.hasPrefix("$")
      ? "" : " (block expressions start with '$', e.g. \"$(" + s.replacingOccurrences(of: "$", with: "") + ")\")"
  }

  /// An optional boolean, or `defaultValue`.
  public func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
    describe(key, "true or false", default: String(defaultValue))
    guard let v = value(key) else { return defaultValue }
    guard case .bool(let b) = v else { throw error(key, "expected true or false, found \(v.described)") }
    return b
  }

  /// An optional number, or `defaultValue`.
  public func double(_ key: String, default defaultValue: Double) throws -> Double {
    describe(key, "a number", default: String(defaultValue))
    guard let v = value(key) else { return defaultValue }
    switch v {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: throw error(key, "expected a number, found \(v.described)")
    }
  }

  /// An optional free-form string (a layer name), or nil.
  public func string(_ key: String) throws -> String? {
    describe(key, "a string", default: "none")
    guard let v = value(key) else { return nil }
    guard case .string(let s) = v, !s.isEmpty else {
      throw error(key, "expected a non-empty string, found \(v.described)")
    }
    return s
  }

  /// An optional string from `allowed` (case-insensitive), or `defaultValue`.
  public func choice(_ key: String, _ allowed: [String], default defaultValue: String) throws -> String {
    describe(key, "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "), default: "\"\(defaultValue)\"")
    guard let v = value(key) else { return defaultValue }
    guard case .string(let s) = v, allowed.contains(s.lowercased()) else {
      throw error(key, "expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), found \(v.brief)")
    }
    return s.lowercased()
  }

  /// An integer or a list of integers (one per spatial axis), each at least
  /// `minimum`; nil when absent.
  /// `defaultText` says what an absent field means, for `netcost ops OP`.
  public func axisValues(_ key: String, minimum: Int = 1, defaultText: String? = nil) throws -> AxisValues? {
    describe(key, "an integer ≥ \(minimum) or one per spatial axis", default: defaultText)
    guard let v = value(key) else { return nil }
    switch v {
    case .int(let i) where i >= minimum: return .all(i)
    case .array(let a) where !a.isEmpty:
      var out: [Int] = []
      for e in a {
        guard case .int(let i) = e, i >= minimum else {
          throw error(key, "expected integers ≥ \(minimum), found \(v.brief)")
        }
        out.append(i)
      }
      return .each(out)
    default:
      throw error(
        key, "expected an integer ≥ \(minimum) or a list of them (one per spatial axis), found \(v.described)")
    }
  }

  /// A list of integers (any sign); nil when absent.
  public func intList(_ key: String) throws -> [Int]? {
    describe(key, "a list of integers", default: nil)
    guard let v = value(key) else { return nil }
    if case .int(let i) = v { return [i] }
    guard case .array(let a) = v else { throw error(key, "expected a list of integers, found \(v.described)") }
    var out: [Int] = []
    for e in a {
      guard case .int(let i) = e else { throw error(key, "expected a list of integers, found \(v.brief)") }
      out.append(i)
    }
    return out
  }

  /// Fails when the layer has a field nobody read: almost always a typo.
  public func rejectUnread(kind: String) throws {
    try rejectBothSpellings()
    for m in object.members where !read.contains(m.key) {
      let known = read.filter { !$0.hasPrefix("_") }.sorted()
      var msg = "unknown field '\(m.key.clipped)' for op '\(kind)'"
      if let s = Suggest.closest(to: m.key, in: known) {
        msg += " (did you mean '\(s)'?)"
      } else if m.key == "in_channels" {
        msg += " (netcost takes the input channels from the layer's input)"
      } else {
        msg += " (`netcost ops \(kind)` lists its fields)"
      }
      throw NetCostError.invalidSpec(m.location ?? location, layer: layer, message: msg)
    }
  }
}
