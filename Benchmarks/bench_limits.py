#!/usr/bin/env python3
"""Speed and memory at netcost's documented limits (run by `make bench`).

Specs written to Benchmarks/generated/ at the expansion limit of 1,000,000
layers, each analyzed once per output format (table, json, csv, markdown,
html) by a release binary, stdout to /dev/null:

  a) flat:    a one-relu block repeated 1,000,000 times
  b) nested:  a block of 1,000 relus repeated 1,000 times
  c) fire:    SqueezeNet's fire block (7 layers) repeated 142,857 times
              (999,999 layers) on a small image

and the refusals that must be immediate (over-limit input, never expanded):

  d) a nest of 1,001 × 1,000, an lstm with 2^62 layers

Goal for each run: under 5 s and 1 GiB (max RSS). Benchmarks report; they
do not judge: the exit status is 0 whether goals are met (PASS) or not
(MISS), and non-zero only when a run cannot be made (missing binary, an
unexpected exit status).
"""

import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_analyze import BenchError, fmt_mib, fmt_time, run_once, verdict  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATED = os.path.join(HERE, "generated")
FORMATS = ["table", "json", "csv", "markdown", "html"]
TIME_GOAL_S = 5.0
RSS_GOAL_KIB = 1024 * 1024


def write(name, spec):
    os.makedirs(GENERATED, exist_ok=True)
    path = os.path.join(GENERATED, name)
    with open(path, "w") as f:
        json.dump(spec, f)
    return path


def one_relu_repeated(n):
    return {
        "inputs": [{"name": "x", "shape": [4]}],
        "blocks": {"one": {"layers": [{"name": "r", "type": "relu"}]}},
        "layers": [{"name": "b", "block": "one", "repeat": n}],
    }


def nested(outer, inner):
    return {
        "inputs": [{"name": "x", "shape": [4]}],
        "blocks": {
            "one": {"layers": [{"name": "r", "type": "relu"}]},
            "row": {"layers": [{"name": "i", "block": "one", "repeat": inner}]},
        },
        "layers": [{"name": "o", "block": "row", "repeat": outer}],
    }


def fire(n):
    layers = [
        {"name": "squeeze", "type": "conv2d", "out": 4, "kernel": 1},
        {"name": "squeeze_activation", "type": "relu"},
        {"name": "expand1x1", "type": "conv2d", "out": 4, "kernel": 1, "inputs": "squeeze_activation"},
        {"name": "expand1x1_activation", "type": "relu"},
        {"name": "expand3x3", "type": "conv2d", "out": 4, "kernel": 3, "pad": 1, "inputs": "squeeze_activation"},
        {"name": "expand3x3_activation", "type": "relu"},
        {"name": "cat", "type": "concat", "inputs": ["expand1x1_activation", "expand3x3_activation"]},
    ]
    return {
        "inputs": [{"name": "x", "shape": [8, 4, 4]}],
        "blocks": {"fire": {"layers": layers}},
        "layers": [{"name": "f", "block": "fire", "repeat": n}],
    }


def lstm(layers):
    return {
        "inputs": [{"name": "x", "shape": [5, 8]}],
        "layers": [{"name": "l", "type": "lstm", "hidden": 4, "layers": layers}],
    }


def main():
    p = argparse.ArgumentParser(description="netcost at its documented limits.")
    p.add_argument("--netcost", default=".build/release/netcost")
    p.add_argument("--formats", default=",".join(FORMATS), help="comma-separated output formats")
    args = p.parse_args()
    exe = os.path.abspath(args.netcost)
    if not os.access(exe, os.X_OK):
        print(f"bench_limits: no netcost binary at {exe} (make release)", file=sys.stderr)
        return 2
    formats = args.formats.split(",")
    valid = [
        ("flat 1,000,000 × relu", write("limit-flat.json", one_relu_repeated(1_000_000))),
        ("nested 1,000 × 1,000", write("limit-nested.json", nested(1000, 1000))),
        ("fire × 142,857", write("limit-fire.json", fire(142_857))),
    ]
    refused = [
        ("nested 1,001 × 1,000", write("limit-nested-over.json", nested(1001, 1000))),
        ("lstm layers 2^62", write("limit-lstm-over.json", lstm(2**62))),
    ]
    rows = [("spec", "format", "time", "max RSS", "goal")]
    try:
        for name, path in valid:
            for fmt in formats:
                t, rss = run_once([exe, "analyze", path, "--format", fmt])
                ok = t < TIME_GOAL_S and rss < RSS_GOAL_KIB
                rows.append((name, fmt, fmt_time(t), fmt_mib(rss), verdict(ok)))
        for name, path in refused:
            start = time.perf_counter()
            r = subprocess.run([exe, "analyze", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t = time.perf_counter() - start
            if r.returncode != 2:
                raise BenchError(f"{name}: expected a refusal (exit 2), got exit {r.returncode}")
            rows.append((name + " (refused)", "-", fmt_time(t), "-", verdict(t < 0.5)))
    except BenchError as e:
        print(f"bench_limits: {e}", file=sys.stderr)
        return 1
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        print("  ".join(c.rjust(w) if i in (2, 3) else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\ngoals: each valid spec < {TIME_GOAL_S:.0f} s and < 1 GiB in every format; refusals < 0.5 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
