// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct Ops: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List every op netcost knows, with its FLOP rule.")

  func run() throws {
    var s = ""
    for t in OperatorRegistry.all {
      s += t.kinds.joined(separator: ", ") + "\n    FLOPs: " + t.flopRule + "\n"
    }
    writeStdout(s)
  }
}
