// swift-tools-version:6.1
//
// netcost: a model-cost calculator and static network analyzer.
//
// Targets:
//   CJSONC       json-c, the C JSON parser every JSON input goes through
//                (Debian: libjson-c-dev; pkg-config: json-c).
//   SwiftProtobuf  decodes ONNX models (protobuf) from Swift code generated
//                from Sources/NetCost/Formats/ONNX/onnx-subset.proto
//                (Scripts/regenerate-onnx.sh), and Caffe .prototxt files (text
//                format) from Formats/Caffe/caffe-subset.proto
//                (Scripts/regenerate-caffe.sh). Its default traits are off:
//                they pull in full Foundation for stream APIs netcost never uses.
//   CHDF5        libhdf5's headers, for reading the model_config attribute of
//                legacy Keras .h5 files (Debian: libhdf5-dev). The library is
//                loaded with dlopen on the first .h5 read, not linked, so
//                start-up does not pay for it and its dependencies.
//   ZIPFoundation  reads config.json out of Keras .keras archives (zips).
//   NetCost      the library users embed: graph, formats, analyses, reports.
//   CNetCostKernels  the innermost convolution loops in C, compiled for
//                AVX2+FMA and for the baseline, chosen at run time.
//   NetCostProfile   CPU convolution kernels, timing harness and machine
//                peak measurements (`bench-conv`, `profile`). Its GEMM kernels
//                open OpenBLAS (libopenblas.so.0, Debian libopenblas-dev) with
//                dlopen on first use: linked, its thread pool would start (and
//                spin) in every netcost process. GPU/ holds the
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
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    .systemLibrary(
      name: "CJSONC",
      pkgConfig: "json-c",
      providers: [.apt(["libjson-c-dev"])]
    ),
    .systemLibrary(
      name: "CHDF5",
      providers: [.apt(["libhdf5-dev"])]
    ),
    .target(
      name: "NetCost",
      dependencies: [
        "CJSONC",
        "CHDF5",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Formats/ONNX/onnx-subset.proto", "Formats/Caffe/caffe-subset.proto"]
    ),
    .target(
      name: "CNetCostKernels",
      exclude: ["kernels_body.h"]
    ),
    .target(
      name: "NetCostProfile",
      dependencies: ["NetCost", "CNetCostKernels"]
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
