#!/usr/bin/env python3
"""Speed and size benchmarks for `netcost report` (run by `make bench`).

  a) generating the page for Models/resnet152.json (process start to exit,
     `-o` to a file): 5 warm-ups, then 20 timed runs; median; goal < 100 ms.
     `analyze --format json` on the same file is timed the same way, so the
     page's own share shows.
  b) the size of ResNet-50's page; goal < 1 MB (1,000,000 bytes).
  c) a generated 10,000-layer chain (a stem conv, then 3,333 identical
     conv → batch_norm → relu blocks named blocks.N.*, as the browser test's):
     generation time and page size, then in headless Chromium (if installed):
       - ready: the page's own clock (performance.now() since navigation
         start) when its script has built the cards, the table, the charts
         and the graph, read from the DOM `--dump-dom` prints; median of 3;
         goal < 2 s;
       - paint: wall time of `chromium --screenshot` of the page less that of
         an empty page (browser start-up), median of 3.

Benchmarks report; they do not judge: the exit status is 0 whether goals
are met (PASS) or not (MISS), and non-zero only when it cannot measure (no
binary, a run fails, a page lacks its data).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATED = os.path.join(HERE, "generated")

REPORT_GOAL_MS = 100.0
PAGE_GOAL_BYTES = 1_000_000
READY_GOAL_S = 2.0


class BenchError(Exception):
    pass


def timed(argv, stdout=subprocess.DEVNULL):
    start = time.perf_counter()
    r = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise BenchError(f"`{' '.join(argv)}` exited {r.returncode}: {r.stderr.decode()[-500:]}")
    return elapsed


def median_time(argv, warmups, runs):
    for _ in range(warmups):
        timed(argv)
    return statistics.median(timed(argv) for _ in range(runs))


def chain_spec(blocks):
    """The browser test's chain (Tests/NetCostCLITests/BrowserChainModel.swift)."""
    layers = [{"name": "stem.conv", "type": "conv2d", "out": 8, "kernel": 3, "pad": 1}]
    for i in range(blocks):
        layers += [
            {"name": f"blocks.{i}.conv", "type": "conv2d", "out": 8, "kernel": 3, "pad": 1},
            {"name": f"blocks.{i}.bn", "type": "batch_norm"},
            {"name": f"blocks.{i}.relu", "type": "relu"},
        ]
    return {"name": f"chain{len(layers)}", "inputs": [{"name": "x", "shape": [8, 16, 16]}], "layers": layers}


def check_page(path, layers=None):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    m = re.search(r'<script type="application/json" id="nc-data">(.*?)</script>', html, re.S)
    if not m:
        raise BenchError(f"{path}: no embedded data")
    data = json.loads(m.group(1))
    rows = len(data["tables"][0]["rows"])
    if layers is not None and rows != layers:
        raise BenchError(f"{path}: {rows} rows, expected {layers}")
    return os.path.getsize(path)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def chromium(browser, args, stdout=subprocess.PIPE):
    with tempfile.TemporaryDirectory() as profile:
        argv = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                f"--user-data-dir={profile}", "--window-size=1400,1000"] + args
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:")
        start = time.perf_counter()
        r = subprocess.run(argv, stdout=stdout, stderr=subprocess.DEVNULL, env=env, timeout=300)
        elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise BenchError(f"chromium exited {r.returncode}")
    return elapsed, (r.stdout.decode("utf-8", "replace") if stdout == subprocess.PIPE else "")


def ready_ms(browser, page):
    _, dom = chromium(browser, ["--dump-dom", "file://" + page])
    m = re.search(r'data-ready-ms="([0-9.]+)"', dom)
    if not m:
        raise BenchError(f"{page}: the page did not finish (no data-ready-ms in the DOM)")
    return float(m.group(1))


def verdict(ok):
    return "PASS" if ok else "MISS"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--netcost", default=os.path.join(ROOT, ".build/release/netcost"))
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmups", type=int, default=5)
    ap.add_argument("--browser-runs", type=int, default=3)
    args = ap.parse_args()
    netcost = os.path.abspath(args.netcost)
    if not os.access(netcost, os.X_OK):
        raise SystemExit(f"bench_report: no netcost binary at {netcost} (make release)")
    os.makedirs(GENERATED, exist_ok=True)
    print(f"netcost report benchmarks: {netcost}")
    print(f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        model = "Models/resnet152.json"
        page152 = os.path.join(tmp, "resnet152.html")
        t_report = median_time([netcost, "report", model, "-o", page152], args.warmups, args.runs)
        t_analyze = median_time([netcost, "analyze", model, "--format", "json"], args.warmups, args.runs)
        size152 = check_page(page152)
        rows.append(("report ResNet-152 (median)", f"{t_report * 1000:.1f} ms", f"< {REPORT_GOAL_MS:.0f} ms",
                     verdict(t_report * 1000 < REPORT_GOAL_MS)))
        rows.append(("  analyze --format json, same file", f"{t_analyze * 1000:.1f} ms", "", ""))
        rows.append(("  ResNet-152 page size", f"{size152:,} B", "", ""))

        page50 = os.path.join(tmp, "resnet50.html")
        timed([netcost, "report", "Models/resnet50.json", "-o", page50])
        size50 = check_page(page50)
        rows.append(("ResNet-50 page size", f"{size50:,} B", f"< {PAGE_GOAL_BYTES:,} B",
                     verdict(size50 < PAGE_GOAL_BYTES)))

        spec = os.path.join(GENERATED, "chain10k_blocks.json")
        with open(spec, "w") as f:
            json.dump(chain_spec(3333), f)
        page10k = os.path.join(tmp, "chain10k.html")
        t10k = median_time([netcost, "report", spec, "-o", page10k], 1, 3)
        size10k = check_page(page10k, layers=10000)
        rows.append(("report 10,000-layer chain (median of 3)", f"{t10k * 1000:.0f} ms", "", ""))
        rows.append(("  10,000-layer page size", f"{size10k:,} B", "", ""))

        browser = find_chromium()
        if browser is None:
            rows.append(("10k page in Chromium", "skipped: no chromium (make browser-deps)", "", ""))
        else:
            empty = os.path.join(tmp, "empty.html")
            with open(empty, "w") as f:
                f.write("<!DOCTYPE html><title>empty</title><p>empty</p>")
            chromium(browser, ["--dump-dom", "file://" + page10k])  # warm the disk cache
            ready = statistics.median(ready_ms(browser, page10k) for _ in range(args.browser_runs))
            shot = os.path.join(tmp, "shot.png")
            base = statistics.median(
                chromium(browser, [f"--screenshot={shot}", "file://" + empty], subprocess.DEVNULL)[0]
                for _ in range(args.browser_runs))
            full = statistics.median(
                chromium(browser, [f"--screenshot={shot}", "file://" + page10k], subprocess.DEVNULL)[0]
                for _ in range(args.browser_runs))
            rows.append(("10k page ready in Chromium (page clock)", f"{ready:.0f} ms",
                         f"< {READY_GOAL_S * 1000:.0f} ms", verdict(ready < READY_GOAL_S * 1000)))
            rows.append(("  10k page screenshot less empty page", f"{(full - base) * 1000:.0f} ms", "", ""))
            rows.append(("  empty page screenshot (browser start-up)", f"{base * 1000:.0f} ms", "", ""))
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip())


if __name__ == "__main__":
    try:
        main()
    except BenchError as e:
        raise SystemExit(f"bench_report: {e}")
