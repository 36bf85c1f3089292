// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// A Keras model configuration (the JSON inside a .keras or .h5 file): parse, build, analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeras(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let json = try JSONCParser.parse(bytes: FuzzProperty.bytes(data, size), file: "model.json")
    try FuzzProperty.analyzeAndRender(try KerasImport.load(json, file: "model.json", name: "fuzz"), file: "model.json")
  }
  return 0
}

/// Builds netcost's lazy globals before leak tracking starts (see ``FuzzProperty/warmUp(_:_:_:)``).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  FuzzProperty.warmUp(argc, argv, fuzzKeras)
  return 0
}
