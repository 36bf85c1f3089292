// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// A Caffe prototxt: scan, decode, build, analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaffe(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let model = try CaffeImport.load(bytes: FuzzProperty.bytes(data, size), file: "fuzz.prototxt")
    try FuzzProperty.analyzeAndRender(model.graph, file: "fuzz.prototxt")
  }
  return 0
}

/// Builds netcost's lazy globals before leak tracking starts (see ``FuzzProperty/warmUp(_:_:_:)``).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  FuzzProperty.warmUp(argc, argv, fuzzCaffe)
  return 0
}
