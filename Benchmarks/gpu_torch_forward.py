#!/usr/bin/env python3
# netcost — Apache-2.0
"""PyTorch/cuDNN forward-pass times of torchvision networks on the GPU.

For Benchmarks/gpu_table.sh: the reference column of docs/gpu-results.md.
Each network (random weights: time does not depend on their values, and
nothing is downloaded) runs in eval mode under torch.inference_mode() on a
random float32 batch (never zeros: they can run faster than real data), with
cudnn.benchmark on, so cuDNN picks its fastest algorithm per layer during
the warm-ups, as a deployment would. Each timed forward is bracketed by CUDA
events and synchronized; the median of --runs is reported with min and max.

Precision modes: "fp32" turns TF32 off for convolutions and matrix products
(torch.backends.cudnn.allow_tf32 = False, torch.backends.cuda.matmul.allow_tf32
= False), comparable with netcost's float32 kernels; "tf32" turns both on
(PyTorch's own default allows TF32 for convolutions only), comparable with
netcost --tf32.

    python3 Benchmarks/gpu_torch_forward.py --batch 16 --models "resnet50 vgg16" --tf32 --out torch.json

With --layers PROFILE.json (the JSON of `netcost profile MODEL --device gpu
--format json`) it also times each of that profile's conv and linear layers
alone, with the same geometry (batch, channels, size, kernel, stride, pads,
dilation, groups): torch.nn.functional.conv2d (cuDNN, the input padded
beforehand where the pads are asymmetric) or F.linear (cuBLAS), the same
warm-ups and median, so docs/gpu-results.md can set netcost's kernel for
each layer beside cuDNN's. Layers with the same geometry are timed once.
"""

import argparse
import json
import statistics
import sys


def driver_version():
    """The NVIDIA driver's version, as nvidia-smi gives it, or None."""
    import subprocess
    try:
        return subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                              capture_output=True, text=True, timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def build(tv, name):
    """A torchvision network without pretrained weights, laid out as Models/NAME.json."""
    if name == "googlenet":
        # Models/googlenet.json: aux_logits=False, transform_input=False.
        return tv.googlenet(weights=None, aux_logits=False, transform_input=False, init_weights=True)
    return getattr(tv, name)(weights=None)


def time_forward(torch, model, x, warmups, runs):
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)
    with torch.inference_mode():
        for _ in range(warmups):
            model(x)
        torch.cuda.synchronize()
        times = []
        for _ in range(runs):
            start.record()
            model(x)
            stop.record()
            stop.synchronize()
            times.append(start.elapsed_time(stop))
    return times


def time_layers(torch, profile, modes, warmups, runs):
    """Per-layer cuDNN/cuBLAS times for every layer of a netcost profile JSON."""
    import torch.nn.functional as F
    dev = torch.device("cuda")
    seen = {}
    out = []
    for layer in profile["layers"]:
        n, c, h, w = layer["input_shape"]
        k = layer["out_channels"]
        kh, kw = layer["kernel"]
        sh, sw = layer["stride"]
        dh, dw = layer["dilation"]
        top, left, bottom, right = layer["pads"]
        g = layer["groups"]
        key = (n, c, h, w, k, kh, kw, sh, sw, dh, dw, top, left, bottom, right, g)
        linear = layer["type"] == "linear"
        if key not in seen:
            torch.manual_seed(0)
            if linear:
                x = torch.randn(n, c, device=dev)
                wt = torch.randn(k, c, device=dev) / c ** 0.5
                fn = lambda x=x, wt=wt: F.linear(x, wt)
            else:
                x = torch.randn(n, c, h, w, device=dev)
                if (top, left) != (bottom, right):
                    x = F.pad(x, (left, right, top, bottom))
                    pad = (0, 0)
                else:
                    pad = (top, left)
                wt = torch.randn(k, c // g, kh, kw, device=dev) / (c // g * kh * kw) ** 0.5
                fn = lambda x=x, wt=wt, pad=pad: F.conv2d(x, wt, None, (sh, sw), pad, (dh, dw), g)
            entry = {}
            for mode in modes:
                torch.backends.cudnn.allow_tf32 = mode == "tf32"
                torch.backends.cuda.matmul.allow_tf32 = mode == "tf32"
                t = time_call(torch, fn, warmups, runs)
                entry[mode] = {"ms_median": statistics.median(t), "ms_min": min(t), "ms_max": max(t), "runs": len(t)}
            seen[key] = entry
            del x, wt, fn
        out.append({"name": layer["name"], "linear": linear, **seen[key]})
        print(f"  {layer['name']:28s} " + "  ".join(f"{m} {seen[key][m]['ms_median']:.4f} ms" for m in modes), flush=True)
    torch.cuda.empty_cache()
    return out


def time_call(torch, fn, warmups, runs):
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)
    with torch.inference_mode():
        for _ in range(warmups):
            fn()
        torch.cuda.synchronize()
        times = []
        for _ in range(runs):
            start.record()
            fn()
            stop.record()
            stop.synchronize()
            times.append(start.elapsed_time(stop))
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--models", default="alexnet googlenet vgg16 vgg19 resnet18 resnet34 resnet50 resnet101 resnet152")
    ap.add_argument("--warmups", type=int, default=10)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--tf32", action="store_true", help="also time with TF32 allowed")
    ap.add_argument("--layers", help="a netcost profile JSON whose conv and linear layers are also timed alone")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    import torch
    import torchvision.models as tv

    if not torch.cuda.is_available():
        sys.exit("gpu_torch_forward.py: PyTorch sees no CUDA device")
    torch.backends.cudnn.benchmark = True
    dev = torch.device("cuda")
    result = {
        "device": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "batch": args.batch,
        "warmups": args.warmups,
        "runs": args.runs,
        "models": {},
        "driver": driver_version(),
    }
    modes = ["fp32"] + (["tf32"] if args.tf32 else [])
    for name in args.models.split():
        torch.manual_seed(0)
        model = build(tv, name).to(dev).eval()
        x = torch.randn(args.batch, 3, 224, 224, device=dev)
        entry = {}
        for mode in modes:
            torch.backends.cudnn.allow_tf32 = mode == "tf32"
            torch.backends.cuda.matmul.allow_tf32 = mode == "tf32"
            t = time_forward(torch, model, x, args.warmups, args.runs)
            entry[mode] = {"ms_median": statistics.median(t), "ms_min": min(t), "ms_max": max(t), "runs": len(t)}
            print(f"{name:10s} {mode}: median {entry[mode]['ms_median']:.3f} ms (min {min(t):.3f}, max {max(t):.3f})", flush=True)
        result["models"][name] = entry
        del model, x
        torch.cuda.empty_cache()
    if args.layers:
        with open(args.layers) as f:
            profile = json.load(f)
        print(f"per layer: {profile['model']} ({len(profile['layers'])} layers)", flush=True)
        result["layers_model"] = profile["model"]
        result["layers"] = time_layers(torch, profile, modes, args.warmups, args.runs)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
