#!/usr/bin/env python3
"""Speed benchmarks for `netcost analyze` (run by `make bench`).

Measures a release binary, process start to exit, with stdout sent to
/dev/null:

  a) a deep real model (Models/resnet152.json, else Models/resnet50.json):
     5 warm-ups, then 30 timed runs; median, min, max; goal < 30 ms.
     The same for one real file of each imported format: Caffe's ResNet-152
     deploy prototxt, Darknet's yolov3.cfg, Keras's ResNet50 .keras.
  b) generated chains of 10,000 and 100,000 layers (Benchmarks/gen_chain.py,
     written to Benchmarks/generated/): 1 warm-up, then the median of 5 runs
     each; goals: 100k < 1 s, and 100k / 10k < 12 (linear growth).
  c) peak memory (max RSS) of analyzing the 100k chain.
  d) with --against OLD_BINARY (make bench BENCH_AGAINST=path): a) and b)
     on both binaries, run alternately, and the ratio of their medians —
     how a change is shown not to slow netcost down.

Prints a plain-text table. Benchmarks report; they do not judge: the exit
status is 0 whether goals are met (PASS) or not (MISS). It is non-zero only
when the benchmark cannot run: the binary is missing, or a run exits with an
error or prints something that is not a JSON report.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATED = os.path.join(HERE, "generated")

RESNET_GOAL_MS = 30.0
CHAIN_100K_GOAL_S = 1.0
RATIO_GOAL = 12.0
FORMAT_GOAL_MS = 30.0
# Real files of the imported formats, timed like the model benchmark.
FORMAT_FILES = [
    "Tests/Fixtures/caffe/ResNet-152-deploy.prototxt",
    "Tests/Fixtures/darknet/alexeyab/yolov3.cfg",
    "Tests/Fixtures/keras/ResNet50.keras",
]


class BenchError(Exception):
    pass


def run_once(argv, stdout_path=os.devnull):
    """Runs argv once: (wall seconds, max RSS in KiB).

    posix_spawn + wait4 keeps the harness's own overhead small and gives the
    rusage of exactly this child (RUSAGE_CHILDREN would be the maximum over
    every child so far). Raises BenchError if the process fails.
    """
    with tempfile.TemporaryFile() as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        start = time.perf_counter()
        try:
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        except OSError as e:
            raise BenchError(f"cannot start {argv[0]}: {e}")
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            msg = err.read().decode(errors="replace").strip()
            why = f"exit status {code}" if code > 0 else f"killed by signal {-code}"
            raise BenchError(f"`{' '.join(argv)}` failed ({why})" + (f":\n{msg}" if msg else ""))
    return elapsed, usage.ru_maxrss


def check_report(argv, expect_layers=None):
    """Runs once more, keeping stdout, and checks it is a JSON report."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run_once(argv, out.name)
        try:
            with open(out.name) as f:
                report = json.load(f)
        except ValueError as e:
            raise BenchError(f"`{' '.join(argv)}` did not print a JSON report: {e}")
    layers = report.get("layers") if isinstance(report, dict) else None
    if not isinstance(layers, list):
        raise BenchError(f"`{' '.join(argv)}`: the JSON report has no 'layers' list")
    if expect_layers is not None and len(layers) != expect_layers:
        raise BenchError(f"`{' '.join(argv)}`: expected {expect_layers} layers in the report, found {len(layers)}")
    return len(layers)


def measure(argv, warmups, runs):
    for _ in range(warmups):
        run_once(argv)
    times, rss = [], []
    for _ in range(runs):
        t, r = run_once(argv)
        times.append(t)
        rss.append(r)
    return times, rss


def chain_file(n):
    """Generates (or reuses, when up to date) the n-layer chain spec."""
    os.makedirs(GENERATED, exist_ok=True)
    path = os.path.join(GENERATED, f"chain{n}.json")
    gen = os.path.join(HERE, "gen_chain.py")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(gen):
        subprocess.run([sys.executable, gen, str(n), path], check=True)
    return path


def verdict(ok):
    return "PASS" if ok else "MISS"


def fmt_ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def fmt_time(seconds):
    return f"{seconds:.3f} s" if seconds >= 1 else fmt_ms(seconds)


def fmt_mib(kib):
    return f"{kib / 1024:.1f} MiB"


def table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {1, 2, 3, 4}  # numeric columns
    lines = []
    for k, r in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def against_table(new, old, model, args):
    """The native-spec workloads on both binaries, run alternately (new, old,
    new, old…) so both see the same machine, and the ratio of their medians."""
    if not os.access(old, os.X_OK):
        raise BenchError(f"no binary at {old}")
    workloads = [(os.path.splitext(os.path.basename(model))[0], model, args.warmups, args.runs)]
    for n in (10_000, 100_000):
        workloads.append((f"chain {n // 1000}k layers", os.path.relpath(chain_file(n), ROOT), 1, args.chain_runs))
    rows = [["side by side", "runs", "new median", "old median", "new / old"]]
    for label, path, warmups, runs in workloads:
        argv_new = [new, "analyze", path, "--format", "json"]
        argv_old = [old, "analyze", path, "--format", "json"]
        for _ in range(warmups):
            run_once(argv_new)
            run_once(argv_old)
        tn, to = [], []
        for _ in range(runs):
            tn.append(run_once(argv_new)[0])
            to.append(run_once(argv_old)[0])
        mn, mo = statistics.median(tn), statistics.median(to)
        rows.append([label, str(runs), fmt_time(mn), fmt_time(mo), f"{mn / mo:.2f}"])
    return f"against {old}:\n" + table(rows)


def main():
    p = argparse.ArgumentParser(description="Speed benchmarks for `netcost analyze`.")
    p.add_argument("--netcost", default=".build/release/netcost",
                   help="release binary to measure (default: %(default)s, relative to the repository root)")
    p.add_argument("--warmups", type=int, default=5, help="warm-up runs for the model benchmark (default: 5)")
    p.add_argument("--runs", type=int, default=30, help="timed runs for the model benchmark (default: 30)")
    p.add_argument("--chain-runs", type=int, default=5, help="timed runs per generated chain (default: 5)")
    p.add_argument("--against", metavar="OLD_NETCOST",
                   help="an older release binary: the native-spec benchmarks also run on it, alternating run by "
                        "run with --netcost, and a table of median ratios (new / old) follows")
    args = p.parse_args()

    os.chdir(ROOT)
    binary = os.path.abspath(args.netcost)
    if not os.access(binary, os.X_OK):
        sys.stderr.write(f"bench_analyze.py: no netcost binary at {args.netcost}\n"
                         "build one with: make release (or swift build -c release --static-swift-stdlib --product netcost)\n")
        return 2

    notes = []
    model = "Models/resnet152.json"
    if not os.path.exists(model):
        notes.append("Models/resnet152.json does not exist yet: measured Models/resnet50.json instead.")
        model = "Models/resnet50.json"
    model_name = os.path.splitext(os.path.basename(model))[0]

    print(f"netcost analyze benchmarks: {args.netcost}")
    print(f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
          f"wall time from process start to exit, stdout to /dev/null")
    sys.stdout.flush()

    try:
        # a) a real, deep model.
        argv = [binary, "analyze", model, "--format", "json"]
        model_layers = check_report(argv)
        times, _ = measure(argv, args.warmups, args.runs)
        model_med = statistics.median(times)

        # One real file of each imported format (goal < 30 ms each, process
        # start to exit): Caffe's ResNet-152 deploy prototxt, Darknet's
        # yolov3.cfg and Keras's ResNet50 .keras archive.
        formats = []
        for path in FORMAT_FILES:
            argv = [binary, "analyze", path, "--format", "json"]
            layers = check_report(argv)
            format_times, _ = measure(argv, args.warmups, args.runs)
            formats.append((os.path.basename(path), layers, format_times))

        # b), c) generated chains.
        chains = {}
        for n in (10_000, 100_000):
            path = os.path.relpath(chain_file(n), ROOT)
            argv = [binary, "analyze", path, "--format", "json"]
            check_report(argv, expect_layers=n)  # also the warm-up
            chains[n] = measure(argv, 0, args.chain_runs)
    except BenchError as e:
        sys.stderr.write(f"bench_analyze.py: {e}\n")
        return 1

    t10k = statistics.median(chains[10_000][0])
    t100k = statistics.median(chains[100_000][0])
    ratio = t100k / t10k
    rss100k = max(chains[100_000][1])

    rows = [["benchmark", "runs", "median", "min", "max", "goal", "result"]]
    rows.append([f"{model_name} ({model_layers} layers)", str(args.runs), fmt_ms(model_med),
                 fmt_ms(min(times)), fmt_ms(max(times)), f"< {RESNET_GOAL_MS:g} ms",
                 verdict(model_med * 1000 < RESNET_GOAL_MS)])
    for name, layers, ts in formats:
        med = statistics.median(ts)
        rows.append([f"{name} ({layers} layers)", str(args.runs), fmt_ms(med), fmt_ms(min(ts)), fmt_ms(max(ts)),
                     f"< {FORMAT_GOAL_MS:g} ms", verdict(med * 1000 < FORMAT_GOAL_MS)])
    for n, label in ((10_000, "chain 10k layers"), (100_000, "chain 100k layers")):
        ts = chains[n][0]
        goal = f"< {CHAIN_100K_GOAL_S:g} s" if n == 100_000 else ""
        result = verdict(t100k < CHAIN_100K_GOAL_S) if n == 100_000 else ""
        rows.append([label, str(len(ts)), fmt_time(statistics.median(ts)), fmt_time(min(ts)),
                     fmt_time(max(ts)), goal, result])
    rows.append(["ratio 100k / 10k (medians)", "", f"{ratio:.2f}", "", "", f"< {RATIO_GOAL:g}",
                 verdict(ratio < RATIO_GOAL)])
    rows.append(["peak RSS, chain 100k", "", fmt_mib(rss100k), "", "", "", ""])

    print()
    print(table(rows))
    if args.against:
        try:
            print()
            print(against_table(binary, os.path.abspath(args.against), model, args))
        except BenchError as e:
            sys.stderr.write(f"bench_analyze.py: {e}\n")
            return 1
    for note in notes:
        print(f"note: {note}")
    print("\nnumbers depend on the machine; PASS/MISS is informational (exit status 0 either way).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
