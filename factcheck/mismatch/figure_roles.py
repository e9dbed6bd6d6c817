"""What a figure is in its sentence: a total or one party's part, a company's result, a figure asked for, a
whole, a turnout, a change, a span after an event, a figure of another time; read to keep the comparison of
two sentences' figures to figures of one role."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fates import _FATE
from .quantities import Quantity, _kind
from .words import STOP, lemma

_DATED = re.compile(r"\b(?:since|in|of|during)\s+(?:[a-z]+\s+){0,4}?(?:1[89]\d\d|20\d\d)\b|"
                    # "the worst since ...": another time; "Police have since arrested three men": since then
                    r"(?<!have\s)(?<!has\s)(?<!had\s)\b(?:since|last\s+year|a\s+year\s+ago)\b", re.I)


_OF_BEFORE = re.compile(r"([A-Za-z]{4,})\s+of\s+$")
# the change a share measures, named right after it: "a 6.5% rise", "a 5.5% pay increase", "a 3% cut"
_CHANGE_AFTER = re.compile(r"^(?:\s*%|\s+percent|\s+per\s+cent)?\s*"
                           r"(?:(?:pay|wage|salary|price|fare|rent|tax|rate|fee)\s+)?"
                           r"(?:(?P<up>rises?|increases?|raises?|hikes?|boosts?)|"
                           r"(?P<down>cuts?|reductions?|falls?|drops?|declines?|decreases?))\b", re.I)


# ... or a verb of change right before it: "pay will rise by 6.5%"
_CHANGE_BY = re.compile(r"\b(?:(?P<up>rise[sn]?|rose|rising|increase[sd]?|increasing|raised?|raising)|"
                        r"(?P<down>fall(?:s|en)?|fell|falling|cut|cuts|cutting|drop(?:s|ped)?|decrease[sd]?|"
                        r"decreasing|reduced?))\s+by\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?$", re.I)


_TOTAL = re.compile(r"\b(?:total(?:ling|ing|led|ed)?|combined|altogether|in\s+all)\b", re.I)
# a clause whose subject is a name: "Brennhof Foods was ordered to pay €118 million"
_NAMED_SUBJECT = re.compile(r"\s*(?!The\b)([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+"
                            r"(?:was|were|is|has|had|will|would|must)?\s*[a-z]")
# "Brennhof's fine was", "Miravel Dairy's fine came to": a party's own sum (not "Ship's doctors recorded")
_OWNED = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+(?:[a-z]+\s+){1,2}"
                    r"(?:was|is|were|are|came\s+to|stood\s+at|totall?ed|amounted\s+to|of)\s+$")


def _owner(sentence: str, q: Quantity) -> str | None:
    """Whose figure it is, by a possessive name right before it ("*Brennhof*'s fine was €188 million")."""
    m = _OWNED.search(sentence[max(0, q.span[0] - 45):q.span[0]]) if q.span[0] >= 0 else None
    return m.group(1).lower() if m else None


def _part_and_whole(a: str, x: Quantity, b: str, y: Quantity) -> bool:
    """One figure is a total and the other one party's share of it ("fines totalling €412 million" /
    "Brennhof's fine was €188 million"), or the two are two parties' shares ("Miravel Dairy's fine" /
    "Brennhof's fine"): not one figure told twice."""
    oa, ob = _owner(a, x), _owner(b, y)
    if oa and ob:
        return oa != ob
    ta, tb = _total(a, x), _total(b, y)
    if ta == tb:
        return False
    s, q = (b, y) if ta else (a, x)  # the figure that is not the total: one party's, by a name before it?
    # a sum a named party pays or earns ("Brennhof Foods was ordered to pay €118 million")
    m = _NAMED_SUBJECT.match(re.split(r"[,;:]", s[:max(q.span[0], 0)])[-1])
    # "Revenue was $3.8 billion": a sentence's first word is capitalised, and here it names the sum itself
    named = _kind(q) == "money" and m is not None and not _FATE.fullmatch(m.group(1))
    return bool(_owner(s, q)) or named


def _total(sentence: str, q: Quantity) -> bool:
    """The figure is said to be a total ("fines totalling €412 million", "a total of 32 miners")."""
    return q.span[0] >= 0 and bool(_TOTAL.search(sentence[max(0, q.span[0] - 40):q.span[1] + 20]))


_TURNOUT = re.compile(r"\bturnout\b", re.I)


def _turnout(sentence: str, q: Quantity) -> bool:
    """A share that is a ballot's turnout ("Turnout in the ballot was 58%"), not the share voting one way
    ("71% backed the offer"): the two are never compared."""
    return q.span[0] >= 0 and bool(_TURNOUT.search(sentence[max(0, q.span[0] - 40):q.span[1] + 20]))


def _change_noun(sentence: str, q: Quantity) -> str | None:
    """"up" or "down" when a share is the size of a change named right after it ("a 6.5% rise", "a 5.5% pay
    increase", "a 3% cut") or by a verb right before it ("will rise by 6.5%"), else None.

    Example:
        >>> from factcheck.mismatch.quantities import quantities
        >>> s = "Nurses accepted a 5.5% pay increase."
        >>> _change_noun(s, quantities(s)[0])
        'up'
    """
    if q.span[1] < 0:
        return None
    m = _CHANGE_AFTER.match(sentence[q.span[1]:]) or _CHANGE_BY.search(sentence[max(0, q.span[0] - 30):q.span[0]])
    return None if m is None else "up" if m.group("up") else "down"


# a price's premium over a market price: "a premium of 28 percent over the closing price", "48 percent above
# where the shares closed", "nearly 30 percent more than the last closing price"
_PREMIUM_AFTER = re.compile(r"(?:\s*%|\s+percent|\s+per\s+cent)\s+"
                            r"(?:premium\b|(?:above|over|more\s+than|higher\s+than)\b[^.;]{0,40}?"
                            r"\b(?:clos\w*|share\s+price|market\s+price|trading\s+price))", re.I)
_PREMIUM_BEFORE = re.compile(r"\bpremium\s+of\s+(?:about\s+|nearly\s+|almost\s+|some\s+)?$", re.I)


def _premium(sentence: str, q: Quantity) -> bool:
    """The share is a price's premium over the market price ("a premium of 28 percent", "48 percent above where
    the shares closed")."""
    return q.span[0] >= 0 and bool(_PREMIUM_AFTER.match(sentence, q.span[1])
                                   or _PREMIUM_BEFORE.search(sentence[max(0, q.span[0] - 30):q.span[0]]))


def _figure_of(sentence: str, q: Quantity) -> str | None:
    """The noun a sum or a share is "of", right before it: "a net *loss* of $340 million", "*revenue* of $2.1
    billion"; a company's result said with a verb ("*lost* 2.1 billion euros", "*revenue* came in at 31
    billion"); None when no such noun stands there (or a name does)."""
    before = sentence[max(0, q.span[0] - 30):q.span[0]] if q.span[0] >= 0 else ""
    if m := _RESULT_BEFORE.search(before):
        word = (m.group(1) or m.group(2)).lower()
        return _RESULTS.get(word, word)
    m = _OF_BEFORE.search(before)
    if m is None or m.group(1)[0].isupper() or m.group(1).lower() in STOP:
        return None
    return _RESULTS.get(m.group(1).lower(), lemma(m.group(1)))


# a company's results, one name each: two sums of two of them are two figures ("lost 2.1 billion euros" /
# "revenue was 31.4 billion euros")
_RESULTS = {"lost": "loss", "losses": "loss", "revenues": "revenue", "sales": "revenue", "turnover": "revenue",
            "earnings": "profit", "profits": "profit", "income": "profit"}
_RESULT_NOUNS = frozenset({"loss", "revenue", "profit", *_RESULTS})
_QUALIFIED = r"(?:(?:more|less)\s+than\s+|about\s+|nearly\s+|almost\s+|some\s+|around\s+)?"
_RESULT_BEFORE = re.compile(
    rf"\b(?:(lost)|({'|'.join(sorted(_RESULT_NOUNS))})\s+(?:was|were|is|are|came\s+in\s+at|came\s+to|totall?ed|"
    rf"reached|stood\s+at|rose\s+to|fell\s+to|of))\s+{_QUALIFIED}[$€£]?$", re.I)


# a figure someone asked for, not the one that came about: "Prosecutors, who had wanted an eight-year sentence",
# "the union had demanded a 9% raise"
_SOUGHT = re.compile(r"\b(?:wanted|wants?|sought|seeking|seeks?|demand(?:ed|ing|s)?|asked\s+for|called\s+for|"
                     r"request(?:ed|ing)|push(?:ed|es|ing)?\s+for|press(?:ed|es|ing)?\s+for|proposed|recommended)"
                     r"\s+(?:an?\s+|the\s+|up\s+to\s+)?[$€£]?$", re.I)


def _sought(sentence: str, q: Quantity) -> bool:
    """A figure asked for ("had wanted an eight-year sentence"): compared only with a figure asked for."""
    return q.span[0] >= 0 and bool(_SOUGHT.search(sentence[max(0, q.span[0] - 30):q.span[0]]))


# the whole a part is counted of: "Four of the train's six carriages", "three of its 12 members"
_WHOLE = re.compile(r"\b(?:\d[\d,]*|[a-z]+)\s+of\s+(?:the|its|their|his|her)\s+(?:[\w-]+['’]s\s+)?$", re.I)


def _whole(sentence: str, q: Quantity) -> bool:
    """The figure is the whole of a part the sentence counts ("Four of the train's *six* carriages"): how many
    there were, not how many something befell."""
    return q.span[0] >= 0 and bool(_WHOLE.search(sentence[max(0, q.span[0] - 40):q.span[0]]))


# a span counted from an event, in the words news uses for it: "18 minutes after departure", "40 minutes into the
# flight", "shortly after take-off"
_SINCE = re.compile(r"\s*[-\s]?(?:seconds?|minutes?|hours?|days?)\s+(?:after|into|following)\s+"
                    r"(?:the\s+|its\s+|their\s+)?"
                    r"(?P<e>departure|take-?off|leaving|launch|lift-?off|the\s+flight|flight|kick-?off|start|landing|"
                    r"touchdown|arrival)\b", re.I)
_SINCE_EVENTS = {"takeoff": "departure", "take-off": "departure", "leaving": "departure", "flight": "departure",
                 "launch": "departure", "liftoff": "departure", "lift-off": "departure", "kickoff": "start",
                 "kick-off": "start", "touchdown": "landing", "arrival": "landing"}


def _since(sentence: str, q: Quantity) -> str | None:
    """The event a span is counted from ("18 minutes after *departure*" -> "departure"), or None."""
    m = _SINCE.match(sentence, q.span[1]) if q.span[1] >= 0 else None
    if m is None:
        return None
    event = m.group("e").lower().replace("the ", "").replace(" ", "")
    return _SINCE_EVENTS.get(event, event)


_SUBSET = re.compile(r"\b(?:among\s+them|including|of\s+whom|of\s+which|among\s+which)\b", re.I)


# a deal's price, however it is said: "in a cash-and-stock deal worth $3.4 billion" / "is buying Quillpoint Labs ...
# for $4.3 billion"
_DEAL = re.compile(r"\b(?:deal|takeover|acquisition|acquir\w+|merg(?:e|es|ed|ing|er|ers)|buy(?:s|ing|out)?|bought|"
                   r"purchase[sd]?|transaction|bid|take\s+over)\b", re.I)


def _one_deal(a: str, x: Quantity, qa: Sequence[Quantity], b: str, y: Quantity, qb: Sequence[Quantity]) -> bool:
    """Two sums, each the only sum of a sentence about a deal: one price ("a deal worth $3.4 billion" / "buying
    Quillpoint Labs for $4.3 billion")."""
    return (_kind(x) == _kind(y) == "money" and bool(_DEAL.search(a)) and bool(_DEAL.search(b))
            and sum(_kind(q) == "money" for q in qa) == 1 and sum(_kind(q) == "money" for q in qb) == 1)


def _sum_of(total: Quantity, parts: Sequence[Quantity], sentence: str) -> bool:
    """Two or more counts of the other sentence add up to ``total`` ("192 people on board" / "186 passengers and a
    crew of six"); not when one is said to be among the other ("five paintings, among them two portraits")."""
    if _SUBSET.search(sentence):
        return False
    counts = [q.lo for q in parts if _kind(q) == "count" and q.lo == q.hi and q.lo < total.lo]
    return _kind(total) == "count" and len(counts) >= 2 and sum(counts) == total.lo


def _two_results(a: str, x: Quantity, b: str, y: Quantity) -> bool:
    """Two sums of two results of a company ("The company lost 2.1 billion euros" / "Quarterly revenue was 31.4
    billion euros"): not one figure."""
    fa, fb = _figure_of(a, x), _figure_of(b, y)
    return fa is not None and fb is not None and fa != fb and {fa, fb} <= _RESULT_NOUNS


def _dated(sentence: str, q: Quantity) -> bool:
    """A figure of another time: a year or "since" earlier in its sentence ("the deadliest since a collision at
    Brenn in 2009 killed 23 people")."""
    return q.span[0] >= 0 and bool(_DATED.search(sentence[:q.span[0]]))


_OF_WHOM = re.compile(r"\s*(?:%|percent|per\s+cent|[a-z]+)?\s+of\s+(?:the\s+|its\s+|their\s+)?"
                      r"((?:[a-z]+\s+){0,2}?[a-z]+)(?=\s+(?:who|which|that|in|at|on|to|by|for|after|with|from|voted|backed|supported)\b|[,.;]|$)")


def _of_whom(sentence: str, q: Quantity) -> str | None:
    """What a share or a count is of: "91% of union *members* who voted" -> "member", "three counts of *fraud*"
    -> "fraud", or None."""
    m = _OF_WHOM.match(sentence, q.span[1]) if q.span[1] >= 0 else None
    return lemma(m.group(1).split()[-1]) if m else None
