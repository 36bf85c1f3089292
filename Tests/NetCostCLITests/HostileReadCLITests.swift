// netcost — Apache-2.0
//
// Files that are not regular files, files over their format's limit, and
// standard input: every read is bounded and every refusal is one line, exit 2.

import Foundation
import NetCostTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Hostile input: bounded reads of files, FIFOs, devices and standard input")
struct HostileReadCLITests {
  /// Exit 2, nothing on stdout, one line on stderr containing `expected`.
  func expectRefused(_ r: Run, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 2, "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains(expected), "\(r.stderr)", sourceLocation: sourceLocation)
  }

  @Test("a FIFO as the model or as --budget is refused at once instead of blocking")
  func fifo() throws {
    let dir = try temporaryFolder("hostile-fifo")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(path, 0o600) == 0)
    expectRefused(try run(["analyze", path]), "is a named pipe (FIFO)")
    expectRefused(try run(["analyze", path, "--input-format", "onnx"]), "is a named pipe (FIFO)")
    expectRefused(try run(["check", "Models/lenet5.json", "--budget", path]), "is a named pipe (FIFO)")
  }

  @Test("a character device as the model, with or without --input-format, or as --budget is refused unread")
  func device() throws {
    expectRefused(try run(["analyze", "/dev/zero", "--input-format", "native"]), "is a character device")
    expectRefused(try run(["analyze", "/dev/zero"]), "is a character device")
    expectRefused(try run(["check", "Models/lenet5.json", "--budget", "/dev/zero"]), "is a character device")
    for format in ["onnx", "caffe", "darknet", "hf-config"] {
      expectRefused(try run(["analyze", "/dev/zero", "--input-format", format]), "is a character device")
    }
  }

  @Test("a sparse file over the limit of its format is refused from its size, for each format")
  func overLimit() throws {
    let dir = try temporaryFolder("hostile-big")
    defer { try? FileManager.default.removeItem(at: dir) }
    // (extension, format, size just over that format's documented limit, words of the message)
    let cases: [(String, String, Int, String)] = [
      ("json", "native", (256 << 20) + 1, "larger than 256 MiB"),
      ("onnx", "onnx", (2 << 30) + 1, "larger than 2 GiB"),
      ("prototxt", "caffe", (64 << 20) + 1, "larger than 64 MiB"),
      ("cfg", "darknet", (8 << 20) + 1, "larger than 8 MiB"),
      ("json", "hf-config", (16 << 20) + 1, "larger than 16 MiB"),
    ]
    for (ext, format, size, words) in cases {
      let path = dir.appendingPathComponent("big-\(format).\(ext)").path
      #expect(FileManager.default.createFile(atPath: path, contents: nil))
      #expect(truncate(path, off_t(size)) == 0)
      expectRefused(try run(["analyze", path, "--input-format", format]), words)
    }
    let budget = dir.appendingPathComponent("budget.json").path
    #expect(FileManager.default.createFile(atPath: budget, contents: nil))
    #expect(truncate(budget, off_t((16 << 20) + 1)) == 0)
    expectRefused(try run(["check", "Models/lenet5.json", "--budget", budget]), "larger than 16 MiB")
  }

  @Test("a spec piped to '-' or to /dev/stdin is read; an empty standard input is 'file is empty'")
  func standardInput() throws {
    let spec = try Data(contentsOf: root.appendingPathComponent("Models/lenet5.json"))
    let fromFile = try run(["analyze", "Models/lenet5.json", "--format", "json"])
    #expect(fromFile.status == 0)
    for path in ["-", "/dev/stdin"] {
      let r = try run(["analyze", path, "--format", "json"], input: spec)
      #expect(r.status == 0, "\(path): \(r.stderr)")
      // The same report, but for the file name it records (and locations).
      #expect(
        r.stdout.replacingOccurrences(of: "\"\(path)", with: "\"Models/lenet5.json") == fromFile.stdout)
    }
    expectRefused(try run(["analyze", "-"], input: Data()), "file is empty")
  }

  @Test("standard input over its 256 MiB limit stops being read one byte past it")
  func standardInputLimit() throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "exec \"$0\" analyze - < /dev/zero", netcost.path]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    expectRefused(Run(status: p.terminationStatus, stdout: "", stderr: e), "larger than 256 MiB")
  }
}
