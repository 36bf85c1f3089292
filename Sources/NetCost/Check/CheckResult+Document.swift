// netcost — Apache-2.0

extension CheckResult {
  /// The result as a document: a line per limit (text), a table of limits
  /// (Markdown, HTML), the uncounted ops and warnings, and the JSON layout.
  public var document: Document {
    var lines: [DocumentText] = []
    if let baselineMismatch { lines.append(.plain((strict ? "FAIL  " : "warn  ") + baselineMismatch)) }
    for i in items { lines.append(.plain((i.passed ? "ok    " : "FAIL  ") + i.message)) }
    for u in uncountedOps {
      lines.append(
        .plain(
          (allowUnknown ? "note  " : "FAIL  ") + "\(u.count) '\(u.type)' layer(s) have no cost rule and count as zero"
            + (allowUnknown ? " (allowed)" : " (use --allow-unknown to accept)")))
    }
    for f in findings {
      lines.append(.plain((strict ? "FAIL  " : "warn  ") + "\(f.location): layer '\(f.layer)': \(f.message)"))
    }
    lines.append(.plain(summary))
    let failed = items.filter { !$0.passed }.count

    let rows: [[DocumentCell]] = items.map { i in
      let limit = i.source == .budget ? i.metric.format(i.limit) : "\(i.metric.format(i.limit)) (baseline)"
      let result =
        i.passed
        ? "✅ \(Units.percent(i.actual, of: i.limit)) of limit"
        : "❌ over by \(i.metric.isBytes ? Units.bytes(i.excess) : Units.grouped(i.excess))"
      return [.text(i.metric.optionName), .text(limit), .text(i.metric.format(i.actual)), .text(result)]
    }
    let table = DocumentTable(
      key: "checks",
      columns: [
        DocumentColumn("metric", "Metric", value: 0), DocumentColumn("limit", "Limit", value: 1, rightAligned: true),
        DocumentColumn("actual", "Actual", value: 2, rightAligned: true), DocumentColumn("result", "Result", value: 3),
      ], rows: rows)
    var blocks = [
      DocumentBlock(.lines(lines), media: .text),
      DocumentBlock(
        .heading(
          DocumentText([.plain("netcost check: "), .code(model), .plain(passed ? " passed ✅" : " failed ❌")])),
        media: [.markdown, .html]),
    ]
    if let baselineMismatch {
      blocks.append(DocumentBlock(.line(DocumentText([.plain("⚠️ " + baselineMismatch)])), media: [.markdown, .html]))
    }
    blocks.append(DocumentBlock(.table(0), media: [.markdown, .html]))
    for u in uncountedOps {
      blocks.append(
        DocumentBlock(
          .line(
            DocumentText([
              .plain("\(allowUnknown ? "ℹ️" : "❌") \(u.count) "), .code(u.type), .plain(" layer(s) have no cost rule."),
            ])), media: [.markdown, .html]))
    }
    for f in findings {
      blocks.append(
        DocumentBlock(
          .line(DocumentText([.plain("⚠️ "), .code(f.layer), .plain(": \(f.message)")])), media: [.markdown, .html]))
    }
    return Document(
      kind: "check", title: model,
      metadata: [DocumentField(key: "file", label: "File", text: file ?? "-", value: .optional(file))],
      cards: [
        DocumentField(key: "passed", label: "Result", text: passed ? "passed" : "failed", value: .bool(passed)),
        DocumentField(key: "limits_met", label: "Limits met", text: "\(items.count - failed) of \(items.count)"),
      ],
      tables: [table],
      findings: findings.map {
        DocumentFinding(
          severity: strict ? .failure : .warning, layer: $0.layer, location: $0.location.description,
          message: $0.message)
      },
      blocks: blocks, json: jsonLayout, csvTable: 0)
  }

  /// The last line: `PASS: m — 3 of 3 limits met`, saying what else failed
  /// (limits exceeded, uncounted ops, warnings under `--strict`).
  public var summary: String {
    let failed = items.filter { !$0.passed }.count
    var s = "\(passed ? "PASS" : "FAIL"): \(model) — \(items.count - failed) of \(items.count) limits met"
    var why: [String] = []
    if failed > 0 { why.append("\(failed) exceeded") }
    if !allowUnknown && !uncountedOps.isEmpty {
      let n = uncountedOps.reduce(0) { $0 + $1.count }
      why.append("\(n) uncounted layer\(n == 1 ? "" : "s")")
    }
    if failsOnWarnings {
      let n = findings.count + (baselineMismatch == nil ? 0 : 1)
      why.append("\(n) warning\(n == 1 ? "" : "s") (--strict)")
    }
    if !why.isEmpty { s += ", " + why.joined(separator: ", ") }
    return s
  }

  var jsonLayout: DocumentValue {
    .members([
      "schema_version": .int(1),
      "model": .string(model),
      "file": .optional(file),
      "passed": .bool(passed),
      "checks": .array(
        items.map { i in
          var m = [
            DocumentMember("metric", .string(i.metric.rawValue)),
            DocumentMember("source", .string(i.source == .budget ? "budget" : "baseline")),
          ]
          if case .baseline(let recorded, let tol) = i.source {
            m.append(DocumentMember("baseline", .int(recorded)))
            m.append(DocumentMember("tolerance_percent", .rationals([tol * Rational(integer: 100) ?? .zero])))
          }
          m += [
            DocumentMember("limit", .int(i.limit)), DocumentMember("actual", .int(i.actual)),
            DocumentMember("excess", .int(i.excess)), DocumentMember("passed", .bool(i.passed)),
            DocumentMember("message", .string(i.message)),
          ]
          return .object(m)
        }),
      "uncounted_ops": .tally(uncountedOps),
      "allow_unknown": .bool(allowUnknown),
      "warnings": .findings(findings),
      "baseline_mismatch": .optional(baselineMismatch),
      "summary": .string(summary),
    ])
  }
}
