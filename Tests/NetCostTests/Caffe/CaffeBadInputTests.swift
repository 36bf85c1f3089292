// netcost — Apache-2.0

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// Bad prototxts: one message with the file, line and column, and the layer.
@Suite struct CaffeBadInputTests {
  /// The message loading `text` fails with.
  func message(_ text: String, file: String = "t.prototxt") -> String? {
    do {
      _ = try CaffeImport.load(bytes: Array(text.utf8), file: file)
      return nil
    } catch {
      return error.description
    }
  }

  func fixtureMessage(_ name: String) -> String? {
    let path = fixture("caffe/bad/\(name).prototxt").path
    do {
      _ = try CaffeImport.load(file: path)
      return nil
    } catch {
      return error.description.replacingOccurrences(of: path, with: "\(name).prototxt")
    }
  }

  @Test func unknownLayerTypeIsNamedAtItsLine() {
    #expect(
      fixtureMessage("unknown_type")
        == "unknown_type.prototxt:13:3: error: layer 'act1': unknown layer type 'Relu' (did you mean 'ReLU'?)")
  }

  @Test func bottomThatPointsNowhere() {
    let m = fixtureMessage("dangling_bottom")
    #expect(m?.hasPrefix("dangling_bottom.prototxt:18:3: error: layer 'pool1': input 'conv_1'") == true, "\(m ?? "")")
    #expect(m?.contains("did you mean 'conv1'?") == true)
  }

  @Test func truncatedFile() {
    let m = fixtureMessage("truncated")
    #expect(
      m?.hasPrefix(
        "truncated.prototxt:15:1: error: the file ends inside 'convolution_param' (opened at line 12, column 3)")
        == true, "\(m ?? "")")
    #expect(m?.contains("truncated") == true)
  }

  @Test func unknownFieldIsAnErrorNamingIt() {
    #expect(
      fixtureMessage("unknown_field")
        == "unknown_field.prototxt:12:5: error: layer 'conv1': unknown field 'kernal_stride' in 'convolution_param'")
  }

  @Test func unknownTopLevelField() {
    #expect(
      message("name: \"n\"\nlayer_count: 3\n") == "t.prototxt:2:1: error: unknown field 'layer_count' at the top level")
  }

  @Test func badEnumValue() {
    let text = """
      input: "data"
      input_dim: 1 input_dim: 3 input_dim: 8 input_dim: 8
      layer { name: "p" type: "Pooling" bottom: "data" top: "p"
        pooling_param { pool: MEDIAN kernel_size: 2 } }
      """
    #expect(
      message(text) == "t.prototxt:4:19: error: layer 'p': 'MEDIAN' is not a valid value of 'pool' in 'pooling_param'")
  }

  @Test func badNumber() {
    let text = """
      input: "data"
      input_dim: 1 input_dim: 3 input_dim: 8 input_dim: 8
      layer { name: "c" type: "Convolution" bottom: "data" top: "c"
        convolution_param { num_output: -4 kernel_size: 3 } }
      """
    #expect(
      message(text)?.hasPrefix("t.prototxt:4:23: error: layer 'c': '-4' is not a valid") == true,
      "\(message(text) ?? "")")
  }

  @Test func trainingFieldSaysUseDeploy() {
    let text = """
      layer { name: "mnist" type: "Data" top: "data"
        data_param { source: "x" batch_size: 64 } }
      """
    let m = message(text)
    #expect(
      m?.hasPrefix("t.prototxt:2:3: error: layer 'mnist': field 'data_param' belongs to Caffe's training layers")
        == true, "\(m ?? "")")
  }

  @Test func unclosedString() {
    #expect(message("name: \"abc\n") == "t.prototxt:1:7: error: string not closed before the end of the line")
  }

  @Test func strayClosingBrace() {
    #expect(message("name: \"a\"\n}\n") == "t.prototxt:2:1: error: unexpected '}': no block is open here")
  }

  @Test func missingColonBeforeScalar() {
    #expect(
      message("name \"a\"\n") == "t.prototxt:1:6: error: expected ':' or '{' after field name 'name', found '\"a\"'")
  }

  @Test func noInput() {
    let text = "layer { name: \"r\" type: \"ReLU\" bottom: \"x\" top: \"x\" }\n"
    #expect(message(text) == "t.prototxt:1:32: error: layer 'r': input 'x' names no model input or layer")
  }

  @Test func wrongInputDimCount() {
    let m = message("input: \"data\"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 224\n")
    #expect(m == "t.prototxt:2:1: error: 1 input need 4 input_dim values (N, C, H, W each), found 3")
  }

  @Test func duplicateLayerName() {
    let text = """
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "a" type: "ReLU" bottom: "data" top: "a" }
      layer { name: "a" type: "ReLU" bottom: "a" top: "b" }
      """
    #expect(message(text) == "t.prototxt:4:1: error: duplicate layer name 'a' (first defined at t.prototxt:3:1)")
  }

  @Test func poolPadNotBelowKernel() {
    let text = """
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "p" type: "Pooling" bottom: "data" top: "p"
        pooling_param { kernel_size: 2 pad: 2 } }
      """
    #expect(
      message(text)
        == "t.prototxt:4:34: error: layer 'p': pad [2, 2] must be smaller than the kernel [2, 2] (Caffe refuses it)")
  }

  @Test func convolutionWithoutKernel() {
    let text = """
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "c" type: "Convolution" bottom: "data" top: "c"
        convolution_param { num_output: 4 } }
      """
    #expect(
      message(text) == "t.prototxt:4:3: error: layer 'c': Convolution needs kernel_size (or kernel_h and kernel_w)")
  }

  @Test func trainingLayerType() {
    let text = """
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "loss" type: "SoftmaxWithLoss" bottom: "data" top: "loss" }
      """
    let m = message(text)
    #expect(
      m?.hasPrefix("t.prototxt:3:22: error: layer 'loss': 'SoftmaxWithLoss' is a training layer") == true, "\(m ?? "")")
  }

  @Test func emptyFile() {
    #expect(message("# nothing here\n\n") == "t.prototxt: file is empty; expected a network description")
  }

  @Test func deepNestingIsRefusedNotACrash() {
    let text = String(repeating: "a {", count: 5000)
    #expect(message(text)?.contains("nested more than") == true)
  }

  @Test func shapeErrorsNameTheLayer() throws {
    let text = """
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "c" type: "Convolution" bottom: "data" top: "c"
        convolution_param { num_output: 4 kernel_size: 3 group: 2 } }
      """
    // The shared graph builder infers shapes as layers are added, so the
    // error now comes from the load; its words are the analysis's.
    func run() throws(NetCostError) {
      _ = try Analyzer.analyze(try CaffeImport.load(bytes: Array(text.utf8), file: "t.prototxt").graph)
    }
    #expect(throws: NetCostError.self) { try run() }
    do { try run() } catch {
      #expect(error.description.hasPrefix("t.prototxt:3:1: error: layer 'c':"), "\(error.description)")
    }
  }
}
