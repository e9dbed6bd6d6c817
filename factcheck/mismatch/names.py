"""Named entities in the same role, spelling variants of one name, and ships' names.

People (title + name) are read by :mod:`.people` (re-exported here: :data:`TITLES`, :data:`CORPORATE_TITLES`,
:data:`TITLE_ABBREVIATIONS`, :func:`people_mismatches`, :func:`two_offices`, :func:`two_holders`); the words of a
name (spelling variants, possessives, sentence openers) by :mod:`.name_words`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..results import Mismatch
from .name_words import _SENT_START, _poss, _spelling
from .people import CORPORATE_TITLES, TITLE_ABBREVIATIONS, TITLES, people_mismatches, two_holders, two_offices
from .words import STOP, headline_case, lemma

__all__ = ["CORPORATE_TITLES", "TITLES", "TITLE_ABBREVIATIONS", "entity_mismatches", "people_mismatches",
           "spelling_notes", "two_holders", "two_offices", "vessel_mismatches"]


_CAP = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’\-]*)*")


# ----------------------------------------------------------------------------------------------- entities
_ORD = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "i": "1",
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "v": "5",
    "1st": "1",
    "2nd": "2",
    "3rd": "3",
}
_ESTOP = {"the", "of", "de", "and", "new", "s"}
_TITLE_WORDS = {w for t in TITLES for w in t.split()} - {"of", "state"}


# a place head written in lower case after a name: "Kingsbridge station", "the Elm river"
_LOWER_HEAD = re.compile(r"\s+(station|bridge|airport|hospital|school|prison|stadium|river|dam|port|harbour|harbor)\b")


@lru_cache(maxsize=8192)
def _entities(s: str) -> tuple[tuple[str, frozenset[str]], ...]:
    out = []
    for m in _CAP.finditer(s):
        toks = m.group(0).split()
        head = _LOWER_HEAD.match(s, m.end())
        if head and len(toks) == 1:
            toks.append(head.group(1))  # as written: the evidence shows the article's words
        if m.start() == 0 or s[max(0, m.start() - 2) : m.start()].strip() in (".", "“", '"'):
            while toks and toks[0].lower() in _SENT_START:
                toks = toks[1:]
        if not toks:
            continue
        norm = frozenset(_ORD.get(_poss(t), _poss(t)) for t in toks) - _ESTOP - _TITLE_WORDS
        if norm and not norm <= {t for t in TITLES} and not (len(toks) == 1 and toks[0].lower() in _SENT_START):
            out.append((" ".join(toks), norm))
    return tuple(out)


@lru_cache(maxsize=65536)
def _same_word(x: str, y: str) -> bool:
    """Equal, a spelling variant, or one stem ("russia"/"russian", "china"/"chinese")."""
    if x == y or _spelling(x, y):
        return True
    k = 0
    while k < min(len(x), len(y)) and x[k] == y[k]:
        k += 1
    return k >= 4 and k >= 0.6 * min(len(x), len(y))


# Head nouns of named places, bodies and agreements: "Vasco Bridge" vs "Salazar Bridge" name one thing
# two ways. A shared head outside this list is usually a family name ("Elian Gonzalez" vs "Juan Miguel
# Gonzalez"): two people, not one person misnamed.
_GENERIC_HEADS = frozenset(
    "agreement accord treaty deal pact plan act law bill resolution protocol summit conference talks "
    "school university college academy institute hospital clinic prison court ministry department agency "
    "office council committee commission parliament assembly congress senate party union association "
    "federation league group company corporation bank fund army navy force forces fleet brigade "
    "battalion regiment police guard bridge airport station port harbour harbor street road avenue "
    "square park plaza stadium arena church mosque temple cathedral museum hotel market tower building "
    "house hall palace center centre river lake sea ocean bay gulf island mountain mountains valley "
    "county city town village state province region district republic kingdom desert forest dam "
    "highway tunnel canal festival prize award cup games championship war operation".split()
)


# heads of one kind of place: "played at Harrowfield Park" / "staged at Kingsmere Arena" name one venue two ways
_PLACE_KINDS = (frozenset("park arena stadium ground field bowl dome".split()),
                frozenset("hospital clinic infirmary".split()),
                frozenset("school college academy".split()))


def _one_kind_of_place(x: str, y: str) -> bool:
    x, y = x.lower(), y.lower()
    return x == y or any(x in kind and y in kind for kind in _PLACE_KINDS)


_COMPASS = frozenset("north south east west northern southern eastern western upper lower".split())


def entity_mismatches(a: str, b: str) -> tuple[list[Mismatch], list[Mismatch]]:
    """Same-role entities with different names: they share an ordinal or their head noun, but differ."""
    if headline_case(a) or headline_case(b):
        return [], []
    ea = [(t, n) for t, n in _entities(a) if len(t.split()) <= 5]
    eb = [(t, n) for t, n in _entities(b) if len(t.split()) <= 5]
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))

    def covered(n: frozenset[str], words: set[str], others: list[tuple[str, frozenset[str]]]) -> bool:
        return (
            n <= words
            or any(n <= m or m <= n for _, m in others)
            or any(all(any(_same_word(x, y) for y in m) for x in n) for _, m in others)
        )

    only_a = [(t, n) for t, n in ea if not covered(n, wb, eb)]
    only_b = [(t, n) for t, n in eb if not covered(n, wa, ea)]
    ords = set(_ORD.values())
    mism, notes = [], []
    used: set[str] = set()
    for ta, na in only_a:
        for tb, nb in only_b:
            if tb in used:
                continue
            if len(na) == 1 and len(nb) == 1 and _spelling(next(iter(na)), next(iter(nb))):
                notes.append(Mismatch("spelling", ta, tb))
                used.add(tb)
                break
            oa, ob = na & ords, nb & ords
            if oa and ob and not oa & ob:
                continue  # "Minsk I" and "Minsk II" are two things, not one thing misnamed
            head_a, head_b = _poss(ta.split()[-1]), _poss(tb.split()[-1])
            generic = head_a.lower() in _GENERIC_HEADS or {x.lower() for x in na ^ nb} <= _COMPASS
            same_role = bool(oa & ob) or (_one_kind_of_place(head_a, head_b) and generic and len(na) > 1
                                          and len(nb) > 1)
            differ = [x for x in na - nb if not any(_same_word(x, y) for y in nb)]
            if same_role and differ and nb - na:
                mism.append(Mismatch("entity", ta, tb))
                used.add(tb)
                break
    if not mism and not notes and len(only_a) == 1 and len(only_b) == 1:
        (ta, na), (tb, nb) = only_a[0], only_b[0]
        if _at_place(a, ta) and _at_place(b, tb) and not {x.lower() for x in na ^ nb} <= _COMPASS \
                and not {x.lower() for x in na | nb} & _GENERIC_HEADS \
                and not any(_same_word(x, y) for x in na for y in nb) \
                and (_lead_in(a, ta) & _lead_in(b, tb) or _region(a, ta) and _region(a, ta) == _region(b, tb)):
            mism.append(Mismatch("entity", ta, tb))  # "centred near Sarn" / "lay near Kell": one place, two names
    return mism, notes


# words before a place name: the one name each sentence has that the other lacks, both after one of these,
# name the same place two ways ("near Sarn" / "near Kell"); "to" and "from" are left out (two ends of a trip)
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|near|at|outside|close\s+to|town\s+of|city\s+of|village\s+of|"
                           r"province\s+of|region\s+of)\s+(?:the\s+)?)$", re.I)


def _lead_in(s: str, name: str) -> frozenset[str]:
    """Content lemmas of the six words before a name: what happened there ("epicentre lay near")."""
    k = s.find(name)
    words = re.findall(r"[A-Za-z]+", s[max(0, k - 50):k])[-6:]
    return frozenset(lemma(w) for w in words if w.lower() not in STOP and len(w) > 2) - {"near", "close", "outside"}


def _region(s: str, name: str) -> str:
    """The place a name is in, written after it ("Denton, *Ohio*"), or ""."""
    k = s.find(name)
    m = re.match(r",\s+([A-Z][a-z]+)\b", s[k + len(name):]) if k >= 0 else None
    return m.group(1) if m else ""


def _at_place(s: str, name: str) -> bool:
    k = s.find(name)
    return k > 0 and bool(_PLACE_BEFORE.search(s[max(0, k - 20):k]))


def spelling_notes(a: str, b: str) -> list[Mismatch]:
    ta = {w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", a)}
    tb = {w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", b)}
    return [Mismatch("spelling", x, y) for x in sorted(ta - tb) for y in sorted(tb - ta) if _spelling(x, y)]


# a ship by its name: "the MV Selene", "HMS Duncan", "the USS Cole"
_VESSEL = re.compile(r"\b(?:MV|MS|SS|HMS|USS|RMS|MT|FV)\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")


def vessel_mismatches(a: str, b: str) -> list[Mismatch]:
    """Two names for the ship: each text names vessels, none of one's are the other's ("the MV Aurora" / "the MV
    Selene"); both name the ship the story is about, so the two align.

    Example:
        >>> [m.to_dict() for m in vessel_mismatches("The MV Aurora sank.", "The MV Selene capsized.")]
        [{'kind': 'entity', 'a': 'MV Aurora', 'b': 'MV Selene', 'aligned': True}]
    """
    va, vb = list(_VESSEL.finditer(a)), list(_VESSEL.finditer(b))
    if not va or not vb or {m.group(1) for m in va} & {m.group(1) for m in vb}:
        return []
    return [Mismatch("entity", va[0].group(0), vb[0].group(0), aligned=True)]
