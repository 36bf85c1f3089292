// netcost — Apache-2.0

import ArgumentParser
import NetCost

#if canImport(Glibc)
  import Glibc
#endif

@main
struct NetCostCommand: ParsableCommand {
  static func main() {
    // A short-lived process that builds and drops a large tree of small
    // objects: glibc's fast bins only add a consolidation pass on free.
    // mallopt is in <malloc.h>, which the Glibc module does not export.
    #if canImport(Glibc)
      if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mMxFast: Int32 = 1  // M_MXFAST
        _ = unsafeBitCast(sym, to: Mallopt.self)(mMxFast, 0)
      }
    #endif
    suggestCommand(CommandLine.arguments.dropFirst().first)
    // As ParsableCommand.main, but a usage error echoing the command line is
    // printed through the one escape routine (a control byte in an argument
    // stays visible text).
    do {
      var command = try parseAsRoot(nil)
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .success { Self.exit(withError: error) }  // --help, --version: as ArgumentParser prints them
      writeStderr(PrintableText.lines(fullMessage(for: error)) + "\n")
      Glibc.exit(code.rawValue)
    }
  }

  /// A first argument that is neither an option nor a command (`anlyze`):
  /// says which command it likely meant and exits 64, where the parser
  /// would only call it an unexpected argument.
  static func suggestCommand(_ word: String?) {
    guard let word, !word.hasPrefix("-"), word != "help" else { return }
    let names = configuration.subcommands.map { $0.configuration.commandName ?? "\($0)".lowercased() }
    guard !names.contains(word) else { return }
    let hint = Suggest.closest(to: word, in: names).map { " (did you mean '\($0)'?)" } ?? ""
    writeStderr(
      "netcost: error: unknown command '\(PrintableText.name(String(word.prefix(64))))'\(hint); the commands are \(names.joined(separator: ", "))\n"
    )
    Glibc.exit(64)
  }

  static let configuration = CommandConfiguration(
    commandName: "netcost",
    abstract: "Model-cost calculator and static network analyzer.",
    discussion: """
      Exit status: 0 success; 1 a check failed (`netcost check`: a limit exceeded); \
      2 bad input (an unreadable or invalid model, spec or file); 64 a misused command or option \
      (an unknown option, a value it does not take).
      """,
    version: NetCost.version,
    subcommands: [
      Analyze.self, Compare.self, Diff.self, Check.self, BaselineCommand.self, RF.self, Ops.self, BenchConv.self,
      Profile.self, ReportCommand.self,
    ],
    defaultSubcommand: nil
  )
}

/// Prints a library error the way every subcommand does and exits 2;
/// several errors (a spec's independent mistakes) print one line each.
func fail(_ error: NetCostError) -> Never {
  writeStderr("netcost: " + error.description + "\n")
  exit(2)
}

/// Writes a report: control bytes from the model (a layer name holding a
/// terminal escape) are shown escaped, never sent raw.
func writeStdout(_ s: String) { writeAll(1, PrintableText.text(s)) }

/// Standard output as a renderer's sink: each piece written as it comes,
/// shown by the rule of ``writeStdout(_:)``.
var standardOutput: ByteSink { ByteSink { piece in PrintableText.show(piece) { writeAll(1, $0) } } }

func writeStderr(_ s: String) { writeAll(2, s) }

/// Writes all of `s` to a file descriptor (a pipe may take it in pieces).
func writeAll(_ fd: Int32, _ s: String) {
  var s = s
  s.withUTF8 { writeAll(fd, $0) }
}

/// Writes all of `buf` to a file descriptor.
func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
  guard let base = buf.baseAddress else { return }
  var off = 0
  while off < buf.count {
    let n = write(fd, base + off, buf.count - off)
    if n <= 0 { if errno == EINTR { continue } else { return } }
    off += n
  }
}

extension ReportFormat: ExpressibleByArgument {}
extension Optimizer: ExpressibleByArgument {}
