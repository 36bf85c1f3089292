#!/bin/sh
# Regenerates Sources/NetCost/Formats/Caffe/caffe-subset.pb.swift from
# caffe-subset.proto with protoc and swift-protobuf's protoc-gen-swift (the
# plugin's version must match the SwiftProtobuf dependency in Package.swift),
# the same way Scripts/regenerate-onnx.sh does for ONNX.
#
#   Scripts/regenerate-caffe.sh           # builds the plugin in /tmp/swift-protobuf if missing
#   PROTOC_GEN_SWIFT=/path/to/protoc-gen-swift Scripts/regenerate-caffe.sh
#
# After editing the .proto, check it against BVLC Caffe's caffe.proto:
#   Scripts/check-caffe-proto.py /path/to/caffe/src/caffe/proto/caffe.proto
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
DIR=Sources/NetCost/Formats/Caffe
protoc --plugin=protoc-gen-swift="$PLUGIN" --swift_opt=Visibility=Internal \
  --proto_path="$DIR" --swift_out="$DIR" "$DIR/caffe-subset.proto"
echo "wrote $DIR/caffe-subset.pb.swift"
