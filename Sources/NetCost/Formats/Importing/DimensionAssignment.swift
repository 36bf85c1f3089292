// netcost — Apache-2.0

/// Parses `name=N` assignments of named dimensions (`--dim sequence=128`).
public enum DimensionAssignment {
  /// A malformed assignment, in words.
  public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message.
    public var description: String
  }

  /// The sizes by name; a later assignment of the same name wins.
  ///
  /// - Throws: ``Invalid`` for text that is not `name=N` with N ≥ 1.
  public static func parse(_ assignments: [String]) throws(Invalid) -> [String: Int] {
    var out: [String: Int] = [:]
    for d in assignments {
      guard let eq = d.firstIndex(of: "="), let v = Int(d[d.index(after: eq)...]), !d[..<eq].isEmpty else {
        throw Invalid(description: "--dim expects name=N, e.g. --dim batch=16; found '\(d.clipped)'")
      }
      guard v >= 1 else { throw Invalid(description: "--dim \(d.clipped): the size must be at least 1") }
      out[String(d[..<eq])] = v
    }
    return out
  }
}
