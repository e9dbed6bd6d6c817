"""Shares said in words: "nearly all services", "the vast majority of members", "about half of the staff".

A share in words is a figure in percent, as an interval ("nearly all": 85 to 99.9 percent), of the plural noun
after it, so that the rules compare it with a share in digits ("About 95 percent of services") and show the
model one figure where the two agree (:func:`factcheck.mismatch.numbers.harmonise`).

Example:
    >>> [(q.text, q.lo, q.hi, q.unit) for q in _shares("Nearly all services will be cancelled.")]
    [('Nearly all services', 85.0, 99.9, '%')]
"""

from __future__ import annotations

import re

from .fates import _fate
from .quantity import Quantity
from .words import lemma

_SHARE_WORDS = {
    "nearly all": (85.0, 99.9), "almost all": (85.0, 99.9), "virtually all": (90.0, 99.9),
    "the vast majority": (75.0, 99.9), "more than half": (50.1, 100.0), "over half": (50.1, 100.0),
    "the majority": (50.1, 100.0), "most": (50.1, 100.0), "about half": (40.0, 60.0), "around half": (40.0, 60.0),
    "roughly half": (40.0, 60.0), "some half": (40.0, 60.0),
}
_SHARE = re.compile(r"\b(?P<w>" + "|".join(w.replace(" ", r"\s+") for w in sorted(_SHARE_WORDS, key=len, reverse=True))
                    + r")\s+(?:of\s+(?:the|its|their|his|her)\s+)?(?P<n>[a-z]+s)\b", re.I)


def _shares(sentence: str) -> list[Quantity]:
    """The shares in words of a sentence, each of the plural noun after it."""
    out = []
    for m in _SHARE.finditer(sentence):
        lo, hi = _SHARE_WORDS[" ".join(m.group("w").lower().split())]
        noun = lemma(m.group("n"))
        fate = _fate(sentence, m.start(), m.end())
        out.append(Quantity(m.group(0), lo, hi, frozenset({noun, "%"}), "%", "", "", fate, False,
                            (m.start(), m.end("w"))))
    return out
