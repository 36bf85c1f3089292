// netcost — Apache-2.0

import NetCost

#if canImport(Glibc)
  import Glibc
#endif

/// The property every input obeys, checked on each fuzz input: the reader
/// and the analyzer either succeed, or throw a ``NetCostError`` whose
/// message is exactly one printable line. Anything else (a trap, a crash, a
/// message with a raw control byte or a line break) aborts the run, which
/// libFuzzer records as a finding with the input that caused it.
public enum FuzzProperty {
  /// Runs `body`; aborts when it throws an error whose message breaks the property.
  public static func check(_ body: () throws(NetCostError) -> Void) {
    do {
      try body()
    } catch {
      let message = error.description
      guard isOneLine(message) else {
        finding("a message that is not one printable line: \(message.debugDescription)")
        abort()
      }
    }
  }

  /// Whether `s` is one non-empty line of printable characters.
  public static func isOneLine(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy(PrintableText.isPrintable)
  }

  /// Analyzes `graph` and renders the report in every format (renderers see the same names).
  public static func analyzeAndRender(_ graph: Graph, file: String) throws(NetCostError) {
    let report = try Analyzer.analyze(graph, options: AnalysisOptions(), file: file)
    for format in ReportFormat.allCases {
      let text = format.render(report)
      guard text.utf8.count > 0 else {
        finding("the \(format) report is empty")
        abort()
      }
    }
  }

  /// Writes a finding to standard error.
  static func finding(_ s: String) {
    var line = "fuzz: " + s + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  }

  /// Runs `target` once over every file of the corpus folders named on the
  /// command line, with LeakSanitizer paused: globals that netcost builds
  /// lazily on first use (the built-in blocks, the op registry, protobuf's
  /// tables) are built here, not counted as leaks of the first input that
  /// reaches them. Call it from `LLVMFuzzerInitialize`.
  public static func warmUp(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ target: (UnsafePointer<UInt8>, Int) -> CInt
  ) {
    typealias Toggle = @convention(c) () -> Void
    func symbol(_ name: String) -> Toggle? {
      // RTLD_DEFAULT (nil on glibc): the sanitizer runtime linked into this binary, when there is one.
      dlsym(nil, name).map { unsafeBitCast($0, to: Toggle.self) }
    }
    let disable = symbol("__lsan_disable")
    let enable = symbol("__lsan_enable")
    disable?()
    defer { enable?() }
    for i in 1..<Int(argc.pointee) {
      guard let arg = argv.pointee?[i], arg.pointee != 0x2D else { continue }  // options start with '-'
      let folder = String(cString: arg)
      guard let dir = opendir(folder) else { continue }
      defer { closedir(dir) }
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard !name.hasPrefix(".") else { continue }
        guard let bytes = try? BoundedFile.read(folder + "/" + name, limit: 1 << 20, what: "a seed") else { continue }
        bytes.withUnsafeBufferPointer { b in
          if let base = b.baseAddress { _ = target(base, b.count) }
        }
      }
    }
  }

  /// The fuzz input as a byte array.
  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }
}
