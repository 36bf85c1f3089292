#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time.
#
#   Fuzz/run.sh [TARGET…]          every target, or the named ones (spec onnx darknet caffe hfconfig keras)
#   FUZZ_SECONDS=60                seconds per target (make fuzz; .ci/run)
#   FUZZ_SANITIZE="fuzzer address" swift build --sanitize=… for each (fuzzer alone is faster, finds no memory errors)
#   FUZZ_RUNS=N                    stop each target after N executions instead of after FUZZ_SECONDS
#
# Each target starts from a seed corpus copied from Models/ and Tests/Fixtures
# into Fuzz/.corpus/TARGET (which keeps what libFuzzer adds between runs), with
# the format's dictionary in Fuzz/dict. A crash, a leak, a timeout (10 s per
# input), an input using over 2 GB or a message that is not one printable
# line stops the target; the input is saved under Fuzz/findings/TARGET and
# this script exits 1. For hours: FUZZ_SECONDS=14400 Fuzz/run.sh.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seconds=${FUZZ_SECONDS:-60}
sanitize=()
for s in ${FUZZ_SANITIZE:-fuzzer address}; do sanitize+=(--sanitize="$s"); done
# SwiftPM's --sanitize=fuzzer alone leaves the code without coverage counters (libFuzzer would mutate blind).
sanitize+=(-Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spec onnx darknet caffe hfconfig keras)

swift build -c release "${sanitize[@]}" >/dev/null || swift build -c release "${sanitize[@]}"
bin=$(swift build -c release "${sanitize[@]}" --show-bin-path)

seeds() {
  case "$1" in
    spec) ls $root/Models/*.json $root/Tests/Fixtures/rf/*.json $root/Tests/Fixtures/hostile/*.json ;;
    onnx) ls $root/Tests/Fixtures/onnx/{alexnet,resnet18,squeezenet1_0,vgg16,resnet50,googlenet,mobilenet_v2}.onnx \
      $root/Tests/Fixtures/hostile/*.onnx ;;
    darknet) ls $root/Tests/Fixtures/darknet/*.cfg $root/Tests/Fixtures/darknet/*/*.cfg ;;
    caffe) ls $root/Tests/Fixtures/caffe/*.prototxt $root/Tests/Fixtures/caffe/bad/*.prototxt ;;
    hfconfig) ls $root/Tests/Fixtures/llm/*/config.json ;;
    keras) ls $root/Tests/Fixtures/keras/{OpenInputCNN,SequentialCNN,SequentialCNN.keras2,SequenceModel,SequenceModel.keras2,VGG16,ResNet50.keras2,MobileNetV3Small.keras2}.json ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  corpus=.corpus/$t
  mkdir -p "$corpus" "findings/$t"
  n=0
  for f in $(seeds "$t"); do
    n=$((n + 1))
    cp "$f" "$corpus/seed-$n-$(basename "$f")"
  done
  limit=(-max_total_time="$seconds")
  [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
  budget="$seconds s"
  [ -n "${FUZZ_RUNS:-}" ] && budget="$FUZZ_RUNS runs"
  echo "== fuzz-$t: $budget, $(ls "$corpus" | wc -l) inputs in the corpus"
  # ASan: report leaks; Swift's runtime keeps its metadata caches alive on purpose.
  # Swift's own backtracer is off: under ASan its crash handler read a wild
  # pointer and ASan reported that instead of the trap that started it.
  if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "$bin/fuzz-$t" "$corpus" -dict="dict/$t.dict" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
      -max_len=262144 -artifact_prefix="findings/$t/" \
      -print_final_stats=1 2> "findings/$t/log.txt"; then
    echo "fuzz-$t: FINDING (see Fuzz/findings/$t/)"
    tail -30 "findings/$t/log.txt"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "findings/$t/log.txt" | sed "s/^/fuzz-$t: /"
  fi
done
exit $status
