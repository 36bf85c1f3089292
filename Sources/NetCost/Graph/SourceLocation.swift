// netcost — Apache-2.0

/// A place in a spec file: which file, and the line and column where the
/// format has them (1-based).
///
/// Every error about bad input names one, so the user can jump straight to
/// the offending layer.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// 1-based line, when the format has lines.
  public var line: Int?
  /// 1-based column, when the format has columns.
  public var column: Int?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, or as much of it as is known.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    if let column { s += ":\(column)" }
    return s
  }
}
