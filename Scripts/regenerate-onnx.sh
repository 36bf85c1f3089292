#!/bin/sh
# Regenerates Sources/NetCost/Formats/ONNX/onnx-subset.pb.swift from
# onnx-subset.proto with protoc and swift-protobuf's protoc-gen-swift (the
# plugin's version must match the SwiftProtobuf dependency in Package.swift).
#
#   Scripts/regenerate-onnx.sh            # builds the plugin in /tmp/swift-protobuf if missing
#   PROTOC_GEN_SWIFT=/path/to/protoc-gen-swift Scripts/regenerate-onnx.sh
set -eu
cd "$(dirname "$0")/.."
VERSION=1.39.0
if ! command -v protoc >/dev/null; then
  echo "protoc not found: apt-get install -y protobuf-compiler" >&2
  exit 1
fi
PLUGIN=${PROTOC_GEN_SWIFT:-/tmp/swift-protobuf/.build/release/protoc-gen-swift}
if [ ! -x "$PLUGIN" ]; then
  # The local package mirror when there is one, else GitHub.
  SRC=/opt/swift-packages/apple/swift-protobuf.git
  [ -d "$SRC" ] || SRC=https://github.com/apple/swift-protobuf.git
  rm -rf /tmp/swift-protobuf
  git clone -q "$SRC" /tmp/swift-protobuf
  (cd /tmp/swift-protobuf && git checkout -q "$VERSION" && swift build -c release --product protoc-gen-swift)
  PLUGIN=/tmp/swift-protobuf/.build/release/protoc-gen-swift
fi
DIR=Sources/NetCost/Formats/ONNX
protoc --plugin=protoc-gen-swift="$PLUGIN" --swift_opt=Visibility=Internal \
  --proto_path="$DIR" --swift_out="$DIR" "$DIR/onnx-subset.proto"
echo "wrote $DIR/onnx-subset.pb.swift"
