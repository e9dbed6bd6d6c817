"""One claim in two wordings: what the rules read as the same claim, whatever a model says.

The judge's "same figures and the same change" row (:data:`factcheck.judge.DECISION_TABLE`) reads
:func:`frames_agree` on two claim units: the same figures and the same change of the same thing, one fate under
two verbs, one clock time, date or minute of a match, one state, one strength, one negated predicate of one
person, one titled work by one maker.
"""

from __future__ import annotations

from .agents import works_agree
from .clock import _clock_minutes, _match_minutes
from .dates import _DM, day_months
from .frames import (
    _NUMBER,
    _WORD,
    _about_same_thing,
    _directions,
    _no_change,
    _one_thing_changed,
    _state,
)
from .negation import negations_agree
from .numbers import figures_match, figures_of_one_fate
from .votes import votes
from .words import STOP, lemma

__all__ = ["frames_agree"]


def frames_agree(a: str, b: str) -> bool:
    """The rules read one claim in both units: the same figures, and the same change of the same thing (both
    up, both down, or both unchanged).

    "The jobless rate held steady at 5.1%" / "The unemployment rate remained at 5.1%" and "Inflation fell to
    3.8%" / "Consumer price inflation slowed to 3.8%" are one claim in other words; a model trained on changed
    verbs may read them as contradicting.

    Example:
        >>> frames_agree("Inflation fell to 3.8% in October.", "Consumer price inflation slowed to 3.8% in October.")
        True
        >>> frames_agree("Inflation fell to 3.8%.", "Inflation rose to 3.8%."), frames_agree("It fell.", "It fell.")
        (False, False)
    """
    va, vb = votes(a), votes(b)
    if va and vb:
        return (va[0].yes, va[0].no) == (vb[0].yes, vb[0].no)  # "an 8-1 vote" / "eight of the nine voted for"
    da, db = _directions(a).get("level"), _directions(b).get("level")
    na, nb = _no_change(a), _no_change(b)
    one_way = not (da or db) or bool(da and db and da[0] == db[0])
    if not (na or nb) and one_way and figures_of_one_fate(a, b):
        # "Three workers were killed" / "Three plant workers lost their lives"; "will cut 1,200 positions" /
        # "plans to shed 1,200 jobs"
        return True
    if _one_time(a, b) or _one_strength(a, b) or negations_agree(a, b) or works_agree(a, b) or _one_state(a, b):
        return True
    if not figures_match(a, b):
        return False
    if da and db:
        return da[0] == db[0] and _one_thing_changed(da[2], db[2], a, b)
    return bool(na and nb) and not (da or db) and _about_same_thing(a, b)


def _one_time(a: str, b: str) -> bool:
    """One clock time in each unit, the same minute ("The quake hit at 10:40 a.m." / "struck at twenty to eleven
    in the morning"), or one minute of a match within the other's span."""
    ta, tb = _clock_minutes(a), _clock_minutes(b)
    if (len(ta) == 1 and len(tb) == 1 and (ta[0][1] + ta[0][2]) == (tb[0][1] + tb[0][2])
            and ta[0][2] - ta[0][1] == tb[0][2] - tb[0][1] and _about_same_thing(a, b)):
        return True
    # one day of one month ("The committee will next meet on March 12" / "Policymakers will next meet on March 12")
    da, db = day_months(a), day_months(b)
    if len(da) == 1 and len(db) == 1 and da == db and not (ta or tb) \
            and _about_same_thing(_DM.sub(" ", a), _DM.sub(" ", b)):
        return True
    # a minute of a match, the one inside the other's span ("shortly before the interval" / "in the 44th minute")
    pa, pb = _match_minutes(a), _match_minutes(b)
    return (len(pa) == 1 and len(pb) == 1 and pa[0][1] <= pb[0][2] and pb[0][1] <= pa[0][2]
            and not (ta or tb) and _about_same_thing(a, b))


def _one_state(a: str, b: str) -> bool:
    """Both units say one thing is in one state, with no figure ("A shelter-in-place order for the rest of the town
    remains in force" / "According to officials, a shelter-in-place order ... remains in force")."""
    sa, sb = _state(a), _state(b)
    return (sa is not None and sb is not None and sa[0] == sb[0] and len(sa[2] & sb[2]) >= 2
            and not _NUMBER.search(a + " " + b))


def _one_strength(a: str, b: str) -> bool:
    """Both units say one thing grew weaker (or stronger), or one level moved one way, with no figure and
    nothing else moving ("the aftershocks had eased" / "Those aftershocks have since grown weaker", "Water
    levels are now falling" / "The water has begun to go down")."""
    da, db = _directions(a), _directions(b)
    if len(da) != 1 or da.keys() != db.keys() or _NUMBER.search(a + " " + b):
        return False
    (frame,) = da
    shared = da[frame][2] & db[frame][2]
    return (frame in ("intensity", "level") and da[frame][0] == db[frame][0] and bool(shared)
            and all(_qualifier(a, w) in ("", _qualifier(b, w)) or not _qualifier(b, w) for w in shared))


def _qualifier(text: str, word: str) -> str:
    """The content word right before ``word`` in ``text`` ("*Oil* prices"), or "" (none, or a function word)."""
    words = [w.lower() for w in _WORD.findall(text)]
    for k, w in enumerate(words):
        if lemma(w) == word:
            return words[k - 1] if k and words[k - 1] not in STOP else ""
    return ""
