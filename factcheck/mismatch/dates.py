"""Weekdays, day-and-month dates (with the weekday they fall on), and single years."""

from __future__ import annotations

import re
from functools import lru_cache

from ..months import MONTH_PATTERN as _MON
from ..months import WEEKDAYS
from ..months import month_number as _month
from ..results import Mismatch
from .clock import _CLOCK, _MATCH_MINUTE, _clock_minutes, _match_minutes
from .numbers import figures_match
from .words import STOP, content_lemmas, lemma, shared_share

_DM = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\b\.?|\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{3}})",
    re.I,
)


# a month with no day ("in January", "since March"; "May" only with a capital): day-and-month dates and
# "January 2023" (the year rule) are read elsewhere
_BARE_MONTH = re.compile(rf"(?<!\d\s)\b({_MON})\b(?!\.?\s*\d)", re.I)


@lru_cache(maxsize=8192)
def _bare_months(s: str) -> tuple[str, ...]:
    """The months a sentence names without a day or a year, each once, as written."""
    found = [m.group(1) for m in _BARE_MONTH.finditer(s) if m.group(1)[:1].isupper()]
    return tuple(dict.fromkeys(found))


_MONTH_YEAR = re.compile(rf"\b({_MON})\.?\s+((?:19|20)\d\d)\b", re.I)
# a part of a year: "the third quarter of 2027", "Q3 2027", "the first three months of 2027", "the second half of 2027"
_QUARTER = re.compile(r"\b(?:the\s+)?(?P<p>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<u>quarter|half|"
                      r"three\s+months)\s+of\s+(?P<y>(?:19|20)\d\d)\b|\bQ(?P<q>[1-4])\s+(?P<y2>(?:19|20)\d\d)\b|"
                      # a quarter without its year ("results for the second quarter", "third-quarter revenue")
                      r"\b(?:the\s+)?(?P<p3>first|second|third|fourth|final|last)[\s-]quarter\b", re.I)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarters(s: str) -> list[tuple[str, str, int, int]]:
    """Parts of a year a sentence names: (as written, year or "" where none is written, first month, last month)."""
    out = []
    for m in _QUARTER.finditer(s):
        if m.group("q"):
            k, year, months = int(m.group("q")), m.group("y2"), 3
        elif m.group("p3"):
            p, year, months = m.group("p3").lower(), "", 3
            k = 4 if p in ("final", "last") else _ORDINAL[p]
        else:
            unit, year = m.group("u").lower(), m.group("y")
            months = 6 if unit == "half" else 3
            last = 12 // months
            k = last if m.group("p").lower() in ("final", "last") else _ORDINAL[m.group("p").lower()]
            if k > last:
                continue
        out.append((m.group(0).strip(), year, (k - 1) * months + 1, k * months))
    return out


_MONTH_SHARED = 0.25  # content shared by two sentences whose months are of one thing (of the smaller one)


def _month_of_one_thing(a: str, b: str) -> bool:
    """Two months of one thing: the sentences share content words besides their months ("The committee's next
    meeting is scheduled for January" / "The committee will meet again in February"; not "Exports rose 4% in
    May" / "Imports fell 2% in June")."""
    ca, cb = content_lemmas(_BARE_MONTH.sub(" ", a)), content_lemmas(_BARE_MONTH.sub(" ", b))
    return shared_share(ca, cb) >= _MONTH_SHARED


def _weekday_of(day_month: tuple[int, int], year: int | None) -> str | None:
    import datetime

    if year is None:
        return None
    try:
        return WEEKDAYS[datetime.date(year, day_month[0], day_month[1]).weekday()]
    except ValueError:
        return None


_WEEKDAY = "|".join(WEEKDAYS)
# the day a statement was made, not the day of the event: "a military statement said Tuesday",
# "she said in an interview Tuesday", "police said on Monday"
_SPEECH_DAY = re.compile(
    rf"\b(?:said|says|announced|stated|added|reported|told reporters)\s+(?:in\s+an?\s+\w+\s+)?(?:(?:on|late|early)\s+)?"
    rf"(?:{_WEEKDAY})\b", re.I)


# a market's reference day, not the event's: "a premium to Friday's close", "Quill's closing price last Friday"
_REFERENCE_DAY = re.compile(
    rf"\b(?:clos(?:e|ed|ing)(?:\s+price)?\s+(?:(?:on|last)\s+)?(?:{_WEEKDAY})|(?:{_WEEKDAY})(?:'s|’s)\s+clos(?:e|ing))\b",
    re.I)


@lru_cache(maxsize=8192)
def _speech_weekdays(sentence: str) -> frozenset[str]:
    """The weekdays a sentence gives for a statement ("the company announced on Tuesday")."""
    return frozenset(w for m in _SPEECH_DAY.finditer(sentence) for w in WEEKDAYS if _WEEKDAY_WORD[w].search(m.group(0)))


_WEEKDAY_WORD = {w: re.compile(rf"\b{w}\b", re.I) for w in WEEKDAYS}


@lru_cache(maxsize=8192)
def event_weekdays(sentence: str) -> frozenset[str]:
    """The weekdays a sentence gives for what happened, leaving out the day a statement was made.

    Example:
        >>> sorted(event_weekdays("One soldier died on Monday, a military statement said Tuesday."))
        ['monday']
    """
    text = _REFERENCE_DAY.sub(" ", _SPEECH_DAY.sub(" ", sentence))
    if len(_WEEKDAY_RE.findall(sentence)) > 1:
        # "the club confirmed on Monday, after Saturday's 3-1 loss": beside another day, a day's own event
        # ("Saturday's loss") is an earlier one, not when this happened
        text = _POSSESSIVE_DAY.sub(" ", text)
    return frozenset(w for w in WEEKDAYS if _WEEKDAY_WORD[w].search(text))


_POSSESSIVE_DAY = re.compile(rf"\b(?:{_WEEKDAY})['’]s\b", re.I)


@lru_cache(maxsize=8192)
def day_months(s: str) -> frozenset[tuple[int, int]]:
    """The (month, day) dates a sentence gives ("on March 12", "27 January").

    Example:
        >>> sorted(day_months("They meet on March 12 and again on 27 January."))
        [(1, 27), (3, 12)]
    """
    return frozenset((_month(m.group(2) or m.group(3)), int(m.group(1) or m.group(4))) for m in _DM.finditer(s))


def date_mismatches(a: str, b: str, year_a: int | None = None, year_b: int | None = None) -> list[Mismatch]:
    out = []
    wa, wb = event_weekdays(a), event_weekdays(b)
    if wa and wb and not wa & wb:
        out.append(Mismatch("date", "/".join(sorted(w.title() for w in wa)), "/".join(sorted(w.title() for w in wb)),
                            aligned=_same_event(a, b, _WEEKDAY_RE)))
    if not (wa or wb):
        sa, sb = _speech_weekdays(a), _speech_weekdays(b)
        if sa and sb and not sa & sb and figures_match(a, b):
            # no event day, two days for one statement (the same figures): "announced on Monday that it would
            # eliminate 1,200 jobs" / "said on Tuesday it will cut 1,200 jobs"
            out.append(Mismatch("date", "/".join(sorted(w.title() for w in sa)),
                                "/".join(sorted(w.title() for w in sb))))
    found_a, found_b = list(_DM.finditer(a)), list(_DM.finditer(b))
    # the words next to a date, and what happened then ("take office on January 8" / "sworn in on January 18")
    near_a = {m.group(0): _near(a, m.start(), m.end(), 3, 40) | _event_near(a, m.start(), m.end()) for m in found_a}
    near_b = {m.group(0): _near(b, m.start(), m.end(), 3, 40) | _event_near(b, m.start(), m.end()) for m in found_b}
    da = {(m.group(0), (_month(m.group(2) or m.group(3)), int(m.group(1) or m.group(4)))) for m in found_a}
    db = {(m.group(0), (_month(m.group(2) or m.group(3)), int(m.group(1) or m.group(4)))) for m in found_b}
    # "on 27 January" (in a 2022 article) vs "on Wednesday": resolve the weekday of the date
    for dates, year, weekdays, swap in ((da, year_a, wb, False), (db, year_b, wa, True)):
        if len(dates) == 1 and len(weekdays) == 1 and not (wa and wb):
            text, dm = next(iter(dates))
            wd = _weekday_of(dm, year)
            other = next(iter(weekdays))
            if wd and wd != other:
                pair = (f"{text} ({wd.title()})", other.title())
                out.append(Mismatch("date", *(pair[::-1] if swap else pair)))
    if da and db and not {d for _, d in da} & {d for _, d in db}:
        # one event, two dates: the dates share a word around them ("held on 27 January" / "held on 28
        # January"); "sent back by Jan. 14" / "traveled on April 6" are two events of a story
        near = [(x, y) for x, _ in sorted(da) for y, _ in sorted(db) if near_a[x] & near_b[y]]
        same = near or ([(x, y) for x, _ in sorted(da) for y, _ in sorted(db)] if _one_event(a, b) else [])
        if same:  # a word next to both dates ties them to one event: aligned
            out.append(Mismatch("date", *same[0], aligned=bool(near)))
    pa, pb = _match_minutes(a), _match_minutes(b)
    if len(pa) == 1 and len(pb) == 1 and (pa[0][2] < pb[0][1] or pb[0][2] < pa[0][1]):
        # "in the 88th minute" / "in the 78th minute": one goal, two minutes of the match
        out.append(Mismatch("time", pa[0][0], pb[0][0], aligned=_same_event(a, b, _MATCH_MINUTE)))
    ta, tb = _clock_minutes(a), _clock_minutes(b)
    if len(ta) == 1 and len(tb) == 1:
        (xa, lo_a, hi_a), (xb, lo_b, hi_b) = ta[0], tb[0]
        if all(hi_a + d < lo_b or hi_b < lo_a + d for d in (-1440, 0, 1440)):
            # "shortly after 3 a.m." / "around 5 a.m.": one moment, two times (across midnight too)
            out.append(Mismatch("time", xa, xb, aligned=_same_event(a, b, _CLOCK)))
    ma, mb = _bare_months(a), _bare_months(b)
    if (len(ma) == 1 and len(mb) == 1 and not (da or db) and _month(ma[0]) != _month(mb[0])
            and (_month_of_one_thing(a, b) or _one_event_near(a, b, ma[0], mb[0]))):
        # "the next meeting is scheduled for January" / "will meet again in February"; the similarity gate of
        # the kind says whether the two sentences are about one thing
        out.append(Mismatch("date", ma[0], mb[0]))
    qa, qb = _quarters(a), _quarters(b)
    one_year = len(qa) == 1 and len(qb) == 1 and (qa[0][1] == qb[0][1] or not (qa[0][1] and qb[0][1]))
    if one_year and not (qa[0][2] <= qb[0][3] and qb[0][2] <= qa[0][3]) \
            and _month_of_one_thing(_QUARTER.sub(" ", a), _QUARTER.sub(" ", b)):
        # "expect the deal to close in the first quarter of 2027" / "... in the third quarter of 2027"
        out.append(Mismatch("date", qa[0][0], qb[0][0]))
    my_a, my_b = _MONTH_YEAR.findall(a), _MONTH_YEAR.findall(b)
    if (len(my_a) == 1 and len(my_b) == 1 and not (da or db) and my_a[0][1] == my_b[0][1]
            and _month(my_a[0][0]) != _month(my_b[0][0])
            and (_month_of_one_thing(a, b) or _one_event_near(a, b, my_a[0][0], my_b[0][0]))):
        # "will close its plants by September 2027" / "are to be closed by March 2027": one year, two months
        out.append(Mismatch("date", " ".join(my_a[0]), " ".join(my_b[0])))
    ya, yb = _years(a), _years(b)
    if len(ya) == 1 and len(yb) == 1 and ya.keys() != yb.keys() and (
            next(iter(ya.values())) & next(iter(yb.values())) or (_DEADLINE.search(a) and _DEADLINE.search(b))):
        # a word next to both years, or two deadlines ("cut emissions by 45% by 2030" / "... by 2035")
        out.append(Mismatch("date", next(iter(ya)), next(iter(yb))))
    return out


# what happened on a day, in the words news uses for it: "the fire *started* on Monday" and "a wildfire
# *broke out* near Pine Ridge on Tuesday" date one event
_EVENTS = {
    "start": r"start(?:s|ed|ing)?|beg[au]n|begins?|broke\s+out|break(?:s)?\s+out|erupt(?:s|ed)?|ignit(?:es|ed)|"
             r"sparked",
    "strike": r"struck|hit|explo(?:ded|sion)|crash(?:ed)?|collaps(?:ed|e)|derail(?:ed|ment)|"
              r"came\s+off\s+the\s+(?:tracks|rails)|(?:ran|run|went)\s+aground|grounding|capsiz(?:ed|es|ing)|overturn(?:ed|s|ing)?|sank|sunk|went\s+down|occurred|happened|took\s+place",
    # a labour strike is another event than a disaster that struck ("called a strike on Monday" / "the tunnel
    # collapsed on Tuesday")
    "walkout": r"strikes?|walk(?:s|ed|ing)?\s+out|walkout|stop(?:s|ped|ping)?\s+work",
    "death": r"died|dies|killed|death",
    "arrest": r"arrest(?:ed)?|detained",
    # a rescue: "were rescued on February 12" / "was brought to safety on February 14", "reached the group at 6:10"
    "rescue": r"rescued|brought\s+to\s+safety|airlifted|winched|reached\s+(?=(?:the|them|him|her|\d)\b)",
    # an inquiry opened: "began investigating in January" / "opened an investigation in November"
    "inquiry": r"investigat(?:e|es|ed|ing|ion)|inquiry|probe",
    "discover": r"detected|discovered|spotted|noticed|uncovered|came\s+to\s+light|identified|diagnosed|"
                # "an infection confirmed on 3 March" / "identified on March 13" (not "confirmed that ...")
                r"confirmed(?!\s+(?:that|to|it|its|the|a|an|his|her|their|on\s+(?:Monday|Tuesday|Wednesday|Thursday|"
                r"Friday|Saturday|Sunday)))",
    "restore": r"restored|returned|resumed|reopened|came\s+back|(?:was|were)\s+back",
    "announce": r"announc(?:ed|ement)|unveiled|declared|published|made\s+public|read\s+out|"
                # "Results of the ballot were released": figures made public, not people set free
                r"(?:results?|figures?|data|outcome|report)\s+(?:\w+\s+){0,3}?(?:was|were)\s+released|"
                r"released\s+(?:the\s+|its\s+|their\s+)?(?:results?|figures?|data|outcome|report)",
    "sign": r"sign(?:ed|ing)",
    "vote": r"vot(?:ed|e)|elect(?:ed|ion)",
    "end": r"end(?:ed|s)|finished|concluded",
    "report": r"reported|call(?:ed)?(?!\s+(?:on|for|off)\b)|alerted|raised\s+the\s+alarm",
    # a verdict and a sentence are two events, often days apart ("convicted on Monday", "jailed on Thursday")
    "verdict": r"convicted|acquitted|found\s+(?:not\s+)?guilty|cleared",
    "sentence": r"sentenc(?:ed|ing)|jailed|imprisoned",
    # a river's or a count's highest point: "crested at 6.2 metres late Saturday" / "reached a high of 6.2 metres"
    "peak": r"crest(?:ed|s)?|peak(?:ed|s)?|reach(?:ed|es)?\s+(?:a|its)\s+(?:high|peak)|topped\s+out",
    # a rule or a decision in force: "takes effect on May 1" / "comes into force on March 1"
    "effect": r"t(?:ake|akes|ook|aking)\s+effect|c(?:ome|omes|ame|oming)\s+into\s+(?:force|effect)|"
              r"enter(?:s|ed)?\s+into\s+force|effective",
    # an office taken: "will take office on January 8" / "is due to be sworn in on January 18"
    "office": r"sworn\s+in|swearing-in|t(?:ake|akes|ook|aking)\s+office|inaugurat(?:ed|ion)|assum(?:e|es|ed)\s+office",
    # a break-in: "The thieves entered at 1:10 a.m." / "forced their way in at 3:10 a.m." / "The break-in happened"
    # the next meeting: "The next rate decision is due on March 12" / "scheduled to meet next on March 21"
    "meeting": r"next\s+(?:[\w-]+\s+){0,3}?(?:meeting|decision)|meet(?:s|ing)?\s+next|next\s+meet(?:s|ing)?",
    # a launch: "blasted off from Tarrow Point on Thursday" / "sent its newest satellite into space on Friday"
    "launch": r"launch(?:ed|es)?|lift(?:ed|s)?\s+off|lift-off|blast(?:ed|s)?\s+off|"
              r"sent\s+(?:[\w,-]+\s+){0,5}?into\s+(?:space|orbit)",
    # a goal in a match: "struck the winner in the 88th minute" / "scored an 88th-minute winner"
    "goal": r"scor(?:ed|es|ing)|winner|goal|equali[sz](?:ed|er)|opener|netted|headed|struck|settled",
    "entry": r"entered|broke\s+in(?:to)?|got\s+in(?:to)?|gained\s+(?:access|entry)|"
             r"forced\s+(?:their|his|her|its)\s+way\s+in(?:to)?|break-in|burgl\w+",
    "flight": r"land(?:ed|ing)|took\s+off|take-?off|depart(?:ed|ure)|leaving|left|divert(?:ed|ing)|flying|flew|"
              r"touch(?:ed|es)?\s+down|brought\s+(?:the|its|her|his)\s+(?:\w+\s+)?down",
}
_EVENT = re.compile("|".join(rf"(?P<{k}>\b(?:{v})\b)" for k, v in _EVENTS.items()), re.I)


@lru_cache(maxsize=8192)
def _events_at(s: str, when: re.Pattern[str]) -> tuple[frozenset[str], frozenset[str]]:
    """What happened at the sentence's weekdays or clock times (``when``): event words within ten words
    before or four after one ("will walk out for 48 hours starting on Thursday"), and the sentence's other
    content words."""
    events = set()
    for m in when.finditer(s):
        before = " ".join(s[:m.start()].split()[-10:])
        after = " ".join(s[m.end():].split()[:4])
        events |= {e.lastgroup for e in _EVENT.finditer(f"{before} {after}") if e.lastgroup}
    # the event words themselves are not shared content; the words of an event phrase are ("Results of the
    # *ballot* were released")
    # (the words as written: "ballot" is read as "vote", an event word, only once lemmatised)
    rest = content_lemmas(re.sub(r"[A-Za-z]+", lambda w: " " if _EVENT.fullmatch(w.group(0)) else w.group(0),
                                 when.sub(" ", s)))
    return frozenset(events), rest


_WEEKDAY_RE = re.compile(rf"\b(?:{_WEEKDAY})\b", re.I)


def _same_event(a: str, b: str, when: re.Pattern[str]) -> bool:
    """Two weekdays (or clock times) are one event's: the same kind of event word next to both, and one more
    content word shared ("The Pine Ridge fire started on Monday" / "a wildfire broke out near Pine Ridge on
    Tuesday"; "first reported at around 4 p.m." / "dispatchers received the first call shortly after 2 p.m.")."""
    ea, ca = _events_at(a, when)
    eb, cb = _events_at(b, when)
    return bool(ea & eb) and bool(ca & cb)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DEADLINE = re.compile(r"\b(?:by|until|before)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", re.I)
_SAME_EVENT_OVERLAP = 0.4  # content shared (Jaccard) by two sentences that report one event in other words


def _event_near(s: str, start: int, end: int) -> frozenset[str]:
    """The events (:data:`_EVENTS`, as "event:" names) told within six words before a span or three after it."""
    text = " ".join(s[:start].split()[-6:] + s[end:].split()[:3])
    return frozenset(f"event:{e.lastgroup}" for e in _EVENT.finditer(text) if e.lastgroup)


def _one_event_near(a: str, b: str, xa: str, xb: str) -> bool:
    """The dates ``xa`` of ``a`` and ``xb`` of ``b`` (as written) are of one kind of event ("Construction is due to
    *begin* in September 2027" / "Work is scheduled to *start* in March 2027")."""
    ma, mb = re.search(rf"\b{re.escape(xa)}\b", a), re.search(rf"\b{re.escape(xb)}\b", b)
    return bool(ma and mb and _event_near(a, ma.start(), ma.end()) & _event_near(b, mb.start(), mb.end()))


def _one_event(a: str, b: str) -> bool:
    """Two sentences about one event, whatever words sit next to their dates: they share most content
    ("Harrow agreed on March 3 to buy Quill for $2.1 billion" / "Harrow will buy Quill for $2.1 billion,
    the companies announced on March 5")."""
    ca, cb = content_lemmas(_DM.sub(" ", a)), content_lemmas(_DM.sub(" ", b))
    return len(ca & cb) / max(1, len(ca | cb)) >= _SAME_EVENT_OVERLAP


def _years(s: str) -> dict[str, frozenset[str]]:
    """Each year of a sentence with the words around it ("founded in 1998" -> {"founded"}).

    Two sentences name different years for one thing only if they share a word next to the year:
    "founded in 1998" vs "founded in 2001" is a mismatch; "first flew in 1969" vs "Nov. 29, 1962:
    the governments sign an agreement" is two events.
    """
    return {m.group(0): _near(s, m.start(), m.end()) for m in _YEAR.finditer(s)}


def _near(s: str, start: int, end: int, words: int = 2, chars: int = 30) -> frozenset[str]:
    """Content words next to the span ``s[start:end]``: the ``words`` before and after it (within ``chars``
    characters), as 5-letter lemma stems."""
    near = re.findall(r"[a-z]+", s[max(0, start - chars) : start].lower())[-words:] + re.findall(
        r"[a-z]+", s[end : end + chars].lower())[:words]
    return frozenset(lemma(w)[:5] for w in near if len(w) > 3 and w not in STOP)
