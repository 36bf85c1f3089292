// netcost — Apache-2.0

/// Parses the sizes `bench-conv` takes on the command line: `64x56x56`,
/// `3`, `3x5`, and paddings `1`, `1,2`, `1,1,1,1`.
public enum DimensionList {
  /// Parses `count` sizes joined by `x` (`64x56x56`); with `count` 2 one size stands for both.
  ///
  /// - Throws: ``ProfileError`` naming `option` and what was expected.
  public static func parse(_ s: String, _ option: String, count: Int) throws(ProfileError) -> [Int] {
    let parts = s.lowercased().split(separator: "x", omittingEmptySubsequences: false).map {
      Int($0.trimmingWhitespace)
    }
    guard parts.allSatisfy({ $0 != nil }) else {
      throw ProfileError(
        "\(option) '\(s)': expected \(count == 3 ? "C×H×W, e.g. 64x56x56" : "an integer or two joined by 'x', e.g. 3 or 3x5")"
      )
    }
    let v = parts.map { $0! }
    if v.count == count { return v }
    if v.count == 1 && count == 2 { return [v[0], v[0]] }
    throw ProfileError("\(option) '\(s)': expected \(count) values joined by 'x', found \(v.count)")
  }

  /// Parses `--pad`: `P`, `PH,PW` or `top,left,bottom,right`.
  public static func pads(_ s: String) throws(ProfileError) -> (top: Int, left: Int, bottom: Int, right: Int) {
    let v = s.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingWhitespace) }
    guard v.allSatisfy({ $0 != nil }) else {
      throw ProfileError("--pad '\(s)': expected P, PH,PW or top,left,bottom,right")
    }
    let p = v.map { $0! }
    switch p.count {
    case 1: return (p[0], p[0], p[0], p[0])
    case 2: return (p[0], p[1], p[0], p[1])
    case 4: return (p[0], p[1], p[2], p[3])
    default: throw ProfileError("--pad '\(s)': expected 1, 2 or 4 comma-separated values, found \(p.count)")
    }
  }
}

extension Substring {
  var trimmingWhitespace: Substring {
    var s = self
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return s
  }
}
