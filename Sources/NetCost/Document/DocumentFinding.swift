// netcost — Apache-2.0

/// A warning, note or failure attached to a result.
public struct DocumentFinding: Sendable {
  /// How serious it is.
  public enum Severity: String, Sendable {
    /// Information (a convention the numbers depend on).
    case note
    /// Legal but probably not meant.
    case warning
    /// A failed check.
    case failure
  }

  /// How serious it is.
  public var severity: Severity
  /// The layer it is about, if any.
  public var layer: String?
  /// Where, as `file:line:column`, if known.
  public var location: String?
  /// The message.
  public var message: String

  /// Creates a finding.
  public init(severity: Severity, layer: String? = nil, location: String? = nil, message: String) {
    self.severity = severity
    self.layer = layer
    self.location = location
    self.message = message
  }
}
