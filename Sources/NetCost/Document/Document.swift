// netcost — Apache-2.0

/// A command's result in a format-neutral form: a title, metadata, cards,
/// typed tables, data series for charts and findings, plus the layout of
/// its stable JSON form.
///
/// Every command (`analyze`, `rf`, `compare`, `diff`, `check`, `profile`)
/// builds one document; ``DocumentRenderer`` turns it into a text table,
/// Markdown, CSV, JSON or a self-contained HTML page. A new output format is
/// one more renderer and needs no change to any command.
public struct Document: Sendable {
  /// Which command made it (`analyze`, `compare`, `diff`, …); renderers that
  /// draw (HTML) pick their charts by it.
  public var kind: String
  /// The subject: a model name, `old → new`, …
  public var title: String
  /// Facts about the subject (file, inputs, batch), for headers.
  public var metadata: [DocumentField]
  /// Headline figures (totals), shown as cards where the medium can.
  public var cards: [DocumentField]
  /// The tables; blocks and the JSON layout refer to them by position.
  public var tables: [DocumentTable]
  /// Data series for charts (one value per layer, in execution order, …).
  public var series: [DocumentSeries]
  /// Warnings and notes.
  public var findings: [DocumentFinding]
  /// The content of the text and Markdown forms, in order.
  public var blocks: [DocumentBlock]
  /// The machine-readable form (``DocumentValue/table(_:)`` streams a table).
  public var json: DocumentValue
  /// Whether the JSON form is indented (the profile commands' layout).
  public var prettyJSON: Bool
  /// The table the CSV form writes.
  public var csvTable: Int?
  /// The network drawn as a graph (the HTML page), when the result has one.
  public var graph: DocumentGraph?

  /// Creates a document.
  public init(
    kind: String, title: String, metadata: [DocumentField] = [], cards: [DocumentField] = [],
    tables: [DocumentTable] = [], series: [DocumentSeries] = [], findings: [DocumentFinding] = [],
    blocks: [DocumentBlock] = [], json: DocumentValue = .null, prettyJSON: Bool = false, csvTable: Int? = nil
  ) {
    self.kind = kind
    self.title = title
    self.metadata = metadata
    self.cards = cards
    self.tables = tables
    self.series = series
    self.findings = findings
    self.blocks = blocks
    self.json = json
    self.prettyJSON = prettyJSON
    self.csvTable = csvTable
  }

  /// The table with this key, if any.
  public func table(_ key: String) -> DocumentTable? { tables.first { $0.key == key } }

  /// The series with this key, if any.
  public func series(_ key: String) -> DocumentSeries? { series.first { $0.key == key } }
}
