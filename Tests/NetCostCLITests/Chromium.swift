// netcost — Apache-2.0
//
// A small driver for headless Chromium (Debian's `chromium`): one browser
// process per page, either dumping the DOM after the page's scripts ran
// (the report's `#nc-selftest` writes what it saw into it) or saving a
// screenshot.

import Foundation

/// Headless Chromium, found on PATH (or at `NETCOST_CHROMIUM`).
struct Chromium {
  /// The browser executable.
  var executable: URL

  /// What one page load left: the DOM as HTML and the browser's log.
  struct Load {
    /// The serialized DOM after the scripts ran.
    var dom: String
    /// Standard error: the browser's log, console messages included.
    var log: String
  }

  /// Errors running the browser.
  enum Failure: Error, CustomStringConvertible {
    /// It did not exit in time.
    case timedOut(seconds: Int)
    /// It exited with a failure status.
    case failed(status: Int32, log: String)
    /// The page wrote no self-test result.
    case noResult(log: String)

    var description: String {
      switch self {
      case .timedOut(let s): return "chromium did not finish in \(s) s"
      case .failed(let s, let log): return "chromium exited \(s): \(log.suffix(2000))"
      case .noResult(let log): return "the page wrote no #nc-selftest-result; browser log: \(log.suffix(2000))"
      }
    }
  }

  /// The browser on this machine, if there is one.
  static func find() -> Chromium? {
    let env = ProcessInfo.processInfo.environment
    if let p = env["NETCOST_CHROMIUM"], FileManager.default.isExecutableFile(atPath: p) {
      return Chromium(executable: URL(fileURLWithPath: p))
    }
    for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        let p = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return Chromium(executable: URL(fileURLWithPath: p)) }
      }
    }
    return nil
  }

  /// Flags for a quiet, sandbox-free (CI containers run as root), GPU-free run.
  private func flags(profile: URL, width: Int, height: Int) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
      "--enable-logging=stderr", "--v=0", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
    ]
  }

  /// What another thread hands back: standard error's bytes, whether the timer fired.
  private final class Box: @unchecked Sendable {
    let lock = NSLock()
    var data = Data()
    var killed = false
  }

  /// Runs the browser with `args`, killing it after `timeout` seconds.
  private func launch(
    _ args: [String], timeout: Int, width: Int = 1400, height: Int = 1000
  ) throws -> (stdout: String, stderr: String) {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let p = Process()
    p.executableURL = executable
    p.arguments = flags(profile: profile, width: width, height: height) + args
    var env = ProcessInfo.processInfo.environment
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let box = Box()
    let killer = DispatchWorkItem {
      box.lock.lock()
      defer { box.lock.unlock() }
      if p.isRunning {
        box.killed = true
        p.terminate()
      }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeout), execute: killer)
    // Standard error on another thread so neither pipe can fill and stall the browser.
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      let d = err.fileHandleForReading.readDataToEndOfFile()
      box.lock.lock()
      box.data = d
      box.lock.unlock()
      group.leave()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    killer.cancel()
    box.lock.lock()
    let timedOut = box.killed
    let log = String(decoding: box.data, as: UTF8.self)
    box.lock.unlock()
    if timedOut { throw Failure.timedOut(seconds: timeout) }
    guard p.terminationStatus == 0 else { throw Failure.failed(status: p.terminationStatus, log: log) }
    return (String(decoding: o, as: UTF8.self), log)
  }

  /// Loads `page` with `fragment` and returns the DOM once the page went
  /// quiet (virtual time lets its timers run without waiting in real time).
  func load(_ page: URL, fragment: String = "", timeout: Int = 180) throws -> Load {
    let url = page.absoluteString + (fragment.isEmpty ? "" : "#" + fragment)
    let r = try launch(["--virtual-time-budget=60000", "--dump-dom", url], timeout: timeout)
    return Load(dom: r.stdout, log: r.stderr)
  }

  /// Runs the page's self-test and returns what it wrote, decoded, with the browser log.
  func selfTest(_ page: URL, _ parameters: String = "") throws -> (result: [String: Any], log: String) {
    let load = try load(page, fragment: "nc-selftest" + (parameters.isEmpty ? "" : "=" + parameters))
    let marker = "<pre id=\"nc-selftest-result\">"
    guard let start = load.dom.range(of: marker), let end = load.dom[start.upperBound...].range(of: "</pre>"),
      let data = Data(base64Encoded: String(load.dom[start.upperBound..<end.lowerBound])),
      let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { throw Failure.noResult(log: load.log) }
    return (json, load.log)
  }

  /// Saves a PNG of `page` as a `width`×`height` window shows it.
  func screenshot(_ page: URL, to file: URL, width: Int = 1400, height: Int = 1800, timeout: Int = 180) throws {
    _ = try launch(
      ["--virtual-time-budget=20000", "--screenshot=\(file.path)", page.absoluteString], timeout: timeout,
      width: width, height: height)
  }
}
