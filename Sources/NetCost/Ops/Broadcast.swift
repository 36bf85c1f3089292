// netcost — Apache-2.0

/// NumPy broadcasting of any number of shapes.
enum Broadcast {
  /// The broadcast shape, or an issue naming `what`.
  static func dims(_ shapes: [[Int]], _ what: String) throws(ShapeIssue) -> [Int] {
    var out: [Int] = []
    for (k, s) in shapes.enumerated() {
      if k == 0 {
        out = s
        continue
      }
      out = try Elementwise.broadcast(out, s) { "\(what) operand 1 and operand \(k + 1) (\(s))" }
    }
    return out
  }
}
