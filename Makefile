# netcost — build, run, test and benchmark from a fresh Debian machine with Swift.
#
#   make run     install missing system packages, build release, analyze Models/resnet50.json
#   make test    install missing system packages, build and run every test
#   make bench   release build, then the speed benchmarks (Benchmarks/README.md): analyze
#                speed, report generation and page load, ONNX import, and conv kernels against onnxruntime; installs onnx,
#                numpy, onnx-tool and onnxruntime into Benchmarks/.venv (bench only)
#   make readme  regenerate README's model table from `netcost compare`
#   make browser-test  the HTML report's tests in headless Chromium (installs Debian's chromium)
#   make fuzz    build the libFuzzer targets (Fuzz/) and run each for FUZZ_SECONDS (default 60)
#   make lint    swift format lint --strict over Sources, Tests and Package.swift (.swift-format)
#   make format  rewrite the same files in the committed layout

SWIFT        ?= swift
MODEL        ?= Models/resnet50.json
BENCH_THREADS ?= 2
# json-c parses every JSON input; OpenBLAS backs the CPU profiling kernels;
# libhdf5 reads Keras .h5 files (opened at run time, on the first .h5);
# pkg-config lets SwiftPM find them.
DEB_PACKAGES := libjson-c-dev libopenblas-dev libhdf5-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)
# Python packages for the benchmarks only (netcost never uses them).
BENCH_VENV   := Benchmarks/.venv
BENCH_PY     := $(BENCH_VENV)/bin/python
BENCH_PIP    := onnx numpy onnx-tool onnxruntime

.PHONY: run test bench bench-venv deps build release readme clean lint format browser-deps browser-test fuzz

FORMAT_PATHS := Sources Tests Package.swift

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# -Xlinker -s: the release binary carries no symbol table or debug info
# (about 20 MB instead of 42 MB); debug builds keep theirs for debugging.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product netcost -Xlinker -s

run: release
	.build/release/netcost analyze $(MODEL)

build: deps
	$(SWIFT) build --build-tests

# The tests use swift-testing only; --disable-xctest skips the empty XCTest
# pass that would otherwise print "Executed 0 tests" before them.
test: build
	$(SWIFT) test --skip-build --disable-xctest

bench: release bench-venv
	python3 Benchmarks/bench_analyze.py --netcost .build/release/netcost $(if $(BENCH_AGAINST),--against $(BENCH_AGAINST))
	python3 Benchmarks/bench_report.py --netcost .build/release/netcost
	python3 Benchmarks/bench_limits.py --netcost .build/release/netcost
	$(BENCH_PY) Benchmarks/bench_onnx.py --netcost .build/release/netcost
	$(BENCH_PY) Benchmarks/bench_onnx_wild.py --netcost .build/release/netcost
	OMP_NUM_THREADS=$(BENCH_THREADS) $(BENCH_PY) Benchmarks/bench_conv.py --netcost .build/release/netcost --threads $(BENCH_THREADS)

bench-venv:
	@$(BENCH_PY) -c "import onnx, numpy, onnx_tool, onnxruntime" 2>/dev/null || { \
	  echo "Installing $(BENCH_PIP) into $(BENCH_VENV) for the benchmarks"; \
	  { [ -x $(BENCH_PY) ] || python3 -m venv $(BENCH_VENV); } && $(BENCH_PY) -m pip install -q $(BENCH_PIP); }

# The browser tests open `netcost report` pages in headless Chromium (Debian's
# chromium package); `make test` skips them, NETCOST_BROWSER_TESTS=1 runs them.
browser-deps:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

browser-test: build browser-deps
	NETCOST_BROWSER_TESTS=1 $(SWIFT) test --skip-build --filter BrowserTests

readme: build
	Scripts/update-readme-table.sh

clean:
	rm -rf .build

FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMAT_PATHS)
