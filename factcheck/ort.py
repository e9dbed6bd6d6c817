"""ONNX Runtime for both models, with torch and transformers kept off the path that runs them.

A model folder is exported to ONNX once (with torch, on first use) into :func:`cache_dir`, keyed by its
weights; from then on a process loads the ONNX file with ONNX Runtime and the folder's
``tokenizer.json`` with the ``tokenizers`` library, and never imports torch or transformers. That is
what makes a cold ``factcheck check`` fast: importing torch and transformers' model code took 5.8 s
of a 12.5 s cold check. The numbers are the same as torch's (fp32 both; scores to ~1e-5, tested in
``tests/real``).

Example:
    >>> cached_file("models/factcheck-nli-minilm", "classifier").suffix
    '.onnx'
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

KINDS = ("classifier", "encoder")


def available() -> bool:
    """Whether ONNX Runtime is installed (it is a core dependency; a trimmed install may lack it)."""
    return importlib.util.find_spec("onnxruntime") is not None


def cache_dir() -> Path:
    """Where ONNX exports are kept: ``$FACTCHECK_ONNX_CACHE`` or ~/.cache/factcheck/onnx."""
    env = os.environ.get("FACTCHECK_ONNX_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "factcheck" / "onnx"


def cached_file(path: str, kind: str = "classifier") -> Path:
    """The ONNX file for the model at ``path``: a local folder is keyed by its content
    (:func:`factcheck.cache.model_fingerprint`, the key the NLI score cache uses too), a Hub id by its name."""
    from .cache import model_fingerprint

    root = Path(path)
    key = model_fingerprint(path) or hashlib.sha256(path.encode()).hexdigest()[:16]
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in root.name or "model")
    suffix = "" if kind == "classifier" else f"-{kind}"
    return cache_dir() / f"{name}{suffix}-{key}.onnx"


def threads() -> int:
    """Intra-op threads: ``$OMP_NUM_THREADS`` when set (batch workers share the CPUs) and ``$FACTCHECK_THREADS``
    is not, else :func:`factcheck.nli.torch_threads` (``$FACTCHECK_THREADS`` or the usable CPUs)."""
    from .nli import torch_threads

    omp = os.environ.get("OMP_NUM_THREADS", "")
    if omp.isdigit() and int(omp) > 0 and not os.environ.get("FACTCHECK_THREADS"):
        return int(omp)
    return torch_threads()


class Session:
    """An ONNX Runtime CPU session: ``run(feed) -> first output`` (numpy), fed only the inputs the graph has."""

    def __init__(self, file: Path) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads()
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(file), opts, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]

    def run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        out = self.session.run(None, {k: np.asarray(feed[k], dtype=np.int64) for k in self.inputs})
        return np.asarray(out[0])


class FastTokenizer:
    """A ``tokenizers`` tokenizer that pads and truncates as ``transformers`` does (tested token for token).

    Args:
        backend: the Rust tokenizer (``tokenizers.Tokenizer``); it is reconfigured here.
        max_length: tokens per input (pairs are cut longest first, as ``truncation=True``).
        pad_token: the padding token (``[PAD]`` for BERT-style models).
    """

    def __init__(self, backend: Any, max_length: int, pad_token: str = "[PAD]") -> None:
        pad_id = backend.token_to_id(pad_token)
        if pad_id is None:
            raise ValueError(f"padding token {pad_token!r} is not in the tokenizer's vocabulary")
        backend.enable_truncation(max_length, stride=0, strategy="longest_first")
        backend.enable_padding(direction="right", pad_id=pad_id, pad_type_id=0, pad_token=pad_token)
        self.backend = backend

    @classmethod
    def from_folder(cls, path: str, max_length: int) -> FastTokenizer:
        """The tokenizer of a local model folder (``tokenizer.json`` and ``tokenizer_config.json``)."""
        from tokenizers import Tokenizer

        root = Path(path)
        cfg_file = root / "tokenizer_config.json"
        cfg = json.loads(cfg_file.read_text()) if cfg_file.exists() else {}
        pad = cfg.get("pad_token", "[PAD]")
        if isinstance(pad, dict):  # an AddedToken written out
            pad = pad.get("content", "[PAD]")
        limit = cfg.get("model_max_length")
        if isinstance(limit, int) and 0 < limit < max_length:
            max_length = limit
        return cls(Tokenizer.from_file(str(root / "tokenizer.json")), max_length, pad)

    def __call__(self, texts: list[str], pairs: list[str] | None = None) -> dict[str, np.ndarray]:
        items: list[Any] = list(zip(texts, pairs)) if pairs is not None else list(texts)
        encs = self.backend.encode_batch(items, add_special_tokens=True)
        return {"input_ids": np.array([e.ids for e in encs], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64)}


def has_fast_files(path: str) -> bool:
    """A local folder with what the torch-free path needs: ``config.json`` and ``tokenizer.json``."""
    root = Path(path)
    return (root / "config.json").is_file() and (root / "tokenizer.json").is_file()


def export(path: str, out: Path, kind: str) -> None:
    """Export the model at ``path`` to ``out`` (fp32, dynamic batch and length), with torch.

    ``kind`` "classifier": a sequence classifier, output ``logits``; "encoder": the bare transformer,
    output ``last_hidden_state`` (for mean pooling).
    """
    import torch
    from transformers import AutoModel, AutoModelForSequenceClassification, AutoTokenizer

    from .nli import quiet_loading

    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r}; use one of {', '.join(KINDS)}")
    quiet_loading()
    tok = AutoTokenizer.from_pretrained(path)
    auto = AutoModelForSequenceClassification if kind == "classifier" else AutoModel
    model = auto.from_pretrained(path, dtype=torch.float32, attn_implementation="eager").eval()
    output = "logits" if kind == "classifier" else "last_hidden_state"

    class _Out(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *args: Any) -> Any:
            return getattr(self.inner(**dict(zip(names, args))), output)

    enc = tok(["A man is here today."] * 2, ["A person is here."] * 2, return_tensors="pt", padding=True)
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".onnx.tmp")
    os.close(fd)
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(_Out(), tuple(enc[k] for k in names), tmp, input_names=names, output_names=[output],
                              dynamic_axes={**{k: {0: "batch", 1: "tokens"} for k in names}, output: {0: "batch"}},
                              opset_version=17, dynamo=False)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def quantize(src: Path, out: Path) -> None:
    """Write an int8 copy of ``src`` to ``out``: ONNX Runtime's dynamic quantization of the MatMul weights, one
    scale per output channel (per-tensor scales moved scores up to 0.5 on the seeds' pairs, per-channel 0.25)."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".onnx.tmp")
    os.close(fd)
    logging.disable(logging.WARNING)  # its "consider pre-processing" advice goes to the root logger
    try:
        quantize_dynamic(str(src), tmp, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                         per_channel=True)
        os.replace(tmp, out)
    finally:
        logging.disable(logging.NOTSET)
        if os.path.exists(tmp):
            os.unlink(tmp)


def session_for(path: str, kind: str, int8: bool = False) -> Session:
    """The ONNX Runtime session for the model at ``path``, exporting (and quantizing) it into the cache on first use."""
    fp32 = cached_file(path, kind)
    file = cached_file(path, f"{kind}-int8") if int8 else fp32
    if not file.exists():
        if not fp32.exists():
            export(path, fp32, kind)
        if int8:
            quantize(fp32, file)
    return Session(file)


def main() -> None:
    """``python -m factcheck.ort``: export the default models now (setup does this once)."""
    from .embed import default_embedder_path
    from .nli import resolve_nli_model

    for path, kind in ((default_embedder_path(), "encoder"), (resolve_nli_model(None), "classifier")):
        if path:
            file = cached_file(path, kind)
            if not file.exists():
                export(path, file, kind)
            print(f"{kind}: {file}")


if __name__ == "__main__":
    main()
