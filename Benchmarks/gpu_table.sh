#!/usr/bin/env bash
# netcost — Apache-2.0
#
# Writes docs/gpu-results.md on a machine with an NVIDIA GPU: netcost's own
# CUDA kernels (`netcost profile MODEL --device gpu --batch 16`, float32 and
# with --tf32) next to PyTorch/cuDNN's forward pass of the same torchvision
# networks (Benchmarks/gpu_torch_forward.py, CUDA events after warm-ups) and
# the published GTX 1080 figures (batch 16) quoted in shared/SEEDS-DIGEST.md.
#
#   Benchmarks/gpu_table.sh                  build a release binary, measure, write docs/gpu-results.md
#   Benchmarks/gpu_table.sh --netcost PATH   use this binary instead of building (a GPU machine without Swift)
#   Benchmarks/gpu_table.sh --bundle DIR     only build, and copy netcost with the shared libraries it needs
#                                            (json-c, OpenBLAS) into DIR, to carry to a GPU machine; then
#                                            run there: Benchmarks/gpu_table.sh --netcost DIR/netcost
# Options: --batch N (16)  --models "alexnet …"  --out FILE (docs/gpu-results.md)
#          --raw DIR (Benchmarks/generated/gpu: every JSON measured)  --skip-torch  --no-tf32
#          --min-time S (0.2, netcost's per-algorithm timing floor)
#          --layers MODEL (resnet50: the model whose layers PyTorch also times one by one; "" for none)
#          --deadline S (start no netcost run after S seconds of this script; the table leaves the rest out)
#
# Needs: an NVIDIA driver (libcuda.so.1), NVRTC and cuBLAS (the CUDA toolkit,
# or PyTorch's pip packages: their folders are added to LD_LIBRARY_PATH when
# the loader does not find them), python3; PyTorch and torchvision for the
# PyTorch column. Exit status: 0 when the table was written and every run succeeded.
set -euo pipefail
cd "$(dirname "$0")/.."

BATCH=16
MODELS="alexnet googlenet vgg16 vgg19 resnet18 resnet34 resnet50 resnet101 resnet152"
OUT=docs/gpu-results.md
RAW=Benchmarks/generated/gpu
NETCOST=""
BUNDLE=""
TORCH=1
TF32=1
MIN_TIME=0.2
LAYERS=resnet50
DEADLINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --netcost) NETCOST="$2"; shift 2 ;;
    --bundle) BUNDLE="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --raw) RAW="$2"; shift 2 ;;
    --skip-torch) TORCH=0; shift ;;
    --no-tf32) TF32=0; shift ;;
    --min-time) MIN_TIME="$2"; shift 2 ;;
    --layers) LAYERS="$2"; shift 2 ;;
    --deadline) DEADLINE="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "gpu_table.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done

# 1. The binary: built here (release, Swift runtime linked statically) unless given.
if [ -z "$NETCOST" ]; then
  command -v swift >/dev/null || { echo "gpu_table.sh: no swift here; build elsewhere with --bundle DIR and pass --netcost DIR/netcost" >&2; exit 1; }
  swift build -c release --static-swift-stdlib --product netcost
  NETCOST=.build/release/netcost
fi
if [ -n "$BUNDLE" ]; then
  mkdir -p "$BUNDLE/lib"
  cp "$NETCOST" "$BUNDLE/netcost.bin"
  # Shared libraries outside the C and C++ runtimes (json-c, OpenBLAS and what it needs).
  ldd "$NETCOST" | awk '/=> \// {print $3}' | grep -Ev '/(libc|libm|libpthread|libdl|librt|libstdc\+\+|libgcc_s)\.so' \
    | while read -r lib; do cp -L "$lib" "$BUNDLE/lib/"; done
  cat >"$BUNDLE/netcost" <<'EOF'
#!/usr/bin/env bash
here="$(cd "$(dirname "$0")" && pwd)"
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/netcost.bin" "$@"
EOF
  chmod +x "$BUNDLE/netcost"
  echo "bundled: $BUNDLE/netcost ($(ls "$BUNDLE/lib" | tr '\n' ' '))"
  exit 0
fi
[ -x "$NETCOST" ] || { echo "gpu_table.sh: $NETCOST is not an executable" >&2; exit 1; }

# 2. CUDA's libraries: where the dynamic loader does not find NVRTC or cuBLAS,
# add the folders that hold them (the toolkit's, the driver's, PyTorch's pip packages).
have() {  # whether the dynamic loader finds a library whose name starts with $1
  ldconfig -p 2>/dev/null | grep -q "$1" && return 0
  local d dirs
  IFS=: read -ra dirs <<<"${LD_LIBRARY_PATH:-}"
  for d in "${dirs[@]}"; do compgen -G "$d/$1*" >/dev/null && return 0; done
  return 1
}
extra=""
for lib in libcuda.so.1 libnvrtc.so libcublas.so; do
  have "$lib" && continue
  for root in /usr/local/nvidia/lib64 /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/local/cuda-*/lib64 \
              $(python3 -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null); do
    [ -d "$root" ] || continue
    found=$(find "$root" -maxdepth 5 -name "$lib*" 2>/dev/null | head -1)
    [ -n "$found" ] && { extra="$extra:$(dirname "$found")"; break; }
  done
done
[ -n "$extra" ] && export LD_LIBRARY_PATH="${extra#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"

mkdir -p "$RAW" "$(dirname "$OUT")"

# 3. netcost on the GPU. The device's peaks (cuBLAS GEMM, float32 and TF32)
# and copy bandwidth are measured once, by a small bench-conv run, and given
# to every profile run, so every model is judged against the same figures.
probe=(bench-conv --in 3x8x8 --out 4 --kernel 3 --device gpu --format json --min-time 0 --warmups 0 --runs 1)
[ "$TF32" = 1 ] && probe+=(--tf32)
echo "netcost ${probe[*]}"
"$NETCOST" "${probe[@]}" >"$RAW/device.json"
read -ra figures < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["machine"]
args = ["--peak", repr(m["peak_gflops"]), "--bandwidth", repr(m["bandwidth_gbs"])]
if m.get("peak_tf32_gflops"):
    args += ["--peak-tf32", repr(m["peak_tf32_gflops"])]
print(" ".join(args))' "$RAW/device.json")
profile() {  # netcost's GPU profile of model $1 in both precisions; a failed run is logged and left out
  local m=$1 mode flags
  for mode in fp32 tf32; do
    [ "$mode" = tf32 ] && [ "$TF32" = 0 ] && continue
    if [ -n "$DEADLINE" ] && [ "$SECONDS" -ge "$DEADLINE" ]; then
      echo "deadline of $DEADLINE s passed: netcost-$m-$mode not measured"
      continue
    fi
    flags=(--device gpu --batch "$BATCH" --format json --min-time "$MIN_TIME" "${figures[@]}")
    [ "$mode" = tf32 ] && flags+=(--tf32)
    echo "netcost profile Models/$m.json ${flags[*]}  (at ${SECONDS} s)"
    if ! "$NETCOST" profile "Models/$m.json" "${flags[@]}" >"$RAW/netcost-$m-$mode.json.part"; then
      echo "netcost profile Models/$m.json ($mode) failed"
      failed=1
      continue
    fi
    mv "$RAW/netcost-$m-$mode.json.part" "$RAW/netcost-$m-$mode.json"
  done
}
failed=0
# The per-layer model first: its profile gives PyTorch the geometry to time layer by layer.
[ -n "$LAYERS" ] && profile "$LAYERS"

# 4. PyTorch/cuDNN, the same networks from torchvision (before the other
# profiles, so a deadline cuts netcost's runs, not the reference).
torch_json=""
if [ "$TORCH" = 1 ]; then
  layers=()
  [ -n "$LAYERS" ] && [ -f "$RAW/netcost-$LAYERS-fp32.json" ] && layers=(--layers "$RAW/netcost-$LAYERS-fp32.json")
  python3 Benchmarks/gpu_torch_forward.py --batch "$BATCH" --models "$MODELS" $([ "$TF32" = 1 ] && echo --tf32) \
    "${layers[@]}" --out "$RAW/torch.json" || { echo "PyTorch timing failed"; failed=1; }
  [ -f "$RAW/torch.json" ] && torch_json="$RAW/torch.json"
fi

for m in $MODELS; do
  [ "$m" = "$LAYERS" ] || profile "$m"
done

# 5. The table.
python3 Benchmarks/gpu_results.py --raw "$RAW" --models "$MODELS" --batch "$BATCH" ${torch_json:+--torch "$torch_json"} \
  --command "Benchmarks/gpu_table.sh --batch $BATCH" --out "$OUT"
echo "wrote $OUT"
exit $failed
