// netcost — Apache-2.0

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
  /// The candidate closest to `word`, if one is close enough to be a likely typo.
  public static func closest<C: Collection>(to word: String, in candidates: C) -> String? where C.Element == String {
    // Edit distance is quadratic: a name longer than any real one is no typo.
    guard word.utf8.count <= 64 else { return nil }
    var best: (String, Int)?
    let w = Array(word.lowercased().utf8)
    for c in candidates where c.utf8.count <= 64 {
      let cl = Array(c.lowercased().utf8)
      var d = distance(w, cl)
      // A prefix of the real name ("ceil" for "ceil_mode") is as good as a near miss.
      if w.count >= 3, cl.starts(with: w) || w.starts(with: cl) { d = min(d, 1) }
      if d <= max(1, w.count / 3), d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
  }

  /// Edit distance counting a swap of two neighbours as one edit
  /// (optimal string alignment), since "imgae" is one slip from "image".
  static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev2 = Array(repeating: 0, count: b.count + 1)
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], prev2[j - 2] + 1) }
      }
      (prev2, prev, cur) = (prev, cur, prev2)
    }
    return prev[b.count]
  }
}
