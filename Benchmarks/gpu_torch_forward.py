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
"""

import argparse
import json
import statistics
import sys


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--models", default="alexnet googlenet vgg16 vgg19 resnet18 resnet34 resnet50 resnet101 resnet152")
    ap.add_argument("--warmups", type=int, default=10)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--tf32", action="store_true", help="also time with TF32 allowed")
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
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
