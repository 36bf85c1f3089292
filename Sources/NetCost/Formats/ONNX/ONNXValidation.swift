// netcost — Apache-2.0

/// Checks that refuse malformed ONNX graphs before they are mapped: what the
/// ONNX spec forbids but a mutated or hand-written file can hold, each one
/// line naming the node, the attribute or the tensor.
extension ONNXImporter {
  /// The element types ONNX defines (TensorProto.DataType 1…23).
  static let definedTypes: ClosedRange<Int32> = 1...23

  /// Graph-wide rules: known initializer types, each graph input declared
  /// once, each value written by one node, no node output named like a
  /// graph input or initializer (the graph is in SSA form).
  func validateGraph(_ g: Onnx_GraphProto) throws {
    for t in g.initializer where !Self.definedTypes.contains(t.dataType) {
      throw invalid(
        nil,
        "initializer '\(t.name.clipped)' has data_type \(t.dataType), which is no ONNX element type (1 float … 23)")
    }
    var inputs: Set<String> = []
    for vi in g.input where !inputs.insert(vi.name).inserted {
      throw invalid(nil, "graph input '\(vi.name.clipped)' is declared twice")
    }
    let initializers = Set(g.initializer.map(\.name))
    var writer: [String: String] = [:]
    for (i, n) in g.node.enumerated() {
      let node = n.name.isEmpty ? "\(n.opType.clipped) node \(i)" : "\(n.opType.clipped) '\(n.name.clipped)'"
      for o in n.output where !o.isEmpty {
        if inputs.contains(o) || initializers.contains(o) {
          throw invalid(
            nil,
            "\(node) writes '\(o.clipped)', which is already a graph \(inputs.contains(o) ? "input" : "initializer") (each value has one definition)"
          )
        }
        if let first = writer[o] {
          throw invalid(nil, "\(first) and \(node) both write '\(o.clipped)' (each value has one definition)")
        }
        writer[o] = node
      }
    }
  }

  /// The type each commonly used attribute must have, by name.
  static let attributeTypes: [String: Onnx_AttributeProto.AttributeType] = [
    "group": .int, "axis": .int, "keepdims": .int, "transA": .int, "transB": .int, "to": .int, "ceil_mode": .int,
    "count_include_pad": .int, "allowzero": .int, "num_outputs": .int, "storage_order": .int, "blocksize": .int,
    "kernel_shape": .ints, "strides": .ints, "pads": .ints, "dilations": .ints, "output_padding": .ints,
    "output_shape": .ints, "perm": .ints,
    "epsilon": .float, "momentum": .float, "alpha": .float, "beta": .float,
    "auto_pad": .string, "mode": .string, "direction": .string,
  ]

  static func typeName(_ t: Onnx_AttributeProto.AttributeType) -> String {
    switch t {
    case .undefined: return "UNDEFINED"
    case .float: return "FLOAT"
    case .int: return "INT"
    case .string: return "STRING"
    case .tensor: return "TENSOR"
    case .graph: return "GRAPH"
    case .floats: return "FLOATS"
    case .ints: return "INTS"
    case .strings: return "STRINGS"
    case .tensors: return "TENSORS"
    case .graphs: return "GRAPHS"
    case .sparseTensor: return "SPARSE_TENSOR"
    case .sparseTensors: return "SPARSE_TENSORS"
    case .typeProto: return "TYPE_PROTO"
    case .typeProtos: return "TYPE_PROTOS"
    @unknown default: return "type \(t.rawValue)"
    }
  }

  /// Per-node rules: attributes of the type ONNX gives them, and the inputs
  /// and attributes of the ops whose mistakes would otherwise pass unseen.
  func validate(_ n: ONNXNode) throws {
    guard n.domain.isEmpty || n.domain == "ai.onnx" else { return }
    for a in n.attributes {
      guard let want = Self.attributeTypes[a.name], a.type != .undefined else { continue }
      // An INT where INTS is expected is read as one value, as onnxruntime does.
      if a.type == want || (want == .ints && a.type == .int) { continue }
      throw invalid(
        n,
        "\(n.opType) attribute '\(a.name)' is \(Self.typeName(a.type)); ONNX defines it as \(want == .ints ? "INTS (a list of integers)" : Self.typeName(want))"
      )
    }
    switch n.opType {
    case "Conv", "ConvTranspose":
      if let kernel = n.ints("kernel_shape"), let w = n.input(1), let k = known[w], k.dims.count >= 3 {
        let weightKernel = Array(k.dims[2...])
        guard kernel == weightKernel else {
          throw invalid(
            n,
            "\(n.opType) kernel_shape \(Fold.shapeText(kernel)) does not match the weight '\(w.clipped)' \(Fold.shapeText(k.dims)), whose kernel is \(Fold.shapeText(weightKernel))"
          )
        }
      }
    case "BatchNormalization":
      let given = (0..<5).filter { n.input($0) != nil }.count
      guard given == 5 else {
        throw invalid(n, "BatchNormalization needs 5 inputs (X, scale, B, input_mean, input_var), found \(given)")
      }
    case "Reshape":
      if let s = n.input(1), let k = known[s] {
        guard ONNXType.isInteger(k.type), k.type != ONNXType.bool else {
          throw invalid(n, "Reshape shape '\(s.clipped)' is \(ONNXType.name(k.type)); ONNX requires int64")
        }
        guard k.dims.count == 1 else {
          throw invalid(
            n, "Reshape shape '\(s.clipped)' has shape \(Fold.shapeText(k.dims)); ONNX requires a 1-D list of sizes")
        }
      }
    case "Cast":
      if let to = n.int("to") {
        guard let t = Int32(exactly: to), Self.definedTypes.contains(t) else {
          throw invalid(n, "Cast 'to' is \(to), which is no ONNX element type (1 float … 23)")
        }
      }
    default: break
    }
  }
}
