"""Fakes and a hostile story shared by the HTML report tests (browser and no-browser)."""

from __future__ import annotations

import re
import zlib

import numpy as np

from factcheck import Checker, Document
from factcheck.results import NLIScores

HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "| pipes | and **markdown**")


class FakeEmbedder:
    """Hashed bag of words: sentences sharing words are close (deterministic, no model)."""

    name = "fake-bag-of-words"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in re.findall(r"[a-z]+", text.lower()):
                if len(w) > 2:
                    out[i, zlib.crc32(w.encode()) % 256] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out


class FakeNLI:
    """Entailment = share of the hypothesis' words found in the premise."""

    name = "fake-word-overlap"

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        out = []
        for a, b in pairs:
            wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
            e = len(wa & wb) / max(len(wb), 1)
            out.append(NLIScores(entailment=e, neutral=max(0.0, 0.95 - e), contradiction=0.05))
        return out


def checker() -> Checker:
    return Checker(embedder=FakeEmbedder(), nli=FakeNLI())


def hostile_documents() -> list[Document]:
    return [
        Document(text="Ten people were injured in the fire on Monday. Officials found <script>alert(1)</script> in "
                      "a post on the city website. Witnesses shared <img src=x onerror=alert(1)> online. A sign read "
                      "| pipes | and **markdown** near the door.",
                 source="Evil <b>Co</b> | x", title="<script>alert(2)</script> Fire headline",
                 url="javascript:alert(4)"),
        Document(text="Ten people were injured in the fire on Tuesday. Officials found <script>alert(1)</script> in "
                      "a post on the city website. Firefighters arrived within minutes.",
                 source="Daily [News](javascript:alert(3))", date="2024-05-06"),
    ]
