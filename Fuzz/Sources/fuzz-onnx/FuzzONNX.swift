// netcost — Apache-2.0

import FuzzSupport
import NetCost

/// An ONNX model: protobuf decode, import (folding included), analyze, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzProperty.check { () throws(NetCostError) in
    let model = try ONNXImport.load(bytes: FuzzProperty.bytes(data, size), file: "fuzz.onnx")
    try FuzzProperty.analyzeAndRender(model.graph, file: "fuzz.onnx")
  }
  return 0
}

/// Builds netcost's lazy globals before leak tracking starts (see ``FuzzProperty/warmUp(_:_:_:)``).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  FuzzProperty.warmUp(argc, argv, fuzzONNX)
  return 0
}
