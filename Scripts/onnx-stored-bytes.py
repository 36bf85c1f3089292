#!/usr/bin/env python3
"""Adds `onnx_weight_bytes` to each Tests/Fixtures/onnx-wild/*.references.json.

The figure is the bytes an ONNX file stores for its weights, read with the
onnx package (never with netcost): for every initializer of the graph and of
its subgraphs, numel × the element size of its data_type (4-bit types packed
two a byte, as ONNX stores them), summed over the initializers that are
weights, meaning

  * floating-point initializers with at least one dimension (a 0-D float is a
    scalar constant of the exporter, such as the ½ of a Gelu), and
  * 8- and 4-bit integer initializers (quantized weights and zero points), and
  * the inputs quantized ops read as weights, scales or zero points whatever
    their type (QLinearConv's int32 bias, MatMulNBits' packed uint8 blocks),
    and the weight scales of onnxruntime's dynamic quantization: the other
    input of a Mul by a DynamicQuantizeLinear's scale output (0-D floats).

Every initializer counts, read by a node or not: an If branch that is never
taken still stores its weights.

The stripped fixtures keep every initializer's dims and data_type (their
payloads point to an absent file), so the figure is the original export's.

    python3 Scripts/onnx-stored-bytes.py   # needs: pip install onnx
"""

import glob
import json
import os

import onnx
from onnx import helper

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "Tests", "Fixtures", "onnx-wild")

FOUR_BIT = {21, 22, 23}  # UINT4, INT4, FLOAT4E2M1
EIGHT_BIT_INT = {2, 3}  # UINT8, INT8
FLOATS = {1, 10, 11, 16}  # FLOAT, FLOAT16, DOUBLE, BFLOAT16

# Inputs of quantized ops that are weights, scales or zero points (ONNX and
# onnxruntime's com.microsoft operator documentation).
QUANT_INPUTS = {
    "QuantizeLinear": [1, 2], "DequantizeLinear": [0, 1, 2], "QLinearConv": [1, 2, 3, 4, 5, 6, 7, 8],
    "QLinearMatMul": [0, 1, 2, 3, 4, 5, 6, 7], "MatMulInteger": [0, 1, 2, 3], "ConvInteger": [1, 2, 3],
    "QGemm": [0, 1, 2, 3, 4, 5, 6, 7, 8], "QLinearAdd": [0, 1, 2, 3, 4, 5, 6, 7],
    "QLinearMul": [0, 1, 2, 3, 4, 5, 6, 7], "QLinearSigmoid": [1, 2, 3, 4],
    "QLinearGlobalAveragePool": [1, 2, 3, 4], "QLinearAveragePool": [1, 2, 3, 4], "QLinearLeakyRelu": [1, 2, 3, 4],
    "MatMulNBits": [1, 2, 3, 4, 5], "DynamicQuantizeMatMul": [1, 2, 3, 4],
    "MatMulIntegerToFloat": [1, 2, 3, 4, 5, 6], "QAttention": [1, 2, 3, 4, 6, 7],
}


def nbytes(t):
    n = 1
    for d in t.dims:
        n *= d
    if t.data_type in FOUR_BIT:
        return (n + 1) // 2
    return n * helper.tensor_dtype_to_np_dtype(t.data_type).itemsize


def graphs(g):
    yield g
    for node in g.node:
        for a in node.attribute:
            if a.HasField("g"):
                yield from graphs(a.g)
            for sg in a.graphs:
                yield from graphs(sg)


def weight_bytes(model):
    total = 0
    for g in graphs(model.graph):
        quant = set()
        dynamic_scales = {n.output[1] for n in g.node if n.op_type == "DynamicQuantizeLinear" and len(n.output) > 1}
        for node in g.node:
            if node.op_type == "Mul" and len(node.input) == 2:
                for a, b in (node.input, node.input[::-1]):
                    if a in dynamic_scales:
                        quant.add(b)
            for i in QUANT_INPUTS.get(node.op_type, []):
                if i < len(node.input) and node.input[i]:
                    quant.add(node.input[i])
        for t in g.initializer:
            is_weight = (
                (t.data_type in FLOATS and len(t.dims) > 0)
                or t.data_type in EIGHT_BIT_INT | FOUR_BIT
                or t.name in quant
            )
            if is_weight:
                total += nbytes(t)
    return total


def main():
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.onnx"))):
        ref_path = path[: -len(".onnx")] + ".references.json"
        if not os.path.exists(ref_path):
            continue
        model = onnx.load(path, load_external_data=False)
        with open(ref_path) as f:
            ref = json.load(f)
        ref["onnx_weight_bytes"] = weight_bytes(model)
        with open(ref_path, "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"{os.path.basename(path)}: {ref['onnx_weight_bytes']} bytes")


if __name__ == "__main__":
    main()
