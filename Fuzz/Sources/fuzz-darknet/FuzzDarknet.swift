// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// A Darknet .cfg: parse, import, analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDarknet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let config = try DarknetConfig.parse(bytes: FuzzProperty.bytes(data, size), file: "fuzz.cfg")
    try FuzzProperty.analyzeAndRender(try DarknetImport.load(config), file: "fuzz.cfg")
  }
  return 0
}

/// Builds netcost's lazy globals before leak tracking starts (see ``FuzzProperty/warmUp(_:_:_:)``).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  FuzzProperty.warmUp(argc, argv, fuzzDarknet)
  return 0
}
