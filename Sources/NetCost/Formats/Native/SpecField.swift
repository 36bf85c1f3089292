// netcost — Apache-2.0

/// One field a native-spec op reads, as `netcost ops OP` prints it: found by
/// running the op's own decoder (``SpecDecodable/init(kind:attributes:)``)
/// over stand-in values, so the list cannot drift from what is accepted.
public struct SpecField: Sendable, Equatable {
  /// The field's name in a spec.
  public var name: String
  /// What it holds: `an integer ≥ 1`, `true or false`, `one of "max", "avg"`.
  public var what: String?
  /// What an absent field means (`1`, `false`), or nil.
  public var defaultText: String?
  /// Whether a layer must give it.
  public var required: Bool
  /// What it means, from ``SpecFieldGlossary``.
  public var meaning: String?
  /// PyTorch's names accepted for it (`out_channels` for `out`).
  public var aliases: [String]

  /// Creates a field description.
  public init(
    name: String, what: String?, defaultText: String?, required: Bool, meaning: String?, aliases: [String] = []
  ) {
    self.name = name
    self.what = what
    self.defaultText = defaultText
    self.required = required
    self.meaning = meaning
    self.aliases = aliases
  }

  /// The fields the op reads for the spec name `kind`, in the order its
  /// decoder reads them.
  public static func fields(of type: any SpecDecodable.Type, kind: String) -> [SpecField] {
    // Stand-ins tried, in turn, for a required field the decoder refused.
    let standIns: [JSONValue] = [.int(1), .int(2), .string("x"), .array([.int(1)]), .bool(true), .double(0.5)]
    var fill: [String: JSONValue] = [:]
    var tried: [String: Int] = [:]
    let all = SpecFieldProbe()
    for _ in 0..<48 {
      let p = SpecFieldProbe()
      var done = true
      do { _ = try type.init(kind: kind, attributes: Attributes(probe: p, fill: fill)) } catch { done = false }
      all.merge(p)
      if done { break }
      if let k = p.lastRejected, fill[k] != nil {
        let next = (tried[k] ?? 0) + 1
        guard next < standIns.count else { break }
        tried[k] = next
        fill[k] = standIns[next]
      } else if let k = p.lastMissing, fill[k] == nil {
        fill[k] = standIns[0]
        tried[k] = 0
      } else {
        break
      }
    }
    return all.order.filter { !$0.hasPrefix("_") }.map { name in
      SpecField(
        name: name, what: all.whats[name], defaultText: all.defaults[name], required: all.requiredKeys.contains(name),
        meaning: SpecFieldGlossary.meaning(of: name, kind: type.kinds[0]), aliases: Attributes.aliases[name] ?? [])
    }
  }
}

/// What an op's decoder asked of its attributes while ``SpecField`` probed it.
final class SpecFieldProbe {
  /// Field names in the order first read.
  var order: [String] = []
  /// What each field holds.
  var whats: [String: String] = [:]
  /// Each optional field's default, as text.
  var defaults: [String: String] = [:]
  /// Fields the decoder required.
  var requiredKeys: Set<String> = []
  /// The last required field found missing.
  var lastMissing: String?
  /// The last field whose value the decoder refused.
  var lastRejected: String?

  func saw(_ key: String) { if !order.contains(key) { order.append(key) } }

  func describe(_ key: String, _ what: String, default text: String?) {
    saw(key)
    if whats[key] == nil { whats[key] = what }
    if let text, defaults[key] == nil { defaults[key] = text }
  }

  func required(_ key: String, _ what: String) {
    saw(key)
    requiredKeys.insert(key)
    if whats[key] == nil { whats[key] = what }
    lastMissing = key
  }

  func rejected(_ key: String) { lastRejected = key }

  /// Adds what another pass found.
  func merge(_ p: SpecFieldProbe) {
    for k in p.order { saw(k) }
    whats.merge(p.whats) { a, _ in a }
    defaults.merge(p.defaults) { a, _ in a }
    requiredKeys.formUnion(p.requiredKeys)
  }
}
