"""Stage 7, typed mismatches between two related sentences, independent of the NLI model.

Kinds: ``number`` (with units and number words; "at least three" is compatible with "three",
"more than two dozen" with 27, "two kilometres" equals "2 km"), ``date`` (weekdays, day and
month, single years), ``title`` (one person, two titles: "Mayor" vs "Governor"), ``name`` (one
title, two people), ``entity`` (same-role named entities: "Second Russian Agreement" vs "Minsk
II"), ``negation`` (polarity of the same predicate, or an antonym), ``quantity`` (a measure in one
unit: "within three miles" vs "within eight miles"), ``direction`` (rose vs fell, approved vs
rejected), ``change`` (cut vs left unchanged) and ``vote`` ("8-1" vs "six of the nine"). Each kind
comes from one registered rule (:mod:`factcheck.mismatch.rules`).
Spelling variants of one name ("Antony" vs "Anthony") are returned as ``spelling`` notes, never as
mismatches. Years are not counts, IDs ("A320", "COVID-19") and times are ignored, ranges and
approximate quantities are compared as intervals.

Example:
    >>> [m.to_dict() for m in find_mismatches("27 people were injured.", "72 people were injured.").mismatches]
    [{'kind': 'number', 'a': '27 people', 'b': '72 people', 'aligned': True}]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..results import Mismatch
from ..units import claim_units
from .agreement import frames_agree
from .clock import clock_times_as_words
from .frames import levels_apart
from .negation import polarity_differs
from .numbers import Quantity, digits_for_words, quantities
from .rules import KINDS, RULES, Found, Rule, RuleContext, register

__all__ = ["KINDS", "RULES", "Found", "MismatchResult", "Quantity", "Rule", "RuleContext", "aligned_pairs",
           "find_mismatches",
           "frames_agree", "levels_apart", "nli_spelling", "polarity_differs", "quantities", "register"]


@lru_cache(maxsize=8192)
def nli_spelling(sentence: str) -> str:
    """One spelling for what the rules know to be equal, for the NLI model's input.

    Spelled-out numbers become digits ("Twenty-seven" -> "27", "two dozen" -> "24") and clock times
    one form ("03:15" and "3.15am" -> "3:15 a.m."). A model trained on number and time edits reads
    "Twenty-seven people" against "27 people" as a changed number; shown one spelling, it does not.
    Cached per sentence: one sentence meets many others in the judged pairs.

    Example:
        >>> nli_spelling("Twenty-seven people were hurt at 03:15.")
        '27 people were hurt at 3:15 a.m.'
    """
    return clock_times_as_words(digits_for_words(sentence))


@dataclass(frozen=True)
class MismatchResult:
    """Mismatches that make a contradiction, and notes (spelling variants) that do not."""

    mismatches: tuple[Mismatch, ...]
    notes: tuple[Mismatch, ...]


def aligned_pairs(texts: Sequence[str], sims: np.ndarray, sources: Sequence[int], floor: float, below: float,
                  years: Sequence[int | None] | None = None) -> list[tuple[int, int]]:
    """Pairs (i < j) of sentences from different sources, at least ``floor`` but under ``below`` similar, in which
    the number or date rule ties two values to one fact (``Mismatch.aligned``): "The storm killed 21 people" /
    "The death toll stood at 12" share few words, but one fate of people ties the two counts. Such a pair is
    checked like the pairs the embedder finds; ``Settings.aligned_gate`` decides whether its mismatch makes a
    contradiction.

    Example:
        >>> import numpy as np
        >>> texts = ["The storm killed 21 people.", "The death toll stood at 12 on Thursday.", "It rained."]
        >>> aligned_pairs(texts, np.full((3, 3), 0.3), [0, 1, 1], 0.25, 0.4)
        [(0, 1)]
    """
    yr = list(years) if years is not None else [None] * len(texts)
    rules = [r for r in RULES if r.name in _FIGURE_RULES]
    named = [r for r in RULES if r.name in _NAMED_RULES]
    figured = np.array([bool(_FIGURE.search(t)) for t in texts])
    doers = np.array([bool(_DOER.search(t)) for t in texts])
    src = np.asarray(sources)
    # the pairs worth reading, found on the whole matrix at once (the rules then read only those)
    near = (sims >= floor) & (sims < below) & (src[:, None] != src[None, :])
    ask = np.triu(near & np.outer(figured, figured), 1)
    ask_named = np.triu(near & np.outer(doers, doers), 1) & ~ask
    out = []
    for pairs, use in ((ask, rules), (ask_named, named)):
        for i, j in np.argwhere(pairs).tolist():
            ctx = RuleContext(yr[i], yr[j])
            if any(m.aligned for r in use for m in r.find(texts[i], texts[j], ctx).mismatches):
                out.append((i, j))
    return sorted(out)


_FIGURE_RULES = ("number", "date")  # counts, measures, dates and times: what a low-similarity pair is checked for
# ... and who did one act, one person's party, one deal's buyer, one work's maker (names tie them: aligned)
_NAMED_RULES = ("agent", "affiliation", "deal", "work")
_DOER = re.compile(r"\b[A-Z][\w'’-]+\s+[A-Z][\w'’-]+")
# a figure, a day or a month: what those rules read (a cheap test before them)
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|hundred|thousand|million|dozen|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|"
                     r"february|march|april|may|june|july|august|september|october|november|december|midnight|noon)\b",
                     re.I)


def find_mismatches(a: str, b: str, year_a: int | None = None, year_b: int | None = None) -> MismatchResult:
    """Stage entry: every typed mismatch between two sentences, from every registered rule.

    Args:
        a, b: the two sentences.
        year_a, year_b: the publication year of each sentence's article, if known (resolves the
            weekday of "27 January").
    """
    ctx = RuleContext(year_a, year_b, tuple(u.text for u in claim_units(a)), tuple(u.text for u in claim_units(b)))
    found: list[Found] = [rule.find(a, b, ctx) for rule in RULES]
    seen: set[tuple[str, str, str]] = set()
    mism: list[Mismatch] = []
    for m in (m for f in found for m in f.mismatches):
        if (m.kind, m.a, m.b) not in seen:
            seen.add((m.kind, m.a, m.b))
            mism.append(m)
    return MismatchResult(tuple(mism), tuple(n for f in found for n in f.notes))
