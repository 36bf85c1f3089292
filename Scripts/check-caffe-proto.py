#!/usr/bin/env python3
"""Checks netcost's caffe-subset.proto against BVLC Caffe's caffe.proto.

Every message, field and enum value of the subset that BVLC also defines must
have BVLC's name, number, label and type; the fields marked FORK are the only
ones BVLC lacks. Needs protoc and the `protobuf` Python package.

    Scripts/check-caffe-proto.py /path/to/BVLC/caffe/src/caffe/proto/caffe.proto
"""
import subprocess
import sys
import tempfile
import os

from google.protobuf import descriptor_pb2

SUBSET = os.path.join(os.path.dirname(__file__), "..", "Sources", "NetCost", "Formats", "Caffe", "caffe-subset.proto")
FORK = {
    "caffe.LayerParameter.shuffle_channel_param", "caffe.LayerParameter.interp_param",
    "caffe.LayerParameter.upsample_param", "caffe.PoolingParameter.ceil_mode",
}
FORK_MESSAGES = {"caffe.ShuffleChannelParameter", "caffe.InterpParameter", "caffe.UpsampleParameter"}


def load(path):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "set.pb")
        subprocess.run(["protoc", "--proto_path=" + os.path.dirname(os.path.abspath(path)),
                        "--descriptor_set_out=" + out, os.path.abspath(path)], check=True)
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString(open(out, "rb").read())
    table = {}

    def walk(prefix, messages, enums):
        for e in enums:
            for v in e.value:
                table[f"{prefix}{e.name}.{v.name}"] = ("enum", v.number)
        for m in messages:
            name = f"{prefix}{m.name}"
            table[name] = ("message",)
            for f in m.field:
                table[f"{name}.{f.name}"] = (f.number, f.label, f.type, f.type_name)
            walk(name + ".", m.nested_type, m.enum_type)

    for f in fds.file:
        walk("caffe.", f.message_type, f.enum_type)
    return table


def main():
    bvlc = load(sys.argv[1])
    ours = load(SUBSET)
    bad = 0
    for key, value in sorted(ours.items()):
        if key in FORK or any(key == m or key.startswith(m + ".") for m in FORK_MESSAGES):
            continue
        if key not in bvlc:
            print(f"not in BVLC caffe.proto: {key}")
            bad += 1
        elif bvlc[key][:3] != value[:3]:
            # Optional where Caffe says required (ClipParameter) is deliberate.
            if not (key.startswith("caffe.ClipParameter.") and bvlc[key][0] == value[0]):
                print(f"differs: {key}: ours {value}, BVLC {bvlc[key]}")
                bad += 1
    # A fork field must not reuse a number BVLC gives to another field of the same message.
    for key in FORK:
        msg, field = key.rsplit(".", 1)
        numbers = {v[0]: k for k, v in bvlc.items() if k.rsplit(".", 1)[0] == msg and isinstance(v[0], int)}
        if ours[key][0] in numbers:
            print(f"{key} number {ours[key][0]} collides with {numbers[ours[key][0]]}")
            bad += 1
    print(f"{len(ours)} names checked, {bad} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
