// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// Layers of a built graph that the fuzzer goes on to analyze and render.
/// A valid config with thousands of hidden layers (fuzz-hfconfig's first
/// long run mutated 28 into 4,336: 74,000 layers) takes 0.7 s in a release
/// build but over the 10 s per-input limit under AddressSanitizer; parsing
/// and building it are still fuzzed, as with fuzz-spec's layer cap.
let fuzzMaxLayers = 20_000

/// A Hugging Face config.json: parse, build the transformer graph, analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHFConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let json = try JSONCParser.parse(bytes: FuzzProperty.bytes(data, size), file: "config.json")
    let model = try HFConfigImport.build(json, file: "config.json")
    guard model.graph.layers.count <= fuzzMaxLayers else { return }
    try FuzzProperty.analyzeAndRender(model.graph, file: "config.json")
  }
  return 0
}

/// Builds netcost's lazy globals before leak tracking starts (see ``FuzzProperty/warmUp(_:_:_:)``).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  FuzzProperty.warmUp(argc, argv, fuzzHFConfig)
  return 0
}
