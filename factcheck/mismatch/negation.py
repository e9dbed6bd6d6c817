"""Polarity flips ("ruled out" vs "not ruled out") and antonyms in otherwise matching sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from ..results import Mismatch
from .words import STOP, lemma

_NEG = re.compile(r"\b(not|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n[’']t\b", re.I)
_ANTONYMS = [
    ("confirmed", "denied"),
    ("rose", "fell"),
    ("increased", "decreased"),
    ("won", "lost"),
    ("accepted", "rejected"),
    ("approved", "rejected"),
    ("agreed", "refused"),
    ("succeeded", "failed"),
    ("profit", "loss"),
    ("alive", "dead"),
    ("guilty", "innocent"),
    ("opened", "closed"),
    ("allowed", "banned"),
    ("raised", "cut"),
    ("resigned", "remains"),
    ("ally", "enemy"),
]


@lru_cache(maxsize=8192)
def _content(s: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", _NEG.sub(" ", s.lower()))
    return frozenset(lemma(w) for w in words if w not in STOP and len(w) > 2)


def negation_mismatches(a: str, b: str) -> list[Mismatch]:
    ca, cb = _content(a), _content(b)
    overlap = len(ca & cb) / max(1, len(ca | cb))
    if overlap < 0.5:
        return []
    na = [m.group(0) for m in _NEG.finditer(a)]
    nb = [m.group(0) for m in _NEG.finditer(b)]
    if bool(na) != bool(nb):
        return [Mismatch("negation", na[0] if na else "(affirmative)", nb[0] if nb else "(affirmative)")]
    la, lb = set(re.findall(r"[a-z]+", a.lower())), set(re.findall(r"[a-z]+", b.lower()))
    for x, y in _ANTONYMS:
        if (x in la and y in lb and y not in la and x not in lb) or (
            y in la and x in lb and x not in la and y not in lb
        ):
            return [Mismatch("negation", x if x in la else y, y if x in la else x)]
    return []
