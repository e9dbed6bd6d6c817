"""A court's ruling on a law or a decision: upheld against struck down.

"The Constitutional Court upheld the Communications Security Act" and "Judges struck down the Communications
Security Act" (or "ruled that the law is unconstitutional") report two opposite rulings. A unit's ruling is
+1 (upheld, found constitutional, lawful or valid) or -1 (struck down, overturned, annulled, quashed,
invalidated, found unconstitutional, unlawful or invalid); two units with opposite rulings that share a word
of what was ruled on (the law's name, "law", "ban", "decision") are a ``direction`` mismatch, aligned when they
share the name of the thing ruled on.

Example:
    >>> [m.to_dict() for m in ruling_mismatches("The court upheld the Communications Security Act.",
    ...                                         "The court struck down the Communications Security Act.")]
    [{'kind': 'direction', 'a': 'upheld', 'b': 'struck down', 'aligned': True}]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..months import WEEKDAYS
from ..results import Mismatch
from .words import STOP, lemma

__all__ = ["ruling_mismatches"]

_STANDS = r"upheld|upholds|uphold|(?:found|ruled|declared)\s+(?:[\w'’-]+\s+){0,9}?" \
          r"(?:was\s+|is\s+|to\s+be\s+)?(?:constitutional|lawful|legal|valid)\b"
_FALLS = r"(?:struck|strikes|strike|striking)\s+down|overturn(?:ed|s)?|annull?(?:ed|s)?|quash(?:ed|es)?|" \
         r"invalidat(?:ed|es)|(?:found|ruled|declared)\s+(?:[\w'’-]+\s+){0,9}?" \
         r"(?:was\s+|is\s+|to\s+be\s+)?(?:unconstitutional|unlawful|illegal|invalid)\b"
_RULING = re.compile(rf"\b(?:(?P<falls>{_FALLS})|(?P<stands>{_STANDS}))", re.I)
# what a ruling is on: the words after it (or before "unconstitutional": "ruled ... the surveillance law is")
_RULED_ON = frozenset("law ban decision order ruling regulation rule policy measure conviction sentence election "
                      "verdict".split())
_ONE_WORD = {"act": "law", "statute": "law", "legislation": "law"}


@lru_cache(maxsize=8192)
def _ruling(text: str) -> tuple[int, str, frozenset[str], frozenset[str]] | None:
    """(+1 stands / -1 falls, the words, content lemmas of what was ruled on, its capitalised name words), or
    None (no ruling, or both)."""
    hits = list(_RULING.finditer(text))
    if not hits or len({bool(m.group("falls")) for m in hits}) != 1:
        return None
    m = hits[0]
    words = re.findall(r"[A-Za-z][\w-]*", text)
    on = frozenset(_ONE_WORD.get(lemma(w), lemma(w)) for w in words) & _RULED_ON
    names = frozenset(w.lower() for w in re.findall(r"[A-Za-z][\w-]*", text[m.start():])[1:]
                      if w[0].isupper() and w.lower() not in STOP and w.lower() not in WEEKDAYS)
    said = m.group(0) if m.group("falls") and not m.group(0).lower().startswith(("found", "ruled", "declared")) \
        else m.group(0).split()[0] if m.group("stands") and m.group(0).lower().startswith("uph") \
        else m.group(0)
    return (-1 if m.group("falls") else 1), " ".join(said.split()), on, names


def ruling_mismatches(a: str, b: str) -> list[Mismatch]:
    """Opposite rulings on one thing (see the module docstring)."""
    ra, rb = _ruling(a), _ruling(b)
    if ra is None or rb is None or ra[0] == rb[0]:
        return []
    if not (ra[2] & rb[2] or ra[3] & rb[3]):
        return []
    return [Mismatch("direction", ra[1], rb[1], aligned=bool(ra[3] & rb[3]))]
