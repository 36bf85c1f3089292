// netcost — Apache-2.0

import Foundation
import NetCost
import Testing

@Suite("Streamed output")
struct ByteSinkTests {
  /// Pieces of 4 KiB: a few hundred layers make many.
  static let pieceSize = 4096

  /// A 600-layer report whose layer names hold an escape sequence, a
  /// zero-width space and multi-byte letters: every format is several
  /// pieces long, and some pieces need escaping for a terminal.
  static func bigReport() throws -> Report {
    let spec = #"""
      {"name": "big", "inputs": [{"name": "x", "shape": [3, 8, 8]}],
       "blocks": {"b": {"layers": [{"name": "r\u001b[31m", "type": "relu"}, {"name": "s\u200bé—", "type": "relu"}]}},
       "layers": [{"name": "b", "block": "b", "repeat": 300}]}
      """#
    return try NetCost.analyze(json: spec, file: "big.json", options: AnalysisOptions())
  }

  /// The pieces a format hands its sink, in order.
  static func pieces(_ format: ReportFormat, _ report: Report) -> [[UInt8]] {
    var all: [[UInt8]] = []
    format.write(report, to: ByteSink(pieceSize: pieceSize) { all.append(Array($0)) })
    return all
  }

  @Test("every format hands on full pieces of whole characters, and the table, CSV and Markdown whole lines")
  func piecesEndBetweenCharacters() throws {
    let report = try Self.bigReport()
    #expect(report.layers.count == 600)
    for format in ReportFormat.allCases {
      let pieces = Self.pieces(format, report)
      #expect(pieces.count > 1, "\(format) came in one piece")
      for (i, piece) in pieces.enumerated() {
        #expect(String(validating: piece, as: UTF8.self) != nil, "\(format) piece \(i) is not whole UTF-8")
        if i < pieces.count - 1 { #expect(piece.count >= Self.pieceSize, "\(format) piece \(i) is short") }
        if [.table, .csv, .markdown].contains(format) { #expect(piece.last == UInt8(ascii: "\n")) }
      }
      #expect(String(decoding: pieces.joined(), as: UTF8.self) == format.render(report))
    }
  }

  @Test("the JSON written piece by piece parses back whole, with every layer")
  func jsonPiecesParse() throws {
    let bytes = Self.pieces(.json, try Self.bigReport()).joined()
    let j = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    #expect((j["layers"] as? [Any])?.count == 600)
  }

  @Test("pieces shown one by one for a terminal read as the whole report shown at once")
  func piecesShownAsWhole() throws {
    let report = try Self.bigReport()
    for format in ReportFormat.allCases {
      var shown: [UInt8] = []
      for piece in Self.pieces(format, report) {
        piece.withUnsafeBufferPointer { PrintableText.show($0) { shown.append(contentsOf: $0) } }
      }
      let whole = format.render(report)
      #expect(String(decoding: shown, as: UTF8.self) == PrintableText.text(whole), "\(format)")
    }
    // CSV writes names as they are: this is a case where showing escapes.
    let csv = ReportFormat.csv.render(report)
    #expect(PrintableText.text(csv) != csv)
  }
}
