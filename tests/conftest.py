"""Shared fakes: a bag-of-words embedder and a rule-based NLI model (unit tier, no real models)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from factcheck.results import NLIScores

from .browser import browser  # noqa: F401  (the headless Chromium fixture of the browser tests)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "at", "was", "were", "is", "are", "by", "for", "said"}


class FakeEmbedder:
    """Hashed bag of words, unit length: sentences sharing words are similar."""

    name = "fake-embedder"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]+", t.lower()):
                if w not in STOP:
                    out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i, 0] += 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class FakeNLI:
    """Entailment when the hypothesis's words are all in the premise; contradiction on 'not' flips."""

    name = "fake-nli"

    def __init__(self) -> None:
        self.pairs_seen = 0

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.pairs_seen += len(pairs)
        out = []
        for p, h in pairs:
            wp = set(re.findall(r"[a-z]+", p.lower())) - STOP
            wh = set(re.findall(r"[a-z]+", h.lower())) - STOP
            if ("not" in wp) != ("not" in wh) and len(wp & wh) >= 0.6 * len(wh):
                out.append(NLIScores(0.02, 0.08, 0.9))
            elif wh and wh <= wp:
                out.append(NLIScores(0.9, 0.08, 0.02))
            else:
                out.append(NLIScores(0.05, 0.9, 0.05))
        return out


@pytest.fixture
def fake_checker():
    from factcheck import Checker

    return Checker(embedder=FakeEmbedder(), nli=FakeNLI())


@pytest.fixture
def write(tmp_path):
    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write
