// swift-tools-version:6.1
//
// libFuzzer targets for netcost's readers, one per format, outside the root
// package so that normal builds never see them. Build and run with
// `make fuzz` (Fuzz/run.sh); by hand:
//
//   cd Fuzz && swift build -c release --sanitize=fuzzer --sanitize=address \
//     -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
//   .build/release/fuzz-spec -dict=dict/spec.dict corpus-dir
//
// Each target feeds the bytes to a reader and the analyzer, and aborts when
// an error message is not exactly one printable line (the property every
// input obeys); crashes, leaks and timeouts are libFuzzer's own findings.
import Foundation
import PackageDescription

// The root package, by path; SwiftPM names a path dependency after its
// folder, which differs between checkouts (netcost, main, a worktree).
let rootFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let root = rootFolder.lastPathComponent.lowercased()

// No generated `main`: libFuzzer's runs and calls LLVMFuzzerTestOneInput.
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "netcost-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "FuzzSupport", dependencies: [.product(name: "NetCost", package: root)])
  ]
)

for format in ["spec", "onnx", "darknet", "caffe", "hfconfig", "keras"] {
  package.targets.append(
    .executableTarget(
      name: "fuzz-\(format)",
      dependencies: ["FuzzSupport", .product(name: "NetCost", package: root)],
      swiftSettings: fuzzer))
}
