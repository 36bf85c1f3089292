// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Evaluates, at load time, the nodes whose inputs are all known — the
/// small shape computations exporters emit (Shape → Gather → Unsqueeze →
/// Concat → Reshape), scalar constants, and reshapes or transposes of
/// weights. Shapes are always computed; values when every input's values
/// are known and the result has at most ``maxElements`` elements.
enum Fold {
  /// The largest tensor whose values are computed.
  static let maxElements = 1 << 16

  /// The ops evaluated at load time.
  static let ops: Set<String> = Set([
    "Constant", "Identity", "Dropout", "Cast", "CastLike", "Shape", "Size", "Reshape", "Flatten", "Unsqueeze",
    "Squeeze", "Transpose", "Concat", "Split", "Slice", "Gather", "Expand", "ConstantOfShape", "Range", "Where", "Tile",
    "ReduceProd", "ReduceSum", "ReduceMin", "ReduceMax", "ReduceMean",
  ]).union(binaryOps).union(variadicOps).union(unaryOps).union(moreOps)

  static let binaryOps: Set<String> = [
    "Add", "Sub", "Mul", "Div", "Mod", "Pow", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or",
    "Xor",
  ]
  static let variadicOps: Set<String> = ["Max", "Min", "Sum", "Mean"]
  static let unaryOps: Set<String> = [
    "Neg", "Abs", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Exp", "Log", "Not", "Relu", "Sign", "Erf", "Sigmoid",
    "Tanh", "Sin", "Cos",
  ]

  /// The outputs of `node` from its known inputs (nil: an omitted optional
  /// input). `tensor` decodes a tensor attribute.
  static func evaluate(_ node: ONNXNode, _ inputs: [Known?], tensor: (String) throws(FoldIssue) -> Known?)
    throws(FoldIssue) -> [Known]
  {
    func input(_ i: Int) throws(FoldIssue) -> Known {
      guard i < inputs.count, let k = inputs[i] else { throw FoldIssue("input \(i + 1) is missing") }
      return k
    }
    /// The integer values of input `i`, which must be known.
    func ints(_ i: Int, _ what: String) throws(FoldIssue) -> [Int]? {
      guard i < inputs.count, let k = inputs[i] else { return nil }
      guard let v = k.values else {
        throw FoldIssue("\(what) (input \(i + 1), '\(node.inputs[i])') is not known at load time")
      }
      return (0..<v.count).map { v.int($0) }
    }
    let x = try? input(0)
    var sources: [Int] = []
    for k in inputs { if let k { sources.append(contentsOf: k.sources) } }
    sources = Array(Set(sources)).sorted()
    let type = x?.type ?? ONNXType.float

    func make(_ dims: [Int], _ t: Int32 = type, _ compute: () -> Values?) throws(FoldIssue) -> Known {
      guard dims.allSatisfy({ $0 >= 0 }) else { throw FoldIssue("would produce the negative size \(dims)") }
      let k = Known(dims: dims, type: t, sources: sources)
      let n = k.count
      guard n <= maxElements else { return k }
      var out = k
      out.values = compute()
      if let v = out.values, v.count != n { out.values = nil }
      return out
    }

    switch node.opType {
    case "Constant":
      if let t = try tensor("value") { return [t] }
      if let v = node.float("value_float") { return [Known(dims: [], type: ONNXType.float, values: .floats([v]))] }
      if let v = node.floats("value_floats") {
        return [Known(dims: [v.count], type: ONNXType.float, values: .floats(v))]
      }
      if let v = node.int("value_int") { return [Known(dims: [], type: ONNXType.int64, values: .ints([v]))] }
      if let v = node.ints("value_ints") { return [Known(dims: [v.count], type: ONNXType.int64, values: .ints(v))] }
      throw FoldIssue("has no value attribute netcost reads (value, value_float(s), value_int(s))")

    case "Identity", "Dropout":
      let a = try input(0)
      var outs = [a]
      if node.outputs.count > 1 { outs.append(Known(dims: a.dims, type: ONNXType.bool, sources: a.sources)) }
      return outs

    case "Cast", "CastLike":
      let a = try input(0)
      let to: Int32
      if node.opType == "Cast" {
        guard let t = node.int("to") else { throw FoldIssue("has no 'to' attribute") }
        to = Int32(truncatingIfNeeded: t)
      } else {
        to = try input(1).type
      }
      // NaN has no integer value: casting it is undefined, not 0. Infinities
      // saturate (real exports cast log(0) = -inf to int64 in T5's relative
      // position buckets, then mask the result away with Where).
      if ONNXType.isInteger(to), case .floats(let f)? = a.values, let bad = f.first(where: { $0.isNaN }) {
        throw FoldIssue("casts \(bad) to \(ONNXType.name(to)), which has no value for it")
      }
      return [try make(a.dims, to) { a.values?.converted(to: to) }]

    case "Shape":
      let a = try input(0)
      let r = a.dims.count
      func clampAxis(_ v: Int) -> Int { min(max(v < 0 ? v + r : v, 0), r) }
      let s = clampAxis(node.int("start") ?? 0)
      let e = clampAxis(node.int("end") ?? r)
      let d = s < e ? Array(a.dims[s..<e]) : []
      return [Known(dims: [d.count], type: ONNXType.int64, values: .ints(d))]

    case "Size":
      return [Known(dims: [], type: ONNXType.int64, values: .ints([try input(0).count]))]

    case "Reshape":
      let a = try input(0)
      guard let target = try ints(1, "the target shape") else { throw FoldIssue("has no target shape input") }
      let dims = try reshape(a.dims, target, allowZero: node.int("allowzero") == 1)
      return [try make(dims) { a.values }]

    case "Flatten":
      let a = try input(0)
      let r = a.dims.count
      var axis = node.int("axis") ?? 1
      if axis < 0 { axis += r }
      guard axis >= 0, axis <= r else {
        throw FoldIssue("axis \(node.int("axis") ?? 1) is out of range for a \(r)-D tensor")
      }
      return [try make([product(a.dims[..<axis]), product(a.dims[axis...])]) { a.values }]

    case "Unsqueeze":
      let a = try input(0)
      guard let axes = try ints(1, "the axes") ?? node.ints("axes") else { throw FoldIssue("has no axes") }
      let dims = try unsqueeze(a.dims, axes)
      return [try make(dims) { a.values }]

    case "Squeeze":
      let a = try input(0)
      let axes = try ints(1, "the axes") ?? node.ints("axes")
      return [try make(try squeeze(a.dims, axes)) { a.values }]

    case "Transpose":
      let a = try input(0)
      let r = a.dims.count
      let perm = node.ints("perm") ?? Array((0..<r).reversed())
      guard perm.sorted() == Array(0..<r) else { throw FoldIssue("perm \(perm) is not a permutation of the \(r) axes") }
      let dims = perm.map { a.dims[$0] }
      return [
        try make(dims) {
          guard let v = a.values else { return nil }
          let inStrides = strides(a.dims)
          return gather(v, count: product(dims[...])) { flat in
            var rem = flat
            var src = 0
            for (i, s) in strides(dims).enumerated() {
              let q = rem / max(s, 1)
              rem -= q * s
              src += q * inStrides[perm[i]]
            }
            return src
          }
        }
      ]

    case "Concat":
      let parts = inputs.compactMap { $0 }
      guard let first = parts.first else { throw FoldIssue("has no inputs") }
      let r = first.dims.count
      guard let axis0 = node.int("axis") else { throw FoldIssue("has no axis attribute") }
      let axis = axis0 < 0 ? axis0 + r : axis0
      guard axis >= 0, axis < r else { throw FoldIssue("axis \(axis0) is out of range for a \(r)-D tensor") }
      var dims = first.dims
      dims[axis] = 0
      for p in parts {
        guard p.dims.count == r, (0..<r).allSatisfy({ $0 == axis || p.dims[$0] == first.dims[$0] }) else {
          throw FoldIssue("cannot concatenate \(shapeText(first.dims)) and \(shapeText(p.dims)) along axis \(axis0)")
        }
        dims[axis] += p.dims[axis]
      }
      let outType = first.type
      return [
        try make(dims, outType) {
          guard parts.allSatisfy({ $0.values != nil }) else { return nil }
          let outer = product(dims[..<axis])
          var ints: [Int] = []
          var floats: [Double] = []
          let asFloat = parts.contains { if case .floats = $0.values! { return true } else { return false } }
          for o in 0..<outer {
            for p in parts {
              let chunk = product(p.dims[axis...])
              for i in 0..<chunk {
                if asFloat {
                  floats.append(p.values!.double(o * chunk + i))
                } else {
                  ints.append(p.values!.int(o * chunk + i))
                }
              }
            }
          }
          return asFloat ? .floats(floats) : .ints(ints)
        }
      ]

    case "Split":
      let a = try input(0)
      let r = a.dims.count
      var axis = node.int("axis") ?? 0
      if axis < 0 { axis += r }
      guard axis >= 0, axis < r else {
        throw FoldIssue("axis \(node.int("axis") ?? 0) is out of range for a \(r)-D tensor")
      }
      let sizes = try splitSizes(
        a.dims[axis], given: try ints(1, "the split sizes") ?? node.ints("split"), outputs: node.outputs.count,
        numOutputs: node.int("num_outputs"))
      var outs: [Known] = []
      var start = 0
      for s in sizes {
        var d = a.dims
        d[axis] = s
        let begin = start
        outs.append(
          try make(d) {
            guard let v = a.values else { return nil }
            return slice(v, dims: a.dims, axis: axis, indices: Array(begin..<(begin + s)))
          })
        start += s
      }
      return outs

    case "Slice":
      let a = try input(0)
      let r = a.dims.count
      let starts: [Int]
      let ends: [Int]
      let axes: [Int]?
      let steps: [Int]?
      if inputs.count > 1 {
        guard let s = try ints(1, "starts"), let e = try ints(2, "ends") else {
          throw FoldIssue("needs starts and ends")
        }
        starts = s
        ends = e
        axes = try ints(3, "axes")
        steps = try ints(4, "steps")
      } else {
        guard let s = node.ints("starts"), let e = node.ints("ends") else { throw FoldIssue("needs starts and ends") }
        starts = s
        ends = e
        axes = node.ints("axes")
        steps = nil
      }
      let plan = try slicePlan(
        a.dims, starts: starts, ends: ends, axes: axes ?? Array(0..<starts.count),
        steps: steps ?? Array(repeating: 1, count: starts.count))
      let dims = plan.map(\.count)
      return [
        try make(dims) {
          guard let v = a.values else { return nil }
          let inStrides = strides(a.dims)
          let outStrides = strides(dims)
          return gather(v, count: product(dims[...])) { flat in
            var rem = flat
            var src = 0
            for i in 0..<r {
              let q = rem / max(outStrides[i], 1)
              rem -= q * outStrides[i]
              src += plan[i][q] * inStrides[i]
            }
            return src
          }
        }
      ]

    case "Gather":
      let a = try input(0)
      let idx = try input(1)
      let r = a.dims.count
      var axis = node.int("axis") ?? 0
      if axis < 0 { axis += r }
      guard axis >= 0, axis < r else {
        throw FoldIssue("axis \(node.int("axis") ?? 0) is out of range for a \(r)-D tensor")
      }
      let dims = Array(a.dims[..<axis]) + idx.dims + Array(a.dims[(axis + 1)...])
      var out = try make(dims) {
        guard let v = a.values, let iv = idx.values else { return nil }
        let n = a.dims[axis]
        var picks: [Int] = []
        for i in 0..<iv.count {
          let j = iv.int(i) < 0 ? iv.int(i) + n : iv.int(i)
          guard j >= 0, j < n else { return nil }
          picks.append(j)
        }
        return slice(v, dims: a.dims, axis: axis, indices: picks)
      }
      out.sources = Array(Set(a.sources + idx.sources)).sorted()
      return [out]

    case "Expand":
      let a = try input(0)
      guard let target = try ints(1, "the target shape") else { throw FoldIssue("has no shape input") }
      let dims = try broadcast(a.dims, target)
      return [try make(dims) { a.values.map { broadcastValues($0, from: a.dims, to: dims) } }]

    case "Tile":
      let a = try input(0)
      guard let reps = try ints(1, "the repeats"), reps.count == a.dims.count else {
        throw FoldIssue("needs one repeat per axis")
      }
      let dims = zip(a.dims, reps).map { $0 * $1 }
      return [
        try make(dims) {
          guard let v = a.values else { return nil }
          let inStrides = strides(a.dims)
          let outStrides = strides(dims)
          return gather(v, count: product(dims[...])) { flat in
            var rem = flat
            var src = 0
            for i in 0..<dims.count {
              let q = rem / max(outStrides[i], 1)
              rem -= q * outStrides[i]
              src += (q % max(a.dims[i], 1)) * inStrides[i]
            }
            return src
          }
        }
      ]

    case "ConstantOfShape":
      guard let dims = try ints(0, "the shape") else { throw FoldIssue("has no shape input") }
      let fill = try tensor("value")
      let t = fill?.type ?? ONNXType.float
      return [
        try make(dims, t) {
          let n = product(dims[...])
          if let v = fill?.values, v.count >= 1 {
            switch v {
            case .ints(let i): return .ints(Array(repeating: i[0], count: n))
            case .floats(let f): return .floats(Array(repeating: f[0], count: n))
            }
          }
          return ONNXType.isFloat(t) ? .floats(Array(repeating: 0, count: n)) : .ints(Array(repeating: 0, count: n))
        }
      ]

    case "Range":
      let s = try input(0)
      let l = try input(1)
      let d = try input(2)
      guard let sv = s.values, let lv = l.values, let dv = d.values, sv.count == 1, lv.count == 1, dv.count == 1 else {
        throw FoldIssue("start, limit and delta must be known scalars")
      }
      let delta = dv.double(0)
      guard delta != 0, delta.isFinite else { throw FoldIssue("delta is 0") }
      let n = max(0, Int(min(((lv.double(0) - sv.double(0)) / delta).rounded(.up), 1e9)))
      return [
        try make([n], s.type) {
          if case .ints = sv, case .ints = dv { return .ints((0..<n).map { sv.int(0) &+ $0 &* dv.int(0) }) }
          return .floats((0..<n).map { sv.double(0) + Double($0) * delta })
        }
      ]

    case "Where":
      let c = try input(0)
      let a = try input(1)
      let b = try input(2)
      let dims = try broadcast(try broadcast(c.dims, a.dims), b.dims)
      return [
        try make(dims, a.type) {
          guard let cv = c.values, let av = a.values, let bv = b.values else { return nil }
          let ci = broadcastIndex(c.dims, dims)
          let ai = broadcastIndex(a.dims, dims)
          let bi = broadcastIndex(b.dims, dims)
          switch (av, bv) {
          case (.ints, .ints): return .ints(ci.indices.map { cv.int(ci[$0]) != 0 ? av.int(ai[$0]) : bv.int(bi[$0]) })
          default: return .floats(ci.indices.map { cv.int(ci[$0]) != 0 ? av.double(ai[$0]) : bv.double(bi[$0]) })
          }
        }
      ]

    case "ReduceProd", "ReduceSum", "ReduceMin", "ReduceMax", "ReduceMean":
      let a = try input(0)
      let r = a.dims.count
      var axes = try ints(1, "the axes") ?? node.ints("axes") ?? []
      if axes.isEmpty {
        if node.int("noop_with_empty_axes") == 1 { return [a] }
        axes = Array(0..<r)
      }
      let set = Set(axes.map { $0 < 0 ? $0 + r : $0 })
      guard set.allSatisfy({ $0 >= 0 && $0 < r }) else {
        throw FoldIssue("axes \(axes) are out of range for a \(r)-D tensor")
      }
      let keep = node.int("keepdims") ?? 1 == 1
      var dims: [Int] = []
      for i in 0..<r { if !set.contains(i) { dims.append(a.dims[i]) } else if keep { dims.append(1) } }
      let outDims = dims
      return [
        try make(dims) {
          guard let v = a.values else { return nil }
          let keptDims = (0..<r).map { set.contains($0) ? 1 : a.dims[$0] }
          let ks = strides(keptDims)
          let ins = strides(a.dims)
          var acc: [[Double]] = Array(repeating: [], count: product(outDims[...]))
          for flat in 0..<v.count {
            var rem = flat
            var dst = 0
            for i in 0..<r {
              let q = rem / max(ins[i], 1)
              rem -= q * ins[i]
              if !set.contains(i) { dst += q * ks[i] }
            }
            acc[dst].append(v.double(flat))
          }
          let out: [Double] = acc.map { xs in
            switch node.opType {
            case "ReduceProd": return xs.reduce(1, *)
            case "ReduceSum": return xs.reduce(0, +)
            case "ReduceMin": return xs.min() ?? 0
            case "ReduceMax": return xs.max() ?? 0
            default: return xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count)
            }
          }
          if case .ints = v { return .ints(out.map(Values.toInt)) }
          return .floats(out)
        }
      ]

    default:
      if let outs = try evaluateMore(node, inputs, sources: sources) { return outs }
    }

    if unaryOps.contains(node.opType) {
      let a = try input(0)
      return [
        try make(a.dims) {
          guard let v = a.values else { return nil }
          return unary(node.opType, v)
        }
      ]
    }
    if binaryOps.contains(node.opType) || variadicOps.contains(node.opType) {
      let parts = inputs.compactMap { $0 }
      guard let first = parts.first else { throw FoldIssue("has no inputs") }
      var dims = first.dims
      for p in parts.dropFirst() { dims = try broadcast(dims, p.dims) }
      let comparison = ["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor"].contains(
        node.opType)
      let outDims = dims
      return [
        try make(dims, comparison ? ONNXType.bool : first.type) {
          guard parts.allSatisfy({ $0.values != nil }) else { return nil }
          var acc = broadcastValues(first.values!, from: first.dims, to: outDims)
          for p in parts.dropFirst() {
            guard
              let next = binary(
                node.opType, acc, broadcastValues(p.values!, from: p.dims, to: outDims), fmod: node.int("fmod") == 1)
            else { return nil }
            acc = next
          }
          if node.opType == "Mean" { return .floats((0..<acc.count).map { acc.double($0) / Double(parts.count) }) }
          return acc
        }
      ]
    }
    throw FoldIssue("is not evaluated at load time")
  }

  // MARK: Shape rules

  /// The product of `d`, saturating at `Int.max` (callers compare it with value limits).
  static func product<C: Collection>(_ d: C) -> Int where C.Element == Int {
    (try? Checked.product(d)) ?? Int.max
  }

  static func shapeText(_ d: [Int]) -> String {
    d.isEmpty ? "a scalar" : "[" + d.map(String.init).joined(separator: ", ") + "]"
  }

  /// ONNX Reshape: 0 copies the input's size (unless `allowZero`), −1 is inferred.
  static func reshape(_ input: [Int], _ target: [Int], allowZero: Bool) throws(FoldIssue) -> [Int] {
    var dims = target
    for (i, v) in target.enumerated() {
      if v == 0 && !allowZero {
        guard i < input.count else {
          throw FoldIssue(
            "target shape \(shapeText(target)) copies axis \(i) (0), which \(shapeText(input)) does not have")
        }
        dims[i] = input[i]
      } else if v < -1 {
        throw FoldIssue("target shape \(shapeText(target)) has the negative size \(v)")
      }
    }
    let total = product(input)
    let holes = dims.filter { $0 == -1 }.count
    guard holes <= 1 else { throw FoldIssue("target shape \(shapeText(target)) has more than one -1") }
    if holes == 1 {
      let known = product(dims.filter { $0 != -1 })
      guard known > 0, total % known == 0 else {
        throw FoldIssue("cannot reshape \(shapeText(input)) (\(total) elements) to \(shapeText(target))")
      }
      dims[dims.firstIndex(of: -1)!] = total / known
    }
    guard product(dims) == total else {
      throw FoldIssue(
        "cannot reshape \(shapeText(input)) (\(total) elements) to \(shapeText(target)) (\(product(dims)) elements)")
    }
    return dims
  }

  static func unsqueeze(_ input: [Int], _ axes: [Int]) throws(FoldIssue) -> [Int] {
    let r = input.count + axes.count
    let norm = axes.map { $0 < 0 ? $0 + r : $0 }
    guard norm.allSatisfy({ $0 >= 0 && $0 < r }), Set(norm).count == norm.count else {
      throw FoldIssue("axes \(axes) are not distinct axes of the \(r)-D result")
    }
    var out: [Int] = []
    var it = input.makeIterator()
    for i in 0..<r { out.append(norm.contains(i) ? 1 : it.next()!) }
    return out
  }

  static func squeeze(_ input: [Int], _ axes: [Int]?) throws(FoldIssue) -> [Int] {
    let r = input.count
    guard let axes else { return input.filter { $0 != 1 } }
    let norm = Set(axes.map { $0 < 0 ? $0 + r : $0 })
    for a in norm {
      guard a >= 0, a < r else { throw FoldIssue("axis \(a) is out of range for \(shapeText(input))") }
      guard input[a] == 1 else {
        throw FoldIssue("cannot squeeze axis \(a) of \(shapeText(input)): its size is \(input[a]), not 1")
      }
    }
    return input.enumerated().filter { !norm.contains($0.offset) }.map(\.element)
  }

  static func broadcast(_ a: [Int], _ b: [Int]) throws(FoldIssue) -> [Int] {
    do {
      return try Elementwise.broadcast(a, b) { "\(shapeText(a)) and \(shapeText(b))" }
    } catch {
      throw FoldIssue(error.message)
    }
  }

  /// Split sizes: given, or equal parts (the last one smaller, as ONNX's num_outputs).
  static func splitSizes(_ n: Int, given: [Int]?, outputs: Int, numOutputs: Int?) throws(FoldIssue) -> [Int] {
    if let given {
      // Checked: sizes near 2^63 must not trap on the way to the mismatch.
      guard given.allSatisfy({ $0 >= 0 }), (try? Checked.sum(given)) == n else {
        throw FoldIssue("split sizes \(shapeText(given)) do not add up to the axis size \(n)")
      }
      return given
    }
    let parts = numOutputs ?? outputs
    guard parts >= 1 else { throw FoldIssue("has no outputs") }
    let chunk = n / parts + (n % parts == 0 ? 0 : 1)
    var sizes: [Int] = []
    var left = n
    for _ in 0..<parts {
      sizes.append(min(chunk, left))
      left -= min(chunk, left)
    }
    return sizes
  }

  /// The input indices a Slice keeps along one axis: `count` of them from
  /// `first`, `step` apart; held as a rule, not a list, so a slice of an
  /// axis of 2^40 entries costs nothing.
  struct SlicedAxis: Equatable {
    var first: Int
    var step: Int
    var count: Int
    /// The `q`-th kept index.
    subscript(q: Int) -> Int { first + q * step }
    /// The smallest kept index, nil when none is kept.
    func min() -> Int? { count == 0 ? nil : (step > 0 ? first : first + (count - 1) * step) }
    /// The largest kept index, nil when none is kept.
    func max() -> Int? { count == 0 ? nil : (step > 0 ? first + (count - 1) * step : first) }
  }

  /// Per axis, the input indices an ONNX Slice keeps (negative steps included).
  static func slicePlan(_ dims: [Int], starts: [Int], ends: [Int], axes: [Int], steps: [Int]) throws(FoldIssue)
    -> [SlicedAxis]
  {
    guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count else {
      throw FoldIssue(
        "starts, ends, axes and steps have different lengths (\(starts.count), \(ends.count), \(axes.count), \(steps.count))"
      )
    }
    let r = dims.count
    var plan = dims.map { SlicedAxis(first: 0, step: 1, count: $0) }
    var seen: Set<Int> = []
    for (i, a0) in axes.enumerated() {
      let a = a0 < 0 ? a0 + r : a0
      guard a >= 0, a < r else { throw FoldIssue("axis \(a0) is out of range for a \(r)-D tensor") }
      guard seen.insert(a).inserted else { throw FoldIssue("axis \(a0) is given twice in axes \(shapeText(axes))") }
      let n = dims[a]
      let step = steps[i]
      guard step != 0 else { throw FoldIssue("step 0 on axis \(a0)") }
      var s = starts[i] < 0 ? starts[i] &+ n : starts[i]
      var e = ends[i] < 0 ? ends[i] &+ n : ends[i]
      if step > 0 {
        s = Swift.min(Swift.max(s, 0), n)
        e = Swift.min(Swift.max(e, 0), n)
        plan[a] = SlicedAxis(first: s, step: step, count: s < e ? (e - s - 1) / step + 1 : 0)
      } else {
        s = Swift.min(Swift.max(s, -1), n - 1)
        e = Swift.min(Swift.max(e, -1), n - 1)
        let magnitude = step == Int.min ? Int.max : -step
        plan[a] = SlicedAxis(first: s, step: step, count: s > e ? (s - e - 1) / magnitude + 1 : 0)
      }
    }
    return plan
  }

  // MARK: Values

  static func strides(_ d: [Int]) -> [Int] {
    var s = Array(repeating: 1, count: d.count)
    var acc = 1
    for i in stride(from: d.count - 1, through: 0, by: -1) {
      s[i] = acc
      acc = acc &* max(d[i], 1)
    }
    return s
  }

  static func gather(_ v: Values, count: Int, _ source: (Int) -> Int) -> Values {
    switch v {
    case .ints(let a): return .ints((0..<count).map { a[source($0)] })
    case .floats(let a): return .floats((0..<count).map { a[source($0)] })
    }
  }

  /// Takes `indices` along `axis`.
  static func slice(_ v: Values, dims: [Int], axis: Int, indices: [Int]) -> Values {
    let outer = product(dims[..<axis])
    let inner = product(dims[(axis + 1)...])
    let n = dims[axis]
    let count = outer * indices.count * inner
    return gather(v, count: count) { flat in
      let o = flat / max(indices.count * inner, 1)
      let rest = flat % max(indices.count * inner, 1)
      return (o * n + indices[rest / max(inner, 1)]) * inner + rest % max(inner, 1)
    }
  }

  /// For each element of `out`, the element of a tensor of shape `dims` broadcast to it.
  static func broadcastIndex(_ dims: [Int], _ out: [Int]) -> [Int] {
    let n = product(out)
    let pad = out.count - dims.count
    let full = Array(repeating: 1, count: pad) + dims
    let ins = strides(full)
    let outs = strides(out)
    return (0..<n).map { flat in
      var rem = flat
      var src = 0
      for i in 0..<out.count {
        let q = rem / max(outs[i], 1)
        rem -= q * outs[i]
        if full[i] != 1 { src += q * ins[i] }
      }
      return src
    }
  }

  static func broadcastValues(_ v: Values, from dims: [Int], to out: [Int]) -> Values {
    if dims == out { return v }
    let idx = broadcastIndex(dims, out)
    return gather(v, count: idx.count) { idx[$0] }
  }

  static func unary(_ op: String, _ v: Values) -> Values? {
    if case .ints(let a) = v {
      switch op {
      case "Neg": return .ints(a.map { 0 &- $0 })
      case "Abs": return .ints(a.map { $0 == Int.min ? Int.max : abs($0) })
      case "Not": return .ints(a.map { $0 == 0 ? 1 : 0 })
      case "Relu": return .ints(a.map { max($0, 0) })
      case "Sign": return .ints(a.map { $0.signum() })
      case "Floor", "Ceil", "Round": return v
      default: break
      }
    }
    let d = (0..<v.count).map { v.double($0) }
    let f: (Double) -> Double
    switch op {
    case "Neg": f = { -$0 }
    case "Abs": f = { Swift.abs($0) }
    case "Sqrt": f = { $0.squareRoot() }
    case "Reciprocal": f = { 1 / $0 }
    case "Floor": f = { $0.rounded(.down) }
    case "Ceil": f = { $0.rounded(.up) }
    case "Round": f = { $0.rounded(.toNearestOrEven) }
    case "Exp": f = { exp($0) }
    case "Log": f = { log($0) }
    case "Relu": f = { Swift.max($0, 0) }
    case "Sign": f = { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
    case "Erf": f = { erf($0) }
    case "Sigmoid": f = { 1 / (1 + exp(-$0)) }
    case "Tanh": f = { tanh($0) }
    case "Sin": f = { sin($0) }
    case "Cos": f = { cos($0) }
    case "Not": f = { $0 == 0 ? 1 : 0 }
    default: return nil
    }
    let out = d.map(f)
    if case .ints = v { return .ints(out.map(Values.toInt)) }
    return .floats(out)
  }

  static func binary(_ op: String, _ a: Values, _ b: Values, fmod useFmod: Bool) -> Values? {
    let n = a.count
    if case .ints(let x) = a, case .ints(let y) = b {
      var out: [Int] = []
      out.reserveCapacity(n)
      for i in 0..<n {
        let p = x[i]
        let q = y[i]
        switch op {
        case "Add", "Sum": out.append(p &+ q)
        case "Sub": out.append(p &- q)
        case "Mul": out.append(p &* q)
        case "Div":
          guard q != 0, !(p == Int.min && q == -1) else { return nil }
          out.append(p / q)
        case "Mod":
          guard q != 0, !(p == Int.min && q == -1) else { return nil }
          let m = p % q
          out.append(useFmod || m == 0 || (m < 0) == (q < 0) ? m : m + q)
        case "Pow":
          guard q >= 0 else { return nil }
          var r = 1
          for _ in 0..<min(q, 64) { r = r &* p }
          out.append(r)
        case "Max": out.append(max(p, q))
        case "Min": out.append(min(p, q))
        case "Mean": out.append(p &+ q)
        case "Equal": out.append(p == q ? 1 : 0)
        case "Less": out.append(p < q ? 1 : 0)
        case "LessOrEqual": out.append(p <= q ? 1 : 0)
        case "Greater": out.append(p > q ? 1 : 0)
        case "GreaterOrEqual": out.append(p >= q ? 1 : 0)
        case "And": out.append(p != 0 && q != 0 ? 1 : 0)
        case "Or": out.append(p != 0 || q != 0 ? 1 : 0)
        case "Xor": out.append((p != 0) != (q != 0) ? 1 : 0)
        default: return nil
        }
      }
      return .ints(out)
    }
    var out: [Double] = []
    out.reserveCapacity(n)
    var bools = false
    for i in 0..<n {
      let p = a.double(i)
      let q = b.double(i)
      switch op {
      case "Add", "Sum", "Mean": out.append(p + q)
      case "Sub": out.append(p - q)
      case "Mul": out.append(p * q)
      case "Div": out.append(p / q)
      case "Mod": out.append(useFmod ? fmod(p, q) : p - (p / q).rounded(.down) * q)
      case "Pow": out.append(pow(p, q))
      case "Max": out.append(max(p, q))
      case "Min": out.append(min(p, q))
      case "Equal":
        bools = true
        out.append(p == q ? 1 : 0)
      case "Less":
        bools = true
        out.append(p < q ? 1 : 0)
      case "LessOrEqual":
        bools = true
        out.append(p <= q ? 1 : 0)
      case "Greater":
        bools = true
        out.append(p > q ? 1 : 0)
      case "GreaterOrEqual":
        bools = true
        out.append(p >= q ? 1 : 0)
      default: return nil
      }
    }
    return bools ? .ints(out.map(Values.toInt)) : .floats(out)
  }
}
