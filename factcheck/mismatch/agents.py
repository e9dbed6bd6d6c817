"""Who did it: one act of the story credited to two named bodies.

"The recall was ordered by the Federal Drug Standards Office" and "The Medicines Safety Authority ordered the
recall" name two bodies for one order; "a strike called by the Federation of Municipal Workers" and "The
General Union of Public Servants called the strike", two organisers. A unit's *agent* is a name of two or
more capitalised words (a body, a firm, a group) tied to a verb of an act that one party does for a story:
after the verb and "by" ("ordered by X", "an audit by X"), before it as its subject ("X ordered", "X, the
country's largest union, called"), or as the people of a body ("auditors from X"). Two units credit one act
to two names when their verbs are of one act (:data:`_ACTS`, the one table), they share no word of the two
names, the object of the act, where both name one, is one thing, and neither unit names the other's agent
at all ("X and Y jointly called the strike" credits both).

Persons with titles are read by :mod:`.people`; places by :mod:`.names`.

Example:
    >>> [m.to_dict() for m in agent_mismatches("The recall was ordered by the Federal Drug Standards Office.",
    ...                                        "The Medicines Safety Authority ordered the recall.")]
    [{'kind': 'entity', 'a': 'Federal Drug Standards Office', 'b': 'Medicines Safety Authority', 'aligned': True}]
    >>> agent_mismatches("The recall was ordered by the Federal Drug Standards Office.",
    ...                  "The Federal Drug Standards Office and the Medicines Safety Authority ordered the recall.")
    []
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ..results import Mismatch
from .words import STOP, lemma

__all__ = ["affiliation_mismatches", "agent_mismatches", "deal_mismatches", "work_mismatches", "works_agree"]

# the acts one party does for a story, each in the words news uses for it (verbs, their nouns, their doers)
_ACTS: dict[str, tuple[str, ...]] = {
    "order": ("ordered", "orders", "order", "issued", "told to leave", "told to evacuate"),
    "organise": ("called", "organised", "organized", "staged"),
    "claim": ("claimed",),
    "measure": ("measured", "recorded", "registered", "located", "put"),
    "audit": ("audit", "audited", "auditors", "review", "reviewed", "uncovered", "flagged"),
    "advise": ("advised", "adviser", "advisers", "advisor", "advisors"),
    "carry out": ("carried out", "conducted", "performed"),
    "build": ("built", "manufactured", "designed"),
    "bring": ("brought", "filed", "lodged"),
    # who looks into it: "Ravelstone Security has been hired to investigate" / "Northgate Cyber has been called in"
    "investigate": ("hired", "called in", "brought in", "investigators", "investigating"),
}
_ACT_OF = {w: act for act, words in _ACTS.items() for w in words}
# acts whose object a story tells once (one audit, one adviser, one contractor): the object is not compared
_ONE_OBJECT = frozenset({"audit", "advise", "carry out", "bring", "investigate"})
_VERBS = "|".join(sorted((re.escape(w) for w in _ACT_OF), key=len, reverse=True))
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:of\s+(?:the\s+)?|for\s+(?:the\s+)?|&\s+|and\s+(?=[A-Z]))?[A-Z][\w'’-]+)+"
# "ordered by the Federal Drug Standards Office", "an audit by the accounting firm Pellworth & Crane"
# (a day between: "ordered on Friday evening by the Hallendale Regional Emergency Agency")
_BY = re.compile(rf"\b(?P<v>{_VERBS})(?:\s+(?:on|late|early|in|at|last|this)(?:\s+[\w-]+){{1,3}}?)?\s+by\s+"
                 rf"(?:the\s+)?(?:[a-z]+\s+)?(?:firm|company|group|agency|body)?\s*(?P<n>{_NAME})")
# the nouns of one thing an act is done to: a case in court, a walkout
_ONE_THING = (frozenset("case challenge lawsuit suit petition complaint".split()),
              frozenset("strike action walkout stoppage".split()))
# "The Civic Privacy Alliance, which filed the challenge, welcomed the decision"
_WHICH = re.compile(rf"(?P<n>{_NAME}),\s+(?:which|who)\s+(?:had\s+|has\s+)?(?P<v>{_VERBS})\b")
# "auditors from Pellworth & Crane"
_FROM = re.compile(rf"\b(?P<v>(?i:auditors|advisers|advisors|investigators))\s+(?:from|at|with)\s+(?:the\s+)?"
                   rf"(?P<n>{_NAME})")
# "The bank has brought in Ravelstone Security to investigate"
_HIRED = re.compile(rf"\b(?P<v>brought\s+in|called\s+in|hired)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:firm\s+|company\s+)?"
                    rf"(?P<n>{_NAME})")
# "The Medicines Safety Authority ordered", "Halvard Audit Group, the firm hired by ..., first flagged"
_SUBJECT = re.compile(rf"(?P<n>{_NAME})(?:,\s+[^,]{{3,90}},)?\s+(?:(?:has|had|have|later|first|also|then)\s+)*"
                      rf"(?:been\s+)?(?:(?:acted|served)\s+as\s+(?:[a-z]+\s+)?)?(?P<v>{_VERBS})\b(?!\s+by\b)")
# name words that say what kind of body it is, not which one ("National", "Office", "Group")
_KIND_WORDS = frozenset("the of for and national federal state regional city county royal general central "
                        "office authority agency group institute union federation association council ministry "
                        "department bureau service survey partners company corporation firm bank board "
                        "commission committee".split())


@dataclass(frozen=True)
class _Agent:
    act: str
    name: str
    words: frozenset[str]  # the name's distinctive words, lower case
    thing: frozenset[str]  # content lemmas of what the act is done to, where the unit names it


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", name.lower()) if w not in _KIND_WORDS)


def _thing(text: str, m: re.Match[str], passive: bool) -> frozenset[str]:
    """What the act is done to: the words before "was ordered by", or after "ordered"."""
    span = text[max(0, m.start() - 40):m.start()] if passive else text[m.end():m.end() + 40]
    words = [w for w in re.findall(r"[A-Za-z]+", span) if w.lower() not in STOP and not w[0].isupper()]
    words = words[-2:] if passive else words[:2]
    return frozenset(lemma(w.lower()) for w in words if w.lower() not in _ACT_OF and w.lower() not in ("was", "were"))


@lru_cache(maxsize=8192)
def _agents(text: str) -> tuple[_Agent, ...]:
    out = []
    for rx, passive in ((_BY, True), (_FROM, True), (_SUBJECT, False), (_WHICH, False), (_HIRED, False)):
        for m in rx.finditer(text):
            name = re.sub(r"^The\s+", "", m.group("n"))
            words = _words(name)
            if len(name.split()) < 2 or not words:
                continue
            out.append(_Agent(_ACT_OF[" ".join(m.group("v").lower().split())], name, words, _thing(text, m, passive)))
    return tuple(out)


def _acronym_for(name: str, other: str) -> bool:
    """The name has a word in capitals whose letters are, in order, initials of the other unit's capitalised
    words ("UCLA and UC Riverside" / "the University of California at Los Angeles")."""
    initials = "".join(w[0] for w in re.findall(r"\b[A-Z][\w'’-]*", other))
    for acr in re.findall(r"\b[A-Z]{2,}\b", name):
        rest = iter(initials)
        if all(ch in rest for ch in acr):
            return True
    return False


def agent_mismatches(a: str, b: str) -> list[Mismatch]:
    """One act, two named doers (see the module docstring): an ``entity`` mismatch."""
    if not _agents(a) or not _agents(b):
        return []  # most pairs of units: no agent on one side (the word sets below are for the few that have)
    wa, wb = frozenset(re.findall(r"[a-z]+", a.lower())), frozenset(re.findall(r"[a-z]+", b.lower()))
    ca, cb = frozenset(map(lemma, wa)), frozenset(map(lemma, wb))
    for x in _agents(a):
        for y in _agents(b):
            if x.act != y.act or x.words & y.words:
                continue
            if x.words <= wb or y.words <= wa or _acronym_for(x.name, b) or _acronym_for(y.name, a):
                continue  # the other unit names this agent too (or by its initials: "UCLA")
            # one act done to one named thing ("ordered the recall" / "the recall was ordered by", "brought the
            # case" / "filed the challenge"): the spans align
            one = bool(x.thing & y.thing) or any(x.thing & g and y.thing & g for g in _ONE_THING)
            if x.act not in _ONE_OBJECT and x.thing and y.thing and not (one or x.thing & cb or y.thing & ca):
                continue  # two acts of one kind done to two things ("ordered the recall" / "ordered an inquiry")
            return [Mismatch("entity", x.name, y.name, aligned=one)]
    return []


# a person's party, union or firm: "Elena Marsh of the Civic Alliance", "Civic Alliance candidate Elena Marsh"
_PERSON = r"(?P<p>[A-Z][a-z]+\s+[A-Z][a-z'’-]+)"
_BODY = r"(?P<o>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
_OF_BODY = re.compile(rf"{_PERSON},?\s+of\s+the\s+{_BODY}")
_BODY_ROLE = re.compile(rf"{_BODY}\s+(?:candidate|leader|member|lawmaker|politician|spokesman|spokeswoman|"
                        rf"nominee|chief|head)\s+{_PERSON}")


@lru_cache(maxsize=8192)
def _affiliations(text: str) -> Mapping[str, str]:
    """Person (first and last name, lower case) -> the body the unit ties them to."""
    out: dict[str, str] = {}
    for rx in (_OF_BODY, _BODY_ROLE):
        for m in rx.finditer(text):
            body = re.sub(r"^The\s+", "", m.group("o"))
            if _words(body):
                out.setdefault(" ".join(m.group("p").lower().split()), body)
    return MappingProxyType(out)  # cached: read-only


def affiliation_mismatches(a: str, b: str) -> list[Mismatch]:
    """One person, two bodies ("Elena Marsh of the Civic Alliance" / "Elena Marsh of the Progress Party"): an
    ``entity`` mismatch whose spans align (one named person), not when either unit names the other's body.

    Example:
        >>> [m.to_dict() for m in affiliation_mismatches("Elena Marsh of the Civic Alliance won.",
        ...                                              "Progress Party candidate Elena Marsh won.")]
        [{'kind': 'entity', 'a': 'Civic Alliance', 'b': 'Progress Party', 'aligned': True}]
    """
    fa, fb = _affiliations(a), _affiliations(b)
    wa, wb = frozenset(re.findall(r"[a-z]+", a.lower())), frozenset(re.findall(r"[a-z]+", b.lower()))
    for person in fa.keys() & fb.keys():
        x, y = fa[person], fb[person]
        if _words(x) & _words(y) or _words(x) <= wb or _words(y) <= wa:
            continue
        return [Mismatch("entity", x, y, aligned=True)]
    return []


# who buys whom: "Harvestmart's purchase of Greenbay Foods", "Harvestmart's bid for Greenbay", "Harvestmart agreed
# to buy Greenbay", "Greenbay was acquired by Harvestmart"
_FIRM = r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3}"
_DEAL_NOUN = r"(?:purchase|takeover|acquisition|buyout|bid|offer)"
_DEALS = (
    re.compile(rf"(?P<x>{_FIRM})(?:['’]s|['’])\s+(?:\$?[\d.]+\s+\w+\s+)?(?:\w+\s+)?{_DEAL_NOUN}\s+(?:of|for)\s+"
               rf"(?:rival\s+|the\s+)?(?:[a-z]+\s+){{0,3}}?(?P<y>{_FIRM})"),
    re.compile(rf"(?P<x>{_FIRM})\s+(?:has\s+|had\s+|will\s+|would\s+)?(?:agreed\s+to\s+|plans\s+to\s+|is\s+to\s+|to\s+)?"
               rf"(?:buy|buys|bought|acquire|acquires|acquired|take\s+over|took\s+over|takes\s+over)\s+"
               rf"(?:rival\s+|the\s+)?(?:[a-z]+\s+){{0,3}}?(?P<y>{_FIRM})"),
    re.compile(rf"(?P<y>{_FIRM})\s+(?:was|has\s+been|will\s+be|is\s+being|is\s+to\s+be)\s+(?:bought|acquired|taken\s+over)"
               rf"\s+by\s+(?:rival\s+|the\s+)?(?P<x>{_FIRM})"),
    re.compile(rf"\b{_DEAL_NOUN}\s+of\s+(?P<y>{_FIRM})\s+by\s+(?P<x>{_FIRM})"),
)


@lru_cache(maxsize=8192)
def _deals(text: str) -> tuple[tuple[frozenset[str], frozenset[str], str], ...]:
    """(buyer's words, target's words, the words as written) of each deal a unit tells."""
    out = []
    for rx in _DEALS:
        for m in rx.finditer(text):
            x, y = re.sub(r"^The\s+", "", m.group("x")), re.sub(r"^The\s+", "", m.group("y"))
            wx, wy = _words(x), _words(y)
            if wx and wy and not wx & wy:
                out.append((wx, wy, m.group(0)))
    return tuple(out)


def deal_mismatches(a: str, b: str) -> list[Mismatch]:
    """Buyer and target swapped ("Harvestmart's purchase of Greenbay Foods" / "Greenbay Foods' takeover of
    Harvestmart"): an ``entity`` mismatch whose spans align (both name both firms).

    Example:
        >>> [m.to_dict() for m in deal_mismatches("Harvestmart agreed to buy Greenbay Foods.",
        ...                                       "Greenbay Foods' takeover of Harvestmart was approved.")]
        [{'kind': 'entity', 'a': 'Harvestmart agreed to buy Greenbay Foods', 'b': "Greenbay Foods' takeover of \
Harvestmart", 'aligned': True}]
    """
    for xa, ya, said_a in _deals(a):
        for xb, yb, said_b in _deals(b):
            if xa & yb and ya & xb and not (xa & xb or ya & yb):
                return [Mismatch("entity", said_a, said_b, aligned=True)]
    return []


# who made a titled work: '"Harbour at Dusk" by Matthias Oderlin', '"Harbour at Dusk", was painted by ...'
_WORK = re.compile(r"[\"“](?P<t>[^\"“”]{3,60}?)[,.]?[\"”],?\s+(?:(?:was|is)\s+)?(?:painted\s+|written\s+|composed\s+|"
                   r"directed\s+|made\s+)?by\s+(?:the\s+(?:[a-z-]+\s+){1,3})?"
                   r"(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


@lru_cache(maxsize=8192)
def _works(text: str) -> Mapping[str, str]:
    """Title (lower case) -> its maker as written."""
    return MappingProxyType({" ".join(m.group("t").lower().split()): m.group("n") for m in _WORK.finditer(text)})


def work_mismatches(a: str, b: str) -> list[Mismatch]:
    """One titled work, two makers ('"Harbour at Dusk" by Matthias Oderlin' / '... by Henrik Stavely'): an
    ``entity`` mismatch whose spans align (one title).

    Example:
        >>> [m.to_dict() for m in work_mismatches('"Harbour at Dusk" by Matthias Oderlin was taken.',
        ...                                       'Among them was "Harbour at Dusk" by Henrik Stavely.')]
        [{'kind': 'entity', 'a': 'Matthias Oderlin', 'b': 'Henrik Stavely', 'aligned': True}]
    """
    wa, wb = _works(a), _works(b)
    for title in wa.keys() & wb.keys():
        x, y = wa[title], wb[title]
        if not _words(x) & _words(y):
            return [Mismatch("entity", x, y, aligned=True)]
    return []


def works_agree(a: str, b: str) -> bool:
    """Both units name one titled work and one maker: one claim, whatever else they add."""
    wa, wb = _works(a), _works(b)
    return bool(wa) and wa.keys() == wb.keys() and all(_words(wa[t]) & _words(wb[t]) for t in wa)

