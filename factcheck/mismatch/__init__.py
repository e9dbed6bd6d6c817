"""Stage 7, typed mismatches between two related sentences, independent of the NLI model.

Kinds: ``number`` (with units and number words; "at least three" is compatible with "three",
"more than two dozen" with 27, "two kilometres" equals "2 km"), ``date`` (weekdays, day and
month, single years), ``title`` (one person, two titles: "Mayor" vs "Governor"), ``name`` (one
title, two people), ``entity`` (same-role named entities: "Second Russian Agreement" vs "Minsk
II"), ``place`` and ``negation`` (polarity or antonym flip in otherwise matching sentences).
Spelling variants of one name ("Antony" vs "Anthony") are returned as ``spelling`` notes, never as
mismatches. Years are not counts, IDs ("A320", "COVID-19") and times are ignored, ranges and
approximate quantities are compared as intervals.

Example:
    >>> [m.to_dict() for m in find_mismatches("27 people were injured.", "72 people were injured.").mismatches]
    [{'kind': 'number', 'a': '27 people', 'b': '72 people'}]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..results import Mismatch
from .dates import clock_times_as_words, date_mismatches
from .names import entity_mismatches, people_mismatches, spelling_notes
from .negation import negation_mismatches
from .numbers import Quantity, digits_for_words, number_mismatches, quantities

__all__ = ["MismatchResult", "Quantity", "find_mismatches", "nli_spelling", "quantities"]


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


def find_mismatches(a: str, b: str, year_a: int | None = None, year_b: int | None = None) -> MismatchResult:
    """Stage entry: every typed mismatch between two sentences that talk about the same thing.

    Args:
        a, b: the two sentences.
        year_a, year_b: the publication year of each sentence's article, if known (resolves the
            weekday of "27 January").
    """
    ent, notes = entity_mismatches(a, b)
    found = (
        number_mismatches(a, b)
        + date_mismatches(a, b, year_a, year_b)
        + people_mismatches(a, b)
        + ent
        + negation_mismatches(a, b)
    )
    seen, uniq = set(), []
    for m in found:
        if (m.kind, m.a, m.b) not in seen:
            seen.add((m.kind, m.a, m.b))
            uniq.append(m)
    spell = {(n.a, n.b) for n in notes}
    notes += [n for n in spelling_notes(a, b) if (n.a, n.b) not in spell]
    return MismatchResult(tuple(uniq), tuple(notes))
