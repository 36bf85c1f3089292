// netcost — Apache-2.0
//
// Hostile command lines: negative numbers, unwritable report files, control
// bytes in paths and arguments, a bench-conv problem too large to allocate.

import Foundation
import NetCostTestSupport
import Testing

@Suite("Hostile input: command lines")
struct HostileOptionsCLITests {
  /// Every byte of `s` is printable ASCII, a space, or a non-control character.
  static func isPrintable(_ s: Substring) -> Bool {
    s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
  }

  @Test("--batch -1 and --max-params -5M are misused options (exit 64) named as such, not a missing value")
  func negativeNumbers() throws {
    let batch = try run(["analyze", "Models/lenet5.json", "--batch", "-1"])
    #expect(batch.status == 64)
    #expect(batch.stderr.contains("--batch must be at least 1, found -1"), "\(batch.stderr)")
    #expect(!batch.stderr.contains("Missing value"))
    let limit = try run(["check", "Models/lenet5.json", "--max-params", "-5M"])
    #expect(limit.status == 64)
    #expect(limit.stderr.contains("--max-params must be a limit of 0 or more"), "\(limit.stderr)")
    #expect(!limit.stderr.contains("Missing value"))
  }

  @Test("check --junit /dev/full reports the write error and exits 2")
  func junitToFullDisk() throws {
    let r = try run(["check", "Models/lenet5.json", "--max-params", "1G", "--junit", "/dev/full"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("cannot write the JUnit report to '/dev/full'"), "\(r.stderr)")
  }

  @Test("a control byte in an unknown option is shown escaped in the usage error")
  func escapedArgument() throws {
    let r = try run(["analyze", "Models/lenet5.json", "--fo\u{1B}[31mrmat", "json"])
    #expect(r.status == 64)
    #expect(!r.stderr.contains("\u{1B}"))
    #expect(r.stderr.contains("--fo\\x1b[31mrmat"), "\(r.stderr)")
  }

  @Test("a path holding a line break and an escape is one printable line in the message")
  func pathWithLineBreak() throws {
    let dir = try temporaryFolder("hostile-path")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bad\nnetcost: FAKE\u{1B}[2J.json").path
    try Data("{\"inputs\": [".utf8).write(to: URL(fileURLWithPath: path))
    let r = try run(["analyze", path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(lines.allSatisfy(Self.isPrintable), "\(r.stderr)")
    #expect(r.stderr.contains("bad\\nnetcost: FAKE\\x1b[2J.json"), "\(r.stderr)")
  }

  @Test("a layer name holding an escape and a line break is shown escaped in the table, CSV and Markdown")
  func escapedNamesInReports() throws {
    let dir = try temporaryFolder("hostile-names")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("names.json").path
    let spec = #"{"inputs": [{"name": "x", "shape": [4]}], "layers": [{"name": "r\u001b[31mX\nY", "type": "relu"}]}"#
    try Data(spec.utf8).write(to: URL(fileURLWithPath: path))
    for format in ["table", "csv", "markdown", "json", "html"] {
      let r = try run(["analyze", path, "--format", format])
      #expect(r.status == 0, "\(format): \(r.stderr)")
      #expect(!r.stdout.contains("\u{1B}"), "\(format)")
    }
    let table = try run(["analyze", path]).stdout
    #expect(table.contains("r\\x1b[31mX\\nY"), "\(table)")
  }

  @Test("bench-conv refuses a problem whose tensors pass each size cap but total over 2 GiB")
  func benchConvTotalBytes() throws {
    // Input 1024·1024·2048 floats = 2^31 · 4 bytes = 8 GiB: each size is under its 2^20 cap.
    let r = try run(["bench-conv", "--in", "1024x1024x2048", "--out", "64", "--kernel", "3"])
    // The sizes are options, so this is a usage error (64), as every misused option is.
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("GiB of fp32 tensors"), "\(r.stderr)")
    #expect(r.stderr.contains("the most it runs is 2 GiB"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }
}
