// netcost — Apache-2.0

/// The ops exporters emit around attention masks and indexing (issue 13):
/// comparisons and logic, Where, IsNaN/IsInf/Not, CumSum, the gathers and
/// scatters, ArgMax/ArgMin, TopK, Trilu, OneHot and Einsum, each mapped to
/// its typed op. Nodes whose inputs are all known at load time never get
/// here: ``Fold`` evaluates them.
extension ONNXImporter {
  static let comparisonKinds: [String: Compare.Operation] = [
    "Equal": .equal, "Less": .less, "LessOrEqual": .lessOrEqual, "Greater": .greater,
    "GreaterOrEqual": .greaterOrEqual, "And": .and, "Or": .or, "Xor": .xor, "Mod": .mod, "BitShift": .bitShift,
  ]
  static let predicateKinds: [String: Predicate.Test] = ["IsNaN": .isNaN, "IsInf": .isInf, "Not": .not]

  /// Adds the layer for a standard node of one of these op types; false when the type is not one.
  func mapMaskOp(_ n: ONNXNode) throws -> Bool {
    switch n.opType {
    case let t where Self.comparisonKinds[t] != nil:
      let (tensors, constants) = operands(n)
      let op = Compare(operation: Self.comparisonKinds[t]!, constants: constants.map(\.dims))
      try addLayer(n, kind: op.operation.rawValue, op: op, tensors: tensors, weights: constants)
    case "Where":
      let (tensors, constants) = operands(n)
      try addLayer(n, kind: "where", op: Select(constants: constants.map(\.dims)), tensors: tensors, weights: constants)
    case let t where Self.predicateKinds[t] != nil:
      let (x, _) = try activation(n, 0)
      let op = Predicate(test: Self.predicateKinds[t]!)
      try addLayer(n, kind: op.test.rawValue, op: op, tensors: [x])
    case "CumSum":
      let (x, _) = try activation(n, 0)
      guard let axis = try ints(n, 1, "axis")?.first else { throw invalid(n, "CumSum needs an axis (input 2)") }
      try addLayer(n, kind: "cumsum", op: CumSum(axis: axis), tensors: [x])
    case "GatherElements":
      try indexGather(n, mode: .elements(n.int("axis") ?? 0), kind: "gather_elements")
    case "GatherND":
      try indexGather(n, mode: .nd(batchDims: n.int("batch_dims") ?? 0), kind: "gather_nd")
    case "ScatterND", "ScatterElements", "Scatter":
      var stored: [[Int]?] = []
      var tensors: [String] = []
      var weights: [Known] = []
      for i in 0..<3 {
        switch slot(n, i) {
        case .activation?:
          stored.append(nil)
          tensors.append(n.inputs[i])
        case .known(let k)?:
          stored.append(k.dims)
          weights.append(k)
        case nil: throw invalid(n, "\(n.opType) needs data, indices and updates (input \(i + 1) is missing)")
        }
      }
      let reduces = (n.string("reduction") ?? "none") != "none"
      let kind = n.opType == "ScatterND" ? "scatter_nd" : "scatter_elements"
      try addLayer(n, kind: kind, op: Scatter(operands: stored, reduces: reduces), tensors: tensors, weights: weights)
    case "ArgMax", "ArgMin":
      let (x, _) = try activation(n, 0)
      let op = ArgReduce(isMax: n.opType == "ArgMax", axis: n.int("axis") ?? 0, keepDims: n.int("keepdims") ?? 1 != 0)
      try addLayer(n, kind: op.isMax ? "argmax" : "argmin", op: op, tensors: [x])
    case "TopK":
      let (x, _) = try activation(n, 0)
      guard let k = try ints(n, 1, "k")?.first ?? n.int("k") else { throw invalid(n, "TopK needs k") }
      try addLayer(n, kind: "top_k", op: TopK(k: k, axis: n.int("axis") ?? -1), tensors: [x])
    case "Trilu":
      let (x, _) = try activation(n, 0)
      try addLayer(n, kind: "trilu", op: Trilu(upper: n.int("upper") ?? 1 != 0), tensors: [x])
    case "OneHot":
      let (x, _) = try activation(n, 0, "indices")
      guard let depth = try ints(n, 1, "depth")?.first else { throw invalid(n, "OneHot needs its depth at load time") }
      try addLayer(n, kind: "one_hot", op: OneHot(depth: depth, axis: n.int("axis") ?? -1), tensors: [x])
    case "Einsum":
      guard let equation = n.string("equation") else { throw invalid(n, "Einsum needs an equation") }
      var stored: [[Int]?] = []
      var tensors: [String] = []
      var weights: [Known] = []
      for name in n.inputs where !name.isEmpty {
        switch slot(named: name) {
        case .activation?:
          stored.append(nil)
          tensors.append(name)
        case .known(let k)?:
          stored.append(k.dims)
          weights.append(k)
        case nil: break
        }
      }
      try addLayer(
        n, kind: "einsum", op: Einsum(equation: equation, operands: stored), tensors: tensors, weights: weights)
    case "Range", "ConstantOfShape":
      throw invalid(
        n,
        "\(n.opType): its output's size depends on values computed at run time (not only on shapes); netcost cannot infer it"
      )
    default:
      return false
    }
    return true
  }

  /// A node's inputs split into computed tensors (by name) and known values.
  func operands(_ n: ONNXNode) -> ([String], [Known]) {
    var tensors: [String] = []
    var constants: [Known] = []
    for name in n.inputs where !name.isEmpty {
      switch slot(named: name) {
      case .activation?: tensors.append(name)
      case .known(let k)?: constants.append(k)
      case nil: break
      }
    }
    return (tensors, constants)
  }

  /// Gather, GatherElements or GatherND where the index tensor (or the data) is computed at run time.
  func indexGather(_ n: ONNXNode, mode: IndexGather.Mode, kind: String) throws {
    var tensors: [String] = []
    var weights: [Known] = []
    var data: [Int]?
    var indices: [Int]?
    switch slot(n, 0) {
    case .activation?: tensors.append(n.inputs[0])
    case .known(let k)?:
      data = k.dims
      weights.append(k)
    case nil: throw invalid(n, "\(n.opType) needs data (input 1)")
    }
    switch slot(n, 1) {
    case .activation?: tensors.append(n.inputs[1])
    case .known(let k)?: indices = k.dims
    case nil: throw invalid(n, "\(n.opType) needs indices (input 2)")
    }
    try addLayer(
      n, kind: kind, op: IndexGather(mode: mode, data: data, indices: indices), tensors: tensors, weights: weights)
  }
}
