"""Vote splits and match scores, read from one claim unit and compared with the other unit's:
- vote: "an 8-1 vote" = "eight of the nine members voted in favour" != "six of the nine" != "6-3";
- score: "a 3-1 home defeat" != "a 4-1 thrashing at home".

Example:
    >>> [m.to_dict() for m in vote_mismatches("The board approved it 8-1.", "Six of the nine members voted for it.")]
    [{'kind': 'vote', 'a': '8-1', 'b': '6-3'}]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..results import Mismatch
from .numbers import word_number
from .words import VOTE_AGAINST, VOTE_CONTEXT, VOTE_FOR, content_lemmas, lemma

# ------------------------------------------------------------------------------------------ votes
_N = r"(?:\d{1,3}|[a-z]+)"
_SPLIT = re.compile(rf"\b(?P<y>{_N})\s*(?:-|–|to)\s*(?P<n>{_N})\b", re.I)
_SPLIT_WORDS = re.compile(rf"\b(?P<y>{_N})\s+votes?\s+to\s+(?P<n>{_N})\b", re.I)


@dataclass(frozen=True)
class Vote:
    """A vote split: ``yes`` in favour, ``no`` against, as written."""

    yes: int
    no: int
    text: str
    against: bool = False  # read from the side that voted against ("two of the nine voted to hold")
    floor: bool = False  # ``yes`` is a floor ("more than 30 councillors in favour and 20 against")


def _num(w: str) -> int | None:
    if w.isdigit():
        return int(w)
    if "-" in w:  # "thirty-one"
        parts = [_num(p) for p in w.split("-")]
        return sum(p for p in parts if p is not None) if all(p is not None for p in parts) else None
    v = word_number(w)
    return int(v) if v is not None and v == int(v) else None


@lru_cache(maxsize=8192)
def votes(text: str) -> tuple[Vote, ...]:
    """Vote splits of a unit: "8-1", "by eight votes to one", "six of the nine members voted in favour"."""
    out = []
    for m in VOTE_FOR.finditer(text):
        y, t = _num(m.group("y")), _num(m.group("t"))
        if y is not None and t is not None and 0 <= y <= t:
            out.append(Vote(y, t - y, f"{y}-{t - y}"))
    for m in VOTE_AGAINST.finditer(text):
        n, t = _num(m.group("y")), _num(m.group("t"))
        if n is not None and t is not None and 0 <= n <= t:
            out.append(Vote(t - n, n, f"{t - n}-{n}", against=True))
    unanimous = _UNANIMOUS.search(text)
    if unanimous and not out:
        if _NOT_BEFORE.search(text[:unanimous.start()]):  # "the decision was not unanimous": some voted against
            out.append(Vote(_DISSENT, 1, f"not {unanimous.group(0)}"))
        else:
            out.append(Vote(-1, 0, unanimous.group(0)))  # yes: all of them, however many
    for m in _TALLY_SIDES.finditer(text):  # "31 councillors backed the plan and 20 opposed it"
        y, n = _num(m.group("y")), _num(m.group("n"))
        if y is not None and n is not None and all(v.no != n for v in out):
            text_ = f"{m.group('floor') or ''}{y} for, {n} against"
            out.append(Vote(y, n, text_, floor=bool(m.group("floor"))))
    if VOTE_CONTEXT.search(text) and not (_RESULT.search(text) and not _VOTE_WORDS.search(text)):
        # (a split beside a word of winning or losing and no word of voting is a match's score: "Rovers lost 4-1")
        for pat in (_SPLIT_WORDS, _SPLIT):
            for m in pat.finditer(text):
                y, n = _num(m.group("y")), _num(m.group("n"))
                if y is None or n is None or y > 200 or n > 200 or (y < n and pat is _SPLIT):
                    continue  # "3-6" is a range or a score read the other way round, not a split
                if re.fullmatch(r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+", m.group(0), re.I):
                    continue  # "Thirty-one councillors": one number, not a split
                if re.match(r"\s*(?:%|percent|per cent|points?|years?|months?|days?)", text[m.end():], re.I):
                    continue
                if all(v.yes != y or v.no != n for v in out):
                    out.append(Vote(y, n, m.group(0)))
    return tuple(out)


# both sides of one vote counted in one clause: "31 councillors backed the plan and 20 opposed it", "with more than
# 30 councillors in favour and 20 against"
_TALLY_SIDES = re.compile(
    r"(?P<floor>\b(?:more\s+than|over|at\s+least)\s+)?\b(?P<y>\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:backed|supported|voted\s+for|voted\s+in\s+favou?r|in\s+favou?r)\b[^.;]{0,40}?\band\s+"
    r"(?P<n>\d{1,3}|[a-z]+)\s+(?:[a-z]+\s+){0,2}?(?:opposed|against|voted\s+against)\b", re.I)


def _sides_of_one_vote(a: str, b: str) -> bool:
    """One vote split told from its two sides ("seven of the nine voted for the increase" / "two of the nine
    voted to keep rates on hold"): the change words name what each side wanted, not two outcomes."""
    va, vb = votes(a), votes(b)
    return bool(va and vb) and (va[0].yes, va[0].no) == (vb[0].yes, vb[0].no) and va[0].against != vb[0].against


_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bwithout\s+(?:a\s+)?dissent\b", re.I)
_NOT_BEFORE = re.compile(r"\b(?:not|n[’']t|never)\s+(?:an?\s+)?$", re.I)
_DISSENT = -2  # ``yes`` of a vote said not to be unanimous: some voted against, how many is not said


# who votes: two splits of one chamber's voters are one vote ("Councillors in Veldmoor passed the budget, 36-15" /
# "Thirty-one councillors backed the plan and 20 opposed it")
_VOTERS = frozenset(lemma(w) for w in "councillor councilor member senator justice juror shareholder delegate "
                    "legislator lawmaker mp board jury judge committee panel council".split())


def vote_mismatches(a: str, b: str) -> list[Mismatch]:
    """Two vote splits of one vote that do not add up the same; "unanimous" against a split with votes against.
    The two are aligned when both name the same voters (councillors, members, jurors)."""
    va, vb = votes(a), votes(b)
    if not va or not vb:
        return []
    found = _vote_mismatch(va[0], vb[0])
    same_voters = bool(content_lemmas(a) & content_lemmas(b) & _VOTERS)
    return [Mismatch(m.kind, m.a, m.b, aligned=same_voters) for m in found]


def _vote_mismatch(x: Vote, y: Vote) -> list[Mismatch]:
    if x.floor or y.floor:  # "more than 30 in favour and 20 against" / "36-15": the sides against, and the floor
        rough, exact = (x, y) if x.floor else (y, x)
        if rough.no != exact.no or (exact.yes >= 0 and not exact.floor and exact.yes <= rough.yes):
            return [Mismatch("vote", x.text if x.floor else f"{x.yes}-{x.no}",
                             y.text if y.floor else f"{y.yes}-{y.no}")]
        return []
    if _DISSENT in (x.yes, y.yes):  # "not unanimous" against "unanimous" or a split with none against
        other = y if x.yes == _DISSENT else x
        if other.yes == _DISSENT or other.no > 0:
            return []
        return [Mismatch("vote", x.text if x.yes < 0 else f"{x.yes}-{x.no}",
                         y.text if y.yes < 0 else f"{y.yes}-{y.no}")]
    if x.yes < 0 or y.yes < 0:  # "a unanimous jury" / "a majority of 10-2"
        split = y if x.yes < 0 else x
        return [Mismatch("vote", x.text if x.yes < 0 else f"{x.yes}-{x.no}",
                         y.text if y.yes < 0 else f"{y.yes}-{y.no}")] if split.yes >= 0 and split.no > 0 else []
    if (x.yes, x.no) == (y.yes, y.no):
        return []
    if x.yes + x.no != y.yes + y.no and (x.no == 0 or y.no == 0):
        return []  # "unanimous 7-0" of the members present vs "nine members": not comparable
    return [Mismatch("vote", f"{x.yes}-{x.no}", f"{y.yes}-{y.no}")]


# ------------------------------------------------------------------------------------------ scores
# a match result: "a 3-1 home defeat", "lost 4-1", "won 2-0", "a 1-1 draw" (either order: "lost 1-3" is "a 3-1 defeat")
_SCORE = re.compile(r"(?<![\d.,-])(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d%-]|[.,]\d)")
_RESULT = re.compile(r"\b(?:win|wins|won|winning|victory|victories|defeat(?:s|ed|ing)?|loss|losses|lost|lose|losing|"
                     r"beat(?:s|en|ing)?|thrashed|hammered|"
                     r"draw|drew|drawn|thrashing|drubbing|rout(?:ed)?|triumph|scoreline|score|"
                     r"(?:went|go|goes|going)\s+down(?=\s+\d{1,2}\s*[-–]\s*\d))\b", re.I)
# words of voting: a split beside one is a vote even with a word of winning ("the motion was defeated 6-3")
_VOTE_WORDS = re.compile(r"\b(?:vot\w*|ballot|approv\w*|pass(?:ed|es)?|reject\w*|backed|ruled|ruling|decision|"
                         r"majority|jur(?:y|ors)|justices|members|council\w*|motion|bill|measure|amendment|"
                         r"referendum|senate|parliament|lawmakers|board)\b", re.I)


def scores(text: str) -> tuple[tuple[int, int, str], ...]:
    """Match results of a unit (higher, lower, as written): a score beside a word of winning, losing or drawing,
    and no vote ("an 8-1 vote" is the vote rule's).

    Example:
        >>> scores("Rovers sacked him after a 3-1 home defeat."), scores("The board approved it 8-1.")
        (((3, 1, '3-1'),), ())
    """
    if not _RESULT.search(text) or votes(text):
        return ()  # no result, or a split the vote rule reads ("an 8-1 vote", "Rovers lost 4-1")
    out = []
    for m in _SCORE.finditer(text):
        near = text[max(0, m.start() - 40):m.end() + 40]
        if _RESULT.search(near):
            x, y = int(m.group(1)), int(m.group(2))
            out.append((max(x, y), min(x, y), m.group(0)))
    return tuple(out)


def score_mismatches(a: str, b: str) -> list[Mismatch]:
    """One result in each unit, two scores ("a 3-1 home defeat" / "a 4-1 thrashing at home"); the similarity
    gate of the kind says whether the two are one match."""
    sa, sb = scores(a), scores(b)
    if len(sa) == 1 and len(sb) == 1 and sa[0][:2] != sb[0][:2]:
        return [Mismatch("number", sa[0][2], sb[0][2])]
    return []


def split_against_figures(a: str, b: str) -> bool:
    """One unit gives a vote split or a match's score and the other none, but a sum, a share or a measure: two
    claims ("The budget passed 7-6" / "The budget is set at $412m"), whatever a model trained on changed figures
    reads (a count may be the vote's: "Five of the nine judges backed it" / "The judges voted 6-3").

    Example:
        >>> split_against_figures("The budget passed 7-6.", "The budget is set at $412m.")
        True
        >>> split_against_figures("The budget passed 7-6.", "The budget passed 9-4.")
        False
    """
    from .quantities import _kind, quantities

    sa, sb = bool(votes(a) or scores(a)), bool(votes(b) or scores(b))
    if sa == sb:
        return False
    return any(_kind(q) != "count" for q in quantities(b if sa else a))


# ------------------------------------------------------------------------------------------ seats
# a seat (a ward, a constituency) kept against one that changed hands: "The Civic Union held on to the seat" /
# "The Civic Union took the seat from the Social Democratic League", "the seat changed hands"
_SEAT = r"(?:seat|ward|constituency|district)"
_HELD = re.compile(rf"\b(?:held\s+on\s+to|held(?:\s+onto)?|retained|kept|defended)\s+(?:the|its|their|his|her)\s+"
                   rf"(?:[\w-]+\s+)?(?P<x>{_SEAT})\b(?!\s+from\b)", re.I)
_GAINED = re.compile(rf"\b(?:gained|took|won|captured|seized|snatched|flipped)\s+(?:the\s+)?(?:[\w-]+\s+)?"
                     rf"(?P<x>{_SEAT})\s+from\b|\b(?P<y>{_SEAT})\s+(?:changed|changing|changes)\s+hands\b", re.I)


def seat_mismatches(a: str, b: str) -> list[Mismatch]:
    """One unit says a seat (a ward, a constituency) was held, the other that it was taken from someone or changed
    hands.

    Example:
        >>> [m.to_dict() for m in seat_mismatches("The Civic Union held on to the seat.",
        ...                                        "The seat changed hands for the first time in 20 years.")]
        [{'kind': 'change', 'a': 'held on to the seat', 'b': 'seat changed hands', 'aligned': True}]
    """
    for x, y, swap in ((a, b, False), (b, a, True)):
        held, gained = _HELD.search(x), _GAINED.search(y)
        if held and gained and not _GAINED.search(x) and not _HELD.search(y) \
                and lemma(held.group("x").lower()) == lemma((gained.group("x") or gained.group("y")).lower()):
            pair = (held.group(0), gained.group(0))
            return [Mismatch("change", *(pair[::-1] if swap else pair), aligned=True)]
    return []
