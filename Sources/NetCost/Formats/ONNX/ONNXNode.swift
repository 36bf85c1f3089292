// netcost — Apache-2.0

/// One ONNX node with its attributes by name: what the importer and the
/// load-time evaluator read.
struct ONNXNode {
  /// Position in the graph's node list.
  let index: Int
  /// The node's name as reports show it (unique; generated when the file has none).
  let name: String
  /// The op type, as ONNX spells it (`Conv`).
  let opType: String
  /// The op's domain; empty for the standard ai.onnx ops.
  let domain: String
  /// Input value names; an empty name is an omitted optional input.
  let inputs: [String]
  /// Output value names; an empty name is an omitted optional output.
  let outputs: [String]
  /// The attributes, in file order.
  let attributes: [Onnx_AttributeProto]
  /// Where the NodeProto's bytes are, for a node of a function or subgraph
  /// (nil for the main graph's nodes, found by `index`).
  var range: Range<Int>? = nil
  /// Whether the node comes from a function or subgraph (then `index` is its caller's).
  var isNested = false

  /// The attribute named `n`, and its position.
  func attribute(_ n: String) -> (Onnx_AttributeProto, Int)? {
    for (i, a) in attributes.enumerated() where a.name == n { return (a, i) }
    return nil
  }

  /// An integer attribute.
  func int(_ n: String) -> Int? {
    guard let (a, _) = attribute(n), a.type == .int || (a.type == .undefined && a.hasI) else { return nil }
    return Int(a.i)
  }

  /// A list-of-integers attribute.
  func ints(_ n: String) -> [Int]? {
    guard let (a, _) = attribute(n) else { return nil }
    if a.type == .int || (a.type == .undefined && a.hasI) { return [Int(a.i)] }
    return a.ints.map { Int($0) }
  }

  /// A number attribute.
  func float(_ n: String) -> Double? {
    guard let (a, _) = attribute(n) else { return nil }
    if a.type == .int { return Double(a.i) }
    guard a.type == .float || (a.type == .undefined && a.hasF) else { return nil }
    return Double(a.f)
  }

  /// A list-of-numbers attribute.
  func floats(_ n: String) -> [Double]? {
    guard let (a, _) = attribute(n) else { return nil }
    if a.type == .float || (a.type == .undefined && a.hasF) { return [Double(a.f)] }
    return a.floats.map(Double.init)
  }

  /// A string attribute.
  func string(_ n: String) -> String? {
    guard let (a, _) = attribute(n), a.hasS else { return nil }
    return String(decoding: a.s, as: UTF8.self)
  }

  /// Input `i`'s name, or nil when it is absent or omitted.
  func input(_ i: Int) -> String? { i < inputs.count && !inputs[i].isEmpty ? inputs[i] : nil }

  /// `OpType 'name'` for messages.
  var described: String { "\(opType) '\(name)'" }
}
