#!/usr/bin/env python3
# netcost — Apache-2.0
"""Writes docs/gpu-results.md from the JSON that Benchmarks/gpu_table.sh measured.

Inputs (in --raw): device.json (netcost bench-conv --device gpu: the device
and its measured peaks), netcost-MODEL-fp32.json and netcost-MODEL-tf32.json
(netcost profile --device gpu), and --torch (Benchmarks/gpu_torch_forward.py).
The GTX 1080 column is the published table quoted in shared/SEEDS-DIGEST.md
(batch 16, 224×224, forward ms): it is the only figure not measured here.
"""

import argparse
import datetime
import json
import os

# shared/SEEDS-DIGEST.md, "Kernels and speed": batch 16, 224×224, GTX 1080, forward ms.
GTX1080 = {
    "alexnet": 14.56, "googlenet": 39.14, "vgg16": 128.62, "vgg19": 147.32, "resnet18": 31.54,
    "resnet34": 51.59, "resnet50": 103.58, "resnet101": 156.44, "resnet152": 217.91,
}
NAMES = {
    "alexnet": "AlexNet", "googlenet": "GoogLeNet (Inception v1)", "vgg16": "VGG-16", "vgg19": "VGG-19",
    "resnet18": "ResNet-18", "resnet34": "ResNet-34", "resnet50": "ResNet-50", "resnet101": "ResNet-101",
    "resnet152": "ResNet-152",
}


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def ms(x):
    return "—" if x is None else f"{x:.2f}"


def algorithms(profile):
    """'im2col 12, implicit-gemm 5, …': the chosen algorithm per conv/linear layer."""
    counts = {}
    for layer in profile["layers"]:
        counts[layer["algo"]] = counts.get(layer["algo"], 0) + 1
    return ", ".join(f"{a} {n}" for a, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raw", required=True)
    ap.add_argument("--models", required=True)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--torch")
    ap.add_argument("--command", default="Benchmarks/gpu_table.sh")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    device = load(os.path.join(args.raw, "device.json"))
    torch = load(args.torch) if args.torch else None
    m = device["machine"] if device else {}
    lines = ["# GPU results", ""]
    lines.append(f"Measured {datetime.date.today().isoformat()} by `{args.command}` "
                 f"([Benchmarks/gpu_table.sh](../Benchmarks/gpu_table.sh)); raw JSON in `{args.raw}/`.")
    lines.append("")
    if m:
        lines.append(f"- Device: {m['name']}, compute capability {m['compute_capability']}, {m['multiprocessors']} SMs, "
                     f"{m['memory_bytes'] / 2**30:.1f} GiB; driver {m['driver']}, NVRTC {m['nvrtc']}, {m['blas']}; "
                     f"kernels built for {m['target']}.")
        tf = f", TF32 {m['peak_tf32_gflops'] / 1000:.1f} TFLOP/s" if m.get("peak_tf32_gflops") else ""
        lines.append(f"- Measured ceilings: float32 {m['peak_gflops'] / 1000:.1f} TFLOP/s{tf} (cuBLAS GEMM); "
                     f"device-to-device copy {m['bandwidth_gbs']:.0f} GB/s ({m['method']}).")
    if torch:
        if torch.get("driver"):
            lines.append(f"- NVIDIA driver {torch['driver']} (nvidia-smi).")
        lines.append(f"- PyTorch {torch['torch']} (CUDA {torch['cuda']}, cuDNN {torch['cudnn']}) on {torch['device']}: "
                     f"{torch['warmups']} warm-ups, median of {torch['runs']} forwards timed with CUDA events.")
    lines.append("")
    lines.append(f"Batch {args.batch}, 224×224, float32 unless marked TF32. **netcost** is the sum over the network's conv "
                 "and linear layers of the fastest of netcost's own GPU kernels for each (`netcost profile MODEL --device gpu`); "
                 "it leaves out batch norm, activations and pooling, which a whole forward pass includes. **PyTorch** is the "
                 "whole forward pass (cuDNN). The GTX 1080 figures are the published ones quoted in the project's notes "
                 "(whole forward pass, 2016 software), for scale only.")
    lines.append("")
    header = ["Model", "GMACs", "GTX 1080 (published)", "PyTorch fp32", "PyTorch TF32", "netcost fp32", "GFLOP/s",
              "% fp32 peak", "netcost TF32", "netcost fp32: kernels chosen"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---" if i in (0, len(header) - 1) else "---:" for i in range(len(header))) + "|")
    for name in args.models.split():
        fp32 = load(os.path.join(args.raw, f"netcost-{name}-fp32.json"))
        tf32 = load(os.path.join(args.raw, f"netcost-{name}-tf32.json"))
        t = (torch or {}).get("models", {}).get(name, {})
        total = fp32["total"] if fp32 else None
        row = [
            NAMES.get(name, name),
            f"{total['macs'] / 1e9:.1f}" if total else "—",
            ms(GTX1080.get(name)),
            ms(t.get("fp32", {}).get("ms_median")),
            ms(t.get("tf32", {}).get("ms_median")),
            ms(total["ms"]) if total else "—",
            f"{total['gflops']:.0f}" if total else "—",
            f"{total['percent_of_peak']:.1f}" if total else "—",
            ms(tf32["total"]["ms"]) if tf32 else "—",
            algorithms(fp32) if fp32 else "—",
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append("Times in milliseconds per batch. Every netcost kernel's output was checked before it was timed: the "
                 "device's direct kernel against the CPU reference on the first image, every other kernel against the "
                 "direct kernel (relative L2 error under 1e-4 in float32, 2e-3 in TF32).")
    if torch and torch.get("layers"):
        lines += per_layer(args, torch, m)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")


def geometry(layer):
    n, c, h, w = layer["input_shape"]
    _, k, oh, ow = layer["output_shape"]
    kh, kw = layer["kernel"]
    s = layer["stride"][0]
    return f"{c}×{h}×{w} → {k}×{oh}×{ow}, {kh}×{kw}" + (f" s{s}" if s > 1 else "")


def per_layer(args, torch, machine):
    """The per-layer table: netcost's fastest kernel against cuDNN's conv (or cuBLAS's linear) alone."""
    name = torch["layers_model"]
    fp32 = load(os.path.join(args.raw, f"netcost-{name}-fp32.json"))
    tf32 = load(os.path.join(args.raw, f"netcost-{name}-tf32.json"))
    if not fp32:
        return []
    tf_layers = {l["name"]: l for l in tf32["layers"]} if tf32 else {}
    ref = {l["name"]: l for l in torch["layers"]}
    out = ["", f"## {NAMES.get(name, name)}, layer by layer (batch {args.batch})", ""]
    out.append("Each conv and linear layer timed alone: netcost's fastest kernel (`profile`, median) and "
               "PyTorch's `F.conv2d` (cuDNN, `cudnn.benchmark` on) or `F.linear` (cuBLAS) on the same geometry "
               "(Benchmarks/gpu_torch_forward.py --layers, median of CUDA-event timings). % peak is against the "
               "measured cuBLAS GEMM ceiling of the same precision. Ratio = netcost ms / cuDNN ms.")
    out.append("")
    header = ["Layer", "Input → output, kernel", "GMACs", "netcost fp32", "kernel", "% fp32 peak", "cuDNN fp32",
              "ratio fp32", "netcost TF32", "kernel", "% TF32 peak", "cuDNN TF32", "ratio TF32"]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join("---" if i in (0, 1, 4, 9) else "---:" for i in range(len(header))) + "|")
    within = {"fp32": [0, 0], "tf32": [0, 0]}
    peak = machine.get("peak_gflops")
    peak_tf = machine.get("peak_tf32_gflops")
    for l in fp32["layers"]:
        r = ref.get(l["name"], {})
        t = tf_layers.get(l["name"])
        def ratio(ms, mode):
            cu = r.get(mode, {}).get("ms_median")
            if ms is None or not cu:
                return "—"
            x = ms / cu
            if l["type"] != "linear":
                within[mode][1] += 1
                within[mode][0] += x <= 1.5
            return f"{x:.2f}"
        gflop = 2 * l["macs"] / 1e9
        tf_ms = t["ms"] if t else None
        row = [
            l["name"], geometry(l), f"{l['macs'] / 1e9:.2f}",
            ms3(l["ms"]), l["algo"], f"{100 * gflop / (l['ms'] / 1000) / peak:.1f}" if peak else "—",
            ms3(r.get("fp32", {}).get("ms_median")), ratio(l["ms"], "fp32"),
            ms3(tf_ms), t["algo"] if t else "—",
            f"{100 * gflop / (tf_ms / 1000) / peak_tf:.1f}" if tf_ms and peak_tf else "—",
            ms3(r.get("tf32", {}).get("ms_median")), ratio(tf_ms, "tf32"),
        ]
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    for mode, (ok, total) in within.items():
        if total:
            out.append(f"- {mode}: netcost's best kernel is within 1.5× of cuDNN's time on {ok} of {total} conv layers "
                       f"(goal: all).")
    return out


def ms3(x):
    return "—" if x is None else f"{x:.3f}"


if __name__ == "__main__":
    main()
