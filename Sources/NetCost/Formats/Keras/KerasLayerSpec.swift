// netcost — Apache-2.0

/// One entry of a Keras model's `layers`: its class, name, configuration
/// and calls, with where it stands in the file.
struct KerasLayerSpec: Sendable {
  /// `Conv2D`, `Functional`, `Add`…
  var className: String
  /// `keras.layers`, or `keras.src.ops.numpy` for tensor math; nil in
  /// Keras 2 files and legacy `.h5` files.
  var module: String?
  /// The layer's name (unique within its model).
  var name: String
  /// The layer's `config` object.
  var config: KerasFields
  /// The raw `inbound_nodes` (empty in a Sequential model).
  var inboundNodes: [JSONValue]
  /// Where the entry stands.
  var location: SourceLocation

  /// Reads an entry of `layers`.
  init(_ value: JSONValue, file: String, index: Int, fallback: SourceLocation) throws(NetCostError) {
    guard case .object(let o) = value else {
      throw .invalidSpec(fallback, layer: nil, message: "layer #\(index) should be an object, found \(value.typeName)")
    }
    location = o.location ?? fallback
    guard case .string(let cls)? = o["class_name"] else {
      throw .invalidSpec(location, layer: nil, message: "layer #\(index) has no \"class_name\" string")
    }
    className = cls
    if case .string(let m)? = o["module"] { module = m }
    guard case .object(let c)? = o["config"] else {
      throw .invalidSpec(location, layer: nil, message: "layer #\(index) (\(cls.clipped)) has no \"config\" object")
    }
    var n: String?
    if case .string(let s)? = o["name"] { n = s } else if case .string(let s)? = c["name"] { n = s }
    name = n ?? "\(cls)_\(index)"
    config = KerasFields(c, layer: name, at: location)
    if case .array(let nodes)? = o["inbound_nodes"] { inboundNodes = nodes } else { inboundNodes = [] }
  }

  /// Whether the entry is a whole model (a nested Functional or Sequential).
  var isModel: Bool {
    ["Functional", "Model", "Sequential"].contains(className) && config.object["layers"] != nil
  }

  /// Whether the entry is tensor math from `keras.ops` rather than a layer.
  var isOp: Bool { module?.hasPrefix("keras.src.ops") == true }
}
