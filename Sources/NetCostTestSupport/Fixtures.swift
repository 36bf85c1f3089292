// netcost — Apache-2.0

import Foundation

/// The repository root, found from this file's path, so tests run from any
/// working directory.
public let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The repository root (the name the end-to-end tests use).
public var root: URL { repoRoot }

/// A fixture file under Tests/Fixtures.
public func fixture(_ path: String) -> URL {
  repoRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(path)
}

/// Parses a JSON fixture with Foundation (not with the code under test).
public func loadJSON(_ url: URL) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(contentsOf: url))
}

/// A torchvision reference file (Tests/Fixtures/torchvision/<model>.json).
public func reference(_ model: String) throws -> [String: Any] {
  try loadJSON(fixture("torchvision/\(model).json")) as! [String: Any]
}

/// A fresh temporary folder, removed by the caller.
public func temporaryFolder(_ prefix: String) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}
