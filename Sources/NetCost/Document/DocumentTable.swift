// netcost — Apache-2.0

/// A table with typed columns. Each row holds its values once; several
/// columns may show the same value differently (a receptive field as `427`
/// in the text form, as an object in JSON, as three CSV columns).
public struct DocumentTable: Sendable {
  /// A stable key (`layers`, `models`, `changes`).
  public var key: String
  /// The columns, in order; each says which media show it.
  public var columns: [DocumentColumn]
  /// The rows' values, addressed by ``DocumentColumn/value`` (stored, or
  /// made as they are read: ``DocumentRows``).
  public var rows: DocumentRows
  /// For a row, the position of its parent row (a module roll-up), if the
  /// table is a tree; the HTML page folds rows under their parents.
  public var parents: [Int?]?

  /// Creates a table.
  public init(key: String, columns: [DocumentColumn], rows: [[DocumentCell]] = [], parents: [Int?]? = nil) {
    self.init(key: key, columns: columns, rows: DocumentRows(rows), parents: parents)
  }

  /// Creates a table whose rows may be made as they are read.
  public init(key: String, columns: [DocumentColumn], rows: DocumentRows, parents: [Int?]? = nil) {
    self.key = key
    self.columns = columns
    self.rows = rows
    self.parents = parents
  }

  /// The columns `medium` shows.
  public func columns(in medium: DocumentMedium) -> [DocumentColumn] {
    columns.filter { $0.media.contains(medium) }
  }
}
