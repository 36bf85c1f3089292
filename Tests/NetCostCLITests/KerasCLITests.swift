// netcost — Apache-2.0
//
// Keras models end to end: each form read with no flag (a Keras model.json
// is not taken for a netcost spec), compare and check take them, open input
// sizes come from --dim, and bad files exit 2 with one line.

import Foundation
import NetCostTestSupport
import Testing

@Suite("Keras models, end to end")
struct KerasCLITests {
  /// Keras's own figures for a fixture model.
  func expected(_ name: String) throws -> [String: Any] {
    try #require(try loadJSON(fixture("keras/\(name).expected.json")) as? [String: Any])
  }

  func totals(_ stdout: String) throws -> [String: Any] {
    let j = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    return try #require(j["totals"] as? [String: Any])
  }

  @Test(
    "ResNet50 as .keras, .h5 and model.json analyzes with no flag to Keras's counts",
    arguments: ["keras", "h5", "json"])
  func analyzeWithNoFlag(_ form: String) throws {
    let r = try run(["analyze", "Tests/Fixtures/keras/ResNet50.\(form)", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let t = try totals(r.stdout)
    let e = try expected("ResNet50")
    #expect(t["params"] as? Int == e["trainable_params"] as? Int)
    #expect(t["buffers"] as? Int == e["non_trainable_params"] as? Int)
    #expect(t["macs"] as? Int == e["flop_counter_macs"] as? Int)
  }

  @Test("--input-format keras names the importer; compare and check take Keras files")
  func compareAndCheck() throws {
    let a = try run(["analyze", "Tests/Fixtures/keras/VGG16.json", "--input-format", "keras"])
    #expect(a.status == 0, "\(a.stderr)")
    let c = try run(["compare", "Tests/Fixtures/keras/MobileNetV2.keras", "Tests/Fixtures/keras/MobileNetV3Small.h5"])
    #expect(c.status == 0, "\(c.stderr)")
    #expect(c.stdout.contains("MobileNetV2") && c.stdout.contains("MobileNetV3Small"))
    #expect(try run(["check", "Tests/Fixtures/keras/EfficientNetB0.keras", "--max-params", "1T"]).status == 0)
    #expect(try run(["check", "Tests/Fixtures/keras/EfficientNetB0.keras", "--max-params", "1M"]).status == 1)
  }

  @Test("an input left open (None) needs --dim; with it, the MACs equal torch's count at that size")
  func openInput() throws {
    let path = "Tests/Fixtures/keras/OpenInputCNN.json"
    let bare = try run(["analyze", path])
    #expect(bare.status == 2)
    #expect(bare.stderr.contains("leaves height and width open; give them with --dim height=N --dim width=N"))
    let e = try expected("OpenInputCNN")
    #expect(
      bare.stderr.contains(
        "(its parameters do not depend on them: \(e["trainable_params"] as? Int ?? -1) trainable, \(e["non_trainable_params"] as? Int ?? -1) non-trainable)"
      ), "\(bare.stderr)")
    #expect(bare.stderr.split(separator: "\n").count == 1)
    let size = try #require((e["flop_counter_input"] as? [[Int]])?.first)
    let r = try run(["analyze", path, "--dim", "height=\(size[1])", "--dim", "width=\(size[2])", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try totals(r.stdout)["macs"] as? Int == e["flop_counter_macs"] as? Int)
  }

  @Test("profile times a Keras model's 2-D convolutions and its Dense layer (they are netcost's conv and linear ops)")
  func profileTakesKerasConvolutions() throws {
    let r = try run(["profile", "Tests/Fixtures/keras/SequentialCNN.json", "--format", "json"] + quick)
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let names = try #require(j["layers"] as? [[String: Any]]).compactMap { $0["name"] as? String }
    #expect(names == ["c1", "dw", "sep/depthwise", "sep", "dilated", "logits"])
  }

  @Test(
    "bad Keras files: one line naming the file, place and layer, exit 2",
    arguments: [
      (
        "unknown_layer.json", ":4:",
        "layer 'conv': Keras layer class 'Conv2d' is not one netcost reads (module keras.layers) (did you mean 'Conv2D'?)"
      ),
      ("dangling_inbound.json", ":7:", "layer 'relu1': reads 'conv_1', which is not a layer of the model"),
      ("truncated.json", ":9:63:", "malformed JSON: unexpected end of file"),
      ("channels_first.json", ":4:", "layer 'conv': data_format \"channels_first\" is not supported"),
      ("bad_kernel.json", ":4:", "layer 'conv': 'kernel_size' should be 2 integers of at least 1"),
      ("no_config.keras", ": error:", "not a Keras archive: the zip has no config.json entry"),
      ("truncated.keras", ": error:", "not a Keras archive: not a readable zip file"),
      ("weights_only.h5", ": error:", "without a 'model_config' attribute"),
    ])
  func badFiles(_ name: String, _ place: String, _ expected: String) throws {
    let path = "Tests/Fixtures/keras/bad/\(name)"
    let r = try run(["analyze", path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(path + place), "\(r.stderr)")
    #expect(r.stderr.contains(expected), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }
}
