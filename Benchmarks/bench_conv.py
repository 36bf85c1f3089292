#!/usr/bin/env python3
"""Convolution speed against onnxruntime (run by `make bench`).

For every layer of Benchmarks/conv_layers.json, at batch 1 and 16:
  ours  `netcost bench-conv … --algo best --format json`: the fastest of our
        applicable algorithms (median time);
  ORT   onnxruntime (CPU execution provider, all graph optimizations) on a
        one-Conv ONNX model of the same layer (no bias, random weights),
        input and output bound once (IOBinding) so no run allocates;
and prints both GFLOP/s (2·MACs / median) and the ratio ours / ORT.

Then the whole of ResNet-50 at batch 16: the sum of `netcost profile
Models/resnet50.json`'s per-layer best times (conv + linear layers only)
against onnxruntime's complete forward pass (BatchNorm folded, every ReLU,
add and pooling included) of the torchvision export in
shared/reference/onnx/resnet50.onnx, whose stripped weights are filled
with random numbers here.

Both sides use the same thread count (--threads, default 2): ours through
--threads, ORT through intra_op_num_threads (and OMP_NUM_THREADS). Each
side is timed the same way: warm-ups, then runs until at least --min-time
seconds and 3 runs; the median counts. Ours runs first, then ORT, layer by
layer, and the ORT session is closed before the next layer so its spinning
threads cannot steal time from ours.

Needs numpy, onnx and onnxruntime (the Makefile installs them into
Benchmarks/.venv). Reports; does not judge: exit 0 whether goals are met or
not, non-zero only when something cannot be measured.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESNET_GOAL_LAYERS = ["resnet50.l1.3x3", "resnet50.l1.1x1expand", "resnet50.l2.3x3", "resnet50.l3.3x3",
                      "resnet50.l3.1x1reduce", "resnet50.l4.3x3"]
BEAT_LAYERS = ["mobilenetv2.dw56", "mobilenetv2.dw112s2", "resnext.grouped"]


class BenchError(Exception):
    pass


def time_runs(fn, min_time, warmups=2, min_runs=3, max_runs=1000):
    for _ in range(warmups):
        fn()
    samples = []
    total = 0.0
    while len(samples) < max_runs and (total < min_time or len(samples) < min_runs):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        samples.append(dt)
        total += dt
    return statistics.median(samples), min(samples), max(samples), len(samples)


def macs(layer, batch):
    k, s, p, d, g = layer["kernel"], layer["stride"], layer["pad"], layer["dilation"], layer["groups"]
    oh = (layer["H"] + 2 * p - d * (k - 1) - 1) // s + 1
    ow = (layer["W"] + 2 * p - d * (k - 1) - 1) // s + 1
    return batch * layer["C_out"] * oh * ow * (layer["C_in"] // g) * k * k, oh, ow


def ours(netcost, layer, batch, threads, min_time):
    argv = [netcost, "bench-conv", "--in", f"{layer['C_in']}x{layer['H']}x{layer['W']}", "--out", str(layer["C_out"]),
            "--kernel", str(layer["kernel"]), "--stride", str(layer["stride"]), "--pad", str(layer["pad"]),
            "--dilation", str(layer["dilation"]), "--groups", str(layer["groups"]), "--batch", str(batch),
            "--algo", "best", "--threads", str(threads), "--format", "json", "--min-time", str(min_time)]
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {r.returncode}: {r.stderr.strip()}")
    j = json.loads(r.stdout)
    best = j["algorithms"][0]
    assert best["algo"] == j["best"]
    return j, best


def ort_session(ort, model_bytes, threads):
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"])


def ort_time(ort, np, model_bytes, x, out_shape, threads, min_time):
    sess = ort_session(ort, model_bytes, threads)
    y = np.empty(out_shape, dtype=np.float32)
    io = sess.io_binding()
    io.bind_cpu_input(sess.get_inputs()[0].name, x)
    io.bind_output(sess.get_outputs()[0].name, "cpu", 0, np.float32, list(out_shape), y.ctypes.data)
    result = time_runs(lambda: sess.run_with_iobinding(io), min_time)
    del io, sess
    return result


def conv_model(onnx, np, layer, batch, rng):
    from onnx import helper, TensorProto, numpy_helper
    k, s, p, d, g = layer["kernel"], layer["stride"], layer["pad"], layer["dilation"], layer["groups"]
    _, oh, ow = macs(layer, batch)
    w = rng.uniform(-1, 1, size=(layer["C_out"], layer["C_in"] // g, k, k)).astype(np.float32)
    node = helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[k, k], strides=[s, s], pads=[p, p, p, p],
                            dilations=[d, d], group=g)
    graph = helper.make_graph(
        [node], "conv",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, layer["C_in"], layer["H"], layer["W"]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [batch, layer["C_out"], oh, ow])],
        [numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString(), (batch, layer["C_out"], oh, ow)


def resnet50_model(onnx, np, path, batch, rng):
    """The torchvision ResNet-50 export with random weights and a fixed batch."""
    from onnx import numpy_helper
    model = onnx.load(path, load_external_data=False)
    g = model.graph
    filled = []
    for init in g.initializer:
        external = init.data_location == onnx.TensorProto.EXTERNAL or len(init.external_data) > 0
        if external:
            if init.data_type != onnx.TensorProto.FLOAT:
                raise BenchError(f"{path}: initializer {init.name} is not float32")
            # He initialization keeps activations of order 1 through all 50
            # layers (a fixed small scale shrinks them towards denormals,
            # which would slow every kernel down); biases (folded
            # BatchNorm) small.
            dims = tuple(init.dims)
            fan_in = int(np.prod(dims[1:])) if len(dims) > 1 else 0
            scale = np.sqrt(2.0 / fan_in) if fan_in else 0.01
            a = (rng.standard_normal(dims) * scale).astype(np.float32)
            filled.append(numpy_helper.from_array(a, init.name))
        else:
            filled.append(init)
    del g.initializer[:]
    g.initializer.extend(filled)
    del g.value_info[:]
    for v in list(g.input) + list(g.output):
        v.type.tensor_type.shape.dim[0].ClearField("dim_param")
        v.type.tensor_type.shape.dim[0].dim_value = batch
    onnx.checker.check_model(model)
    inp = g.input[0]
    in_shape = tuple(d.dim_value for d in inp.type.tensor_type.shape.dim)
    out_shape = tuple(d.dim_value for d in g.output[0].type.tensor_type.shape.dim)
    return model.SerializeToString(), in_shape, out_shape


def busy_cpu_seconds():
    """CPU time the whole machine spent busy (not idle, not waiting on I/O), from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
    except OSError:
        return None
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds():
    """CPU time of this process (onnxruntime's threads included) and of its finished children (netcost)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def fmt(x, digits=1):
    return f"{x:.{digits}f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--netcost", default=os.path.join(ROOT, ".build/release/netcost"))
    ap.add_argument("--layers", default=os.path.join(HERE, "conv_layers.json"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batches", default="1,16")
    ap.add_argument("--min-time", type=float, default=0.3, help="seconds of timed runs per algorithm and per ORT layer")
    ap.add_argument("--only", help="comma-separated layer names")
    ap.add_argument("--model", default=os.path.join(ROOT, "Models/resnet50.json"))
    ap.add_argument("--onnx", default=os.path.join(ROOT, "..", "shared", "reference", "onnx", "resnet50.onnx"),
                    help="ResNet-50 ONNX export (weights may be stripped)")
    ap.add_argument("--skip-model", action="store_true", help="skip the whole-ResNet-50 comparison")
    ap.add_argument("--json", default=os.path.join(HERE, "generated", "bench_conv.json"),
                    help="also write every number to this file (default Benchmarks/generated/bench_conv.json)")
    args = ap.parse_args()

    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    try:
        import numpy as np
        import onnx
        import onnxruntime as ort
    except ImportError as e:
        print(f"bench_conv: {e}; run `make bench` (it installs numpy, onnx and onnxruntime into Benchmarks/.venv)",
              file=sys.stderr)
        return 2
    if not os.access(args.netcost, os.X_OK):
        print(f"bench_conv: no netcost binary at {args.netcost}", file=sys.stderr)
        return 2
    if not os.path.exists(args.onnx):
        alt = os.path.join(ROOT, "shared", "reference", "onnx", "resnet50.onnx")
        if os.path.exists(alt):
            args.onnx = alt

    layers = json.load(open(args.layers))["layers"]
    if args.only:
        names = set(args.only.split(","))
        layers = [l for l in layers if l["name"] in names]
    batches = [int(b) for b in args.batches.split(",")]
    rng = np.random.default_rng(7)

    load = os.getloadavg()[0]
    busy0, own0, wall0 = busy_cpu_seconds(), own_cpu_seconds(), time.time()
    print(f"Convolution layers, {args.threads} threads, min {args.min_time} s of runs each; onnxruntime {ort.__version__}; "
          f"load average {load:.2f} at start")
    header = (f"{'Layer':<24} {'N':>3} {'GMAC':>7}  {'our algo':<14} {'ours ms':>9} {'ours GF/s':>9}  {'ORT ms':>9} "
              f"{'ORT GF/s':>9}  {'ours/ORT':>8} {'(min)':>6}")
    print("─" * len(header))
    print(header)
    print("─" * len(header))
    rows = []
    machine = None
    try:
        for layer in layers:
            for batch in batches:
                m, _, _ = macs(layer, batch)
                j, best = ours(args.netcost, layer, batch, args.threads, args.min_time)
                machine = j["machine"]
                x = rng.uniform(-1, 1, size=(batch, layer["C_in"], layer["H"], layer["W"])).astype(np.float32)
                model, out_shape = conv_model(onnx, np, layer, batch, rng)
                o_med, o_min, o_max, o_runs = ort_time(ort, np, model, x, out_shape, args.threads, args.min_time)
                ort_gf = 2 * m / o_med / 1e9
                ratio = best["gflops"] / ort_gf
                ratio_min = o_min * 1000 / best["ms_min"]
                rows.append({"layer": layer["name"], "batch": batch, "macs": m, "algo": best["algo"],
                             "ours_ms": best["ms_median"], "ours_gflops": best["gflops"],
                             "ours_ms_min": best["ms_min"], "ort_ms_min": o_min * 1000,
                             "ort_ms": o_med * 1000, "ort_gflops": ort_gf, "ratio": ratio, "ratio_min": ratio_min,
                             "ours_algorithms": j["algorithms"]})
                print(f"{layer['name']:<24} {batch:>3} {m / 1e9:>7.3f}  {best['algo']:<14} {best['ms_median']:>9.3f} "
                      f"{best['gflops']:>9.1f}  {o_med * 1000:>9.3f} {ort_gf:>9.1f}  {ratio:>8.2f} {ratio_min:>6.2f}", flush=True)
    except BenchError as e:
        print(f"bench_conv: {e}", file=sys.stderr)
        return 1
    print("─" * len(header))
    print("ours/ORT: throughput ratio of the medians (> 1: ours faster); (min): the same for the fastest runs")
    if machine:
        print(f"Machine (measured by netcost): peak {machine['peak_gflops']:.1f} GFLOP/s with {machine['threads']} threads "
              f"({machine['peak_gflops_per_thread']:.1f} per thread, {machine['isa']}), triad {machine['bandwidth_gbs']:.1f} GB/s, "
              f"{machine['blas']}")

    goals = []
    b16 = {r["layer"]: r for r in rows if r["batch"] == 16}
    resnet = [b16[n] for n in RESNET_GOAL_LAYERS if n in b16]
    if resnet:
        worst = min(r["ratio"] for r in resnet)
        above = sum(1 for r in resnet if r["ratio"] > 1.0)
        goals.append(("ResNet-50 3×3 and 1×1 layers, batch 16: every one ≥ 0.9× ORT",
                      f"lowest ratio {worst:.2f}", worst >= 0.9))
        goals.append(("ResNet-50 3×3 and 1×1 layers, batch 16: at least half above ORT",
                      f"{above} of {len(resnet)} above", 2 * above >= len(resnet)))
    for name in BEAT_LAYERS:
        if name in b16:
            r = b16[name]
            goals.append((f"{name}, batch 16: above ORT", f"ratio {r['ratio']:.2f}", r["ratio"] > 1.0))

    whole = None
    if not args.skip_model:
        print()
        print(f"ResNet-50, batch 16, {args.threads} threads")
        r = subprocess.run([args.netcost, "profile", args.model, "--batch", "16", "--threads", str(args.threads),
                            "--format", "json", "--min-time", str(args.min_time)], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"bench_conv: netcost profile exited {r.returncode}: {r.stderr.strip()}", file=sys.stderr)
            return 1
        prof = json.loads(r.stdout)
        ours_ms = prof["total"]["ms"]
        if not os.path.exists(args.onnx):
            print(f"bench_conv: {args.onnx} not found; skipping ORT's ResNet-50", file=sys.stderr)
        else:
            model, in_shape, out_shape = resnet50_model(onnx, np, args.onnx, 16, rng)
            x = rng.uniform(-1, 1, size=in_shape).astype(np.float32)
            o_med, o_min, o_max, o_runs = ort_time(ort, np, model, x, out_shape, args.threads, max(2.0, args.min_time))
            ratio = ours_ms / (o_med * 1000)
            whole = {"ours_ms": ours_ms, "ours_layers": prof["total"]["layers"], "ort_ms": o_med * 1000,
                     "ort_ms_min": o_min * 1000, "ort_ms_max": o_max * 1000, "ort_runs": o_runs, "ratio": ratio,
                     "ours_gflops": prof["total"]["gflops"], "algorithms": {}}
            for l in prof["layers"]:
                whole["algorithms"][l["algo"]] = whole["algorithms"].get(l["algo"], 0) + 1
            algos = ", ".join(f"{k} ×{v}" for k, v in sorted(whole["algorithms"].items()))
            print(f"  netcost profile: {ours_ms:.1f} ms summed over {prof['total']['layers']} conv + linear layers "
                  f"({prof['total']['gflops']:.1f} GFLOP/s; {algos})")
            print(f"  onnxruntime:     {o_med * 1000:.1f} ms whole forward (median of {o_runs}; min {o_min * 1000:.1f}, "
                  f"max {o_max * 1000:.1f})")
            print(f"  ratio ours / ORT time: {ratio:.2f}")
            goals.append(("ResNet-50 batch 16: conv + linear total within 1.2× ORT's forward",
                          f"{ratio:.2f}×", ratio <= 1.2))

    print()
    print("Goals")
    for what, value, ok in goals:
        print(f"  {'PASS' if ok else 'MISS'}  {what}: {value}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    foreign = None
    busy1 = busy_cpu_seconds()
    if busy0 is not None and busy1 is not None:
        foreign = max(0.0, (busy1 - busy0) - (own_cpu_seconds() - own0))
        wall = time.time() - wall0
        print(f"other processes used {foreign:.1f} CPU-seconds during these {wall:.0f} s "
              f"({100 * foreign / wall:.0f}% of one core): "
              + ("a quiet run" if foreign < 0.05 * wall else "the machine was shared, so the timings are less reliable"))
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            json.dump({"threads": args.threads, "onnxruntime": ort.__version__, "load_start": load,
                       "load_end": os.getloadavg()[0], "foreign_cpu_seconds": foreign, "machine": machine, "layers": rows, "resnet50": whole,
                       "goals": [{"goal": g, "value": v, "met": ok} for g, v, ok in goals]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
