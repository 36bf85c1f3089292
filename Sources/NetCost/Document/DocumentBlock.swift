// netcost — Apache-2.0

/// One part of a document's running content, in order.
public struct DocumentBlock: Sendable {
  /// What the block holds.
  public enum Content: Sendable {
    /// A heading: the text form prints it as a line, Markdown as `###`.
    case heading(DocumentText)
    /// A line of text (a paragraph in Markdown).
    case line(DocumentText)
    /// Several lines, one paragraph in Markdown.
    case lines([DocumentText])
    /// A table of the document, by position.
    case table(Int)
    /// Labelled lines (a totals block): aligned in the text form, a list in Markdown.
    case fields([DocumentField])
  }

  /// The content.
  public var content: Content
  /// The media that show it.
  public var media: DocumentMedium

  /// Creates a block.
  public init(_ content: Content, media: DocumentMedium = .human) {
    self.content = content
    self.media = media
  }
}
