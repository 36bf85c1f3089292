// netcost — Apache-2.0
//
// What a new user hits in the first hour (issue 16): exit statuses that
// mean the same thing in every command, and messages that point the right way.

import Foundation
import NetCostTestSupport
import Testing

@Suite("netcost CLI: first-hour rough edges")
struct UsabilityCLITests {
  func tmp(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netcost-ux-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name)
  }

  /// A copy of a zoo model under another `name` (same layers, same figures).
  func renamed(_ model: String, to name: String) throws -> URL {
    let text = try String(contentsOf: repoRoot.appendingPathComponent("Models/\(model).json"), encoding: .utf8)
    let range = try #require(text.range(of: "\"name\": \"\(model)\""))
    let f = try tmp("\(name).json")
    try text.replacingCharacters(in: range, with: "\"name\": \"\(name)\"").write(
      to: f, atomically: true, encoding: .utf8)
    return f
  }

  @Test("check --baseline of another model: a warning first, the check itself unchanged; --strict fails on it")
  func baselineOfAnotherModel() throws {
    let lock = try tmp("resnet18.lock.json")
    try run(["baseline", "Models/resnet18.json"]).stdout.write(to: lock, atomically: true, encoding: .utf8)
    // The same layers under another name: every figure equals the baseline's.
    let copy = try renamed("resnet18", to: "resnet18_copy")
    let warned = try run(["check", copy.path, "--baseline", lock.path])
    #expect(warned.status == 0, "\(warned.stdout)")
    let lines = warned.stdout.split(separator: "\n")
    #expect(
      lines.first?.hasPrefix(
        "warn  the baseline was recorded for model 'resnet18', but this check is of model 'resnet18_copy'") == true,
      "\(warned.stdout)")
    #expect(lines.last == "PASS: resnet18_copy — 8 of 8 limits met")
    let strict = try run(["check", copy.path, "--baseline", lock.path, "--strict"])
    #expect(strict.status == 1)
    #expect(strict.stdout.hasPrefix("FAIL  the baseline was recorded for model 'resnet18'"))
    // Failing only on a warning says so, rather than "8 of 8 limits met" alone.
    #expect(strict.stdout.hasSuffix("FAIL: resnet18_copy — 8 of 8 limits met, 1 warning (--strict)\n"))
  }

  @Test("check --baseline at another batch says so before the FAIL lines")
  func baselineAtAnotherBatch() throws {
    let lock = try tmp("resnet18-b1.lock.json")
    try run(["baseline", "Models/resnet18.json"]).stdout.write(to: lock, atomically: true, encoding: .utf8)
    let r = try run(["check", "Models/resnet18.json", "--baseline", lock.path, "--batch", "4", "--format", "json"])
    #expect(r.status == 1)
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let mismatch = try #require(j["baseline_mismatch"] as? String)
    #expect(mismatch.hasPrefix("the baseline was recorded for batch 1, but this check is of batch 4"))
    let text = try run(["check", "Models/resnet18.json", "--baseline", lock.path, "--batch", "4"])
    #expect(text.stdout.hasPrefix("warn  the baseline was recorded for batch 1"))
  }

  @Test("misused options exit 64 in every command")
  func misusedOptionsExit64() throws {
    let cases: [[String]] = [
      ["compare", "Models/resnet18.json", "--columns", "nonsense"],
      ["compare", "Models/resnet18.json", "--sort", "nonsense"],
      ["analyze", "Models/resnet18.json", "--format", "xml"],
      ["analyze", "Models/resnet18.json", "--hardware", "h1000"],
      ["check", "Models/resnet18.json", "--max-params", "lots"],
      ["check", "Models/resnet18.json", "--max-params", "30M", "--tolerance", "0.02"],
      ["rf", "Models/resnet18.json", "--at", "x"],
      ["rf", "Models/resnet18.json", "--layer", "fc"],
      [
        "bench-conv", "--in", "3x8", "--out", "4", "--kernel", "3", "--min-time", "0", "--peak", "1", "--bandwidth",
        "1",
      ],
      ["diff", "Models/resnet18.json"],
      ["anlyze", "Models/resnet18.json"],
    ]
    for args in cases {
      let r = try run(args)
      #expect(r.status == 64, "\(args): exit \(r.status) \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(args)")
    }
  }

  @Test("top-level --help names every exit status, 64 included")
  func helpListsExitStatuses() throws {
    let r = try run(["--help"])
    #expect(r.status == 0)
    let help = r.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
    for part in ["0 success", "1 a check failed", "2 bad input", "64 a misused command or option"] {
      #expect(help.contains(part), "\(part)")
    }
  }

  @Test("--tolerance 0.02 is refused as ambiguous; 2% and 2 both mean two percent")
  func toleranceIsAPercentage() throws {
    let lock = try tmp("tol.lock.json")
    try run(["baseline", "Models/resnet18.json"]).stdout.write(to: lock, atomically: true, encoding: .utf8)
    let r = try run(["check", "Models/resnet18.json", "--baseline", lock.path, "--tolerance", "0.02"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("write 2% for the fraction 0.02, or 0.02%"), "\(r.stderr)")
    for t in ["2%", "2"] {
      let ok = try run(["check", "Models/resnet18.json", "--baseline", lock.path, "--tolerance", t])
      #expect(ok.status == 0)
      #expect(ok.stdout.contains("+ 2.00% ="), "\(t): \(ok.stdout)")
    }
  }

  @Test("rf: errors show rf's usage; --layer needs --at; a misspelt layer gets a suggestion")
  func rfMisuse() throws {
    let noAt = try run(["rf", "Models/resnet18.json", "--layer", "fc"])
    #expect(noAt.status == 64)
    #expect(noAt.stderr.contains("--layer picks the layer whose output position --at names"))
    #expect(noAt.stderr.contains("Usage: netcost rf "), "\(noAt.stderr)")
    let typo = try run(["rf", "Models/resnet18.json", "--at", "0,0", "--layer", "layer4.1.conv"])
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("no layer named 'layer4.1.conv' (did you mean 'layer4.1.conv1'?)"), "\(typo.stderr)")
    #expect(typo.stderr.contains("Usage: netcost rf "), "\(typo.stderr)")
    // layer4.1.conv2's output is 512×7×7: column 7 does not exist, and the message says W.
    let outside = try run(["rf", "Models/resnet18.json", "--at", "0,7", "--layer", "layer4.1.conv2"])
    #expect(outside.status == 64)
    #expect(outside.stderr.contains("W has 7 positions, 0…6"), "\(outside.stderr)")
  }

  @Test("a misspelt command gets a did-you-mean")
  func misspeltCommand() throws {
    let r = try run(["anlyze", "Models/resnet18.json"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("did you mean 'analyze'?"), "\(r.stderr)")
  }

  @Test(
    "one receptive-field figure: analyze's summary and compare's column give the last spatial size, then what follows")
  func oneReceptiveFieldFigure() throws {
    // VGG-16's trunk sees 212×212 pixels per position (gradient probe in
    // PyTorch, Tests/Fixtures/rf/receptive_field.json); the classifier after it is global.
    let probe = try #require(loadJSON(fixture("rf/receptive_field.json")) as? [String: Any])
    let size = try #require((probe["vgg16.features"] as? [String: Any])?["size"] as? [Int]).first!
    let analyze = try run(["analyze", "Models/vgg16.json"])
    let line = try #require(analyze.stdout.split(separator: "\n").first { $0.hasPrefix("Receptive field:") })
    #expect(line.contains(" \(size) at avgpool, then global at classifier.6"), "\(line)")
    let compare = try run(["compare", "Models/vgg16.json", "--columns", "model,rf", "--format", "csv"])
    #expect(compare.stdout == "model,rf\nvgg16,\"\(size), then global\"\n", "\(compare.stdout)")
  }

  @Test("make release strips the binary (no debug info or symbol table in what make run ships)")
  func releaseIsStripped() throws {
    let makefile = try String(contentsOf: repoRoot.appendingPathComponent("Makefile"), encoding: .utf8)
    let recipe = try #require(
      makefile.components(separatedBy: "\nrelease:").dropFirst().first?.components(separatedBy: "\n\n").first)
    #expect(recipe.contains("-Xlinker -s") || recipe.contains("strip "), "\(recipe)")
  }

  @Test("ops conv prints conv's fields with their meanings and defaults; a block or a typo is pointed elsewhere")
  func opsFields() throws {
    let r = try run(["ops", "conv"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("conv (also conv1d, conv2d, conv3d)\nFLOPs: "))
    #expect(r.stdout.contains("  kernel (or PyTorch's kernel_size) — required\n"))
    #expect(r.stdout.contains("  stride — default 1\n"))
    #expect(r.stdout.contains("  out (or PyTorch's out_channels, out_features) — required\n      output channels"))
    let block = try run(["ops", "multi_head_attention"])
    #expect(block.status == 64)
    #expect(block.stderr.contains("is a built-in block, not an op"), "\(block.stderr)")
    let typo = try run(["ops", "convv"])
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("did you mean 'conv'?"), "\(typo.stderr)")
  }

  @Test("a spec with several independent mistakes: every one on stderr's one line, exit 2")
  func severalErrors() throws {
    let f = try tmp("four-typos.json")
    try """
    {"inputs": [{"name": "x", "shape": [3, 32, 32]}],
     "layers": [
      {"name": "c1", "type": "conv", "out": 8, "kernal": 3},
      {"name": "r", "type": "rleu"},
      {"name": "p", "type": "max_pool", "kernel": 2, "strid": 2},
      {"name": "att", "type": "multi_head_attention"}
     ]}
    """.write(to: f, atomically: true, encoding: .utf8)
    let r = try run(["analyze", f.path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("netcost: \(f.path):"), "\(r.stderr)")
    let errors = r.stderr.components(separatedBy: " — also: ")
    #expect(errors.count == 4, "\(r.stderr)")
    #expect(
      errors.dropFirst().allSatisfy { $0.hasPrefix("\(f.path):") && $0.contains(": error: layer '") }, "\(r.stderr)")
  }
}
