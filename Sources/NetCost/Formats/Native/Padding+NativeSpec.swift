// netcost — Apache-2.0

extension Padding {
  /// Reads `pad` from a layer: an integer, a list with one integer per
  /// axis, a list of `[begin, end]` pairs, or "same"/"same_lower"/"valid"/"full".
  public static func read(_ attrs: Attributes, key: String = "pad", named: Bool = true) throws -> Padding {
    let forms = named ? ", or one of \"same\", \"same_lower\", \"valid\", \"full\"" : ""
    attrs.describe(key, "an integer ≥ 0, one per spatial axis, or [begin, end] pairs\(forms)", default: "0")
    guard let v = attrs.value(key) else { return .explicit(.all(0, 0)) }
    let bad = attrs.error(
      key,
      "expected an integer ≥ 0, a list of them (one per spatial axis) or a list of [begin, end] pairs\(forms); found \(v.brief)"
        + Attributes.expressionHint(v))
    switch v {
    case .int(let p) where p >= 0: return .explicit(.all(p, p))
    case .string(let s) where named:
      switch s.lowercased() {
      case "valid": return .valid
      case "same", "same_upper": return .same
      case "same_lower": return .sameLower
      case "full": return .full
      default: throw bad
      }
    case .array(let a) where !a.isEmpty:
      var pairs: [(Int, Int)] = []
      for e in a {
        switch e {
        case .int(let p) where p >= 0: pairs.append((p, p))
        case .array(let pe):
          guard pe.count == 2, case .int(let b) = pe[0], case .int(let en) = pe[1], b >= 0, en >= 0 else { throw bad }
          pairs.append((b, en))
        default: throw bad
        }
      }
      return .explicit(.each(pairs))
    default: throw bad
    }
  }
}
