// netcost — Apache-2.0

import SwiftProtobuf

/// Decodes a prototxt into `Caffe_NetParameter` with swift-protobuf's text
/// format, and when that fails, finds the field it failed on.
///
/// swift-protobuf's errors say what went wrong (an unknown field, a bad
/// number) but not where. The scanner knows where every field is, so the
/// failing one is found by decoding fields alone: the first top-level field
/// that fails on its own, then, inside it, the first child that fails when
/// wrapped in its parents — down to the innermost field that fails while all
/// its children decode. Only a file that fails pays for this search.
enum CaffeTextDecoder {
  /// Caffe fields this subset leaves out on purpose, with what they mean:
  /// a file using them is a training description, not a deploy network.
  static let trainingFields: Set<String> = [
    "data_param", "hdf5_data_param", "hdf5_output_param", "image_data_param", "memory_data_param",
    "window_data_param", "dummy_data_param", "python_param", "contrastive_loss_param", "hinge_loss_param",
    "infogain_loss_param", "recurrent_param", "spp_param", "embed_param", "parameter_param",
  ]

  /// Decodes `text`, whose structure `fields` the scanner read.
  static func decode(_ text: String, fields: [PrototxtField], bytes: [UInt8], file: String) throws(NetCostError)
    -> Caffe_NetParameter
  {
    do {
      return try Caffe_NetParameter(textFormatString: text)
    } catch {
      throw locate(error, fields: fields, bytes: bytes, file: file)
    }
  }

  /// Whether `wrapped` (a field's text inside its parents' braces) decodes.
  static func failure(_ text: String) -> (any Error)? {
    do {
      _ = try Caffe_NetParameter(textFormatString: text)
      return nil
    } catch {
      return error
    }
  }

  /// The error of the innermost field that fails to decode.
  static func locate(_ whole: any Error, fields: [PrototxtField], bytes: [UInt8], file: String) -> NetCostError {
    func text(_ f: PrototxtField) -> String { String(decoding: bytes[f.range], as: UTF8.self) }
    func wrap(_ inner: String, _ parents: [PrototxtField]) -> String {
      parents.reversed().reduce(inner) { s, p in "\(p.name) { \(s) }" }
    }
    for top in fields {
      guard let e = failure(text(top)) else { continue }
      var parents: [PrototxtField] = []
      var culprit = top
      var error = e
      // Descend only while the field itself is known: an unknown message
      // field fails even empty, and is the culprit, not its contents.
      search: while let children = culprit.children, failure(wrap("\(culprit.name) {}", parents)) == nil {
        for c in children {
          if let ce = failure(wrap(text(c), parents + [culprit])) {
            parents.append(culprit)
            culprit = c
            error = ce
            continue search
          }
        }
        break
      }
      return message(for: error, field: culprit, parents: parents, file: file)
    }
    // Every field decodes alone, so the conflict is between fields.
    return .malformed(SourceLocation(file: file), message: "not a readable Caffe prototxt: \(whole)")
  }

  static func message(for error: any Error, field f: PrototxtField, parents: [PrototxtField], file: String)
    -> NetCostError
  {
    let loc = f.location(file)
    let layerField = parents.first.flatMap { $0.name == "layer" || $0.name == "layers" ? $0 : nil }
    let layer = layerField?.child("name")?.values.first
    let inside = parents.last.map { " in '\($0.name)'" } ?? " at the top level"
    let value = f.values.first.map { "'\($0)'" } ?? "the value"
    let why: String
    switch error as? TextFormatDecodingError {
    case .unknownField?:
      if parents.isEmpty || (parents.count == 1 && layerField != nil), trainingFields.contains(f.name) {
        why =
          "field '\(f.name)' belongs to Caffe's training layers (data sources, losses), which netcost does not read; give it the deploy prototxt"
      } else {
        why = "unknown field '\(f.name)'\(inside)"
      }
    case .unrecognizedEnumValue?:
      why = "\(value) is not a valid value of '\(f.name)'\(inside)"
    case .malformedNumber?:
      why = "\(value) is not a valid number for '\(f.name)'\(inside)"
    case .malformedText?:
      why = "\(value) is not a valid value for '\(f.name)'\(inside)"
    case .invalidUTF8?:
      why = "field '\(f.name)' holds text that is not valid UTF-8"
    case .messageDepthLimit?:
      why = "messages are nested too deeply"
    default:
      why = "cannot read field '\(f.name)'\(inside): \(error)"
    }
    if let layer { return .invalidSpec(loc, layer: layer, message: why) }
    return .malformed(loc, message: why)
  }
}
