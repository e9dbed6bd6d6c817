"""Number mismatches: the figures of two sentences compared, paired and told apart.

The figures themselves are read by :mod:`.quantities` (re-exported here: :class:`Quantity`, :func:`quantities`,
:func:`digits_for_words`, :func:`word_number`), what befalls them by :mod:`.fates`, and their roles in their
sentences by :mod:`.figure_roles`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..results import Mismatch
from .fates import _PEOPLE, _period
from .figure_roles import (
    _change_noun,
    _dated,
    _figure_of,
    _of_whom,
    _one_deal,
    _part_and_whole,
    _premium,
    _since,
    _sought,
    _sum_of,
    _turnout,
    _two_results,
    _whole,
)
from .number_words import _as_digits, digits_for_words, word_number
from .quantities import _MEASURES, _MONEY, _YEAR, Quantity, _kind, _quantities, quantities
from .words import headline_case

__all__ = ["Quantity", "digits_for_words", "figures_apart", "figures_match", "figures_of_one_fate", "harmonise",
           "number_mismatches", "quantities", "word_number"]

# counted nouns news uses for one thing ("recall 84,000 cars" / "call back 48,000 vehicles")
_ONE_NOUN = tuple(frozenset(g.split()) for g in (
    "car vehicle", "employee worker staff staffer", "pupil student schoolchild", "shop store", "home house dwelling",
    "plane aircraft jet airliner", "ship vessel", "flat apartment", "job post position role"))


def _one_noun(x: str, y: str) -> bool:
    """Two counted nouns that name one thing (:data:`_ONE_NOUN`)."""
    return x != y and any(x in g and y in g for g in _ONE_NOUN)


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Two quantities of one kind count the same thing: one unit noun ("people"), or shared context words.

    A share's unit says nothing ("3 percent" of children vs "8 percent" of pupils on medication): two
    shares must share a context word besides "%".
    """
    if a.unit and (a.unit == b.unit or _one_noun(a.unit, b.unit)) and a.unit not in ("%", *_MONEY):
        return True
    if _two_nouns(a, b) and not {a.unit, b.unit} & _PEOPLE:
        # "Five carriages of the train" / "the train had 200 passengers", "14 crew members fell ill" / "300
        # passengers became ill": two nouns, two things, whatever befell them
        return False
    if a.fate and (a.fate == b.fate or {a.fate, b.fate} in _ONE_PREDICATE) and _kind(a) == _kind(b) \
            and _kind(a) in ("count", "money"):
        return True  # "killing 11 passengers" / "Seventeen people died": one group's fate under two nouns
    if _two_nouns(a, b):
        return False
    if a.head and b.head and _kind(a) == "%":
        return bool(a.head & b.head)  # "lifts rates to 4.25%" / "inflation eased to 3.8%": two things changed
    return _shared_context(a, b)


def _two_nouns(a: Quantity, b: Quantity) -> bool:
    """Two counts of two nouns that do not name each other ("Five carriages" / "200 passengers")."""
    # (what changed is not what is counted: "an outbreak in Carrowmoor's schools has grown to 46 cases")
    return (_kind(a) == "count" and _noun(a.unit) and _noun(b.unit) and a.unit != b.unit
            and not _one_noun(a.unit, b.unit)
            and a.unit not in b.context - b.head and b.unit not in a.context - a.head)


def _shared_context(a: Quantity, b: Quantity) -> bool:
    """A context word in common, or one word in two forms ("a pay offer of 5%" / "offered a 4% pay rise")."""
    if (a.context & b.context) - {"%"}:
        return True
    return any(_inflected(x, y) or _inflected(y, x) for x in a.context for y in b.context)


def _inflected(x: str, y: str) -> bool:
    """``y`` is ``x`` with an inflection ("offer" / "offered", "vote" / "voting"); not "medicated" / "medication"."""
    return len(x) >= 4 and y.startswith(x) and y[len(x):] in ("ed", "d", "ing", "s", "es")


# words in "-ing" that news counts as things ("Seven paintings were stolen"); others are participles ("72M playing")
_ING_NOUNS = frozenset("painting building meeting hearing sibling wedding warning shooting bombing killing landing "
                       "crossing ruling recording listing filing offering opening dwelling booking saving earning "
                       "holding drawing sighting".split())


def _noun(unit: str) -> bool:
    """A counted noun ("carriag", "passenger", "painting"), not a participle standing for one ("27 injured")."""
    return (len(unit) > 2 and not unit.endswith("ed") and (not unit.endswith("ing") or unit in _ING_NOUNS)
            and unit.isalpha())


def _other_predicate(a: Quantity, b: Quantity) -> bool:
    """Two counts of different fates ("200 on board" / "11 died") or a rate against a one-off figure."""
    return bool(a.fate and b.fate and a.fate != b.fate and {a.fate, b.fate} not in _ONE_PREDICATE) or a.rate != b.rate


# fates that tell one figure: the worth of what was stolen ("valued the stolen works at €40 million" / "put the value
# of the haul at €14 million")
_ONE_PREDICATE = ({"worth", "theft"},)


_TIME = {"year", "month", "week", "day", "hour", "minute", "second"}


def _aligned_measure(a: Quantity, b: Quantity) -> bool:
    """Two measures of one unit after the same word ("within three miles" / "within eight miles"): the
    spans align, so the rule needs less similarity of the whole sentences (the ``quantity`` gate)."""
    return (_kind(a) in _MEASURES and a.unit == b.unit and a.unit not in _TIME and bool(a.prev)
            and a.prev == b.prev)


def _stated_too(a: Quantity, b: Quantity) -> bool:
    """``b`` is the same figure as ``a``, of the same kind, not of another named group ("27 dead" is not
    "27 injured")."""
    return (_kind(a) == _kind(b) and a.lo == b.lo and a.hi == b.hi
            and (a.unit == b.unit or _kind(a) in ("%", "money")
                 # "40 seats" / "40 council seats": the same count under a longer noun
                 or (bool((a.context & b.context) - {"%"}) and not _other_predicate(a, b))))


def _same_figures(x: Quantity, qa: Sequence[Quantity], qb: Sequence[Quantity]) -> bool:
    """Both sentences give the same figures of ``x``'s kind, maybe in another order ("hit 60 after falling to
    53" / "had fallen to 53 ... improved to 60")."""
    def figures(qs: Sequence[Quantity]) -> set[tuple[float, float]]:
        return {(q.lo, q.hi) for q in qs if _kind(q) == _kind(x) and not _YEAR.match(f"{q.lo:g}")}

    return figures(qa) == figures(qb)


def _decimals(q: Quantity) -> int | None:
    """Decimal places of a figure written in digits ("1.23 percent": 2), None when written otherwise."""
    m = re.search(r"\d(?:\.(\d+))?", q.text)
    return len(m.group(1) or "") if m else None


def _rounded(a: Quantity, b: Quantity) -> bool:
    """One figure is the other rounded ("1.23 percent" / "1.2 percent"; "$4.47" / "$4.5")."""
    da, db = _decimals(a), _decimals(b)
    if da is None or db is None or da == db or a.lo != a.hi or b.lo != b.hi:
        return False
    (fine, rough), places = ((a, b), db) if da > db else ((b, a), da)
    return abs(round(fine.lo, places) - rough.lo) < 1e-9


def _compatible(a: Quantity, b: Quantity) -> bool:
    if _rounded(a, b):
        return True
    return a.lo <= b.hi * 1.0001 and b.lo <= a.hi * 1.0001


def _unpaired(x: Quantity, qs: Sequence[Quantity], others: Sequence[Quantity]) -> int:
    """Figures of ``x``'s kind and role in ``qs`` that the other sentence does not state too."""
    return sum(1 for q in qs if _kind(q) == _kind(x) and not (x.role and q.role and x.role != q.role)
               and not (x.fate and q.fate and x.fate != q.fate)  # "21 died ... with 240 on board": one aboard
               and not any(_stated_too(q, o) for o in others))


def _ambiguous(x: Quantity, y: Quantity, qa: Sequence[Quantity], qb: Sequence[Quantity]) -> bool:
    """Which figure answers which cannot be told: a sentence lists two or more figures of the kind that the
    other does not state ("12 to 15 percent of ... and 32 to 35 percent of ..." against "Eighteen percent
    of ..."), and nothing ties ``x`` to ``y``: one unit noun (a share or a sum has none), or the same word
    before both ("fell *to* 5.2 percent from 5.4" / "fell *to* 5.1 percent from 5.3")."""
    if x.unit and x.unit == y.unit and _kind(x) not in ("%", "money"):
        return False
    if x.prev and x.prev == y.prev:
        return False
    return max(_unpaired(x, qa, qb), _unpaired(y, qb, qa)) >= 2


def number_mismatches(a: str, b: str) -> list[Mismatch]:
    qa, qb = _quantities(a), _quantities(b)
    out = []
    for x in qa:
        if _same_figures(x, qa, qb) or any(_stated_too(x, y) for y in qb):
            continue  # the other sentence gives this figure too ("rose $1.75, to $84.50" / "up $1.75 at $84.50")
        related = [y for y in qb if _kind(x) == _kind(y)
                   and (_same_thing(x, y) or _one_deal(a, x, qa, b, y, qb) or (_premium(a, x) and _premium(b, y)))
                   and not _other_predicate(x, y)
                   and not (x.role and y.role and x.role != y.role)]  # a step is compared with a step
        same_unit = [y for y in related if x.unit and y.unit == x.unit]
        related = same_unit or related  # "27 people injured" is compared with "72 people injured", not "27 died"
        related = [y for y in related if not _ambiguous(x, y, qa, qb) and _turnout(a, x) == _turnout(b, y)
                   and not _part_and_whole(a, x, b, y) and not _two_results(a, x, b, y)
                   and _sought(a, x) == _sought(b, y) and _whole(a, x) == _whole(b, y)]
        # a figure the other sentence pairs with one of this sentence's own is accounted for ("by 212 votes to
        # 198" / "mustered 198 votes": the 198s pair, and the 212 has nothing to answer)
        related = [y for y in related if not any(_stated_too(q, y) or _stated_too(y, q) for q in qa if q is not x)]
        if _sum_of(x, qb, b) or any(_sum_of(y, qa, a) for y in related):
            continue  # "192 people on board" / "186 passengers and a crew of six": the parts add up to it
        after_same_word = [y for y in related if x.prev and y.prev == x.prev]
        related = after_same_word or related  # "travelling at 140 km/h ... a limit of 80" / "going at about 90"
        if related and not any(_compatible(x, y) for y in related):
            y = next((y for y in related if x.unit and y.unit == x.unit), related[0])
            # one noun and one fate ("Five firefighters were hurt" / "Two firefighters suffered injuries"):
            # the figures align whatever else the sentences say
            group = _of_whom(a, x)
            of_what = _figure_of(a, x)
            aligned = (bool(x.fate and x.fate == y.fate and x.unit and x.unit == y.unit and _noun(x.unit))
                       # one fate of people: "At least 21 dead" / "Twelve people were killed"
                       or bool(x.fate and x.fate == y.fate and {x.unit, y.unit} <= _PEOPLE)
                       or (group is not None and group == _of_whom(b, y)
                           and (_kind(x) == "%" or (x.unit == y.unit and _noun(x.unit))))
                       # "a net loss of $430 million" / "a third-quarter net loss of 340 million dollars"
                       or (_kind(x) in ("%", "money") and of_what is not None and of_what == _figure_of(b, y))
                       # one kind of change by a share: "a 6.5% rise" / "a 5.5% pay increase"
                       or (_kind(x) == "%" and _kind(y) == "%" and _change_noun(a, x) is not None
                           and _change_noun(a, x) == _change_noun(b, y))
                       # one span after one event: "18 minutes after departure" / "40 minutes after take-off"
                       or (_since(a, x) is not None and _since(a, x) == _since(b, y))
                       # one price per period: "would cost $62,500 a year" / "the annual cost will be $26,500"
                       or (_kind(x) == "money" and _period(a, x) is not None and _period(a, x) == _period(b, y))) \
                and not _dated(a, x) and not _dated(b, y)
            out.append(Mismatch("quantity" if _aligned_measure(x, y) else "number", x.text, y.text, aligned=aligned))
    return out


def _related(x: Quantity, y: Quantity) -> bool:
    """Two figures the rules compare: one kind, the same thing, the same fate and role."""
    return (_kind(x) == _kind(y) and _same_thing(x, y) and not _other_predicate(x, y)
            and not (x.role and y.role and x.role != y.role))


def _different_things(x: Quantity, y: Quantity) -> bool:
    """The rules can tell two figures apart: another kind ("12.2 percent" / "1.43 million Indians", "2 tons" /
    "Ten ships"), another fate ("200 on board" / "11 died"), or two counted nouns that do not name each other."""
    if _kind(x) != _kind(y):
        return True
    if _other_predicate(x, y):
        return True
    if x.fate and x.fate == y.fate:
        return False  # "17 protesters ... murdered" / "28 bodies": one group's fate under two nouns
    if _kind(x) == "%":
        return not _shared_context(x, y)  # two shares of two things ("91% of members" / "a 4% pay rise")
    return _two_nouns(x, y)


def figures_apart(a: str, b: str) -> bool:
    """Both texts give figures, and the rules can tell every figure of one from every figure of the other.

    A model trained on changed figures reads "Ten Russian ships were in the area" against "it was about 2
    tons of explosives" as a contradiction; the rules know the figures are of different things. Headlines
    in title case are left to the model (their capitals hide which word is counted).

    Example:
        >>> figures_apart("Ten ships were in the area.", "It was about 2 tons of explosives.")
        True
        >>> figures_apart("Ten people died.", "Twelve people died."), figures_apart("Ten ships.", "No figure.")
        (False, False)
    """
    if headline_case(a) or headline_case(b):
        return False
    # counts of zero ("None of those on board was injured") are left out: their noun and fate are guesses
    qa = [q for q in _quantities(a) if q.hi > 0]
    qb = [q for q in _quantities(b) if q.hi > 0]
    # a ballot's turnout is another figure than the share voting one way ("Turnout in the ballot was 58%" / "71%
    # backed the offer")
    return bool(qa) and bool(qb) and all(_different_things(x, y) or _turnout(a, x) != _turnout(b, y)
                                         for x in qa for y in qb)


def figures_of_one_fate(a: str, b: str) -> bool:
    """Every figure of the text with fewer is stated in the other as the same figure of the same fate or of one
    measure ("Three workers were killed" / "Three plant workers lost their lives"; "a 2-km exclusion zone" /
    "The evacuation zone extended 2 kilometres"): one claim in other words.

    Example:
        >>> figures_of_one_fate("Three workers were killed.", "Three plant workers lost their lives.")
        True
        >>> figures_of_one_fate("Three workers were killed.", "Three workers were hurt.")
        False
        >>> figures_of_one_fate("Three workers were killed.", "Three children were killed.")
        False
    """
    qa, qb = _quantities(a), _quantities(b)
    if not qa or not qb:
        return False
    few, many = (qa, qb) if len(qa) <= len(qb) else (qb, qa)
    def one_group(x: Quantity, y: Quantity) -> bool:
        # "three people" / "Three plant workers": a generic noun, or none; "three children" are not "three workers"
        # (homes and customers are one count of a power cut)
        return (x.unit == y.unit or not (x.unit and y.unit) or bool({x.unit, y.unit} & _PEOPLE)
                or x.unit in y.context or y.unit in x.context or x.fate == "outage")

    return all(any(x.lo == y.lo and x.hi == y.hi and _kind(x) == _kind(y)
                   and ((bool(x.fate) and x.fate == y.fate and one_group(x, y))
                        or (_kind(x) in _MEASURES and x.unit == y.unit))
                   for y in many) for x in few)


def figures_match(a: str, b: str) -> bool:
    """Both texts give figures, and every figure of the one with fewer is stated in the other too.

    Example:
        >>> figures_match("The jobless rate held steady at 5.1%.", "Unemployment remained at 5.1 percent.")
        True
        >>> figures_match("It rose to 5.1%.", "It fell to 4.9%."), figures_match("It rose.", "It fell.")
        (False, False)
    """
    qa, qb = _quantities(a), _quantities(b)
    if not qa or not qb:
        return False
    few, many = (qa, qb) if len(qa) <= len(qb) else (qb, qa)
    return all(any(_stated_too(x, y) for y in many) for x in few)


@lru_cache(maxsize=16384)  # the judge reads it for every pair of units, and again for those the model scores
def harmonise(a: str, b: str) -> tuple[str, str]:
    """Two sentences with an approximate figure written as the exact one the other gives, for the NLI model.

    "almost 200 passengers" against "197 people aboard" is one figure to the rules, a changed number to a
    model trained on number edits; like :func:`digits_for_words`, the model is shown what the rules know.
    Only a figure with a qualifier ("about", "more than", "nearly") that exactly one figure of the other
    sentence answers, within its interval, is rewritten; the report keeps the articles' own words.

    Example:
        >>> harmonise("Almost 200 passengers were aboard.", "It carried 197 passengers.")
        ('197 passengers were aboard.', 'It carried 197 passengers.')
        >>> harmonise("Nearly all services will be cancelled.", "95 percent of services will be cancelled.")[0]
        '95 percent of services will be cancelled.'
    """
    def rewrite(s: str, qs: Sequence[Quantity], others: Sequence[Quantity]) -> str:
        for x in sorted(qs, key=lambda q: -q.span[0]):  # right to left: earlier spans keep their place
            worded = _kind(x) == "%" and not re.search(r"\d", x.text)  # "nearly all services"
            # a share only in words or just over or under the other's ("just over 3%" / "3.1%"), never a sum of
            # money ("about 60%" stays: the model reads a rounded share as that share)
            near = _kind(x) == "%" and x.text.lower().startswith(("just ", "nearly ", "almost "))
            if x.lo == x.hi or x.span[0] < 0 or _kind(x) == "money" or (_kind(x) == "%" and not (worded or near)):
                continue
            match = [y for y in others if _related(x, y)]
            if len(match) == 1 and (match[0].lo == match[0].hi or worded) and _compatible(x, match[0]) \
                    and match[0].span[0] >= 0:
                start, end = x.span
                if worded:  # "Nearly all services" -> "About 95 percent of services": the other's share as written
                    figure = match[0].text + ("" if re.match(r"\s+of\b", s[end:]) else " of")
                    figure = figure[0].upper() + figure[1:] if start == 0 else figure[0].lower() + figure[1:]
                else:
                    figure = _figure_text(match[0])
                s = s[:start] + figure + s[end:]
        return s

    qa, qb = _quantities(a), _quantities(b)
    return rewrite(a, qa, qb), rewrite(b, qb, qa)


def _figure_text(q: Quantity) -> str:
    return f"{q.lo:,.0f}" if q.lo == int(q.lo) and q.lo < 1e6 else _as_digits(q.lo) if q.lo >= 1e6 else f"{q.lo:g}"
