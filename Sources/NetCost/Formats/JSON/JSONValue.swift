// netcost — Apache-2.0

/// A parsed JSON value, with the source location of every object member so
/// errors can point at the field that is wrong.
public indirect enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent.
  case int(Int)
  /// Any other number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, members in file order.
  case object(JSONObject)

  /// The value as a number when it is an integer or a double, else nil
  /// (profile and report files read their figures this way).
  public var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  /// The JSON type as a user would name it, for "expected X, found Y" messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int: return "an integer"
    case .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// The type and the value for "found …" messages: `a string "16"`,
  /// `an integer 3`, `null`.
  public var described: String {
    if case .null = self { return "null" }
    if case .object = self { return "an object" }
    return "\(typeName) \(brief)"
  }

  /// A short rendering of the value for messages ("3", "\"same\"", "[3, 3]").
  public var brief: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return String(b)
    case .int(let i): return String(i)
    case .double(let d): return String(d)
    case .string(let s): return "\"\(s.clipped)\""
    case .array(let a):
      let inner = a.prefix(6).map(\.brief).joined(separator: ", ")
      return "[\(inner)\(a.count > 6 ? ", …" : "")]"
    case .object: return "{…}"
    }
  }
}

extension String {
  /// The string itself, or its first 60 characters and a count when a
  /// message would otherwise echo a huge value; control and invisible
  /// characters escaped (``PrintableText/name(_:)``), so one message is one line.
  public var clipped: String { PrintableText.name(self) }
}

/// A JSON object: its members in file order, each with where its key stands.
public struct JSONObject: Sendable, Equatable {
  /// One `"key": value` member.
  public struct Member: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value.
    public var value: JSONValue
    /// Where the key stands in the file, when known.
    public var location: SourceLocation?
  }

  /// The members, in the order they appear in the file.
  public var members: [Member]
  /// Where the object's first key stands, when known.
  public var location: SourceLocation? { members.first?.location }

  /// Creates an object.
  public init(members: [Member]) { self.members = members }

  /// The value for `key`, if present.
  public subscript(key: String) -> JSONValue? {
    for m in members where m.key == key { return m.value }
    return nil
  }

  /// The member for `key`, if present.
  public func member(_ key: String) -> Member? {
    members.first { $0.key == key }
  }
}
