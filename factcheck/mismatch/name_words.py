"""The words of a name: spelling variants of one name ("Antony" / "Anthony"), a name without its possessive, and
the capitalised words that open a sentence rather than name anything; read by :mod:`.names` and :mod:`.people`."""

from __future__ import annotations

import re
from functools import lru_cache

_SENT_START = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "as",
    "after",
    "according",
    "this",
    "that",
    "during",
    "however",
    "separately",
    "meanwhile",
    "amid",
    "if",
    "when",
    "its",
    "his",
    "their",
    "our",
    "there",
    "some",
    "many",
}


def _poss(t: str) -> str:
    return re.sub(r"[’']s?$", "", t.lower())


def _edit(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=65536)
def _spelling(x: str, y: str) -> bool:
    x, y = x.lower(), y.lower()
    return x != y and min(len(x), len(y)) >= 4 and x[0] == y[0] and _edit(x, y) <= (1 if min(len(x), len(y)) < 6 else 2)
