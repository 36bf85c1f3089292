// netcost — Apache-2.0
//
// The property every input obeys, over every file of Tests/Fixtures/hostile:
// exit 0 with a report, or exit 2 with exactly one printable line on stderr
// and nothing on stdout. Each file's expected status and message words come
// from that folder's cases.tsv.

import Foundation
import NetCostTestSupport
import Testing

@Suite("Hostile input: every file of Tests/Fixtures/hostile")
struct HostileFilesCLITests {
  /// One row of cases.tsv.
  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var status: Int32
    var message: String
    var testDescription: String { file }
  }

  static let folder = fixture("hostile")

  /// The rows of cases.tsv, without comments.
  static func cases() throws -> [Case] {
    let text = try String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let f = line.split(separator: "\t", maxSplits: 2).map(String.init)
      return Case(file: f[0], status: Int32(f[1]) ?? -1, message: f.count > 2 ? f[2] : "")
    }
  }

  /// The model files of the folder.
  static func files() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !["tsv", "md"].contains(($0 as NSString).pathExtension) }.sorted()
  }

  /// Printable: no control bytes (C0, DEL, C1) in the line.
  static func isPrintable(_ s: Substring) -> Bool {
    s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
  }

  @Test("every file of the folder has its row in cases.tsv, and every row its file")
  func everyFileListed() throws {
    #expect(Set(try Self.files()) == Set(try Self.cases().map(\.file)))
  }

  @Test("exit 0 with a report, or exit 2 with one printable line and nothing on stdout", arguments: try cases())
  func property(_ c: Case) throws {
    let r = try run(["analyze", "Tests/Fixtures/hostile/\(c.file)"])
    #expect(r.status == 0 || r.status == 2, "\(r.status): \(r.stderr)")
    if r.status == 2 {
      #expect(r.stdout.isEmpty)
      let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == 2 && lines[1].isEmpty, "not one line: \(r.stderr)")
      #expect(lines.allSatisfy(Self.isPrintable), "\(r.stderr)")
    } else {
      #expect(!r.stdout.isEmpty)
    }
    #expect(r.status == c.status, "\(r.stderr)")
    #expect(c.message.isEmpty || r.stderr.contains(c.message), "\(r.stderr)")
  }

  @Test("the same property holds with every output format and for rf and check", arguments: try cases())
  func otherCommands(_ c: Case) throws {
    let path = "Tests/Fixtures/hostile/\(c.file)"
    for args in [["analyze", path, "--format", "json"], ["rf", path], ["check", path, "--max-params", "1T"]] {
      let r = try run(args)
      #expect([0, 1, 2].contains(r.status), "\(args): \(r.status)")
      if r.status == 2 {
        #expect(r.stdout.isEmpty, "\(args)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").allSatisfy(Self.isPrintable), "\(args): \(r.stderr)")
      }
    }
  }
}
