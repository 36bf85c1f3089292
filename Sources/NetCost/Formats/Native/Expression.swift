// netcost — Apache-2.0

/// Integer expressions in block arguments: `"$width"`, `"$width*4"`,
/// `"$(planes * expansion)"`, `"$stride != 1 || $in != $out"`.
///
/// Supports integers, argument names (with or without `$`), `+ - * / %`
/// (`/` floors), comparisons, `&& || !` and parentheses. Booleans are 1
/// and 0.
struct Expression {
  enum Failure: Error {
    case syntax(String)
    case unknown(String)
    case divisionByZero, overflow
  }

  private let chars: [UInt8]
  private var i = 0
  /// Parentheses and prefix operators open so far; bounded so that a
  /// pathological expression is an error, not a stack overflow.
  private var depth = 0
  private static let maxDepth = 64
  private static let maxLength = 1_000
  private let lookup: (String) -> Int?

  /// Evaluates `text` (without the leading `$`) with argument values from `lookup`.
  static func evaluate(_ text: String, lookup: @escaping (String) -> Int?) throws(Failure) -> Int {
    guard text.utf8.count <= maxLength else { throw .syntax("longer than \(maxLength) characters") }
    var p = Expression(chars: Array(text.utf8), lookup: lookup)
    let v = try p.orExpr()
    p.skip()
    guard p.i == p.chars.count else {
      throw .syntax("unexpected '\(String(decoding: p.chars[p.i...], as: UTF8.self))'")
    }
    return v
  }

  private init(chars: [UInt8], lookup: @escaping (String) -> Int?) {
    self.chars = chars
    self.lookup = lookup
  }

  private mutating func skip() { while i < chars.count, chars[i] == 0x20 { i += 1 } }

  private mutating func eat(_ s: String) -> Bool {
    skip()
    let u = Array(s.utf8)
    guard i + u.count <= chars.count, Array(chars[i..<i + u.count]) == u else { return false }
    // Do not take '<' from '<=' or '!' from '!='.
    if u.count == 1, i + 1 < chars.count, chars[i + 1] == 0x3D, "<>!=".utf8.contains(u[0]) { return false }
    if u.count == 1, u[0] == 0x26 || u[0] == 0x7C { return false }
    i += u.count
    return true
  }

  private mutating func orExpr() throws(Failure) -> Int {
    var v = try andExpr()
    while eat("||") {
      let r = try andExpr()
      v = (v != 0 || r != 0) ? 1 : 0
    }
    return v
  }

  private mutating func andExpr() throws(Failure) -> Int {
    var v = try cmpExpr()
    while eat("&&") {
      let r = try cmpExpr()
      v = (v != 0 && r != 0) ? 1 : 0
    }
    return v
  }

  private mutating func cmpExpr() throws(Failure) -> Int {
    let v = try addExpr()
    for op in ["==", "!=", "<=", ">=", "<", ">"] where eat(op) {
      let r = try addExpr()
      switch op {
      case "==": return v == r ? 1 : 0
      case "!=": return v != r ? 1 : 0
      case "<=": return v <= r ? 1 : 0
      case ">=": return v >= r ? 1 : 0
      case "<": return v < r ? 1 : 0
      default: return v > r ? 1 : 0
      }
    }
    return v
  }

  private mutating func addExpr() throws(Failure) -> Int {
    var v = try mulExpr()
    while true {
      if eat("+") {
        let (r, o) = v.addingReportingOverflow(try mulExpr())
        if o { throw .overflow }
        v = r
      } else if eat("-") {
        let (r, o) = v.subtractingReportingOverflow(try mulExpr())
        if o { throw .overflow }
        v = r
      } else {
        return v
      }
    }
  }

  private mutating func mulExpr() throws(Failure) -> Int {
    var v = try unary()
    while true {
      if eat("*") {
        let (r, o) = v.multipliedReportingOverflow(by: try unary())
        if o { throw .overflow }
        v = r
      } else if eat("/") {
        // Floor division, as in Python.
        let d = try unary()
        if d == 0 { throw .divisionByZero }
        let (q, o) = v.dividedReportingOverflow(by: d)
        if o { throw .overflow }
        let r = v.remainderReportingOverflow(dividingBy: d).partialValue
        v = (r != 0 && (r < 0) != (d < 0)) ? q - 1 : q
      } else if eat("%") {
        // Remainder with the divisor's sign, as in Python.
        let d = try unary()
        if d == 0 { throw .divisionByZero }
        let r = v.remainderReportingOverflow(dividingBy: d).partialValue
        v = (r != 0 && (r < 0) != (d < 0)) ? r + d : r
      } else {
        return v
      }
    }
  }

  private mutating func unary() throws(Failure) -> Int {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { throw .syntax("nested more than \(Self.maxDepth) deep") }
    if eat("-") {
      let (r, o) = (0).subtractingReportingOverflow(try unary())
      if o { throw .overflow }
      return r
    }
    if eat("!") { return try unary() == 0 ? 1 : 0 }
    return try primary()
  }

  private mutating func primary() throws(Failure) -> Int {
    skip()
    guard i < chars.count else { throw .syntax("expression ends too early") }
    if eat("(") {
      let v = try orExpr()
      guard eat(")") else { throw .syntax("missing ')'") }
      return v
    }
    if chars[i] == 0x24 { i += 1 }  // optional '$' before a name
    let start = i
    if i < chars.count, (0x30...0x39).contains(chars[i]) {
      var v = 0
      while i < chars.count, (0x30...0x39).contains(chars[i]) {
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int(chars[i] - 0x30))
        if o1 || o2 { throw .overflow }
        v = a
        i += 1
      }
      return v
    }
    while i < chars.count,
      chars[i] == 0x5F || (0x30...0x39).contains(chars[i]) || ((chars[i] | 0x20) >= 0x61 && (chars[i] | 0x20) <= 0x7A)
    { i += 1 }
    guard i > start else { throw .syntax("unexpected '\(String(decoding: chars[i...], as: UTF8.self))'") }
    let name = String(decoding: chars[start..<i], as: UTF8.self)
    switch name {
    case "true": return 1
    case "false": return 0
    default:
      guard let v = lookup(name) else { throw .unknown(name) }
      return v
    }
  }
}
