// netcost — Apache-2.0

/// How `netcost check` prints its result.
public enum CheckFormat: String, CaseIterable, Sendable {
  /// One line per limit, for people and logs.
  case text
  /// Machine-readable.
  case json
  /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
  case github
  /// A Markdown table for a pull-request comment.
  case markdown

  /// Renders a result.
  public func render(_ r: CheckResult) -> String {
    switch self {
    case .text: return DocumentRenderer.text(r.document)
    case .json: return DocumentRenderer.json(r.document)
    case .github: return Self.github(r)
    case .markdown: return DocumentRenderer.markdown(r.document)
    }
  }

  /// GitHub Actions: a CI protocol rather than a document form, written
  /// from the result itself: an `::error` per exceeded limit (at the model file),
  /// a `::warning` per geometry warning (at its layer), and a `::notice`
  /// summary.
  static func github(_ r: CheckResult) -> String {
    func esc(_ s: String) -> String {
      s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
        of: "\n", with: "%0A")
    }
    func prop(_ s: String) -> String {
      esc(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
    let file = r.file.map { "file=\(prop($0)),line=1," } ?? ""
    var s = ""
    if let m = r.baselineMismatch {
      s += "::\(r.strict ? "error" : "warning") \(file)title=netcost%3A baseline mismatch::\(esc(m))\n"
    }
    for i in r.items where !i.passed {
      s +=
        "::error \(file)title=\(prop("netcost: \(i.metric.optionName) over \(i.source == .budget ? "budget" : "baseline")"))::\(esc(i.message))\n"
    }
    if !r.allowUnknown {
      for u in r.uncountedOps {
        s +=
          "::error \(file)title=netcost%3A uncounted op::\(esc("\(u.count) '\(u.type)' layer(s) have no cost rule (use --allow-unknown to accept)"))\n"
      }
    }
    for f in r.findings {
      var loc = "file=\(prop(f.location.file))"
      if let l = f.location.line { loc += ",line=\(l)" }
      if let c = f.location.column { loc += ",col=\(c)" }
      s +=
        "::\(r.strict ? "error" : "warning") \(loc),title=\(prop("netcost: \(f.kind.rawValue)"))::\(esc("layer '\(f.layer)': \(f.message)"))\n"
    }
    s += "::notice title=netcost check::\(esc(r.summary))\n"
    return s
  }

}

/// JUnit XML, one test case per limit, for CI systems that collect test reports.
public enum JUnitRenderer {
  /// The XML document.
  public static func render(_ r: CheckResult) -> String {
    func esc(_ s: String) -> String {
      var o = ""
      for c in s.unicodeScalars {
        switch c {
        case "&": o += "&amp;"
        case "<": o += "&lt;"
        case ">": o += "&gt;"
        case "\"": o += "&quot;"
        case "'": o += "&apos;"
        case _ where c.value < 0x20 && c != "\n" && c != "\t" && c != "\r": o += " "
        default: o.unicodeScalars.append(c)
        }
      }
      return o
    }
    let unknownCases = r.allowUnknown ? [] : r.uncountedOps
    let failures = r.items.filter { !$0.passed }.count + unknownCases.count
    var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    s +=
      "<testsuites name=\"netcost check\" tests=\"\(r.items.count + unknownCases.count)\" failures=\"\(failures)\">\n"
    s +=
      "  <testsuite name=\"\(esc(r.model))\" tests=\"\(r.items.count + unknownCases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
    for i in r.items {
      let name = "\(i.metric.optionName) ≤ \(Units.grouped(i.limit))\(i.source == .budget ? "" : " (baseline)")"
      s += "    <testcase classname=\"netcost.\(esc(r.model))\" name=\"\(esc(name))\""
      if i.passed {
        s += "/>\n"
      } else {
        s +=
          ">\n      <failure message=\"\(esc(i.message))\" type=\"limit_exceeded\">\(esc(i.message))</failure>\n    </testcase>\n"
      }
    }
    for u in unknownCases {
      s +=
        "    <testcase classname=\"netcost.\(esc(r.model))\" name=\"\(esc("no uncounted '\(u.type)' ops"))\">\n      <failure message=\"\(u.count) layer(s) have no cost rule\" type=\"uncounted_op\"/>\n    </testcase>\n"
    }
    s += "  </testsuite>\n</testsuites>\n"
    return s
  }
}
