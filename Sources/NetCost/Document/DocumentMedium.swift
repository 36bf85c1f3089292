// netcost — Apache-2.0

/// The media a document part appears in.
public struct DocumentMedium: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public let rawValue: Int
  /// Creates a set from its bits.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// The terminal text form.
  public static let text = DocumentMedium(rawValue: 1)
  /// Markdown.
  public static let markdown = DocumentMedium(rawValue: 2)
  /// CSV.
  public static let csv = DocumentMedium(rawValue: 4)
  /// JSON.
  public static let json = DocumentMedium(rawValue: 8)
  /// The HTML page.
  public static let html = DocumentMedium(rawValue: 16)
  /// Every medium.
  public static let all: DocumentMedium = [.text, .markdown, .csv, .json, .html]
  /// The forms people read: text, Markdown and HTML.
  public static let human: DocumentMedium = [.text, .markdown, .html]
}
