// netcost — Apache-2.0

/// Load-time evaluation of the ops added for real exports (issue 13): Clip
/// (the TF-style "same" padding arithmetic of maxvit), IsNaN, IsInf, Einsum
/// of two stored tensors (a relative-position bias lookup), and the
/// (de)quantization of stored weights.
extension Fold {
  /// The extra ops evaluated at load time.
  static let moreOps: Set<String> = ["Clip", "IsNaN", "IsInf", "Einsum", "QuantizeLinear", "DequantizeLinear"]

  /// The outputs of `node` when it is one of ``moreOps``, else nil.
  static func evaluateMore(_ node: ONNXNode, _ inputs: [Known?], sources: [Int]) throws(FoldIssue) -> [Known]? {
    func input(_ i: Int) throws(FoldIssue) -> Known {
      guard i < inputs.count, let k = inputs[i] else { throw FoldIssue("input \(i + 1) is missing") }
      return k
    }
    func known(_ dims: [Int], _ type: Int32, _ values: Values?) throws(FoldIssue) -> Known {
      guard dims.allSatisfy({ $0 >= 0 }) else { throw FoldIssue("would produce the negative size \(dims)") }
      var k = Known(dims: dims, type: type, sources: sources)
      if let values, values.count == k.count, k.count <= maxElements { k.values = values }
      return k
    }
    switch node.opType {
    case "Clip":
      let a = try input(0)
      func bound(_ i: Int, _ attr: String) -> Double? {
        if i < inputs.count, let k = inputs[i], let v = k.values, v.count == 1 { return v.double(0) }
        return node.float(attr)
      }
      let lo = bound(1, "min")
      let hi = bound(2, "max")
      var values: Values?
      if let v = a.values {
        switch v {
        case .ints(let x):
          values = .ints(
            x.map { e in
              var r = e
              if let lo, Double(r) < lo { r = Values.toInt(lo) }
              if let hi, Double(r) > hi { r = Values.toInt(hi) }
              return r
            })
        case .floats(let x):
          values = .floats(x.map { e in min(max(e, lo ?? -.infinity), hi ?? .infinity) })
        }
      }
      return [try known(a.dims, a.type, values)]

    case "IsNaN", "IsInf":
      let a = try input(0)
      let test: (Double) -> Bool = node.opType == "IsNaN" ? { $0.isNaN } : { $0.isInfinite }
      let values = a.values.map { v in Values.ints((0..<v.count).map { test(v.double($0)) ? 1 : 0 }) }
      return [try known(a.dims, ONNXType.bool, values)]

    case "Einsum":
      guard let equation = node.string("equation") else { throw FoldIssue("has no equation") }
      let parts = inputs.compactMap { $0 }
      let op = Einsum(equation: equation, operands: parts.map { Optional($0.dims) })
      let dims: [Int]
      do { dims = try op.solve([]).output } catch { throw FoldIssue(error.message) }
      return [try known(dims, parts.first?.type ?? ONNXType.float, nil)]

    case "QuantizeLinear", "DequantizeLinear":
      let a = try input(0)
      let type: Int32
      if node.opType == "DequantizeLinear" {
        type = (try? input(1))?.type ?? ONNXType.float
      } else {
        type = (try? input(2))?.type ?? ONNXType.uint8
      }
      return [try known(a.dims, type, nil)]

    default:
      return nil
    }
  }

  /// The multiply-accumulates of a folded Einsum node (the product of every index extent).
  static func einsumMACs(_ node: ONNXNode, _ inputs: [Known?]) -> Int {
    guard let equation = node.string("equation") else { return 0 }
    let op = Einsum(equation: equation, operands: inputs.compactMap { $0 }.map { Optional($0.dims) })
    return (try? op.indexProduct([])) ?? 0
  }
}
