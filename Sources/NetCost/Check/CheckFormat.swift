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
    case .text: return Self.text(r)
    case .json: return Self.json(r)
    case .github: return Self.github(r)
    case .markdown: return Self.markdown(r)
    }
  }

  static func text(_ r: CheckResult) -> String {
    var s = ""
    for i in r.items { s += (i.passed ? "ok    " : "FAIL  ") + i.message + "\n" }
    for u in r.uncountedOps {
      s +=
        (r.allowUnknown ? "note  " : "FAIL  ") + "\(u.count) '\(u.type)' layer(s) have no cost rule and count as zero"
        + (r.allowUnknown ? " (allowed)" : " (use --allow-unknown to accept)") + "\n"
    }
    for f in r.findings { s += (r.strict ? "FAIL  " : "warn  ") + "\(f.location): layer '\(f.layer)': \(f.message)\n" }
    let failed = r.items.filter { !$0.passed }.count
    s += "\(r.passed ? "PASS" : "FAIL"): \(r.model) — \(r.items.count - failed) of \(r.items.count) limits met"
    if failed > 0 { s += ", \(failed) exceeded" }
    return s + "\n"
  }

  static func json(_ r: CheckResult) -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("schema_version")
    w.int(1)
    w.key("model")
    w.string(r.model)
    w.key("file")
    if let f = r.file { w.string(f) } else { w.null() }
    w.key("passed")
    w.bool(r.passed)
    w.key("checks")
    w.beginArray()
    for i in r.items {
      w.beginObject()
      w.key("metric")
      w.string(i.metric.rawValue)
      w.key("source")
      switch i.source {
      case .budget: w.string("budget")
      case .baseline: w.string("baseline")
      }
      if case .baseline(let recorded, let tol) = i.source {
        w.key("baseline")
        w.int(recorded)
        w.key("tolerance_percent")
        w.rationals([tol * Rational(integer: 100) ?? .zero])
      }
      w.key("limit")
      w.int(i.limit)
      w.key("actual")
      w.int(i.actual)
      w.key("excess")
      w.int(i.excess)
      w.key("passed")
      w.bool(i.passed)
      w.key("message")
      w.string(i.message)
      w.endObject()
    }
    w.endArray()
    w.key("uncounted_ops")
    w.tally(r.uncountedOps)
    w.key("allow_unknown")
    w.bool(r.allowUnknown)
    w.key("warnings")
    w.findings(r.findings)
    w.endObject()
    w.newline()
    return w.out
  }

  /// GitHub Actions: an `::error` per exceeded limit (at the model file),
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
    let failed = r.items.filter { !$0.passed }.count
    s +=
      "::notice title=netcost check::\(esc("\(r.model): \(r.passed ? "passed" : "failed") — \(r.items.count - failed) of \(r.items.count) limits met"))\n"
    return s
  }

  static func markdown(_ r: CheckResult) -> String {
    var s = "### netcost check: `\(r.model)` \(r.passed ? "passed ✅" : "failed ❌")\n\n"
    s += "| Metric | Limit | Actual | Result |\n|---|--:|--:|---|\n"
    for i in r.items {
      let limit = i.source == .budget ? i.metric.format(i.limit) : "\(i.metric.format(i.limit)) (baseline)"
      let result =
        i.passed
        ? "✅ \(Units.percent(i.actual, of: i.limit)) of limit"
        : "❌ over by \(i.metric.isBytes ? Units.bytes(i.excess) : Units.grouped(i.excess))"
      s += "| \(i.metric.optionName) | \(limit) | \(i.metric.format(i.actual)) | \(result) |\n"
    }
    for u in r.uncountedOps {
      s += "\n\(r.allowUnknown ? "ℹ️" : "❌") \(u.count) `\(u.type)` layer(s) have no cost rule.\n"
    }
    for f in r.findings { s += "\n⚠️ `\(f.layer)`: \(f.message)\n" }
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
