// netcost — Apache-2.0

import Foundation

/// The `netcost` binary built beside the running test bundle.
public let netcost: URL = {
  // The test runner lives in the build products folder; so does netcost.
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = dir.appendingPathComponent("netcost")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  return repoRoot.appendingPathComponent(".build/debug/netcost")
}()

/// What one run of the `netcost` binary did, as a CI script sees it.
public struct Run: Sendable {
  /// The exit status.
  public var status: Int32
  /// Everything written to standard output.
  public var stdout: String
  /// Everything written to standard error.
  public var stderr: String

  /// Creates a record.
  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Runs the built `netcost` with `args` in `cwd` (the repository root by
/// default), feeding `input` on standard input when given.
public func run(
  _ args: [String], cwd: URL = repoRoot, environment: [String: String] = [:], input: Data? = nil
) throws -> Run {
  let p = Process()
  p.executableURL = netcost
  p.arguments = args
  p.currentDirectoryURL = cwd
  if !environment.isEmpty {
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  let stdin = Pipe()
  p.standardInput = input == nil ? FileHandle.nullDevice : stdin
  try p.run()
  if let input {
    // Small inputs only: written whole before the outputs are read.
    stdin.fileHandleForWriting.write(input)
    try? stdin.fileHandleForWriting.close()
  }
  // Read before waiting so a large output cannot fill the pipe and stall.
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return Run(
    status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
