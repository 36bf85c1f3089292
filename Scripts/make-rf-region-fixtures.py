#!/usr/bin/env python3
"""Writes Tests/Fixtures/rf/regions.json: the exact input region that single
output positions of a small U-Net and an FPN-style network see, measured by
back-propagation through the equivalent PyTorch networks.

For each output position (y, x), the gradient of the sum over channels of
output[0, :, y, x] with respect to the input is computed; the region is the
bounding box of its nonzero entries. Weights are positive (1/fan-in) and
biases zero, so no gradient cancels to an exact zero; max pooling is measured
as average pooling of the same geometry (the same receptive field; max
pooling's gradient would pick one pixel per window), and activations are
left out (they do not change which pixels are read).

The networks are Tests/Fixtures/rf/unet.json and fpn.json, written to match.

Run: python3 -m venv .venv && .venv/bin/pip install torch
     .venv/bin/python Scripts/make-rf-region-fixtures.py
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def positive(module):
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            fan_in = m.weight[0].numel()
            nn.init.constant_(m.weight, 1.0 / fan_in)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return module


def double(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.Conv2d(cout, cout, 3, padding=1))


class UNet(nn.Module):
    """Double 3x3 convs, 2x2 pools, 2x2 stride-2 transposed convs, concat skips."""

    def __init__(self):
        super().__init__()
        self.enc1 = double(3, 8)
        self.enc2 = double(8, 16)
        self.mid = double(16, 32)
        self.up2 = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.dec2 = double(32, 16)
        self.up1 = nn.ConvTranspose2d(16, 8, 2, stride=2)
        self.dec1 = double(16, 8)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.avg_pool2d(e1, 2))
        m = self.mid(F.avg_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([self.up2(m), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return self.head(d1)


class FPN(nn.Module):
    """Three stride-2 stages, 1x1 laterals, a nearest and a bilinear top-down step."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.c2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.c3 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.lat3 = nn.Conv2d(32, 8, 1)
        self.lat2 = nn.Conv2d(16, 8, 1)
        self.lat1 = nn.Conv2d(8, 8, 1)
        self.out = nn.Conv2d(8, 4, 3, padding=1)

    def forward(self, x):
        c1 = self.c1(x)
        c2 = self.c2(c1)
        c3 = self.c3(c2)
        p3 = self.lat3(c3)
        p2 = self.lat2(c2) + F.interpolate(p3, scale_factor=2, mode="nearest")
        p1 = self.lat1(c1) + F.interpolate(p2, scale_factor=2, mode="bilinear", align_corners=False)
        return self.out(p1)


def region(net, size, y, x):
    inp = torch.zeros(1, 3, size, size, requires_grad=True)
    out = net(inp)
    out[0, :, y, x].sum().backward()
    g = inp.grad[0].abs().sum(0)
    rows = torch.nonzero(g.sum(1)).flatten().tolist()
    cols = torch.nonzero(g.sum(0)).flatten().tolist()
    return {"at": [y, x], "rows": [rows[0], rows[-1]], "columns": [cols[0], cols[-1]]}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    nets = [
        ("unet", UNet(), 64, [(31, 31), (32, 32), (33, 33), (34, 34), (0, 0), (63, 63), (10, 50), (1, 62)]),
        ("fpn", FPN(), 64, [(0, 0), (15, 15), (16, 16), (17, 17), (31, 31), (5, 20), (1, 30)]),
    ]
    out = {
        "what": "exact input regions (bounding box of the nonzero input gradient) of single output positions",
        "tool": f"torch {torch.__version__}",
        "script": "Scripts/make-rf-region-fixtures.py",
        "models": [],
    }
    for name, net, size, positions in nets:
        positive(net).eval()
        out["models"].append({
            "name": name,
            "spec": f"Tests/Fixtures/rf/{name}.json",
            "input": [3, size, size],
            "regions": [region(net, size, y, x) for y, x in positions],
        })
    path = os.path.join(root, "Tests/Fixtures/rf/regions.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(json.dumps(out["models"], indent=None))


if __name__ == "__main__":
    sys.exit(main())
