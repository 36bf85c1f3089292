// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// Reshape to `target_shape` (after the batch; one −1 allowed). A result
  /// with spatial axes is held channels-first like every image.
  mutating func reshape(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    guard case .array(let list)? = site.config["target_shape"], !list.isEmpty else {
      throw site.config.error("target_shape", "'target_shape' should list the sizes after the batch")
    }
    var target: [Int] = []
    for v in list {
      guard case .int(let d) = v, d >= 1 || d == -1 else {
        throw site.config.error(
          "target_shape", "'target_shape' sizes should be at least 1 (or one −1), found \(v.brief)")
      }
      target.append(d)
    }
    let moved = target.count >= 3
    let held = moved ? [target[target.count - 1]] + target.dropLast() : target
    return try add(site, kind: "reshape", op: Reshape(shape: held), inputs: [x], channelsFirst: moved)
  }

  /// Permute: Keras axis i + 1 of the output is input axis `dims[i]`.
  mutating func permute(_ site: Site, _ x: KerasTensor) throws(NetCostError) -> KerasTensor {
    let r = x.rank
    let ints = try site.config.ints("dims", count: r - 1)
    guard Set(ints) == Set(1..<r) else {
      throw site.config.error("dims", "'dims' should order the axes 1…\(r - 1) of the input \(x.kerasDescription)")
    }
    let kerasPerm = [0] + ints
    var internalOf = Array(repeating: 0, count: r)
    for (j, k) in x.kerasAxisOf.enumerated() { internalOf[k] = j }
    let moved = r >= 4
    let outAxes = moved ? [0, r - 1] + Array(1..<(r - 1)) : Array(0..<r)
    let perm = outAxes.map { internalOf[kerasPerm[$0]] }
    return try add(site, kind: "transpose", op: Transpose(perm: perm), inputs: [x], channelsFirst: moved)
  }

  /// Every tensor in the first one's layout (a tensor of another rank as it is).
  mutating func aligned(_ site: Site, _ inputs: [KerasTensor]) throws(NetCostError) -> [KerasTensor] {
    guard let first = inputs.first(where: { $0.rank >= 3 }) else { return inputs }
    var out: [KerasTensor] = []
    for t in inputs {
      if t.rank != first.rank || t.channelsFirst == first.channelsFirst {
        out.append(t)
      } else {
        out.append(first.channelsFirst ? try channelsFirst(t, site) : try kerasOrder(t, site))
      }
    }
    return out
  }

  /// Add, Subtract, Multiply, Maximum, Minimum, Average (and the same
  /// tensor math of a Keras 3 config, where a number may be an operand).
  mutating func merge(_ site: Site, _ inputs: [KerasTensor], numbers: [Double], operation: String)
    throws(NetCostError) -> KerasTensor
  {
    let xs = try aligned(site, inputs)
    let operand: Elementwise.Operation
    switch operation.lowercased() {
    case "add": operand = .add
    case "subtract": operand = .sub
    case "multiply": operand = .mul
    case "maximum": operand = .max
    case "minimum": operand = .min
    case "divide", "true_divide": operand = .div
    default: operand = .sum
    }
    guard xs.count + numbers.count >= 2 else {
      throw error(site, "\(site.className) needs at least two operands, found \(xs.count) tensor(s)")
    }
    let op = Elementwise(operation: operand, constants: Array(repeating: [], count: numbers.count))
    let cf = xs.first { $0.rank >= 3 }?.channelsFirst ?? false
    return try add(site, kind: operation.lowercased(), op: op, inputs: xs, channelsFirst: cf)
  }

  /// Concatenate along `axis` (the last, Keras's channels, by default).
  mutating func concatenate(_ site: Site, _ inputs: [KerasTensor]) throws(NetCostError) -> KerasTensor {
    let xs = try aligned(site, inputs)
    let a = try site.config.int("axis", default: -1, minimum: Int.min)
    guard let axis = xs[0].axis(a) else {
      throw site.config.error("axis", "axis \(a) is outside the input \(xs[0].kerasDescription)")
    }
    return try add(site, kind: "concat", op: Concat(axis: axis), inputs: xs, channelsFirst: xs[0].channelsFirst)
  }
}
