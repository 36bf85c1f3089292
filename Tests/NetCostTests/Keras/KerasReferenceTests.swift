// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// keras.applications models and small models of the rarer layers, in every
/// form Keras writes (model.to_json(), .keras, legacy .h5, and the Keras 2
/// JSON form), against Keras's own figures: count_params() split into
/// trainable and non-trainable weights, every layer's output shape and
/// parameters, and torch's flop counter on the model's forward pass
/// (Scripts/make-keras-fixtures.py; PROVENANCE.md).
@Suite struct KerasReferenceTests {
  /// Each model with the forms written for it.
  static let cases: [(String, String)] = {
    let models = [
      "VGG16", "ResNet50", "MobileNetV2", "MobileNetV3Small", "EfficientNetB0", "DenseNet121", "InceptionV3",
      "Xception", "ConvNeXtTiny", "SequenceModel", "SequentialCNN", "NestedMobileNetV2",
    ]
    var out: [(String, String)] = []
    for m in models {
      for form in ["json", "keras", "h5", "keras2.json"]
      where FileManager.default.fileExists(atPath: fixture("keras/\(m).\(form)").path) {
        out.append((m, form))
      }
    }
    return out
  }()

  /// The project's shared references, copied into keras/shared.
  static let shared = ["VGG16", "ResNet50", "MobileNetV2"].map { ("shared/\($0)", "json") }

  /// The reference figures of one model.
  struct Expected {
    /// One entry of `model.layers`.
    struct Layer {
      var name: String
      var className: String
      var outputShape: [Int?]
      var params: Int
    }

    var trainable: Int
    var nonTrainable: Int
    var macs: Int?
    var layers: [Layer]

    init(_ name: String) throws {
      let j = try #require(try loadJSON(fixture("keras/\(name).expected.json")) as? [String: Any])
      trainable = try #require(j["trainable_params"] as? Int)
      nonTrainable = try #require(j["non_trainable_params"] as? Int)
      macs = j["flop_counter_macs"] as? Int
      let list = try #require(j["layers"] as? [[String: Any]])
      layers = try list.map { l in
        Layer(
          name: try #require(l["name"] as? String), className: try #require(l["class"] as? String),
          outputShape: try #require(l["output_shape"] as? [Any]).map { $0 as? Int },
          params: try #require(l["params"] as? Int))
      }
    }
  }

  func analyze(_ name: String, _ form: String) throws -> Report {
    let path = fixture("keras/\(name).\(form)").path
    let graph = try ImporterRegistry.shared.load(file: path)
    return try Analyzer.analyze(graph, file: path)
  }

  @Test("trainable and non-trainable totals equal Keras's", arguments: cases + shared)
  func totals(_ name: String, _ form: String) throws {
    let expected = try Expected(name)
    let report = try analyze(name, form)
    #expect(report.totals.params == expected.trainable, "\(name).\(form): trainable")
    #expect(report.totals.buffers == expected.nonTrainable, "\(name).\(form): non-trainable")
  }

  /// torch's flop counter sees every convolution and matrix product of the
  /// forward pass; the recurrent layers of SequenceModel are the exception
  /// (Keras's torch loop multiplies a little more than the cell's
  /// g·H·(I + H) per step), so that model's MACs are worked by hand in
  /// ``KerasLayerRuleTests``.
  @Test("MACs equal torch's flop counter on Keras's forward pass", arguments: cases.filter { $0.0 != "SequenceModel" })
  func macs(_ name: String, _ form: String) throws {
    let expected = try Expected(name)
    let report = try analyze(name, form)
    #expect(report.totals.macs == (try #require(expected.macs)), "\(name).\(form): MACs")
  }

  /// The Keras layer named `name` is the netcost layer of that name and its
  /// `name/part` helpers; the last of them gives Keras's output. A nested
  /// model's layers are `model.layer`.
  static func rows(_ report: Report, _ name: String, nested: Bool) -> [LayerReport] {
    report.layers.filter {
      $0.name == name || $0.name.hasPrefix(name + "/") || (nested && $0.name.hasPrefix(name + "."))
    }
  }

  /// A Keras shape (N, …, C) as netcost holds it: an image (four or five
  /// axes) channels-first; sequences as Keras has them (a three-axis tensor
  /// after a Conv1D is held channels-first too).
  static func matches(_ ours: Shape, _ keras: [Int?]) -> Bool {
    let k = [1] + keras.dropFirst().map { $0 ?? -1 }
    let moved = k.count >= 3 ? [k[0], k[k.count - 1]] + k[1..<(k.count - 1)] : k
    if k.count >= 4 { return ours.dims == moved }
    return ours.dims == k || ours.dims == moved
  }

  /// The project's shared Keras references (shared/reference/keras, copied
  /// into keras/shared) are checked as the corpus is.
  @Test(
    "every layer's parameters and output shape equal Keras's",
    arguments: cases.filter { $0.1 == "json" } + shared)
  func layers(_ name: String, _ form: String) throws {
    let expected = try Expected(name)
    let report = try analyze(name, form)
    for layer in expected.layers where layer.className != "InputLayer" {
      let nested = ["Functional", "Sequential"].contains(layer.className)
      let rows = Self.rows(report, layer.name, nested: nested)
      guard let last = rows.last else {
        Issue.record("\(name): layer \(layer.name) missing")
        continue
      }
      let params = rows.reduce(0) { $0 + $1.cost.params + $1.cost.buffers }
      #expect(params == layer.params, "\(name): \(layer.name) params")
      #expect(
        Self.matches(last.outputShapes[0], layer.outputShape),
        "\(name): \(layer.name) shape \(last.outputShapes[0]) vs Keras \(layer.outputShape)")
    }
  }
}
