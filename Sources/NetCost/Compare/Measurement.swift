// netcost — Apache-2.0

extension Comparison {
  /// A model's measured time, read from `netcost profile --format json`,
  /// for `compare --profile`: matched to a model by file and batch.
  public struct Measurement: Sendable, Equatable {
    /// The profiled model's file, as `netcost profile` was given it.
    public var file: String?
    /// The model's name.
    public var model: String
    /// The batch it was timed at.
    public var batch: Int
    /// The sum of the fastest algorithms' median times, milliseconds.
    public var milliseconds: Double
    /// Achieved GFLOP/s over the timed layers.
    public var gflops: Double
    /// Where it ran (`cpu`, `gpu`) and on how many threads.
    public var device: String
    /// CPU threads used.
    public var threads: Int
    /// The profile file it came from.
    public var source: String

    /// Creates a measurement.
    public init(
      file: String?, model: String, batch: Int, milliseconds: Double, gflops: Double, device: String = "cpu",
      threads: Int = 1, source: String = "-"
    ) {
      self.file = file
      self.model = model
      self.batch = batch
      self.milliseconds = milliseconds
      self.gflops = gflops
      self.device = device
      self.threads = threads
      self.source = source
    }

    /// Reads a profile written by `netcost profile MODEL --format json`.
    ///
    /// - Throws: ``NetCostError`` when the file is unreadable or not such a profile.
    public static func load(file: String) throws(NetCostError) -> Measurement {
      let json = try JSONCParser.parse(file: file, limit: BoundedFile.Limit.report, what: "a profile")
      let top = SourceLocation(file: file, line: 1, column: 1)
      func number(_ v: JSONValue?) -> Double? { v?.number }
      guard case .object(let o) = json, case .string(let model)? = o["model"], case .int(let batch)? = o["batch"],
        case .object(let total)? = o["total"], let ms = number(total["ms"]), ms >= 0, ms.isFinite,
        let gflops = number(total["gflops"])
      else {
        throw .invalidSpec(
          top, layer: nil,
          message: "not a netcost profile (write one with `netcost profile MODEL --format json > FILE`)")
      }
      var path: String?
      if case .string(let f)? = o["file"] { path = f }
      var device = "cpu"
      if case .string(let d)? = o["device"] { device = d }
      var threads = 1
      if case .int(let t)? = o["threads"] { threads = t }
      return Measurement(
        file: path, model: model, batch: batch, milliseconds: ms, gflops: gflops, device: device, threads: threads,
        source: file)
    }

    /// `Models/./a.json` and `./Models/a.json` name the same file.
    static func normalized(_ path: String) -> String {
      var parts: [Substring] = []
      for p in path.split(separator: "/", omittingEmptySubsequences: true) where p != "." { parts.append(p) }
      return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// The measurement of `report` among `all`: same file (or, failing
    /// that, the only one with the same file name) and same batch; nil when
    /// none was taken, so that no time is ever guessed.
    static func of(_ report: Report, in all: [Measurement]) -> Measurement? {
      guard let file = report.file else { return nil }
      let sameBatch = all.filter { $0.batch == report.batch && $0.file != nil }
      let path = normalized(file)
      if let exact = sameBatch.first(where: { normalized($0.file!) == path }) { return exact }
      let name = path.split(separator: "/").last.map(String.init) ?? path
      let byName = sameBatch.filter { (normalized($0.file!).split(separator: "/").last.map(String.init)) == name }
      return byName.count == 1 ? byName[0] : nil
    }
  }
}
