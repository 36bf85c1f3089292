#!/usr/bin/env python3
"""Prints Benchmarks/generated/bench_conv.json (written by bench_conv.py) as the
Markdown tables of README's "Profiling" section."""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/generated/bench_conv.json"
j = json.load(open(path))
m = j["machine"]
print(f"| Layer | N | GMAC | Our algorithm | Ours ms | Ours GFLOP/s | ORT ms | ORT GFLOP/s | Ours / ORT |")
print("|---|--:|--:|---|--:|--:|--:|--:|--:|")
for r in j["layers"]:
    print(f"| {r['layer']} | {r['batch']} | {r['macs'] / 1e9:.3f} | {r['algo']} | {r['ours_ms']:.2f} | {r['ours_gflops']:.1f} "
          f"| {r['ort_ms']:.2f} | {r['ort_gflops']:.1f} | {r['ratio']:.2f} |")
print()
w = j.get("resnet50")
if w:
    print(f"ResNet-50, batch 16: `netcost profile` conv + linear total **{w['ours_ms']:.0f} ms** "
          f"({w['ours_gflops']:.0f} GFLOP/s) against onnxruntime's whole forward **{w['ort_ms']:.0f} ms** "
          f"(min {w['ort_ms_min']:.0f}, max {w['ort_ms_max']:.0f}, {w['ort_runs']} runs): ratio **{w['ratio']:.2f}**.")
    print()
print(f"Machine, measured by netcost during the run: peak {m['peak_gflops']:.1f} GFLOP/s with {m['threads']} threads "
      f"({m['peak_gflops_per_thread']:.1f} per thread, {m['isa']}), triad {m['bandwidth_gbs']:.1f} GB/s; {m['blas']}; "
      f"onnxruntime {j.get('onnxruntime', '?')}; other processes used "
      f"{j['foreign_cpu_seconds']:.1f} CPU-seconds during the run." if j.get('foreign_cpu_seconds') is not None else
      f"onnxruntime {j.get('onnxruntime', '?')}.")
print()
for g in j["goals"]:
    print(f"- {'PASS' if g['met'] else 'MISS'} {g['goal']}: {g['value']}")
