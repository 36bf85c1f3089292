// swift-tools-version:6.1
//
// netcost: a model-cost calculator and static network analyzer.
//
// Targets:
//   CJSONC       json-c, the C JSON parser every JSON input goes through
//                (Debian: libjson-c-dev; pkg-config: json-c).
//   SwiftProtobuf  decodes ONNX models (protobuf) from Swift code generated
//                from Sources/NetCost/Formats/ONNX/onnx-subset.proto
//                (Scripts/regenerate-onnx.sh). Its default traits are off:
//                they pull in full Foundation for stream APIs netcost never uses.
//   NetCost      the library users embed: graph, formats, analyses, reports.
//   CBLAS        OpenBLAS's CBLAS interface (Debian: libopenblas-dev;
//                pkg-config: openblas, else the library is linked by name).
//   CNetCostKernels  the innermost convolution loops in C, compiled for
//                AVX2+FMA and for the baseline, chosen at run time.
//   NetCostProfile   CPU convolution kernels, timing harness and machine
//                peak measurements (`bench-conv`, `profile`); GPU/ holds the
//                NVIDIA backend, which loads CUDA's driver, NVRTC and cuBLAS
//                with dlopen at run time, so nothing here links or needs CUDA.
//   netcost      the command-line tool; argument handling and printing only.
//   NetCostTestSupport  what the test targets share: the repository root,
//                fixtures, and running the built binary (not a product).
import PackageDescription

let package = Package(
  name: "netcost",
  products: [
    .library(name: "NetCost", targets: ["NetCost"]),
    .library(name: "NetCostProfile", targets: ["NetCostProfile"]),
    .executable(name: "netcost", targets: ["netcost"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0", traits: []),
  ],
  targets: [
    .systemLibrary(
      name: "CJSONC",
      pkgConfig: "json-c",
      providers: [.apt(["libjson-c-dev"])]
    ),
    .target(
      name: "NetCost",
      dependencies: [
        "CJSONC",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["Formats/ONNX/onnx-subset.proto"]
    ),
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(
      name: "CNetCostKernels",
      exclude: ["kernels_body.h"]
    ),
    .target(
      name: "NetCostProfile",
      dependencies: ["NetCost", "CBLAS", "CNetCostKernels"]
    ),
    .executableTarget(
      name: "netcost",
      dependencies: [
        "NetCost",
        "NetCostProfile",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "NetCostTestSupport",
      path: "Sources/NetCostTestSupport"
    ),
    .testTarget(
      name: "NetCostTests",
      dependencies: ["NetCost", "NetCostTestSupport"],
      path: "Tests/NetCostTests"
    ),
    .testTarget(
      name: "NetCostProfileTests",
      dependencies: ["NetCost", "NetCostProfile", "CNetCostKernels", "NetCostTestSupport"],
      path: "Tests/NetCostProfileTests"
    ),
    .testTarget(
      name: "NetCostCLITests",
      dependencies: ["NetCost", "NetCostTestSupport"],
      path: "Tests/NetCostCLITests"
    ),
  ]
)
