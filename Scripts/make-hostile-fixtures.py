#!/usr/bin/env python3
"""Writes the ONNX files of Tests/Fixtures/hostile/: one small invalid or
hostile model per case of issue 17 (item 5 and 6), built with onnx.helper and
never checked with onnx.checker (most are meant to be invalid). Weights carry
no payload (dims and data type only), as netcost never reads them.

Run with the project's venv: /work/venv/bin/python Scripts/make-hostile-fixtures.py
"""
import math
import os

import onnx
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "hostile")


def value(name, dims, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, dims)


def weight(name, dims, data_type=TensorProto.FLOAT):
    """A stored tensor with dims and type only (the payload is left out)."""
    t = TensorProto()
    t.name = name
    t.dims.extend(dims)
    t.data_type = data_type
    return t


def ints(name, values):
    return helper.make_tensor(name, TensorProto.INT64, [len(values)], values)


def save(name, nodes, inputs, outputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, "hostile", inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="netcost-hostile")
    model.ir_version = 8
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(model.SerializeToString())


X = [value("x", [1, 3, 8, 8])]
Y = [value("y", None)]

# Split sizes that overflow a 64-bit sum: [2^63-1, 2^63-1, 5].
save("split-sizes-overflow.onnx",
     [helper.make_node("Split", ["x", "s"], ["a", "b", "c"], axis=1, name="split")],
     X, [value("a", None)], [ints("s", [2**63 - 1, 2**63 - 1, 5])])

# Names holding a line break and a terminal escape, an op type holding a carriage return.
save("input-name-escape.onnx",
     [helper.make_node("Relu", ["x\nFAKE: second line\x1b[31m"], ["y"], name="relu")], X, Y)
save("op-type-escape.onnx", [helper.make_node("Fancy\rOp", ["x"], ["y"], name="fancy")], X, Y)

# Initializers of data type 0 (UNDEFINED) and 999 (no such type).
for dt in (0, 999):
    save(f"initializer-data-type-{dt}.onnx",
         [helper.make_node("Conv", ["x", "W"], ["y"], name="conv", kernel_shape=[3, 3])],
         X, Y, [weight("W", [4, 3, 3, 3], data_type=dt)])

# Two nodes writing one tensor.
save("two-nodes-one-output.onnx",
     [helper.make_node("Relu", ["x"], ["t"], name="a"), helper.make_node("Sigmoid", ["x"], ["t"], name="b"),
      helper.make_node("Tanh", ["t"], ["y"], name="c")], X, Y)

# A node output with the name of a graph input.
save("output-shadows-input.onnx",
     [helper.make_node("Relu", ["x"], ["x"], name="a"), helper.make_node("Tanh", ["x"], ["y"], name="b")], X, Y)

# A graph input declared twice.
save("input-declared-twice.onnx",
     [helper.make_node("Relu", ["x"], ["y"], name="a")], X + [value("x", [1, 3, 4, 4])], Y)

# kernel_shape [5, 5] with a 3×3 weight.
save("kernel-shape-mismatch.onnx",
     [helper.make_node("Conv", ["x", "W"], ["y"], name="conv", kernel_shape=[5, 5])],
     X, Y, [weight("W", [4, 3, 3, 3])])

# Attributes of the wrong type: group as FLOATS, group as TENSOR, strides as FLOAT.
save("group-as-floats.onnx",
     [helper.make_node("Conv", ["x", "W"], ["y"], name="conv", group=[3.0])],
     X, Y, [weight("W", [3, 1, 3, 3])])
conv = helper.make_node("Conv", ["x", "W"], ["y"], name="conv")
conv.attribute.append(helper.make_attribute("group", ints("g", [3])))
save("group-as-tensor.onnx", [conv], X, Y, [weight("W", [3, 1, 3, 3])])
save("strides-as-float.onnx",
     [helper.make_node("Conv", ["x", "W"], ["y"], name="conv", strides=2.0)],
     X, Y, [weight("W", [4, 3, 3, 3])])

# BatchNormalization with only X.
save("batchnorm-only-x.onnx", [helper.make_node("BatchNormalization", ["x"], ["y"], name="bn")], X, Y)

# Reshape with a float shape, and with a 2-D shape.
save("reshape-float-shape.onnx", [helper.make_node("Reshape", ["x", "s"], ["y"], name="reshape")], X, Y,
     [helper.make_tensor("s", TensorProto.FLOAT, [2], [1.0, -1.0])])
save("reshape-2d-shape.onnx", [helper.make_node("Reshape", ["x", "s"], ["y"], name="reshape")], X, Y,
     [helper.make_tensor("s", TensorProto.INT64, [1, 2], [1, -1])])

# Slice with the same axis twice.
save("slice-duplicate-axes.onnx", [helper.make_node("Slice", ["x", "st", "en", "ax"], ["y"], name="slice")], X, Y,
     [ints("st", [0, 1]), ints("en", [2, 3]), ints("ax", [2, 2])])

# Cast of NaN to int64 (its result then sizes a reshape), and Cast to type 999.
save("cast-nan-to-int64.onnx",
     [helper.make_node("Cast", ["f"], ["s"], name="cast", to=TensorProto.INT64),
      helper.make_node("Reshape", ["x", "s"], ["y"], name="reshape")], X, Y,
     [helper.make_tensor("f", TensorProto.FLOAT, [2], [1.0, math.nan])])
save("cast-to-type-999.onnx",
     [helper.make_node("Cast", ["x"], ["y"], name="cast", to=999)], X, Y)

# A Slice of an axis of 2^40 entries: the kept indices must not be listed one by one.
save("slice-huge-axis.onnx", [helper.make_node("Slice", ["x", "st", "en", "ax"], ["y"], name="slice")],
     [value("x", [1, 1, 2**40])], Y, [ints("st", [0]), ints("en", [10]), ints("ax", [2])])
