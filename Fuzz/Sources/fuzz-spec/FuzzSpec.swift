// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// Layers a fuzzed spec may expand to. The tool's own limit (a million)
/// takes seconds under AddressSanitizer, past the 10 s per-input limit, and
/// the expansion code that enforces a limit is the same for any value: the
/// hostile cases (Tests/Fixtures/hostile/cases.tsv) pin the real one.
let fuzzMaxLayers = 20_000

/// A native JSON spec: parse, expand, analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let json = try JSONCParser.parse(bytes: FuzzProperty.bytes(data, size), file: "fuzz.json")
    try FuzzProperty.analyzeAndRender(
      try NativeSpec.load(json: json, file: "fuzz.json", maxLayers: fuzzMaxLayers), file: "fuzz.json")
  }
  return 0
}

/// Builds netcost's lazy globals before leak tracking starts (see ``FuzzProperty/warmUp(_:_:_:)``).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  FuzzProperty.warmUp(argc, argv, fuzzSpec)
  return 0
}
