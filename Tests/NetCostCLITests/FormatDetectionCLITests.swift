// netcost — Apache-2.0
//
// Files of formats netcost does not read get one message that says what
// they look like, never a protobuf error; every model-reading command
// takes the shared import options.

import Foundation
import NetCostTestSupport
import Testing

@Suite("format detection and the shared import options, end to end")
struct FormatDetectionCLITests {
  /// Writes `bytes` to a file named `name` in a fresh folder and runs `args` + [path].
  func runOn(_ name: String, _ bytes: [UInt8], _ args: [String] = ["analyze"]) throws -> Run {
    let dir = try temporaryFolder("netcost-detect")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return try run(args + [file.path])
  }

  @Test("a file no importer claims exits 2 with one line naming what it looks like, not ONNX")
  func unclaimedFiles() throws {
    let hdf5: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
    let cases: [(String, [UInt8], String)] = [
      ("unknown.txt", Array("hello, this is not a model\n".utf8), "not a format netcost reads"),
      ("model.h5", hdf5, "HDF5"),
      ("lite.tflite", [0x1C, 0, 0, 0] + Array("TFL3".utf8) + [0, 0, 0, 0], "TensorFlow Lite"),
    ]
    var cases2 = cases
    // Only while no importer reads these formats: then they are read instead.
    let registered = try run(["analyze", "--help"]).stdout
    if !registered.contains("darknet") {
      cases2.append(("yolov3.cfg", Array("[net]\nwidth=416\nheight=416\nchannels=3\n".utf8), "Darknet"))
    }
    if !registered.contains("caffe") {
      cases2.append(
        ("deploy.prototxt", Array("name: \"n\"\nlayer {\n  name: \"c\"\n  type: \"Convolution\"\n}\n".utf8), "Caffe"))
    }
    for (name, bytes, expected) in cases2 {
      let r = try runOn(name, bytes)
      #expect(r.status == 2, "\(name)")
      #expect(r.stdout.isEmpty, "\(name)")
      #expect(r.stderr.contains(expected), "\(name): \(r.stderr)")
      #expect(!r.stderr.contains("ONNX model:") && !r.stderr.contains("protobuf"), "\(name): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(name): \(r.stderr)")
    }
  }

  @Test("an unknown --input-format is a usage error listing the formats")
  func unknownFormatName() throws {
    let r = try run(["analyze", "Models/lenet5.json", "--input-format", "tensorflow"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("native") && r.stderr.contains("onnx"))
  }

  @Test("check, compare, diff, baseline, rf and profile take --dim and --input-format")
  func sharedImportOptions() throws {
    for command in ["analyze", "check", "compare", "diff", "baseline", "rf", "profile"] {
      let help = try run([command, "--help"]).stdout
      for option in ["--input-format", "--dim", "--batch", "--allow-unknown"] {
        #expect(help.contains(option), "\(command) --help lacks \(option)")
      }
    }
  }

  @Test("check gates an ONNX model with a symbolic sequence length given by --dim")
  func checkWithSymbolicDimension() throws {
    // tokens (1 × sequence × 16) → MatMul with a stored 16×32 weight → Relu.
    let model = ONNX.model(
      nodes: [
        ONNX.node("MatMul", ["tokens", "W"], ["h"], name: "proj"),
        ONNX.node("Relu", ["h"], ["y"], name: "act"),
      ],
      initializers: [ONNX.tensor("W", [16, 32])],
      inputs: [ONNX.value("tokens", [.value(1), .param("sequence"), .value(16)])])
    let dir = try temporaryFolder("netcost-dim")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("seq.onnx")
    try Data(model).write(to: file)
    let missing = try run(["check", file.path, "--max-macs", "20G"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--dim sequence=N"))
    // 128 tokens × 16 × 32 = 65,536 MACs: within 20G, over 60K.
    let within = try run(["check", file.path, "--dim", "sequence=128", "--max-macs", "20G"])
    #expect(within.status == 0, "\(within.stderr)")
    let over = try run(["check", file.path, "--dim", "sequence=128", "--max-macs", "60K"])
    #expect(over.status == 1, "\(over.stdout)")
    let limitMet = 128 * 16 * 32 <= 65_536
    #expect(limitMet)
    let exact = try run(["check", file.path, "--dim", "sequence=128", "--max-macs", "65536"])
    #expect(exact.status == 0, "a value exactly at its limit passes")
  }
}
