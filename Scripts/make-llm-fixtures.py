#!/usr/bin/env python3
# netcost — Apache-2.0
"""Reference figures for netcost's Hugging Face config importer, from transformers itself.

For every config in llm_configs.FAMILIES this writes Tests/Fixtures/llm/<name>/config.json
(the published config, as written out by hand in llm_configs.py) and
Tests/Fixtures/llm/<name>/reference.json with what transformers and torch report for the
model built from it:

- params: sum of p.numel() over model.parameters() (transformers ties shared weights, so
  a tied lm_head is counted once); buffers: persistent buffers (state_dict entries that
  are buffers, not parameters), e.g. DeepSeek-V3's e_score_correction_bias.
- prefill[]: torch.utils.flop_counter.FlopCounterMode's forward FLOPs for batch 1 and a
  prompt of `seq` tokens, logits at every position (what a forward pass computes), and
  the KV cache that forward returns (per layer, the key and value tensor shapes).
- decode[]: FlopCounterMode's FLOPs of one more forward with one new token per sequence
  after that prompt (the cache holds `context` = seq tokens; the new token attends over
  seq + 1 positions).
- modules: FlopCounterMode's per-module FLOPs of the first prefill, for the modules
  outside the decoder stack and those of its first and last layer (for diagnosing);
  parameters: every parameter's numel outside the stack and in its first and last
  layer; parameters_per_layer: each numbered block's parameter total.

How the models are built: on torch's `meta` device (shapes only, no memory, no
weights; nothing is downloaded; HF_HUB_OFFLINE=1), from the config with
`from_config`, the class named in `architectures`, `attn_implementation="eager"`
(attention products counted in full: every query against every key, masked or not),
and for mixture-of-experts models `experts_implementation="batched_mm"` (transformers
5's default `grouped_mm` path is counted as 0 FLOPs by FlopCounterMode; batched_mm runs
every token through exactly its top-k experts as bmm, which it counts). FlopCounterMode
counts matrix products only (mm, addmm, bmm, baddbmm, convolution, SDPA), 2 FLOPs per
multiply-accumulate; the full-size models are counted, not a reduced copy: meta tensors
make that free.

Recreate the environment: python3 -m venv .venv && .venv/bin/pip install torch
transformers (this was run with the versions recorded in every reference.json), then
    HF_HUB_OFFLINE=1 .venv/bin/python Scripts/make-llm-fixtures.py [name ...]
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
import transformers  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from llm_configs import FAMILIES  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "llm")
SEQS = [64, 512]
MOE = {"mixtral", "qwen2_moe", "qwen3_moe", "deepseek_v2", "deepseek_v3"}


def build(cfg_dict):
    model_type = cfg_dict["model_type"]
    kwargs = {k: v for k, v in cfg_dict.items() if k not in ("model_type",)}
    cfg = transformers.AutoConfig.for_model(model_type, **kwargs)
    cls = getattr(transformers, cfg_dict["architectures"][0])
    extra = {"attn_implementation": "eager"}
    if model_type in MOE:
        extra["experts_implementation"] = "batched_mm"
    with torch.device("meta"):
        model = cls._from_config(cfg, **extra)
    model.eval()
    return cfg, model


def cache_of(out):
    c = getattr(out, "cache", None)
    if c is None:
        c = getattr(out, "past_key_values", None)
    return c


def cache_shapes(cache):
    """Per layer, [[key shape], [value shape]] for each cache the model returned."""
    if cache is None:
        return None
    result = {}
    if hasattr(cache, "self_attention_cache"):
        parts = {"self": cache.self_attention_cache, "cross": cache.cross_attention_cache}
    else:
        parts = {"self": cache}
    for name, c in parts.items():
        layers = []
        for layer in c.layers:
            layers.append([list(layer.keys.shape), list(layer.values.shape)])
        result[name] = layers
    return result


def keep_module(name, n_layers):
    parts = name.split(".")
    for i, p in enumerate(parts):
        if p in ("layers", "layer", "h", "block") and i + 1 < len(parts) and parts[i + 1].isdigit():
            return int(parts[i + 1]) in (0, n_layers - 1)
    return True


def per_layer(model, n_layers):
    """Parameters of each numbered block (decoder layers; T5's encoder then decoder blocks)."""
    totals = {}
    for n, p in model.named_parameters():
        parts = n.split(".")
        for i, x in enumerate(parts):
            if x in ("layers", "layer", "h", "block") and i + 1 < len(parts) and parts[i + 1].isdigit():
                key = ".".join(parts[: i + 2])
                totals[key] = totals.get(key, 0) + p.numel()
                break
    return totals


def count(model, kwargs):
    fc = FlopCounterMode(display=False)
    with fc, torch.no_grad():
        out = model(**kwargs)
    return fc, out


def main(names):
    for name in names or FAMILIES:
        entry = FAMILIES[name]
        cfg_dict = entry["config"]
        cfg, model = build(cfg_dict)
        enc_dec = cfg_dict["model_type"] == "t5"
        encoder_only = cfg_dict["model_type"] in ("bert", "roberta")
        params = sum(p.numel() for p in model.parameters())
        buffer_names = {n for n, _ in model.named_buffers()}
        buffers = sum(t.numel() for n, t in model.state_dict().items() if n in buffer_names)
        n_layers = getattr(cfg, "num_hidden_layers", None) or getattr(cfg, "num_layers")
        ref = {
            "model": name,
            "source": entry["source"],
            "architecture": cfg_dict["architectures"][0],
            "transformers": transformers.__version__,
            "torch": torch.__version__.split("+")[0],
            "built": "meta device, from_config, attn_implementation=eager"
            + (", experts_implementation=batched_mm" if cfg_dict["model_type"] in MOE else ""),
            "params": params,
            "buffers": buffers,
            "parameters": {n: p.numel() for n, p in model.named_parameters() if keep_module(n, n_layers)},
            "parameters_per_layer": per_layer(model, n_layers),
            "prefill": [],
            "decode": [],
        }
        for seq in SEQS:
            ids = torch.zeros(1, seq, dtype=torch.long, device="meta")
            kwargs = {"input_ids": ids}
            if enc_dec:
                kwargs["decoder_input_ids"] = ids
            if not encoder_only:
                kwargs["use_cache"] = True
            fc, out = count(model, kwargs)
            cache = None if encoder_only else cache_of(out)
            entry_out = {"batch": 1, "seq": seq, "flops": fc.get_total_flops(), "kv_cache": cache_shapes(cache)}
            ref["prefill"].append(entry_out)
            if seq == SEQS[0]:
                ref["modules"] = {
                    k: sum(v.values())
                    for k, v in fc.get_flop_counts().items()
                    if k != "Global" and keep_module(k, n_layers) and sum(v.values()) > 0
                }
            if not encoder_only:
                step = torch.zeros(1, 1, dtype=torch.long, device="meta")
                if enc_dec:
                    dkw = {"encoder_outputs": (out.encoder_last_hidden_state,), "decoder_input_ids": step}
                else:
                    dkw = {"input_ids": step}
                dkw["past_key_values"] = cache
                dkw["use_cache"] = True
                fc2, out2 = count(model, dkw)
                ref["decode"].append(
                    {"batch": 1, "context": seq, "flops": fc2.get_total_flops(),
                     "kv_cache": cache_shapes(cache_of(out2))})
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(cfg_dict, f, indent=2)
            f.write("\n")
        with open(os.path.join(d, "reference.json"), "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
        print(name, params, [p["flops"] for p in ref["prefill"]], [p["flops"] for p in ref["decode"]], flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
