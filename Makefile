# netcost — build, run, test and benchmark from a fresh Debian machine with Swift.
#
#   make run     install missing system packages, build release, analyze Models/resnet50.json
#   make test    install missing system packages, build and run every test
#   make bench   release build, then the speed benchmarks (Benchmarks/README.md): analyze
#                speed, ONNX import, and conv kernels against onnxruntime; installs onnx,
#                numpy, onnx-tool and onnxruntime into Benchmarks/.venv (bench only)
#   make readme  regenerate README's model table from `netcost compare`
#   make lint    swift format lint --strict over Sources, Tests and Package.swift (.swift-format)
#   make format  rewrite the same files in the committed layout

SWIFT        ?= swift
MODEL        ?= Models/resnet50.json
BENCH_THREADS ?= 2
# json-c parses every JSON input; OpenBLAS backs the CPU profiling kernels;
# pkg-config lets SwiftPM find both.
DEB_PACKAGES := libjson-c-dev libopenblas-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)
# Python packages for the benchmarks only (netcost never uses them).
BENCH_VENV   := Benchmarks/.venv
BENCH_PY     := $(BENCH_VENV)/bin/python
BENCH_PIP    := onnx numpy onnx-tool onnxruntime

.PHONY: run test bench bench-venv deps build release readme clean lint format

FORMAT_PATHS := Sources Tests Package.swift

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product netcost

run: release
	.build/release/netcost analyze $(MODEL)

build: deps
	$(SWIFT) build --build-tests

test: build
	$(SWIFT) test --skip-build

bench: release bench-venv
	python3 Benchmarks/bench_analyze.py --netcost .build/release/netcost
	$(BENCH_PY) Benchmarks/bench_onnx.py --netcost .build/release/netcost
	$(BENCH_PY) Benchmarks/bench_onnx_wild.py --netcost .build/release/netcost
	OMP_NUM_THREADS=$(BENCH_THREADS) $(BENCH_PY) Benchmarks/bench_conv.py --netcost .build/release/netcost --threads $(BENCH_THREADS)

bench-venv:
	@$(BENCH_PY) -c "import onnx, numpy, onnx_tool, onnxruntime" 2>/dev/null || { \
	  echo "Installing $(BENCH_PIP) into $(BENCH_VENV) for the benchmarks"; \
	  { [ -x $(BENCH_PY) ] || python3 -m venv $(BENCH_VENV); } && $(BENCH_PY) -m pip install -q $(BENCH_PIP); }

readme: build
	Scripts/update-readme-table.sh

clean:
	rm -rf .build

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMAT_PATHS)
