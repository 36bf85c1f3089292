// netcost — Apache-2.0

/// A table's rows: stored, or made one at a time when a renderer reaches
/// them. A report of a million layers renders its per-layer table from the
/// report itself instead of first holding a million cell arrays (about a
/// third of a gigabyte) next to it; a table that is changed after it was
/// made (a profile's column added) is stored from then on.
public struct DocumentRows: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
  private enum Storage: Sendable {
    case stored([[DocumentCell]])
    case computed(count: Int, row: @Sendable (Int) -> [DocumentCell])
  }
  private var storage: Storage

  /// Rows held as they are.
  public init(_ rows: [[DocumentCell]]) { storage = .stored(rows) }

  /// `count` rows, row `i` made by `row(i)` each time it is read.
  public init(count: Int, row: @escaping @Sendable (Int) -> [DocumentCell]) {
    storage = .computed(count: Swift.max(0, count), row: row)
  }

  public init(arrayLiteral rows: [DocumentCell]...) { storage = .stored(rows) }

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .stored(let rows): return rows.count
    case .computed(let count, _): return count
    }
  }

  public subscript(i: Int) -> [DocumentCell] {
    get {
      switch storage {
      case .stored(let rows): return rows[i]
      case .computed(_, let row): return row(i)
      }
    }
    set {
      var rows = materialized
      storage = .stored([])  // drop the other reference before writing: no copy of every row
      rows[i] = newValue
      storage = .stored(rows)
    }
  }

  /// Every row, made now where they are computed.
  public var materialized: [[DocumentCell]] {
    switch storage {
    case .stored(let rows): return rows
    case .computed(let count, let row): return (0..<count).map(row)
    }
  }
}
