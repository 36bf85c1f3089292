// netcost — Apache-2.0

/// A column of a ``DocumentTable``: its key (CSV header, JSON key), its
/// title (text and Markdown header), the kind of value it shows and how.
public struct DocumentColumn: Sendable {
  /// How a column presents its value.
  public enum Kind: Sendable, Equatable {
    /// Text as it is.
    case text
    /// A name: as it is in the text form, as code in Markdown.
    case code
    /// An exact integer everywhere (`12`).
    case integer
    /// A count, grouped for people (`25,557,032`), exact in CSV and JSON.
    case count
    /// A quantity with a unit, shortened with SI prefixes for people
    /// (`4.09G` MACs), exact in CSV and JSON.
    case quantity(unit: String)
    /// Bytes for people (`102.44 MB`), exact in CSV and JSON.
    case bytes
    /// The value's share of a whole, for people (`12.3%`).
    case share(of: Int)
    /// A change, signed for people (`+1,024`, `−3`).
    case signedCount
    /// A change in bytes, signed for people (`+2.05 MB`).
    case signedBytes
    /// Shapes: `1×64×56×56` for people, `1x64x56x56` in CSV, integers in JSON (the first shape).
    case shape
    /// In JSON the shapes after the first, only when there are several.
    case extraShapes
    /// Only the first shape, everywhere.
    case firstShapeOnly
    /// A list of names: space-separated in CSV, an array in JSON.
    case names
    /// A receptive field, shown by one of its parts.
    case field(FieldPart)
    /// A decimal with this many digits for people; the number in JSON.
    case decimal(digits: Int)
    /// Seconds, shown as milliseconds (two decimals, three below 10 ms).
    case milliseconds
  }

  /// A part of a receptive field.
  public enum FieldPart: Sendable, Equatable {
    /// `427`, `11×5`, `global` (JSON: the whole field).
    case brief
    /// Sizes per axis.
    case size
    /// Jumps per axis.
    case jump
    /// Centres per axis.
    case center
    /// Equivalent paddings per axis.
    case padding
  }

  /// The CSV header and JSON key.
  public var key: String
  /// The header people read.
  public var title: String
  /// The position of the value in each row.
  public var value: Int
  /// How the value is shown.
  public var kind: Kind
  /// The media that show the column.
  public var media: DocumentMedium
  /// What the text form writes for a zero (`-`), if not the zero itself.
  public var zeroText: String?
  /// Whether people's tables align it to the right; numbers do by default.
  public var rightAligned: Bool

  /// Creates a column.
  public init(
    _ key: String, _ title: String, value: Int, kind: Kind = .text, media: DocumentMedium = .all,
    zeroText: String? = nil, rightAligned: Bool? = nil
  ) {
    self.key = key
    self.title = title
    self.value = value
    self.kind = kind
    self.media = media
    self.zeroText = zeroText
    switch kind {
    case .text, .code, .names, .shape, .extraShapes, .firstShapeOnly: self.rightAligned = rightAligned ?? false
    default: self.rightAligned = rightAligned ?? true
    }
  }
}
