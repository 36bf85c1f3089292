// netcost — Apache-2.0

import ArgumentParser
import NetCost

struct Ops: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List every op netcost knows, with its FLOP rule.")

  @Flag(help: "Print the built-in blocks (attention, transformer layers) as the spec language defines them.")
  var blocks = false

  func run() throws {
    if blocks {
      writeStdout(BuiltinBlocks.source + "\n")
      return
    }
    var s = ""
    for t in OperatorRegistry.all {
      s += t.kinds.joined(separator: ", ") + "\n    FLOPs: " + t.flopRule + "\n"
    }
    writeStdout(s)
  }
}
