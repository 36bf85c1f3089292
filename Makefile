# netcost — build, run, test and benchmark from a fresh Debian machine with Swift.
#
#   make run     install missing system packages, build release, analyze Models/resnet50.json
#   make test    install missing system packages, build and run every test
#   make bench   release build, then the speed benchmarks (Benchmarks/README.md); the ONNX
#                one installs onnx, numpy and onnx-tool into Benchmarks/.venv (bench only)
#   make readme  regenerate README's model table from `netcost compare`

SWIFT        ?= swift
MODEL        ?= Models/resnet50.json
# json-c parses every JSON input; OpenBLAS backs the CPU profiling kernels;
# pkg-config lets SwiftPM find both.
DEB_PACKAGES := libjson-c-dev libopenblas-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)
# Python packages for the ONNX benchmark only (netcost never uses them).
BENCH_VENV   := Benchmarks/.venv
BENCH_PIP    := onnx numpy onnx-tool

.PHONY: run test bench bench-venv deps build release readme clean

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
	$(BENCH_VENV)/bin/python Benchmarks/bench_onnx.py --netcost .build/release/netcost

bench-venv:
	@$(BENCH_VENV)/bin/python -c "import onnx, numpy, onnx_tool" 2>/dev/null || { \
	  echo "Installing $(BENCH_PIP) into $(BENCH_VENV) for the ONNX benchmark"; \
	  python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q $(BENCH_PIP); }

readme: build
	Scripts/update-readme-table.sh

clean:
	rm -rf .build
