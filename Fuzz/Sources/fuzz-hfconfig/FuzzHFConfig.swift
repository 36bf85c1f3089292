// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// A Hugging Face config.json: parse, build the transformer graph, analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHFConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let json = try JSONCParser.parse(bytes: FuzzProperty.bytes(data, size), file: "config.json")
    let model = try HFConfigImport.build(json, file: "config.json")
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
