#!/usr/bin/env python3
"""Reference figures for a Caffe deploy .prototxt, computed by PyTorch.

The prototxt is parsed with the `protobuf` package's text_format against
netcost's caffe-subset.proto (compiled here by protoc for Python; its field
names and numbers are checked against BVLC Caffe's by check-caffe-proto.py).
Each layer is rebuilt as the torch module Caffe's layer is equivalent to
(Convolution -> nn.Conv2d, Pooling -> nn.MaxPool2d/AvgPool2d with ceil_mode,
BatchNorm -> nn.BatchNorm2d(affine=False), ...), and a forward pass on the
meta device gives every blob's shape by torch's own shape arithmetic.
Parameters and buffers are counted by torch (numel of each module's
parameters and buffers), conv + linear MACs by torch.utils.flop_counter
(which counts 2 FLOPs per multiply-accumulate of convolution and mm/addmm;
halved here). Nothing here shares code with netcost's importer.

Where Caffe's rules differ from torch's they are applied before calling torch
and checked against torch's output: Caffe's ceil-mode pooling drops a last
window that starts in the padding only when there is padding (torch also when
there is none), and Caffe allows pad up to kernel - 1 (torch only kernel / 2).
A layer where the two disagree stops the script rather than writing a wrong
reference.

Batch: the file's first input dimension (deploy files often say 10, for 10
crops) is replaced by 1, as netcost analyzes per image.

Usage (needs torch and protobuf, e.g. the venv made by `make bench-venv` plus
`pip install torch protobuf`):

    Scripts/caffe_reference.py model.prototxt > model.expected.json
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F
from google.protobuf import text_format
from torch.utils.flop_counter import FlopCounterMode

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.path.join(HERE, "..", "Sources", "NetCost", "Formats", "Caffe")


def load_proto_module():
    out = tempfile.mkdtemp()
    subprocess.run(["protoc", "--proto_path=" + PROTO_DIR, "--python_out=" + out,
                    os.path.join(PROTO_DIR, "caffe-subset.proto")], check=True)
    sys.path.insert(0, out)
    import caffe_subset_pb2  # noqa: E402
    return caffe_subset_pb2


pb = load_proto_module()
META = torch.device("meta")

V1_TYPES = {
    "CONVOLUTION": "Convolution", "DECONVOLUTION": "Deconvolution", "POOLING": "Pooling",
    "INNER_PRODUCT": "InnerProduct", "RELU": "ReLU", "SIGMOID": "Sigmoid", "TANH": "TanH",
    "LRN": "LRN", "CONCAT": "Concat", "ELTWISE": "Eltwise", "SPLIT": "Split", "SLICE": "Slice",
    "FLATTEN": "Flatten", "DROPOUT": "Dropout", "SOFTMAX": "Softmax", "POWER": "Power",
    "ABSVAL": "AbsVal", "BNLL": "BNLL", "EXP": "Exp", "THRESHOLD": "Threshold", "MVN": "MVN",
}


class Fail(Exception):
    pass


def pair(repeated, single_h, single_w, has_h, has_w, default):
    """Caffe's kernel/stride/pad reading: _h/_w when given, else the repeated field."""
    if has_h or has_w:
        return [single_h, single_w]
    vals = list(repeated)
    if not vals:
        return [default, default]
    if len(vals) == 1:
        return [vals[0], vals[0]]
    return vals[:2]


def caffe_pool_out(size, k, s, p, ceil):
    if ceil:
        o = int(math.ceil((size + 2 * p - k) / s)) + 1
    else:
        o = (size + 2 * p - k) // s + 1
    if p > 0 and (o - 1) * s >= size + p:
        o -= 1
    return o


class Net:
    def __init__(self, net):
        self.net = net
        self.blobs = {}
        self.shapes = {}
        self.modules = []
        self.notes = []
        self.input_shape = None

    def add_module(self, m):
        self.modules.append(m)
        return m

    def set_input(self, name, dims):
        dims = list(dims)
        if len(dims) >= 1:
            if dims[0] != 1:
                self.notes.append(f"input {name}: batch {dims[0]} in the file, 1 used")
            dims[0] = 1
        if self.input_shape is None:
            self.input_shape = dims
        self.bind(name, torch.empty(dims, device=META))

    def bind(self, name, t):
        self.blobs[name] = t
        self.shapes[name] = list(t.shape[1:])

    def run(self):
        net = self.net
        if net.input:
            if net.input_shape:
                for name, shape in zip(net.input, net.input_shape):
                    self.set_input(name, shape.dim)
            else:
                dims = list(net.input_dim)
                for i, name in enumerate(net.input):
                    self.set_input(name, dims[4 * i:4 * i + 4])
        layers = list(net.layer)
        if net.layers:
            layers = [self.from_v1(l) for l in net.layers]
        for l in layers:
            if any(r.phase == pb.TRAIN for r in l.include):
                continue
            self.layer(l)

    def from_v1(self, v1):
        l = pb.LayerParameter()
        l.name = v1.name
        l.type = V1_TYPES[pb.V1LayerParameter.LayerType.Name(v1.type)]
        l.bottom.extend(v1.bottom)
        l.top.extend(v1.top)
        for f in ["convolution_param", "pooling_param", "inner_product_param", "lrn_param", "concat_param",
                  "eltwise_param", "slice_param", "dropout_param", "softmax_param", "power_param", "relu_param"]:
            if v1.HasField(f):
                getattr(l, f).CopyFrom(getattr(v1, f))
        return l

    def layer(self, l):
        t = l.type
        xs = [self.blobs[b] for b in l.bottom]
        fn = getattr(self, "l_" + t, None)
        if fn is None:
            raise Fail(f"layer {l.name}: type {t} not mirrored")
        outs = fn(l, xs)
        if not isinstance(outs, (list, tuple)):
            outs = [outs] * len(l.top) if t == "Split" else [outs]
        for name, o in zip(l.top, outs):
            self.bind(name, o)

    # -- layers ---------------------------------------------------------------
    def l_Input(self, l, xs):
        outs = []
        for i, top in enumerate(l.top):
            shape = l.input_param.shape[i if i < len(l.input_param.shape) else 0]
            dims = list(shape.dim)
            if dims[0] != 1:
                self.notes.append(f"input {top}: batch {dims[0]} in the file, 1 used")
            dims[0] = 1
            if self.input_shape is None:
                self.input_shape = dims
            outs.append(torch.empty(dims, device=META))
        return outs

    def conv_geometry(self, c):
        k = pair(c.kernel_size, c.kernel_h, c.kernel_w, c.HasField("kernel_h"), c.HasField("kernel_w"), 1)
        s = pair(c.stride, c.stride_h, c.stride_w, c.HasField("stride_h"), c.HasField("stride_w"), 1)
        p = pair(c.pad, c.pad_h, c.pad_w, c.HasField("pad_h"), c.HasField("pad_w"), 0)
        d = list(c.dilation) or [1]
        d = d * 2 if len(d) == 1 else d[:2]
        return k, s, p, d

    def l_Convolution(self, l, xs, depthwise=False):
        c = l.convolution_param
        k, s, p, d = self.conv_geometry(c)
        cin = xs[0].shape[1]
        groups = cin if depthwise else c.group
        m = self.add_module(nn.Conv2d(cin, c.num_output, k, s, p, d, groups, bias=c.bias_term, device=META))
        return m(xs[0])

    def l_ConvolutionDepthwise(self, l, xs):
        return self.l_Convolution(l, xs, depthwise=True)

    l_DepthwiseConvolution = l_ConvolutionDepthwise

    def l_Deconvolution(self, l, xs):
        c = l.convolution_param
        k, s, p, d = self.conv_geometry(c)
        cin = xs[0].shape[1]
        m = self.add_module(nn.ConvTranspose2d(cin, c.num_output, k, s, p, 0, c.group, bias=c.bias_term,
                                               dilation=d, device=META))
        return m(xs[0])

    def l_Pooling(self, l, xs):
        q = l.pooling_param
        x = xs[0]
        h, w = x.shape[2], x.shape[3]
        if q.global_pooling:
            m = nn.AdaptiveMaxPool2d(1) if q.pool == q.MAX else nn.AdaptiveAvgPool2d(1)
            return m(x)
        k = [q.kernel_h, q.kernel_w] if q.HasField("kernel_h") else [q.kernel_size] * 2
        s = [q.stride_h, q.stride_w] if q.HasField("stride_h") else [q.stride] * 2
        p = [q.pad_h, q.pad_w] if (q.HasField("pad_h") or q.HasField("pad_w")) else [q.pad] * 2
        ceil = q.round_mode == q.CEIL and q.ceil_mode
        want = [caffe_pool_out(h, k[0], s[0], p[0], ceil), caffe_pool_out(w, k[1], s[1], p[1], ceil)]
        # torch pads at most kernel/2 and clips even without padding: pad
        # explicitly (end pad large enough for Caffe's last window) and pool
        # unpadded in floor mode, which then gives exactly Caffe's windows.
        ends = [max(0, (want[i] - 1) * s[i] + k[i] - [h, w][i] - p[i]) for i in range(2)]
        xp = F.pad(x, (p[1], ends[1], p[0], ends[0]))
        if q.pool == q.MAX:
            m = nn.MaxPool2d(k, s, 0, ceil_mode=False)
        else:
            m = nn.AvgPool2d(k, s, 0, ceil_mode=False)
        y = m(xp)
        # And the same layer by torch's own ceil mode where torch allows it:
        if p[0] <= k[0] // 2 and p[1] <= k[1] // 2:
            m2 = (nn.MaxPool2d if q.pool == q.MAX else nn.AvgPool2d)(k, s, p, ceil_mode=ceil)
            y2 = m2(x)
            if list(y2.shape) != list(y.shape) and not (p == [0, 0] and ceil):
                raise Fail(f"layer {l.name}: torch {list(y2.shape)} vs Caffe {list(y.shape)}")
        if list(y.shape[2:]) != want:
            raise Fail(f"layer {l.name}: pooled {list(y.shape[2:])}, Caffe's rule {want}")
        return y

    def l_InnerProduct(self, l, xs):
        q = l.inner_product_param
        x = xs[0]
        axis = q.axis % x.dim()
        feats = math.prod(x.shape[axis:])
        m = self.add_module(nn.Linear(feats, q.num_output, bias=q.bias_term, device=META))
        return m(x.flatten(axis))

    def l_ReLU(self, l, xs):
        slope = l.relu_param.negative_slope
        return F.leaky_relu(xs[0], slope) if slope else F.relu(xs[0])

    def l_PReLU(self, l, xs):
        n = 1 if l.prelu_param.channel_shared else xs[0].shape[1]
        return self.add_module(nn.PReLU(n, device=META))(xs[0])

    def l_ELU(self, l, xs):
        return F.elu(xs[0], l.elu_param.alpha)

    def l_Sigmoid(self, l, xs):
        return torch.sigmoid(xs[0])

    def l_TanH(self, l, xs):
        return torch.tanh(xs[0])

    def l_AbsVal(self, l, xs):
        return xs[0].abs()

    def l_Power(self, l, xs):
        q = l.power_param
        return (xs[0] * q.scale + q.shift) ** q.power

    def l_LRN(self, l, xs):
        q = l.lrn_param
        if q.norm_region == q.ACROSS_CHANNELS:
            return nn.LocalResponseNorm(q.local_size, q.alpha, q.beta, q.k)(xs[0])
        return xs[0] / (1 + F.avg_pool2d(xs[0] ** 2, q.local_size, 1, q.local_size // 2))

    def l_BatchNorm(self, l, xs):
        # Caffe's three blobs: mean, variance and the moving-average factor.
        # torch's affine-free BatchNorm has the same: running mean, running
        # var and num_batches_tracked (one element), and no parameters.
        return self.add_module(nn.BatchNorm2d(xs[0].shape[1], affine=False, device=META))(xs[0])

    def affine_shape(self, x, axis, num_axes):
        axis = axis % x.dim()
        end = x.dim() if num_axes == -1 else axis + num_axes
        return axis, list(x.shape[axis:end])

    def l_Scale(self, l, xs):
        q = l.scale_param
        x = xs[0]
        if len(xs) == 2:
            axis = q.axis % x.dim()
            shape = list(xs[1].shape)
            scale = xs[1]
        else:
            axis, shape = self.affine_shape(x, q.axis, q.num_axes)
            m = self.add_module(nn.Module())
            m.weight = nn.Parameter(torch.empty(shape, device=META))
            scale = m.weight
        view = [1] * axis + shape + [1] * (x.dim() - axis - len(shape))
        y = x * scale.reshape(view)
        if q.bias_term:
            b = self.add_module(nn.Module())
            b.bias = nn.Parameter(torch.empty(shape, device=META))
            y = y + b.bias.reshape(view)
        return y

    def l_Bias(self, l, xs):
        q = l.bias_param
        x = xs[0]
        axis, shape = self.affine_shape(x, q.axis, q.num_axes)
        b = self.add_module(nn.Module())
        b.bias = nn.Parameter(torch.empty(shape, device=META))
        return x + b.bias.reshape([1] * axis + shape + [1] * (x.dim() - axis - len(shape)))

    def l_Eltwise(self, l, xs):
        q = l.eltwise_param
        y = xs[0]
        for i, x in enumerate(xs[1:], 1):
            if q.operation == q.SUM:
                y = y + x
            elif q.operation == q.PROD:
                y = y * x
            else:
                y = torch.maximum(y, x)
        return y

    def l_Axpy(self, l, xs):
        a, x, y = xs
        return a * x + y

    def l_Concat(self, l, xs):
        q = l.concat_param
        axis = q.axis if not q.HasField("concat_dim") else q.concat_dim
        return torch.cat(xs, axis)

    def l_Split(self, l, xs):
        return xs[0]

    def l_Slice(self, l, xs):
        q = l.slice_param
        axis = q.axis if not q.HasField("slice_dim") else q.slice_dim
        x = xs[0]
        n = x.shape[axis]
        if q.slice_point:
            points = [0] + list(q.slice_point) + [n]
        else:
            step = n // len(l.top)
            points = [i * step for i in range(len(l.top) + 1)]
        return [x.narrow(axis, points[i], points[i + 1] - points[i]) for i in range(len(points) - 1)]

    def l_Flatten(self, l, xs):
        q = l.flatten_param
        return xs[0].flatten(q.axis, q.end_axis)

    def l_Reshape(self, l, xs):
        q = l.reshape_param
        x = xs[0]
        axis = q.axis % (x.dim() + 1)
        end = x.dim() if q.num_axes == -1 else axis + q.num_axes
        new = []
        for i, d in enumerate(q.shape.dim):
            new.append(x.shape[axis + i] if d == 0 else d)
        return x.reshape(list(x.shape[:axis]) + new + list(x.shape[end:]))

    def l_Dropout(self, l, xs):
        return xs[0]

    def l_Softmax(self, l, xs):
        return torch.softmax(xs[0], l.softmax_param.axis)

    def l_ShuffleChannel(self, l, xs):
        g = l.shuffle_channel_param.group
        x = xs[0]
        n, c, h, w = x.shape
        return x.reshape(n, g, c // g, h, w).transpose(1, 2).reshape(n, c, h, w)

    def l_Interp(self, l, xs):
        q = l.interp_param
        x = xs[0]
        h, w = x.shape[2] + q.pad_beg + q.pad_end, x.shape[3] + q.pad_beg + q.pad_end
        if len(xs) == 2:
            size = list(xs[1].shape[2:])
        elif q.HasField("shrink_factor") and not q.HasField("zoom_factor"):
            size = [(h - 1) // q.shrink_factor + 1, (w - 1) // q.shrink_factor + 1]
        elif q.HasField("zoom_factor") and not q.HasField("shrink_factor"):
            size = [h + (h - 1) * (q.zoom_factor - 1), w + (w - 1) * (q.zoom_factor - 1)]
        elif q.HasField("height") and q.HasField("width"):
            size = [q.height, q.width]
        else:
            hs, ws = (h - 1) // q.shrink_factor + 1, (w - 1) // q.shrink_factor + 1
            size = [hs + (hs - 1) * (q.zoom_factor - 1), ws + (ws - 1) * (q.zoom_factor - 1)]
        return F.interpolate(x, size=size, mode="bilinear", align_corners=True)

    def l_Upsample(self, l, xs):
        q = l.upsample_param
        x = xs[0]
        if q.HasField("upsample_h"):
            return F.interpolate(x, size=[q.upsample_h, q.upsample_w], mode="nearest")
        sh = q.scale_h if q.HasField("scale_h") else q.scale
        sw = q.scale_w if q.HasField("scale_w") else q.scale
        return F.interpolate(x, scale_factor=(sh, sw), mode="nearest")


def main():
    path = sys.argv[1]
    net_param = pb.NetParameter()
    text_format.Parse(open(path).read(), net_param)
    net = Net(net_param)
    with FlopCounterMode(display=False) as counter:
        net.run()
    counts = counter.get_flop_counts()["Global"]
    by_op = {str(k).split(".")[-1] if not hasattr(k, "__name__") else k.__name__: v for k, v in counts.items()}
    conv_flops = sum(v for k, v in counts.items() if "convolution" in str(k))
    mm_flops = sum(v for k, v in counts.items() if str(k).split(".")[-1] in ("mm", "addmm", "bmm"))
    params = sum(p.numel() for m in net.modules for p in m.parameters())
    buffers = sum(b.numel() for m in net.modules for b in m.buffers())
    out = {
        "file": os.path.basename(path),
        "method": "prototxt parsed with protobuf text_format against caffe-subset.proto; every layer rebuilt as "
                  "its torch equivalent and run on the meta device (Scripts/caffe_reference.py); params and "
                  "buffers counted by torch; MACs = torch.utils.flop_counter conv + mm FLOPs / 2",
        "torch": torch.__version__,
        "notes": net.notes,
        "input": net.input_shape,
        "params": params,
        "buffers": buffers,
        "torch_flop_counter": {str(k): v for k, v in counts.items()},
        "conv_macs": conv_flops // 2,
        "linear_macs": mm_flops // 2,
        "conv_linear_macs": (conv_flops + mm_flops) // 2,
        "blob_shapes": net.shapes,
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    try:
        main()
    except Fail as e:
        print(f"caffe_reference: {e}", file=sys.stderr)
        sys.exit(1)
