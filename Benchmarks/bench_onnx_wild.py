#!/usr/bin/env python3
# netcost — Apache-2.0
"""Speed of `netcost analyze` on real exports (issue 13), side by side with
onnx's own loader and shape inference on the same files.

1. The largest graph of the corpus, timm's maxvit_tiny_tf (4,501 nodes;
   Tests/Fixtures/onnx-wild/timm_maxvit_tiny_tf.onnx) and Swin-T (3,288
   nodes). Goal: under 0.1 s.
2. A 7B-parameter Llama-style decoder (32 layers, hidden 4,096, 32 heads,
   SwiGLU 11,008, vocabulary 32,000; 6,738,415,616 parameters, Llama-2-7B's
   count) written here with onnx.helper, every weight in an external file
   that does not exist (Benchmarks/generated/llama7b.onnx). Goal: under 1 s,
   without the weight files; the parameter count is checked.

Times are whole processes (start to exit, output to /dev/null): 3 warm-ups,
then N runs; median, min, max. onnx's side: `onnx.load` (no external data)
+ `onnx.shape_inference.infer_shapes` in a fresh Python process, the
closest thing onnx has to reading a model and sizing every tensor.

  Benchmarks/.venv/bin/python Benchmarks/bench_onnx_wild.py --netcost .build/release/netcost
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATED = os.path.join(ROOT, "Benchmarks", "generated")
LLAMA_PARAMS = 6_738_415_616


def llama7b(path):
    """Writes the 7B decoder graph (no weights) to `path`."""
    import onnx
    from onnx import TensorProto, helper

    h, heads, ffn, vocab, layers, seq = 4096, 32, 11008, 32000, 32, 128
    inits, nodes = [], []

    def weight(name, dims):
        t = TensorProto()
        t.name, t.data_type = name, TensorProto.FLOAT
        t.dims.extend(dims)
        t.data_location = TensorProto.EXTERNAL
        for k, v in (("location", "llama7b.weights.absent"), ("offset", "0"), ("length", "0")):
            e = t.external_data.add()
            e.key, e.value = k, v
        inits.append(t)
        return name

    def const(name, values):
        inits.append(helper.make_tensor(name, TensorProto.INT64, [len(values)], values))
        return name

    def node(op, ins, out, **attrs):
        nodes.append(helper.make_node(op, ins, [out], name=out, **attrs))
        return out

    two = helper.make_tensor("two", TensorProto.FLOAT, [], [2.0])
    eps = helper.make_tensor("eps", TensorProto.FLOAT, [], [1e-5])
    scale = helper.make_tensor("scale", TensorProto.FLOAT, [], [128 ** 0.5])
    inits += [two, eps, scale]
    const("axes_last", [-1])
    const("heads_shape", [1, seq, heads, h // heads])
    const("model_shape", [1, seq, h])

    def rms(x, name):
        p = node("Pow", [x, "two"], f"{name}/pow")
        m = node("ReduceMean", [p, "axes_last"], f"{name}/mean")
        a = node("Add", [m, "eps"], f"{name}/add")
        s = node("Sqrt", [a], f"{name}/sqrt")
        d = node("Div", [x, s], f"{name}/div")
        return node("Mul", [d, weight(f"{name}.weight", [h])], f"{name}/scale")

    def split_heads(x, name):
        r = node("Reshape", [x, "heads_shape"], f"{name}/reshape")
        return node("Transpose", [r], f"{name}/transpose", perm=[0, 2, 1, 3])

    x = node("Gather", [weight("embed_tokens.weight", [vocab, h]), "input_ids"], "embed")
    for i in range(layers):
        p = f"layers.{i}"
        n = rms(x, f"{p}.input_layernorm")
        q = split_heads(node("MatMul", [n, weight(f"{p}.q_proj", [h, h])], f"{p}/q"), f"{p}/q")
        k = split_heads(node("MatMul", [n, weight(f"{p}.k_proj", [h, h])], f"{p}/k"), f"{p}/k")
        v = split_heads(node("MatMul", [n, weight(f"{p}.v_proj", [h, h])], f"{p}/v"), f"{p}/v")
        kt = node("Transpose", [k], f"{p}/kt", perm=[0, 1, 3, 2])
        s = node("Div", [node("MatMul", [q, kt], f"{p}/qk"), "scale"], f"{p}/scaled")
        a = node("MatMul", [node("Softmax", [s], f"{p}/softmax", axis=-1), v], f"{p}/av")
        a = node("Reshape", [node("Transpose", [a], f"{p}/merge", perm=[0, 2, 1, 3]), "model_shape"], f"{p}/merged")
        x = node("Add", [x, node("MatMul", [a, weight(f"{p}.o_proj", [h, h])], f"{p}/o")], f"{p}/residual1")
        n = rms(x, f"{p}.post_attention_layernorm")
        g = node("MatMul", [n, weight(f"{p}.gate_proj", [h, ffn])], f"{p}/gate")
        g = node("Mul", [g, node("Sigmoid", [g], f"{p}/sigmoid")], f"{p}/silu")
        u = node("MatMul", [n, weight(f"{p}.up_proj", [h, ffn])], f"{p}/up")
        d = node("MatMul", [node("Mul", [g, u], f"{p}/glu"), weight(f"{p}.down_proj", [ffn, h])], f"{p}/down")
        x = node("Add", [x, d], f"{p}/residual2")
    x = rms(x, "norm")
    node("MatMul", [x, weight("lm_head", [h, vocab])], "logits")
    g = helper.make_graph(
        nodes, "llama7b",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, seq])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, seq, vocab])],
        initializer=inits,
    )
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), path)


def timed(cmd, warmups, runs):
    for _ in range(warmups):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        out.append(time.perf_counter() - t)
    return out


ONNX_SIDE = (
    "import onnx, sys; m = onnx.load(sys.argv[1], load_external_data=False); onnx.shape_inference.infer_shapes(m)"
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--netcost", default=os.path.join(ROOT, ".build", "release", "netcost"))
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    os.makedirs(GENERATED, exist_ok=True)
    llama = os.path.join(GENERATED, "llama7b.onnx")
    if not os.path.exists(llama):
        llama7b(llama)
    out = subprocess.run([args.netcost, "analyze", llama, "--format", "json"], capture_output=True, text=True, check=True)
    params = json.loads(out.stdout)["totals"]["params"]
    if params != LLAMA_PARAMS:
        sys.exit(f"llama7b: netcost counts {params} parameters, expected {LLAMA_PARAMS}")
    cases = [
        ("maxvit_tiny_tf (4,501 nodes)", os.path.join(ROOT, "Tests/Fixtures/onnx-wild/timm_maxvit_tiny_tf.onnx"), 0.1),
        ("swin_tiny (3,288 nodes)", os.path.join(ROOT, "Tests/Fixtures/onnx-wild/timm_swin_tiny.onnx"), 0.1),
        ("llama 7B, no weight files", llama, 1.0),
    ]
    print(f"{'model':32} {'netcost median':>15} {'min':>8} {'max':>8} {'goal':>6}   {'onnx load+infer':>15}  ratio")
    failed = False
    for name, path, goal in cases:
        ours = timed([args.netcost, "analyze", path, "--format", "json"], 3, args.runs)
        theirs = timed([sys.executable, "-c", ONNX_SIDE, path], 1, 3)
        med, ref = statistics.median(ours), statistics.median(theirs)
        ok = med < goal
        failed |= not ok
        print(
            f"{name:32} {med * 1000:12.1f} ms {min(ours) * 1000:6.1f} {max(ours) * 1000:8.1f} {goal:5.1f}s"
            f"   {ref * 1000:12.1f} ms  {ref / med:5.1f}×  {'ok' if ok else 'SLOWER THAN GOAL'}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
