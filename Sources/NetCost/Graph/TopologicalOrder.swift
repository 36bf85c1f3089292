// netcost — Apache-2.0

/// The one topological sort netcost uses, for layers (``Graph``) and for an
/// importer's nodes (ONNX sorts its nodes before reading them).
///
/// Kahn's algorithm, always taking the earliest-written node that is ready,
/// so an order that already works is kept as written and an unsorted file
/// gets the same order on every run.
public enum TopologicalOrder {
  /// Orders nodes `0..<count` so that each comes after its producers.
  ///
  /// - Parameters:
  ///   - count: The number of nodes.
  ///   - producers: The nodes node `i` reads from (duplicates allowed; a node
  ///     listing itself can never be ready).
  /// - Returns: The order, and the nodes left blocked in ascending order: empty
  ///   when the order is complete, otherwise the nodes on or behind a cycle.
  public static func sort(count: Int, producers: (Int) -> [Int]) -> (order: [Int], blocked: [Int]) {
    var indegree = Array(repeating: 0, count: count)
    var consumers = Array(repeating: [Int](), count: count)
    for i in 0..<count {
      let from = Set(producers(i))
      indegree[i] = from.count
      for p in from { consumers[p].append(i) }
    }
    var ready = Heap()
    for i in 0..<count where indegree[i] == 0 { ready.push(i) }
    var order: [Int] = []
    order.reserveCapacity(count)
    while let i = ready.pop() {
      order.append(i)
      for c in consumers[i] {
        indegree[c] -= 1
        if indegree[c] == 0 { ready.push(c) }
      }
    }
    guard order.count < count else { return (order, []) }
    return (order, (0..<count).filter { indegree[$0] > 0 })
  }

  /// A minimal binary min-heap of node indices.
  private struct Heap {
    var a: [Int] = []

    mutating func push(_ v: Int) {
      a.append(v)
      var i = a.count - 1
      while i > 0 {
        let p = (i - 1) / 2
        if a[p] <= a[i] { break }
        a.swapAt(p, i)
        i = p
      }
    }

    mutating func pop() -> Int? {
      guard !a.isEmpty else { return nil }
      let top = a[0]
      let last = a.removeLast()
      if !a.isEmpty {
        a[0] = last
        var i = 0
        while true {
          let l = 2 * i + 1
          let r = l + 1
          var m = i
          if l < a.count, a[l] < a[m] { m = l }
          if r < a.count, a[r] < a[m] { m = r }
          if m == i { break }
          a.swapAt(i, m)
          i = m
        }
      }
      return top
    }
  }
}
