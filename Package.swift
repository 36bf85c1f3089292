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
//   netcost      the command-line tool; argument handling and printing only.
import PackageDescription

let package = Package(
  name: "netcost",
  products: [
    .library(name: "NetCost", targets: ["NetCost"]),
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
    .executableTarget(
      name: "netcost",
      dependencies: [
        "NetCost",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "NetCostTests",
      dependencies: ["NetCost"],
      path: "Tests/NetCostTests"
    ),
    .testTarget(
      name: "NetCostCLITests",
      dependencies: ["NetCost"],
      path: "Tests/NetCostCLITests"
    ),
  ]
)
