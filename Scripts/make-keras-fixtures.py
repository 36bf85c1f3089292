#!/usr/bin/env python3
# netcost — Apache-2.0
"""Builds the Keras reference corpus in Tests/Fixtures/keras/.

For each model (keras.applications with weights=None, no downloads, plus a
few small models written here) it writes, weights stripped:

  <Name>.json           model.to_json() (the Keras 3 form)
  <Name>.keras          a .keras zip holding only config.json and metadata.json,
                        produced by Keras's own saving_lib serializer
  <Name>.h5             (the models in WITH_H5) a legacy .h5 holding only the root attributes Keras's
                        legacy_h5_format writes (model_config, keras_version,
                        backend), no model_weights group
  <Name>.keras2.json    (some models) the same configuration rewritten into the
                        Keras 2 form: inbound_nodes as [[layer, node, index, {}]]
                        lists, batch_input_shape, no "module" keys; a number
                        operand of tensor math goes into the entry's kwargs
  <Name>.expected.json  Keras's own figures: count_params(), trainable and
                        non-trainable counts, every layer's output shape and
                        count_params(), and torch's FlopCounterMode count of
                        the model's forward pass (batch 1, open sizes 96)
                        halved: the MACs of the convolutions, matrix products
                        and attention.

Run with the torch backend:  KERAS_BACKEND=torch /work/venv/bin/python \
    Scripts/make-keras-fixtures.py
"""

import io
import json
import math
import os
import sys
import zipfile

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from keras import layers  # noqa: E402
from keras.src.legacy.saving import json_utils, saving_options, saving_utils  # noqa: E402
from keras.src.saving import saving_lib  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "keras")
A = keras.applications


def small_sequence_model():
    """Embedding, LSTM, GRU, bidirectional SimpleRNN, self-attention, LayerNorm."""
    tokens = keras.Input(shape=(32,), dtype="int32", name="tokens")
    x = layers.Embedding(1000, 64, name="embed")(tokens)
    x = layers.LSTM(48, return_sequences=True, name="lstm")(x)
    x = layers.GRU(40, return_sequences=True, name="gru")(x)
    x = layers.Bidirectional(layers.SimpleRNN(24, return_sequences=True), name="birnn")(x)
    a = layers.MultiHeadAttention(num_heads=4, key_dim=16, name="mha")(x, x)
    x = layers.Add(name="residual")([x, a])
    x = layers.LayerNormalization(name="norm")(x)
    x = layers.Dense(32, activation="gelu", name="ffn")(x)
    x = layers.LSTM(16, name="last_lstm")(x)
    out = layers.Dense(5, activation="softmax", name="head")(x)
    return keras.Model(tokens, out, name="SequenceModel")


def small_sequential_model():
    """A Sequential CNN with the less common layers."""
    return keras.Sequential(
        [
            keras.Input(shape=(64, 64, 3), name="image"),
            layers.Conv2D(16, 3, strides=2, padding="same", activation="relu", name="c1"),
            layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same", name="dw"),
            layers.SeparableConv2D(24, 5, padding="valid", name="sep"),
            layers.BatchNormalization(center=False, name="bn"),
            layers.PReLU(shared_axes=[1, 2], name="prelu"),
            layers.ZeroPadding2D(((1, 2), (0, 1)), name="pad"),
            layers.Cropping2D(((1, 0), (0, 1)), name="crop"),
            layers.MaxPooling2D(3, strides=2, padding="same", name="maxpool"),
            layers.Conv2DTranspose(12, 3, strides=2, padding="same", name="deconv"),
            layers.UpSampling2D(2, name="up"),
            layers.AveragePooling2D(2, name="avgpool"),
            layers.Conv2D(8, 3, dilation_rate=2, use_bias=False, name="dilated"),
            layers.LeakyReLU(name="leaky"),
            layers.Permute((2, 1, 3), name="permute"),
            layers.Reshape((-1, 8), name="to_sequence"),
            layers.Conv1D(10, 3, padding="causal", name="causal"),
            layers.MaxPooling1D(2, name="pool1d"),
            layers.GlobalAveragePooling1D(name="gap"),
            layers.Dropout(0.5, name="drop"),
            layers.Dense(7, name="logits"),
            layers.Softmax(name="probs"),
        ],
        name="SequentialCNN",
    )


def nested_model():
    """keras.applications MobileNetV2 (no top) wrapped as one layer of a Functional model."""
    base = A.MobileNetV2(weights=None, include_top=False, input_shape=(160, 160, 3))
    inp = keras.Input(shape=(160, 160, 3), name="image")
    x = layers.Rescaling(1.0 / 127.5, offset=-1, name="scale")(inp)
    x = base(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    x = layers.Dropout(0.2, name="drop")(x)
    out = layers.Dense(10, name="classes")(x)
    return keras.Model(inp, out, name="NestedMobileNetV2")


def open_input_model():
    """An image input whose height and width the file leaves open (None)."""
    inp = keras.Input(shape=(None, None, 3), name="image")
    x = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu", name="conv")(inp)
    x = layers.GlobalMaxPooling2D(name="gmp")(x)
    out = layers.Dense(4, name="logits")(x)
    return keras.Model(inp, out, name="OpenInputCNN")


# The models also written as .h5 (the others' configs are as large again,
# and the .h5 reader is the same for every model).
WITH_H5 = {"VGG16", "ResNet50", "MobileNetV2", "MobileNetV3Small", "EfficientNetB0", "SequenceModel", "SequentialCNN",
           "NestedMobileNetV2", "ConvNeXtTiny"}

# Height and width the forward pass uses where the model leaves them open.
PROBE_SIZE = 96

MODELS = [
    ("VGG16", lambda: A.VGG16(weights=None), False),
    ("ResNet50", lambda: A.ResNet50(weights=None), True),
    ("MobileNetV2", lambda: A.MobileNetV2(weights=None), False),
    ("MobileNetV3Small", lambda: A.MobileNetV3Small(weights=None, input_shape=(224, 224, 3)), True),
    ("EfficientNetB0", lambda: A.EfficientNetB0(weights=None), False),
    ("DenseNet121", lambda: A.DenseNet121(weights=None), False),
    ("InceptionV3", lambda: A.InceptionV3(weights=None), False),
    ("Xception", lambda: A.Xception(weights=None), False),
    ("ConvNeXtTiny", lambda: A.ConvNeXtTiny(weights=None), False),
    ("SequenceModel", small_sequence_model, True),
    ("SequentialCNN", small_sequential_model, True),
    ("NestedMobileNetV2", nested_model, False),
    ("OpenInputCNN", open_input_model, False),
]


def to_keras2(value):
    """Rewrites a Keras 3 model config into the Keras 2 form (see the docstring)."""
    if isinstance(value, list):
        return [to_keras2(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        if k in ("module", "registered_name", "build_config", "compile_config"):
            continue
        if k == "batch_shape":
            out["batch_input_shape"] = v
        elif k == "inbound_nodes":
            out[k] = [keras2_node(n) for n in v]
        elif k in ("input_layers", "output_layers") and v and isinstance(v[0], str):
            out[k] = [v]
        else:
            out[k] = to_keras2(v)
    return out


def keras2_node(node):
    entries, numbers = [], []

    def walk(x):
        if isinstance(x, dict) and x.get("class_name") == "__keras_tensor__":
            entries.append(x["config"]["keras_history"])
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, (int, float)) and not isinstance(x, bool):
            numbers.append(x)

    walk(node.get("args", []))
    walk(node.get("kwargs", {}))
    kwargs = {"y": numbers[0]} if numbers else {}
    return [[h[0], h[1], h[2], kwargs] for h in entries]


def shape_of(t):
    return [None if d is None else int(d) for d in t.shape]


def expected(name, model):
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    non_trainable = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    entries = []
    for layer in model.layers:
        outs = layer.output if isinstance(layer.output, (list, tuple)) else [layer.output]
        entries.append(
            {
                "name": layer.name,
                "class": layer.__class__.__name__,
                "output_shape": shape_of(outs[0]),
                "params": int(layer.count_params()),
                "trainable_params": sum(int(np.prod(w.shape)) for w in layer.trainable_weights),
                "non_trainable_params": sum(int(np.prod(w.shape)) for w in layer.non_trainable_weights),
            }
        )
    inputs = model.inputs
    feed = []
    for t in inputs:
        shape = [1] + [PROBE_SIZE if d is None else int(d) for d in t.shape[1:]]
        if "int" in str(t.dtype):
            feed.append(np.zeros(shape, dtype="int32"))
        else:
            feed.append(np.zeros(shape, dtype="float32"))
    with torch.no_grad():
        counter = FlopCounterMode(display=False)
        with counter:
            model(feed[0] if len(feed) == 1 else feed, training=False)
    by_op = {str(k): int(v) for k, v in counter.get_flop_counts()["Global"].items()}
    flops = counter.get_total_flops()
    return {
        "model": name,
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "torch": torch.__version__,
        "count_params": int(model.count_params()),
        "trainable_params": trainable,
        "non_trainable_params": non_trainable,
        "input_shapes": [shape_of(t) for t in inputs],
        "flop_counter_input": [[1] + [PROBE_SIZE if d is None else int(d) for d in t.shape[1:]] for t in inputs],
        "output_shape": shape_of(model.outputs[0]),
        "flop_counter_flops_by_op": by_op,
        "flop_counter_macs": flops // 2,
        "layers": entries,
    }


def write_keras(model, path):
    config_json, _ = saving_lib._serialize_model_as_json(model)
    metadata = json.dumps({"keras_version": keras.__version__, "date_saved": "stripped"})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", metadata)
        z.writestr("config.json", config_json)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def write_h5(model, path):
    with saving_options.keras_option_scope(use_legacy_config=True):
        meta = saving_utils.model_metadata(model, include_optimizer=False)
    with h5py.File(path, "w") as f:
        for k, v in meta.items():
            if isinstance(v, (dict, list, tuple)):
                f.attrs[k] = json.dumps(v, default=json_utils.get_json_type).encode("utf8")
            else:
                f.attrs[k] = v


def write_bad_files():
    """Bad archives for the error tests (the bad JSON files are written by hand)."""
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    with zipfile.ZipFile(os.path.join(bad, "no_config.keras"), "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": keras.__version__}))
        z.writestr("model.weights.h5", b"")
    with open(os.path.join(OUT, "SequentialCNN.keras"), "rb") as f:
        whole = f.read()
    with open(os.path.join(bad, "truncated.keras"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    with h5py.File(os.path.join(bad, "weights_only.h5"), "w") as f:
        f.create_dataset("dense/kernel", data=np.zeros((4, 4), dtype="float32"))


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])
    if not only or "bad" in only:
        write_bad_files()
    for name, make, keras2 in MODELS:
        if only and name not in only:
            continue
        keras.backend.clear_session()
        model = make()
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(model.to_json())
        write_keras(model, os.path.join(OUT, name + ".keras"))
        if name in WITH_H5:
            write_h5(model, os.path.join(OUT, name + ".h5"))
        if keras2:
            with open(os.path.join(OUT, name + ".keras2.json"), "w") as f:
                json.dump(to_keras2(json.loads(model.to_json())), f)
        exp = expected(name, model)
        with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
            json.dump(exp, f, indent=1)
        print(f"{name}: {exp['trainable_params']:,} / {exp['non_trainable_params']:,}  MACs {exp['flop_counter_macs']:,}")
        del model


if __name__ == "__main__":
    main()
