#!/usr/bin/env python3
# netcost — Apache-2.0
"""Exports the "from the wild" ONNX corpus (issue 13) and its references.

Every model is built from code with random initialisation (never a download
of weights: HF_HUB_OFFLINE=1, no from_pretrained), perturbed with noise (the
exporter stores initializers that are equal by value once, which would make
fresh zero biases look shared), exported with torch.onnx.export (opset 17,
eval mode, training=PRESERVE so BatchNorm stays a BatchNormalization node with
its running statistics), and stripped: every initializer and Constant tensor
keeps its name, data type and dims, but its payload moves to an external file
that does not exist (`weights.bin.absent`), except integer tensors of at most
4,096 elements and float tensors of at most 64 (the shape arithmetic needs
their values).

Next to every `<model>.onnx` goes `<model>.references.json`, written here from
PyTorch and fvcore, never from netcost:
  torch_params            sum(p.numel()) over the module's parameters
  torch_buffers           elements of the floating-point buffers in the
                          state_dict (BatchNorm running mean and variance)
  onnx_float_initializer_elements, onnx_nodes, op_counts (from the ONNX file)
  fvcore_macs             fvcore FlopCountAnalysis, summed over its
                          multiply-accumulate operators (conv, linear, addmm,
                          matmul, bmm, einsum, baddbmm), with attention
                          unfused (timm fused_attn off, transformers eager)
  fvcore_by_operator      fvcore's full per-operator table
Variants (onnxruntime-optimized, int8, int4, QDQ) take the references of the
float model they were made from.

Run in a venv with torch, timm, transformers, onnx, onnxruntime, onnxscript
and fvcore:  /work/venv/bin/python Scripts/make-onnx-wild-corpus.py [names…]
"""

import json
import os
import sys
import warnings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
from onnx import TensorProto, helper  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "onnx-wild")
OPSET = 17
MAC_OPS = {"conv", "linear", "addmm", "matmul", "bmm", "einsum", "baddbmm", "conv_transpose", "_convolution"}


def perturb(model):
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn(p.shape, generator=g) * 0.02)
        for name, b in model.named_buffers():
            if b.is_floating_point() and name.endswith("running_mean"):
                b.add_(torch.randn(b.shape, generator=g) * 0.02)
            if b.is_floating_point() and name.endswith("running_var"):
                b.add_(torch.rand(b.shape, generator=g) * 0.02)
    return model


def torch_counts(model):
    params = sum(p.numel() for p in model.parameters())
    state = model.state_dict(keep_vars=True)
    buffer_names = {n for n, _ in model.named_buffers()}
    bufs = sum(t.numel() for n, t in state.items() if n in buffer_names and t.is_floating_point())
    return params, bufs


def fvcore_macs(model, args):
    from fvcore.nn import FlopCountAnalysis

    fca = FlopCountAnalysis(model, args)
    fca.unsupported_ops_warnings(False)
    fca.uncalled_modules_warnings(False)
    by_op = {k: int(v) for k, v in fca.by_operator().items()}
    return sum(v for k, v in by_op.items() if k in MAC_OPS), by_op


def strip(model_proto):
    """Moves weight payloads to an absent external file, in place."""

    def strip_tensor(t):
        n = int(np.prod(t.dims)) if len(t.dims) else 1
        is_int = t.data_type in (2, 3, 4, 5, 6, 7, 9, 12, 13)
        if (is_int and n <= 4096) or n <= 64:
            return
        for f in ("raw_data", "float_data", "int32_data", "int64_data", "double_data", "uint64_data"):
            t.ClearField(f)
        t.data_location = TensorProto.EXTERNAL
        del t.external_data[:]
        for k, v in (("location", "weights.bin.absent"), ("offset", "0"), ("length", "0")):
            e = t.external_data.add()
            e.key, e.value = k, v

    def walk_graph(g):
        for t in g.initializer:
            strip_tensor(t)
        for node in g.node:
            for a in node.attribute:
                if a.HasField("t"):
                    strip_tensor(a.t)
                if a.HasField("g"):
                    walk_graph(a.g)
                for sg in a.graphs:
                    walk_graph(sg)

    walk_graph(model_proto.graph)
    for f in model_proto.functions:
        for node in f.node:
            for a in node.attribute:
                if a.HasField("t"):
                    strip_tensor(a.t)


def onnx_counts(m):
    floats = 0
    for t in m.graph.initializer:
        if t.data_type in (1, 10, 11, 16):
            floats += int(np.prod(t.dims)) if len(t.dims) else 1
    ops = {}
    for n in m.graph.node:
        key = n.op_type if n.domain in ("", "ai.onnx") else f"{n.domain}.{n.op_type}"
        ops[key] = ops.get(key, 0) + 1
    return floats, len(m.graph.node), dict(sorted(ops.items()))


# Inputs of quantized ops that are scales or zero points (onnxruntime's operator
# specs), to count the quantization state a variant stores.
QUANT_PARAM_INPUTS = {
    "QuantizeLinear": (1, 2), "DequantizeLinear": (1, 2), "QLinearConv": (1, 2, 4, 5, 6, 7),
    "QLinearMatMul": (1, 2, 4, 5, 6, 7), "MatMulInteger": (2, 3), "ConvInteger": (2, 3),
    "QLinearAdd": (1, 2, 4, 5, 6, 7), "QLinearMul": (1, 2, 4, 5, 6, 7), "QLinearSigmoid": (1, 2, 3, 4),
    "QLinearGlobalAveragePool": (1, 2, 3, 4), "QLinearAveragePool": (1, 2, 3, 4), "MatMulNBits": (2, 3, 4),
    "QGemm": (1, 2, 4, 5, 7, 8), "QAttention": (3, 4, 6, 7), "DynamicQuantizeMatMul": (2, 3),
    "MatMulIntegerToFloat": (2, 3, 4, 5), "QEmbedLayerNormalization": tuple(range(8, 18)),
}


def quantization_elements(m):
    """Elements of the initializers a quantized model reads as scales or zero
    points (also the weight scale that rescales a MatMulInteger result)."""
    inits = {t.name: (int(np.prod(t.dims)) if len(t.dims) else 1) for t in m.graph.initializer}
    names = set()
    dyn_scales = {n.output[1] for n in m.graph.node if n.op_type == "DynamicQuantizeLinear" and len(n.output) > 1}
    for n in m.graph.node:
        for i in QUANT_PARAM_INPUTS.get(n.op_type, ()):
            if i < len(n.input):
                names.add(n.input[i])
        if n.op_type == "QLinearConcat":
            names.update(x for i, x in enumerate(n.input) if i < 2 or (i - 2) % 3 != 0)
        if n.op_type == "Mul" and len(n.input) == 2:
            for a, b in (n.input, n.input[::-1]):
                if a in dyn_scales:
                    names.add(b)
    return sum(inits.get(x, 0) for x in names)


def float_elements(path):
    """Elements of the float initializers with at least one axis (a 0-D float
    initializer is a scalar constant, as the dynamo exporter stores ½ or a
    scale; netcost does not count those as parameters)."""
    m = onnx.load(path, load_external_data=False)
    return sum(int(np.prod(t.dims)) for t in m.graph.initializer if t.data_type in (1, 10, 11, 16) and len(t.dims))


def save(name, full_path, refs):
    m = onnx.load(full_path, load_external_data=True)
    floats, nodes, ops = onnx_counts(m)
    refs = dict(refs)
    refs["quantization_elements"] = quantization_elements(m)
    if refs.pop("self_source", False):
        refs["variant"] = True
        refs["source_float_onnx_elements"] = float_elements(full_path)
    strip(m)
    path = os.path.join(OUT, name + ".onnx")
    onnx.save(m, path)
    refs.update(
        model=name,
        onnx_float_initializer_elements=floats,
        onnx_nodes=nodes,
        op_counts=ops,
        stripped_file_bytes=os.path.getsize(path),
        opset=next((o.version for o in m.opset_import if o.domain in ("", "ai.onnx")), None),
    )
    with open(os.path.join(OUT, name + ".references.json"), "w") as f:
        json.dump(refs, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{name}: nodes {nodes} params {refs['torch_params']} fvcore {refs['fvcore_macs']} {refs['stripped_file_bytes']} B")


TMP = "/tmp/onnx-wild-full"


def export(model, args, path, input_names, dynamo=False):
    os.makedirs(TMP, exist_ok=True)
    kwargs = dict(opset_version=OPSET, input_names=input_names, do_constant_folding=True)
    if dynamo:
        torch.onnx.export(model, args, path, dynamo=True, **kwargs)
    else:
        torch.onnx.export(
            model, args, path, dynamo=False, training=torch.onnx.TrainingMode.PRESERVE, **kwargs
        )


def einsum_index_products(model, args):
    """The product of every index extent of each torch.einsum call of a
    forward pass, summed (what one multiply-accumulate per index
    combination counts), next to fvcore's own einsum figure."""
    total = [0]
    real = torch.einsum

    def counting(eq, *ops):
        operands = ops[0] if len(ops) == 1 and isinstance(ops[0], (list, tuple)) else ops
        extents = {}
        for term, t in zip(eq.replace(" ", "").split("->")[0].split(","), operands):
            for c, n in zip(term, t.shape):
                extents[c] = max(extents.get(c, 1), n)
        total[0] += int(np.prod(list(extents.values()), dtype=np.int64))
        return real(eq, *ops)

    torch.einsum = counting
    try:
        with torch.no_grad():
            model(*args)
    finally:
        torch.einsum = real
    return total[0]


def refs_for(model, args, family, source, inputs, unfuse=None):
    params, bufs = torch_counts(model)
    if unfuse:
        unfuse(model)
    macs, by_op = fvcore_macs(model, args)
    einsums = einsum_index_products(model, args) if "einsum" in by_op else 0
    return dict(
        family=family,
        source=source,
        torch_params=params,
        torch_buffers=bufs,
        fvcore_macs=macs,
        fvcore_by_operator=by_op,
        einsum_index_product_macs=einsums,
        inputs=inputs,
        torch=torch.__version__,
    )


# MARK: timm

TIMM = {
    "timm_resnet18": ("resnet18", 224),
    "timm_convnext_atto": ("convnext_atto", 224),
    "timm_efficientnet_b0": ("efficientnet_b0", 224),
    "timm_mobilenetv3_small": ("mobilenetv3_small_050", 224),
    "timm_regnetx_002": ("regnetx_002", 224),
    "timm_vit_tiny": ("vit_tiny_patch16_224", 224),
    "timm_deit_tiny": ("deit_tiny_patch16_224", 224),
    "timm_swin_tiny": ("swin_tiny_patch4_window7_224", 224),
    "timm_maxvit_tiny_tf": ("maxvit_tiny_tf_224", 224),
    "timm_mobilevit_xxs": ("mobilevit_xxs", 256),
}


def timm_unfuse(model):
    for m in model.modules():
        if hasattr(m, "fused_attn"):
            m.fused_attn = False


def expanded_bias_tables(model):
    """Elements the exporter adds by evaluating each relative-position bias
    lookup (table[index], a Gather of a parameter by a constant index) at
    export time: it stores the gathered (index × heads) tensor, not the table."""
    extra = 0
    for m in model.modules():
        table = getattr(m, "relative_position_bias_table", None)
        index = getattr(m, "relative_position_index", None)
        if isinstance(table, torch.nn.Parameter) and isinstance(index, torch.Tensor):
            extra += (index.numel() - table.shape[0]) * table.shape[1]
    return extra


def make_timm(name, arch, size):
    import timm

    model = perturb(timm.create_model(arch, pretrained=False)).eval()
    x = torch.randn(1, 3, size, size)
    path = os.path.join(TMP, name + ".onnx")
    export(model, (x,), path, ["image"])
    refs = refs_for(model, (x,), "timm", f"timm {timm.__version__} {arch}", {"image": [1, 3, size, size]}, timm_unfuse)
    refs["exporter_expanded_bias_table_elements"] = expanded_bias_tables(model)
    save(name, path, refs)
    return model, x, refs


# MARK: transformers

SEQ = 16


def hf_models():
    import transformers as tf

    v = tf.__version__
    tiny = dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=128, vocab_size=1000)
    return {
        "hf_bert": lambda: (tf.BertConfig(**tiny, max_position_embeddings=128), tf.BertModel, "mask"),
        "hf_distilbert": lambda: (
            tf.DistilBertConfig(dim=64, n_layers=2, n_heads=4, hidden_dim=128, vocab_size=1000, max_position_embeddings=128),
            tf.DistilBertModel,
            "mask",
        ),
        "hf_roberta": lambda: (
            tf.RobertaConfig(**tiny, max_position_embeddings=130, pad_token_id=1),
            tf.RobertaModel,
            "mask",
        ),
        "hf_gpt2": lambda: (
            tf.GPT2Config(n_embd=64, n_layer=2, n_head=4, n_positions=128, vocab_size=1000),
            tf.GPT2Model,
            "mask",
        ),
        "hf_llama": lambda: (
            tf.LlamaConfig(**tiny, num_key_value_heads=2, max_position_embeddings=128),
            tf.LlamaModel,
            "mask",
        ),
        "hf_clip_text": lambda: (
            tf.CLIPTextConfig(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=128, vocab_size=1000, max_position_embeddings=77, eos_token_id=2),
            tf.CLIPTextModel,
            "mask",
        ),
        "hf_t5": lambda: (
            tf.T5Config(d_model=64, d_kv=16, d_ff=128, num_layers=2, num_decoder_layers=2, num_heads=4, vocab_size=1000),
            tf.T5Model,
            "t5",
        ),
        "hf_whisper": lambda: (
            tf.WhisperConfig(d_model=64, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128, decoder_ffn_dim=128, num_mel_bins=16, max_source_positions=32, max_target_positions=32, vocab_size=1000, pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=0),
            tf.WhisperModel,
            "whisper",
        ),
    }, v


class Wrap(torch.nn.Module):
    """Calls the model with keyword inputs (no KV cache) and returns its hidden states."""

    def __init__(self, model, keys):
        super().__init__()
        import inspect

        self.model = model
        self.keys = keys
        self.extra = {"use_cache": False} if "use_cache" in inspect.signature(model.forward).parameters else {}

    def forward(self, *args):
        out = self.model(**dict(zip(self.keys, args)), **self.extra)
        # Every tensor the model returns (a pooler's output too), so no module is left out of the graph.
        names = ["last_hidden_state", "pooler_output", "encoder_last_hidden_state"]
        return tuple(getattr(out, k) for k in names if getattr(out, k, None) is not None)


def make_hf(name, make, version):
    cfg, cls, kind = make()
    torch.manual_seed(0)
    model = perturb(cls._from_config(cfg, attn_implementation="sdpa")).eval()
    eager = cls._from_config(cfg, attn_implementation="eager").eval()
    eager.load_state_dict(model.state_dict())
    if kind == "whisper":
        keys = ["input_features", "decoder_input_ids"]
        args = (torch.randn(1, 16, 64), torch.randint(3, 1000, (1, 8)))
    elif kind == "t5":
        keys = ["input_ids", "attention_mask", "decoder_input_ids"]
        args = (torch.randint(3, 1000, (1, SEQ)), torch.ones(1, SEQ, dtype=torch.int64), torch.randint(3, 1000, (1, 8)))
    else:
        keys = ["input_ids", "attention_mask"]
        args = (torch.randint(3, 1000, (1, SEQ)), torch.ones(1, SEQ, dtype=torch.int64))
    w = Wrap(model, keys).eval()
    we = Wrap(eager, keys).eval()
    path = os.path.join(TMP, name + ".onnx")
    # The TorchScript exporter has no aten::diff (Whisper's); the dynamo exporter has.
    export(w, args, path, keys, dynamo=kind == "whisper")
    if name in ("hf_bert", "hf_gpt2"):
        # onnxruntime's optimizer fuses the classic (eager) attention pattern.
        export(we, args, os.path.join(TMP, name + "_eager.onnx"), keys)
    refs = refs_for(we, args, "transformers", f"transformers {version} {cls.__name__}", {k: list(a.shape) for k, a in zip(keys, args)})
    refs["torch_params"], refs["torch_buffers"] = torch_counts(model)
    if kind == "whisper":
        refs["self_source"] = True
        refs["note"] = "exported with dynamo=True, whose optimizer stores the decoder's position table sliced to the 8 positions used: parameters are the file's float initializers"
    save(name, path, refs)
    return w, args, refs, path


# MARK: variants


def copy_refs(refs, note, float_source=None):
    """A variant's references: its float model's, and the float initializer
    elements of the float ONNX file it was made from (what a transformation
    keeps: BatchNorm folding and constant folding change the stored weights)."""
    r = dict(refs)
    r["note"] = note
    r["variant"] = True
    if float_source:
        r["source_float_onnx_elements"] = float_elements(float_source)
    return r


def ort_optimized_bert(path, refs):
    from onnxruntime.transformers import optimizer

    m = optimizer.optimize_model(path.replace(".onnx", "_eager.onnx"), model_type="bert", num_heads=4, hidden_size=64, opt_level=1)
    out = os.path.join(TMP, "hf_bert_ort_optimized.onnx")
    m.save_model_to_file(out)
    save("hf_bert_ort_optimized", out, copy_refs(refs, "hf_bert (eager attention) after onnxruntime.transformers optimizer (model_type bert); references of the float model", out))


def ort_optimized_gpt2(path, refs):
    from onnxruntime.transformers import optimizer

    m = optimizer.optimize_model(path.replace(".onnx", "_eager.onnx"), model_type="gpt2", num_heads=4, hidden_size=64, opt_level=1)
    out = os.path.join(TMP, "hf_gpt2_ort_optimized.onnx")
    m.save_model_to_file(out)
    save("hf_gpt2_ort_optimized", out, copy_refs(refs, "hf_gpt2 (eager attention) after onnxruntime.transformers optimizer (model_type gpt2); references of the float model", out))


def ort_fused_resnet(path, refs):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    out = os.path.join(TMP, "timm_resnet18_ort_fused.onnx")
    so.optimized_model_filepath = out
    ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    save("timm_resnet18_ort_fused", out, copy_refs(refs, "timm_resnet18 as onnxruntime's extended graph optimizations save it (FusedConv, BatchNorm folded into Conv): parameters are the folded model's", out))


def int8_dynamic_bert(path, refs):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = os.path.join(TMP, "hf_bert_int8_dynamic.onnx")
    quantize_dynamic(path, out, weight_type=QuantType.QInt8)
    save("hf_bert_int8_dynamic", out, copy_refs(refs, "hf_bert after onnxruntime quantize_dynamic (int8: DynamicQuantizeLinear, MatMulInteger); references of the float model", path))


def int8_dynamic_bert_optimized(refs):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = os.path.join(TMP, "hf_bert_ort_optimized.onnx")
    out = os.path.join(TMP, "hf_bert_ort_optimized_int8.onnx")
    quantize_dynamic(src, out, weight_type=QuantType.QInt8, extra_options={"DefaultTensorType": TensorProto.FLOAT})
    save("hf_bert_ort_optimized_int8", out, copy_refs(refs, "hf_bert_ort_optimized after quantize_dynamic; references of the float model", src))


class RandomReader:
    def __init__(self, name, shape):
        self.data = iter([{name: np.random.RandomState(i).randn(*shape).astype(np.float32)} for i in range(2)])

    def get_next(self):
        return next(self.data, None)


def static_quant_resnet(path, refs, fmt):
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    pre = os.path.join(TMP, "timm_resnet18_pre.onnx")
    quant_pre_process(path, pre, skip_symbolic_shape=True)
    name = "timm_resnet18_int8_qdq" if fmt == "qdq" else "timm_resnet18_int8_qoperator"
    out = os.path.join(TMP, name + ".onnx")
    quantize_static(
        pre, out, RandomReader("image", (1, 3, 224, 224)),
        quant_format=QuantFormat.QDQ if fmt == "qdq" else QuantFormat.QOperator,
        weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8,
    )
    save(name, out, copy_refs(refs, f"timm_resnet18 after quant_pre_process (BatchNorm folded into Conv) and quantize_static ({fmt}); parameters are the folded model's", pre))


def int4_llama(path, refs):
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    m = onnx.load(path)
    q = MatMulNBitsQuantizer(m, block_size=32, is_symmetric=True)
    q.process()
    out = os.path.join(TMP, "hf_llama_int4.onnx")
    q.model.save_model_to_file(out, use_external_data_format=False)
    save("hf_llama_int4", out, copy_refs(refs, "hf_llama after MatMulNBitsQuantizer (int4, block 32): MatMulNBits; references of the float model", path))


def dynamo_convnet():
    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.c1 = torch.nn.Conv2d(3, 16, 3, padding=1)
            self.bn = torch.nn.BatchNorm2d(16)
            self.c2 = torch.nn.Conv2d(16, 32, 3, stride=2, padding=1)
            self.norm = torch.nn.LayerNorm(32)
            self.fc = torch.nn.Linear(32, 10)

        def forward(self, x):
            y = torch.relu(self.bn(self.c1(x)))
            y = torch.nn.functional.gelu(self.c2(y))
            y = y.mean(dim=(2, 3))
            return self.fc(self.norm(y))

    model = perturb(Net()).eval()
    x = torch.randn(1, 3, 32, 32)
    path = os.path.join(TMP, "dynamo_convnet.onnx")
    export(model, (x,), path, ["image"], dynamo=True)
    refs = refs_for(model, (x,), "torch.onnx dynamo", f"torch {torch.__version__} dynamo=True", {"image": [1, 3, 32, 32]})
    refs["self_source"] = True
    refs["note"] = "dynamo=True folds BatchNorm into the conv (its 2·16 parameters and 2·16 buffers become the conv's weight and bias): parameters are the file's float initializers"
    save("dynamo_convnet", path, refs)


def function_and_if():
    """A model-local function (FunctionProto), an If whose condition folds to
    a constant, and a Loop with a constant trip count, written with onnx's
    helpers; references are hand-worked in the JSON (the products of the
    MatMul dims), since no PyTorch module underlies it."""
    f_node = [
        helper.make_node("MatMul", ["x", "w"], ["y"]),
        helper.make_node("Relu", ["y"], ["out"]),
    ]
    func = helper.make_function("local", "LinearRelu", ["x", "w"], ["out"], f_node, [helper.make_opsetid("", OPSET)])
    w1 = helper.make_tensor("w1", TensorProto.FLOAT, [8, 16], np.random.RandomState(1).randn(128).astype(np.float32))
    w2 = helper.make_tensor("w2", TensorProto.FLOAT, [16, 16], np.random.RandomState(2).randn(256).astype(np.float32))
    wt = helper.make_tensor("w_then", TensorProto.FLOAT, [16, 4], np.random.RandomState(3).randn(64).astype(np.float32))
    we = helper.make_tensor("w_else", TensorProto.FLOAT, [16, 2], np.random.RandomState(4).randn(32).astype(np.float32))
    then_g = helper.make_graph(
        [helper.make_node("MatMul", ["h2", "w_then"], ["t_out"])], "then", [],
        [helper.make_tensor_value_info("t_out", TensorProto.FLOAT, [2, 4])],
    )
    else_g = helper.make_graph(
        [helper.make_node("MatMul", ["h2", "w_else"], ["e_out"])], "else", [],
        [helper.make_tensor_value_info("e_out", TensorProto.FLOAT, [2, 2])],
    )
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["cond_in"], ["cond_out"]),
            helper.make_node("MatMul", ["state", "w2"], ["mm"]),
            helper.make_node("Tanh", ["mm"], ["state_out"]),
        ],
        "body",
        [
            helper.make_tensor_value_info("i", TensorProto.INT64, []),
            helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
            helper.make_tensor_value_info("state", TensorProto.FLOAT, [2, 16]),
        ],
        [
            helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("state_out", TensorProto.FLOAT, [2, 16]),
        ],
    )
    nodes = [
        helper.make_node("LinearRelu", ["x", "w1"], ["h1"], domain="local"),
        helper.make_node("Constant", [], ["trips"], value=helper.make_tensor("tv", TensorProto.INT64, [], [3])),
        helper.make_node("Constant", [], ["true"], value=helper.make_tensor("cv", TensorProto.BOOL, [], [True])),
        helper.make_node("Loop", ["trips", "true", "h1"], ["h2"], body=body),
        helper.make_node("Shape", ["h2"], ["s"]),
        helper.make_node("Constant", [], ["sixteen"], value=helper.make_tensor("sv", TensorProto.INT64, [1], [16])),
        helper.make_node("Slice", ["s", "one", "two"], ["last"]),
        helper.make_node("Equal", ["last", "sixteen"], ["c1"]),
        helper.make_node("Squeeze", ["c1"], ["cond"]),
        helper.make_node("If", ["cond"], ["y"], then_branch=then_g, else_branch=else_g),
    ]
    one = helper.make_tensor("one", TensorProto.INT64, [1], [1])
    two = helper.make_tensor("two", TensorProto.INT64, [1], [2])
    g = helper.make_graph(
        nodes, "function_if_loop",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 4])],
        initializer=[w1, w2, wt, we, one, two],
    )
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("local", 1)], functions=[func])
    onnx.checker.check_model(m)
    path = os.path.join(TMP, "function_if_loop.onnx")
    onnx.save(m, path)
    refs = dict(
        family="onnx.helper",
        source=f"onnx {onnx.__version__} helper: function LinearRelu, Loop ×3 (constant trip count), If on a condition that folds to true",
        torch_params=8 * 16 + 16 * 16 + 16 * 4,
        torch_buffers=0,
        fvcore_macs=2 * 8 * 16 + 3 * (2 * 16 * 16) + 2 * 16 * 4,
        fvcore_by_operator={},
        inputs={"x": [2, 8]},
        note="hand-worked: params are the weights the computation reads: w1, w2 and the then branch's w_then (the else branch's 16×2 is never run); MACs = the function's 2·8·16 + 3 trips × 2·16·16 + the then branch's 2·16·4",
    )
    save("function_if_loop", path, refs)


def attempt(what, f, *args):
    """Runs one export; a failure is reported and the rest go on."""
    try:
        f(*args)
    except Exception as e:  # noqa: BLE001
        print(f"{what}: FAILED: {type(e).__name__}: {str(e)[:300]}")


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(TMP, exist_ok=True)
    only = set(sys.argv[1:])
    want = lambda n: not only or n in only  # noqa: E731
    for name, (arch, size) in TIMM.items():
        if want(name) or (name == "timm_resnet18" and any(o.startswith("timm_resnet18_") for o in only)):
            _, _, refs = make_timm(name, arch, size)
            if name == "timm_resnet18":
                path = os.path.join(TMP, name + ".onnx")
                if want("timm_resnet18_ort_fused"):
                    attempt("ort_fused_resnet", ort_fused_resnet, path, refs)
                for fmt in ("qdq", "qoperator"):
                    if want(f"timm_resnet18_int8_{fmt}"):
                        attempt("static_quant_resnet", static_quant_resnet, path, refs, fmt)
    models, version = hf_models()
    for name, make in models.items():
        variants = [o for o in only if o.startswith(name + "_")]
        if want(name) or variants:
            _, _, refs, path = make_hf(name, make, version)
            if name == "hf_bert":
                if want("hf_bert_ort_optimized") or want("hf_bert_ort_optimized_int8"):
                    attempt("ort_optimized_bert", ort_optimized_bert, path, refs)
                if want("hf_bert_ort_optimized_int8"):
                    attempt("int8_dynamic_bert_optimized", int8_dynamic_bert_optimized, refs)
                if want("hf_bert_int8_dynamic"):
                    attempt("int8_dynamic_bert", int8_dynamic_bert, path, refs)
            if name == "hf_gpt2" and want("hf_gpt2_ort_optimized"):
                attempt("ort_optimized_gpt2", ort_optimized_gpt2, path, refs)
            if name == "hf_llama" and want("hf_llama_int4"):
                attempt("int4_llama", int4_llama, path, refs)
    if want("dynamo_convnet"):
        attempt("dynamo_convnet", dynamo_convnet)
    if want("function_if_loop"):
        attempt("function_and_if", function_and_if)


if __name__ == "__main__":
    main()
