// netcost — Apache-2.0

import NetCost

#if canImport(Glibc)
  import Glibc
#endif

/// The property every input obeys, checked on each fuzz input: the reader
/// and the analyzer either succeed, or throw a ``NetCostError`` whose
/// message is exactly one printable line. Anything else (a trap, a crash, a
/// message with a raw control byte or a line break) aborts the run, which
/// libFuzzer records as a finding with the input that caused it.
public enum FuzzProperty {
  /// Runs `body`; aborts when it throws an error whose message breaks the property.
  public static func check(_ body: () throws(NetCostError) -> Void) {
    do {
      try body()
    } catch {
      let message = error.description
      guard isOneLine(message) else {
        fputs("fuzz: a message that is not one printable line: \(message.debugDescription)\n", stderr)
        abort()
      }
    }
  }

  /// Whether `s` is one non-empty line of printable characters.
  public static func isOneLine(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy(PrintableText.isPrintable)
  }

  /// Analyzes `graph` and renders the report in every format (renderers see the same names).
  public static func analyzeAndRender(_ graph: Graph, file: String) throws(NetCostError) {
    let report = try Analyzer.analyze(graph, options: AnalysisOptions(), file: file)
    for format in ReportFormat.allCases {
      let text = format.render(report)
      guard text.utf8.count > 0 else {
        fputs("fuzz: the \(format) report is empty\n", stderr)
        abort()
      }
    }
  }

  /// The fuzz input as a byte array.
  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }
}
