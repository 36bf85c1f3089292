// netcost — Apache-2.0

import ArgumentParser
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

struct Ops: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every op netcost knows, with its FLOP rule; `netcost ops conv` shows one op's fields.")

  @Argument(help: "An op's spec name (conv, linear, max_pool…): print its fields, their meanings and defaults.")
  var op: String?

  @Flag(help: "Print the built-in blocks (attention, transformer layers) as the spec language defines them.")
  var blocks = false

  func run() throws {
    if blocks {
      writeStdout(BuiltinBlocks.source + "\n")
      return
    }
    if let op {
      guard let t = OperatorRegistry.type(for: op) else {
        if BuiltinBlocks.names.contains(op) {
          usageFailure(
            "'\(op)' is a built-in block, not an op: call it with {\"block\": \"\(op)\", \"args\": {…}} (`netcost ops --blocks` prints its definition)"
          )
        }
        let hint = Suggest.closest(to: op, in: OperatorRegistry.byKind.keys).map { " (did you mean '\($0)'?)" } ?? ""
        usageFailure("unknown op '\(op.prefix(64))'\(hint); `netcost ops` lists them")
      }
      writeStdout(OpHelp.text(t, kind: op.lowercased()))
      return
    }
    var s = ""
    for t in OperatorRegistry.all {
      s += t.kinds.joined(separator: ", ") + "\n    FLOPs: " + t.flopRule + "\n"
    }
    writeStdout(s)
  }
}
