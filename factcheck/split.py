"""Stage 3, split: sentences with character offsets into the original text (pysbd).

Example:
    >>> [s.text for s in split_sentences("Dr. Smith met the U.S. envoy. They talked.", [(0, 43)])]
    ['Dr. Smith met the U.S. envoy.', 'They talked.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_WORDS = 3
MAX_CHUNK = 5_000  # pysbd slows down faster than linearly on long paragraphs: it gets at most this much at once
_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


@dataclass(frozen=True)
class Span:
    """A sentence as offsets into the original text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
                    max_sentence_chars: int = 2000) -> list[Span]:
    """Split each kept span of ``text`` into sentences (all of :func:`iter_sentences`).

    Args:
        text: the original article text.
        spans: (start, end) regions to split (the lines kept by cleaning).
        max_sentence_chars: longer sentences are cut at word boundaries into pieces of this size.

    Returns:
        Sentences with ``text[start:end] == sentence.text``; fragments with fewer than three words
        or no letters are left out.
    """
    return list(iter_sentences(text, spans, max_sentence_chars))


def iter_sentences(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
                   max_sentence_chars: int = 2000) -> Iterator[Span]:
    """The sentences of :func:`split_sentences`, one chunk at a time: a caller that stops early (a source over
    ``max_sentences``) does not pay for splitting the rest of a huge article."""
    seg = _segmenter()
    for span in spans:
        for a, b in _chunks(text, *span, MAX_CHUNK):
            chunk = text[a:b]
            for piece in seg.segment(chunk):
                s0 = a + piece.start
                s1 = a + piece.end
                raw = text[s0:s1]
                lead = len(raw) - len(raw.lstrip())
                s0, s1 = s0 + lead, s0 + len(raw.rstrip())
                for c0, c1 in _cut(text, s0, s1, max_sentence_chars):
                    sent = text[c0:c1]
                    if len(re.findall(r"[^\W\d_]{2,}", sent)) >= MIN_WORDS:
                        yield Span(c0, c1, sent)


def _chunks(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``size`` characters, cut after a sentence end (else a space)."""
    parts = []
    while end - start > size:
        ends = [m.end() for m in _END.finditer(text, start + size // 2, start + size)]
        cut = ends[-1] if ends else text.rfind(" ", start + size // 2, start + size) + 1 or start + size
        parts.append((start, cut))
        start = cut
    parts.append((start, end))
    return parts


def _cut(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    if end - start <= size:
        return [(start, end)]
    parts = []
    while end - start > size:
        cut = text.rfind(" ", start, start + size)
        cut = cut if cut > start else start + size
        parts.append((start, cut))
        start = cut + 1 if text[cut:cut + 1] == " " else cut
    parts.append((start, end))
    return parts
