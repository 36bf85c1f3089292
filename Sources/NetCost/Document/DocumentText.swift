// netcost — Apache-2.0

/// A line of running text made of spans: plain text, code (Markdown
/// backticks, HTML `<code>`) and text only some media show.
public struct DocumentText: Sendable, ExpressibleByStringLiteral {
  /// One piece of the text.
  public enum Span: Sendable {
    /// Plain text.
    case plain(String)
    /// A name or value set as code.
    case code(String)
    /// Text shown only in these media.
    case only(DocumentMedium, String)
  }

  /// The spans, in order.
  public var spans: [Span]

  /// Creates text from spans.
  public init(_ spans: [Span]) { self.spans = spans }

  /// Plain text.
  public init(stringLiteral value: String) { spans = [.plain(value)] }

  /// Plain text.
  public static func plain(_ s: String) -> DocumentText { DocumentText([.plain(s)]) }

  /// The text as `medium` shows it (code unmarked, as in the text form).
  public func plain(for medium: DocumentMedium) -> String {
    var s = ""
    for span in spans {
      switch span {
      case .plain(let t), .code(let t): s += t
      case .only(let m, let t): if m.contains(medium) { s += t }
      }
    }
    return s
  }

  /// The text in Markdown (code in backticks).
  public var markdown: String {
    var s = ""
    for span in spans {
      switch span {
      case .plain(let t): s += t
      case .code(let t): s += "`" + t + "`"
      case .only(let m, let t): if m.contains(.markdown) { s += t }
      }
    }
    return s
  }
}
