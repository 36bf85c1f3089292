#!/usr/bin/env python3
"""ONNX import speed benchmark (run by `make bench`).

Builds a ResNet-50 ONNX model with its full ~100 MB of weights from the
stripped fixture Tests/Fixtures/onnx/resnet50.onnx (every initializer whose
payload was stripped gets random values of its dtype and dims, stored inline)
and writes it to Benchmarks/generated/resnet50_full.onnx (regenerated only
when missing or older than the fixture or this script). Then, in the same
run, measures from process start to exit:

  a) `netcost analyze resnet50_full.onnx --format json`: 3 warm-ups, then
     the median of 15 runs; goals: median < 0.3 s, and peak RSS < 2 x the
     file size (netcost must not copy or decode the weights);
  b) onnx-tool's profile of the same file (`onnx_tool.model_profile`, a
     fresh Python process per run, its table sent to /dev/null): 1 warm-up,
     then the median of 3 runs; also its time inside the process, without
     Python start-up and imports;

and prints onnx-tool's median over netcost's (how many times faster netcost
is). onnx, numpy and onnx-tool are needed here only, never by netcost:
`make bench` installs them into Benchmarks/.venv. Like bench_analyze.py it
reports and does not judge: the exit status is 0 whether goals are met or
not, non-zero only when it cannot measure.
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench_analyze import BenchError, check_report, fmt_mib, fmt_time, measure, run_once, table, verdict  # noqa: E402

GENERATED = os.path.join(HERE, "generated")
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "onnx", "resnet50.onnx")
FULL = os.path.join(GENERATED, "resnet50_full.onnx")
TIME_GOAL_S = 0.3
RSS_GOAL_FACTOR = 2.0

# Runs inside a fresh interpreter: profile the model, print the seconds the
# profile itself took (after imports) on stderr's last line.
ONNX_TOOL_RUN = """
import sys, time, contextlib, io
t0 = time.perf_counter()
import onnx_tool
t1 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    onnx_tool.model_profile(sys.argv[1])
t2 = time.perf_counter()
sys.stderr.write(f"{t2 - t1}\\n")
"""


def generate(out):
    """Writes the ResNet-50 with random weights to `out` (run in a child
    interpreter: see full_model)."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(FIXTURE, load_external_data=False)
    rng = np.random.default_rng(50)
    filled = 0
    for t in model.graph.initializer:
        if t.data_location != onnx.TensorProto.EXTERNAL:
            continue
        dtype = onnx.helper.tensor_dtype_to_np_dtype(t.data_type)
        values = (rng.standard_normal(tuple(t.dims)) * 0.01).astype(dtype)
        t.CopyFrom(numpy_helper.from_array(values, t.name))
        filled += 1
    if filled == 0:
        sys.exit(f"{FIXTURE} has no stripped initializers to fill")
    onnx.save(model, out)
    onnx.checker.check_model(out)


def full_model(python):
    """The ResNet-50 with random weights, written (when missing or older than
    the fixture or this script) by a child interpreter: the harness itself
    never loads onnx or the model, so it stays small — the kernel charges a
    child started with vfork (posix_spawn) with its parent's peak memory, and
    a 400 MB harness would hide netcost's own figure."""
    os.makedirs(GENERATED, exist_ok=True)
    newest = max(os.path.getmtime(FIXTURE), os.path.getmtime(__file__))
    if os.path.exists(FULL) and os.path.getmtime(FULL) >= newest:
        return FULL
    tmp = FULL + ".tmp"
    proc = subprocess.run([python, __file__, "--generate", tmp], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"generating {FULL} failed (needs onnx and numpy; make bench installs them into "
                         f"Benchmarks/.venv):\n{proc.stderr[-2000:]}")
    os.replace(tmp, FULL)
    return FULL


def own_rss(argv, runs=3):
    """netcost's own peak RSS in KiB, measured by GNU time (which forks a
    fresh child, so no parent's peak is charged to it); None without it."""
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        return None
    peaks = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile(mode="r") as out:
            proc = subprocess.run([gnu_time, "-f", "%M", "-o", out.name] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if proc.returncode != 0:
                return None
            peaks.append(int(out.read().split()[-1]))
    return max(peaks)


def onnx_tool_runs(python, path, warmups, runs):
    """onnx-tool's profile in a fresh interpreter: (wall seconds, in-process seconds) per run."""
    walls, inner = [], []
    for i in range(warmups + runs):
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.run([python, "-c", ONNX_TOOL_RUN, path], stdout=subprocess.DEVNULL, stderr=err)
            wall = time.perf_counter() - start
            err.seek(0)
            text = err.read().decode(errors="replace").strip()
        if proc.returncode != 0:
            raise BenchError(f"onnx-tool failed (exit status {proc.returncode}):\n{text[-2000:]}")
        if i >= warmups:
            walls.append(wall)
            inner.append(float(text.splitlines()[-1]))
    return walls, inner


def main():
    p = argparse.ArgumentParser(description="ONNX import speed: netcost next to onnx-tool on a full ResNet-50.")
    p.add_argument("--netcost", default=".build/release/netcost",
                   help="release binary to measure (default: %(default)s, relative to the repository root)")
    p.add_argument("--warmups", type=int, default=3, help="netcost warm-up runs (default: 3)")
    p.add_argument("--runs", type=int, default=15, help="netcost timed runs (default: 15)")
    p.add_argument("--tool-runs", type=int, default=3, help="onnx-tool timed runs (default: 3)")
    p.add_argument("--python", default=sys.executable, help="interpreter with onnx, numpy and onnx-tool installed (default: this one)")
    p.add_argument("--generate", metavar="OUT", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.generate:
        generate(args.generate)
        return 0

    os.chdir(ROOT)
    binary = os.path.abspath(args.netcost)
    if not os.access(binary, os.X_OK):
        sys.stderr.write(f"bench_onnx.py: no netcost binary at {args.netcost}\n"
                         "build one with: make release (or swift build -c release --static-swift-stdlib --product netcost)\n")
        return 2
    try:
        path = full_model(args.python)
        size = os.path.getsize(path)
        rel = os.path.relpath(path, ROOT)
        print(f"netcost ONNX import benchmark: {args.netcost} on {rel} ({size / 1e6:.1f} MB)")
        print(f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
              f"wall time from process start to exit, stdout to /dev/null")
        sys.stdout.flush()

        argv = [binary, "analyze", rel, "--format", "json"]
        layers = check_report(argv)
        times, rss = measure(argv, args.warmups, args.runs)
        own = own_rss(argv)
        tool_walls, tool_inner = onnx_tool_runs(args.python, path, 1, args.tool_runs)
    except BenchError as e:
        sys.stderr.write(f"bench_onnx.py: {e}\n")
        return 1

    med = statistics.median(times)
    peak_kib = max(rss)
    tool_med = statistics.median(tool_walls)
    inner_med = statistics.median(tool_inner)
    goal_kib = RSS_GOAL_FACTOR * size / 1024
    rows = [["benchmark", "runs", "median", "min", "max", "goal", "result"]]
    rows.append([f"netcost analyze ({layers} layers)", str(len(times)), fmt_time(med), fmt_time(min(times)),
                 fmt_time(max(times)), f"< {TIME_GOAL_S:g} s", verdict(med < TIME_GOAL_S)])
    rows.append(["netcost peak RSS", "", fmt_mib(peak_kib), "", "", f"< {fmt_mib(goal_kib)} (2x file)",
                 verdict(peak_kib < goal_kib)])
    if own is not None:
        rows.append(["  measured by GNU time", "3", fmt_mib(own), "", "", f"< {fmt_mib(goal_kib)} (2x file)",
                     verdict(own < goal_kib)])
    rows.append(["onnx-tool model_profile", str(len(tool_walls)), fmt_time(tool_med), fmt_time(min(tool_walls)),
                 fmt_time(max(tool_walls)), "", ""])
    rows.append(["  of which the profile call", "", fmt_time(inner_med), fmt_time(min(tool_inner)),
                 fmt_time(max(tool_inner)), "", ""])
    rows.append(["ratio onnx-tool / netcost", "", f"{tool_med / med:.1f}x", "", "", "", ""])
    rows.append(["ratio, profile call only", "", f"{inner_med / med:.1f}x", "", "", "", ""])
    print()
    print(table(rows))
    harness = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\npeak RSS is at least the harness's own {fmt_mib(harness)} (a posix_spawn child is charged its parent's peak);"
          " GNU time forks a fresh child and gives netcost's own.")
    print("numbers depend on the machine; PASS/MISS is informational (exit status 0 either way).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
