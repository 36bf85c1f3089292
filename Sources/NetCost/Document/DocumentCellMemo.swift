// netcost — Apache-2.0

/// The text of the cells a large table repeats, made once each.
///
/// A model of a million layers is a few blocks repeated: its rows repeat a
/// few dozen output shapes, whose text (`1×64×55×55`) costs more to write
/// than to look up (receptive fields grow layer by layer: not kept). One memo serves one
/// rendering of one table in one medium; other cells are formatted as they
/// come. At most `limit` texts are kept.
struct DocumentCellMemo {
  private struct Key: Hashable {
    let column: Int
    let shapes: [Shape]
  }

  private var texts: [Key: String] = [:]
  private let limit: Int
  private let format: (DocumentColumn, DocumentCell) -> String

  /// A memo of `format`'s texts (the human form in a medium, or the exact one).
  init(limit: Int = 1 << 14, format: @escaping (DocumentColumn, DocumentCell) -> String) {
    self.limit = limit
    self.format = format
  }

  /// A memo of ``DocumentFormatter/human(_:_:medium:)`` in `medium`.
  static func human(_ medium: DocumentMedium) -> DocumentCellMemo {
    DocumentCellMemo { DocumentFormatter.human($0, $1, medium: medium) }
  }

  /// A memo of ``DocumentFormatter/exact(_:_:)``.
  static var exact: DocumentCellMemo { DocumentCellMemo { DocumentFormatter.exact($0, $1) } }

  /// The text of `cell` in column `c` (at position `column` of the table's columns).
  /// Per column, the last receptive field and its text: a field is
  /// usually the one of the row before (an activation, a 1×1 conv).
  private var lastFields: [(field: ReceptiveField, text: String)?] = []
  /// Per column, the last shape list and its text.
  private var lastShapes: [(shapes: [Shape], text: String)?] = []

  mutating func text(_ c: DocumentColumn, column: Int, _ cell: DocumentCell) -> String {
    if case .field(let f) = cell { return fieldText(c, column: column, f, cell) }
    guard case .shapes(let s) = cell else { return format(c, cell) }
    // The row before's shapes, often the same interned list: no hashing.
    if column < lastShapes.count, let last = lastShapes[column], last.shapes == s { return last.text }
    let key = Key(column: column, shapes: s)
    let text: String
    if let known = texts[key] {
      text = known
    } else {
      text = format(c, cell)
      if texts.count < limit { texts[key] = text }
    }
    if column >= lastShapes.count { lastShapes += Array(repeating: nil, count: column + 1 - lastShapes.count) }
    lastShapes[column] = (s, text)
    return text
  }

  private mutating func fieldText(_ c: DocumentColumn, column: Int, _ f: ReceptiveField, _ cell: DocumentCell)
    -> String
  {
    if column < lastFields.count, let last = lastFields[column], last.field == f { return last.text }
    let text = format(c, cell)
    if column >= lastFields.count { lastFields += Array(repeating: nil, count: column + 1 - lastFields.count) }
    lastFields[column] = (f, text)
    return text
  }
}
