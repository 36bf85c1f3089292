// netcost — Apache-2.0

/// Einstein summation (ONNX Einsum, `torch.einsum`): the equation names
/// each operand's axes with letters (`bhqd,bhkd->bhqk`); letters shared by
/// operands are multiplied together, letters missing from the output are
/// summed. `...` stands for the leading axes an operand has beyond its
/// letters (broadcast as in NumPy). Without `->` the output is the letters
/// used once, in alphabetical order, after the ellipsis axes.
///
/// MACs are the product of every index's extent (each combination of index
/// values is one multiply-accumulate), which is what fvcore counts for a
/// two-operand einsum that sums over an index; for an einsum that sums
/// nothing (an outer or element-wise product) fvcore counts half of that,
/// rounded down (numpy's `einsum_path` cost without its inner-product
/// factor). FLOPs: (operands − 1) multiplies per index combination, plus
/// the additions folding them into the outputs (product − output elements).
///
/// ``operands`` gives the shapes of stored operands, nil where the operand
/// is an input; the layer's inputs are the computed ones, in order.
public struct Einsum: Operator {
  public static let arity = 1...Int.max
  public static let flopRule =
    "(operands − 1)·P + P − output elements, P = product of every index extent; MACs = P"

  /// The equation, as ONNX writes it.
  public var equation: String
  /// Stored operands' shapes, nil for an input, one per operand.
  public var operands: [[Int]?]

  /// An einsum over operands whose stored ones have these shapes (nil: an input).
  public init(equation: String, operands: [[Int]?]) {
    self.equation = equation
    self.operands = operands
  }

  /// The parsed equation: per operand its labels (−1 for the ellipsis), and the output's.
  struct Parsed {
    var terms: [[Character]]
    var ellipsis: [Bool]
    var output: [Character]
    var outputEllipsis: Bool
  }

  /// Parses the equation for `count` operands.
  static func parse(_ equation: String, count: Int) throws(ShapeIssue) -> Parsed {
    let text = equation.filter { $0 != " " }
    let sides = text.split(separator: "->", omittingEmptySubsequences: false)
    guard sides.count <= 2 else { throw ShapeIssue("einsum equation '\(equation)' has more than one '->'") }
    func term(_ s: Substring) throws(ShapeIssue) -> ([Character], Bool) {
      var letters: [Character] = []
      var ell = false
      var rest = s
      while let c = rest.first {
        if rest.hasPrefix("...") {
          guard !ell else { throw ShapeIssue("einsum term '\(s)' has two ellipses") }
          ell = true
          letters.append(".")
          rest = rest.dropFirst(3)
          continue
        }
        guard c.isASCII, c.isLetter else { throw ShapeIssue("einsum equation '\(equation)': '\(c)' is not a letter") }
        letters.append(c)
        rest = rest.dropFirst()
      }
      return (letters, ell)
    }
    let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false)
    guard inputs.count == count else {
      throw ShapeIssue("einsum equation '\(equation)' names \(inputs.count) operands, found \(count)")
    }
    var terms: [[Character]] = []
    var ells: [Bool] = []
    for i in inputs {
      let (t, e) = try term(i)
      terms.append(t)
      ells.append(e)
    }
    var output: [Character]
    var outEll: Bool
    if sides.count == 2 {
      (output, outEll) = try term(sides[1])
    } else {
      var seen: [Character: Int] = [:]
      for t in terms { for c in t where c != "." { seen[c, default: 0] += 1 } }
      outEll = ells.contains(true)
      output = (outEll ? ["."] : []) + seen.filter { $0.value == 1 }.keys.sorted()
    }
    return Parsed(terms: terms, ellipsis: ells, output: output, outputEllipsis: outEll)
  }

  /// Every index's extent, the ellipsis axes' broadcast shape, and the output shape.
  func solve(_ inputs: [Shape]) throws(ShapeIssue) -> (extents: [Character: Int], ellipsis: [Int], output: [Int]) {
    var rest = inputs.map(\.dims)[...]
    var shapes: [[Int]] = []
    for o in operands {
      if let o {
        shapes.append(o)
      } else if let s = rest.popFirst() {
        shapes.append(s)
      } else {
        throw ShapeIssue("einsum has fewer inputs than its equation's operands")
      }
    }
    guard rest.isEmpty else { throw ShapeIssue("einsum has more inputs than its equation's operands") }
    let p = try Self.parse(equation, count: shapes.count)
    var extents: [Character: Int] = [:]
    var ell: [Int] = []
    for (k, (t, s)) in zip(p.terms, shapes).enumerated() {
      let named = t.count - (p.ellipsis[k] ? 1 : 0)
      guard p.ellipsis[k] ? s.count >= named : s.count == named else {
        throw ShapeIssue("einsum operand \(k + 1) has shape \(s) but the equation names \(named) axes ('\(String(t))')")
      }
      let ellRank = s.count - named
      var axis = 0
      for c in t {
        if c == "." {
          ell = try Elementwise.broadcast(ell, Array(s[axis..<(axis + ellRank)])) { "einsum ellipsis axes" }
          axis += ellRank
          continue
        }
        let n = s[axis]
        if let e = extents[c], e != n {
          guard e == 1 || n == 1 else {
            throw ShapeIssue("einsum index '\(c)' is \(e) in one operand and \(n) in operand \(k + 1)")
          }
          extents[c] = max(e, n)
        } else if extents[c] == nil {
          extents[c] = n
        }
        axis += 1
      }
    }
    var out: [Int] = []
    for c in p.output {
      if c == "." {
        out += ell
        continue
      }
      guard let e = extents[c] else { throw ShapeIssue("einsum output index '\(c)' appears in no operand") }
      out.append(e)
    }
    return (extents, ell, out)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let out = try solve(inputs).output
    guard let s = Shape(out.isEmpty ? [1] : out) else { throw ShapeIssue("einsum gives an empty axis \(out)") }
    return [s]
  }

  /// The product of every index extent (ellipsis axes included).
  public func indexProduct(_ inputs: [Shape]) throws(ArithmeticOverflow) -> Int {
    guard let s = try? solve(inputs) else { return 0 }
    return try Checked.product(Array(s.extents.values) + s.ellipsis, "MACs")
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let p = try indexProduct(inputs)
    let outElems = try outputs[0].elementCount()
    let mults = try Checked.mul(max(0, operands.count - 1), p, "FLOPs")
    return LayerCost(macs: p, flops: try Checked.add(mults, max(0, p - outElems), "FLOPs"))
  }

  /// An einsum mixes positions along every contracted axis.
  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    inputs.contains { $0.axes != nil } ? .unknown("einsum") : FieldRule.merge(inputs)
  }
}
