"""Number mentions as intervals: digits, number words, qualifiers ("at least", "about"), ranges, units."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..months import MONTH_PATTERN as _MON
from ..results import Mismatch
from .words import (
    CHANGE_WORDS,
    STOP,
    VOTE_AGAINST,
    VOTE_CONTEXT,
    VOTE_FOR,
    changed_thing,
    headline_case,
    lemma,
)

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
# what a vague plural may stand for in news copy: "thousands of SUVs" for a recall of 41,300 (the next
# magnitude word, "tens of thousands", is a refinement the writer need not make)
_VAGUE = {
    "dozens": (24, 100),
    "hundreds": (200, 1000),
    "thousands": (2000, 1e6),
    "millions": (2e6, 1e9),
    "several": (3, 9),
    "a few": (2, 5),
    "scores": (40, 100),
}
_LOWER = r"at least|more than|over|above|upwards of|no fewer than|no less than|in excess of"
_UPPER = r"up to|fewer than|less than|under|below|at most|no more than"
_BELOW = ("nearly", "almost", "close to")  # just under the figure
_BELOW_ROOM = 0.82  # "nearly two days" may be 40 hours; "almost 190" is not "about 140"
_ABOUT_ROOM = 0.1  # "about 650 metres" is not 560, "about 6,000" is 6,200
_APPROX = r"about|around|nearly|almost|roughly|approximately|some|close to|an estimated|estimated|approx\.?"
_NUMWORD = "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True))
# spelled-out numbers: "twenty-seven", "a hundred and fifty", "two dozen" (no trailing separator)
_SPELLED = rf"(?:a\s+)?(?:{_NUMWORD})(?!\w)(?:[\s-]+(?:and\s+)?(?:{_NUMWORD})(?!\w))*"
_NUM_RE = re.compile(
    rf"(?P<q>(?:{_LOWER}|{_UPPER}|{_APPROX})\s+)?"
    rf"(?<!\w)(?P<v>(?:\$|€|£)?(?:\d(?:[\d,]*\d)?(?:\.\d+)?|(?<=\s)\.\d+)(?:\s*(?:-|–|to)\s*\d[\d,]*(?:\.\d+)?)?"
    rf"(?:\s+(?:{'|'.join(_SCALES)}))?|"
    rf"(?:dozens|hundreds|thousands|millions|several|scores)(?!\w)|{_SPELLED}(?:-(?=[A-Za-z]))?)"
    rf"(?P<pct>\s*(?:%|percent|per cent))?",
    re.I,
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_COMPOUND = re.compile(r"(?:years?|months?|weeks?|days?)-old|thirds?|quarters?|fifths?", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number mention as an interval [lo, hi] with its context words.

    ``role`` pairs numbers of one change: "step" ("raised *by* a quarter point"), "level" ("*to* 2.75%",
    "*at* 3%"), "start" ("fell to 3.8% *from* 4.1%"), or "" when the sentence does not say.
    """

    text: str
    lo: float
    hi: float
    context: frozenset[str]
    unit: str
    role: str = ""
    prev: str = ""
    fate: str = ""  # what happened to the counted: "death", "injury", "board"... (nearest such word), or ""
    rate: bool = False  # a rate ("9,000 passengers daily", "a year"), not a one-off figure
    span: tuple[int, int] = (-1, -1)  # where the figure, with its qualifier, stands in the sentence
    head: frozenset[str] = frozenset()  # what the change before it changes ("raised *its rate* to 4.25%")


def word_number(word: str) -> float | None:
    """The value of one spelled-out number word ("eight" -> 8.0), else None.

    Example:
        >>> word_number("eight"), word_number("members")
        (8.0, None)
    """
    return _words_value(word) if word.lower() in _UNITS or word.lower() in _SCALES else None


# "a quarter point", "half a percentage point", "25 basis points", "0.5 points": steps of a rate, in points
_POINTS = re.compile(
    r"(?P<v>a\s+quarter|a\s+half|half\s+a|three[\s-]quarters\s+of\s+a|\d+(?:\.\d+)?)"
    r"(?:\s+of\s+a)?\s+(?P<bp>basis\s+)?(?:percentage\s+)?points?\b", re.I)
_POINT_WORDS = {"a quarter": 0.25, "a half": 0.5, "half a": 0.5}


def _role(sentence: str, start: int) -> str:
    prev = re.findall(r"[A-Za-z]+", sentence[max(0, start - 12):start])
    word = prev[-1].lower() if prev else ""
    # "fell to 3.8% from 4.1%": the level it came from is another figure than the level it reached
    return "step" if word == "by" else "level" if word in ("to", "at") else "start" if word == "from" else ""


def _unit_after(sentence: str, end: int) -> bool:
    """A unit of measure right after a hyphenated number ("a two-kilometre stretch"), not an adjective."""
    word = re.match(r"[A-Za-z]+", sentence[end:])
    return word is not None and lemma(word.group(0)) in _MEASURES | {"m", "t", "%"}


def _prev_word(sentence: str, start: int) -> str:
    prev = re.findall(r"[A-Za-z]+", sentence[max(0, start - 20):start])
    return prev[-1].lower() if prev else ""


# What happened to what is counted, nearest word first: "killing 11 passengers" and "Seventeen people died" count
# one group (deaths) under two nouns; "200 people were on board" and "Eleven people lost their lives" count two.
_PEOPLE = frozenset({"people", "dead", "injured", "missing"})  # units that count people under a fate
_FLOOR_ROOM = 1.5  # "at least N", "more than N": up to 1.5 N

_FATES = (
    ("death", r"kill\w*|dead|deaths?|die[ds]?|dying|lost\s+(?:their|his|her)\s+lives?|fatal\w*|perish\w*|bodies|"
              r"murder\w*"),
    ("injury", r"injur\w*|hurt|wound\w*|hospital\w*"),
    ("missing", r"missing|unaccounted"),
    ("trapped", r"trapped|stuck"),
    # who fell sick: "213 passengers reported vomiting" is not "2,500 passengers on board"
    ("illness", r"ill|sick\w*|illness\w*|vomit\w*|diarrho?ea|symptoms?"),
    ("rescue", r"rescu\w*|saved|survivors?|pulled\s+(?:alive\s+)?from"),
    # who watched: "a crowd of 45,000", "54,000 fans", "The attendance ... was 45,000"
    ("attendance", r"crowds?|attend\w*|fans|spectators|supporters|watched"),
    ("arrest", r"arrest\w*|detain\w*|custody"),
    ("evacuation", r"evacuat\w*|displaced|fled|flee\w*|moved\s+out|(?:told|ordered|forced)\s+to\s+leave"),
    # who lost power: "400,000 homes lost power" / "Power was knocked out to some 400,000 homes"
    ("outage", r"(?:without|no)\s+(?:power|electricity)|lost\s+(?:power|electricity)|"
               r"power\s+(?:was\s+)?(?:knocked\s+out|cut)|cut\s+(?:off\s+)?(?:power|electricity)|outages?|blackouts?"),
    # what was stolen: "Seven paintings were stolen" / "They took five paintings"
    # ("taken to hospital", "taken into custody" are other fates)
    ("theft", r"stole|stolen|steal\w*|took(?!\s+(?:\w+\s+)?(?:to|into|ill|sick)\b)|taken(?!\s+(?:to|into|ill|sick)\b)|"
              r"snatched|"
              r"looted|seized"),
    ("board", r"aboard|board|carr(?:y|ies|ying|ied)"),
    # what a sum is: "fined ... €4.2 million" / "a fine of €2.4 million"; "profit rose to €310 million"
    ("fine", r"fin(?:e|ed|es|ing)|penalt(?:y|ies)|damages|ordered\s+to\s+pay"),
    ("profit", r"profits?|earnings|net\s+income"),
    ("revenue", r"revenues?|sales|turnover"),
    ("loss", r"loss(?:es)?"),
    # what a thing is worth: "valued the haul at €40 million" / "worth about €14 million"
    ("worth", r"worth|valued?|values|priced"),
    # a prison term: "jailed for six years" / "sentenced to eight years in prison"
    ("sentence", r"jail\w*|sentenc\w*|prison|imprison\w*"),
    # what happened to buildings and the like: "14 homes were destroyed" / "homes lost to the flames"
    ("damage", r"destroy\w*|damag\w*|lost\s+to|razed|gutted|flattened|burned\s+down|burnt\s+down"),
    # who sat out a vote: "14 members abstained" / "Twenty lawmakers chose to abstain"
    ("abstention", r"abstain\w*|abstentions?"),
    # jobs that go: "cut 5,400 jobs" / "reduce its workforce by 4,500 positions" / "4,500 layoffs"
    ("layoff", r"eliminat\w*|slash\w*|axe[sd]?|axing|lay(?:s|ing)?\s+off|laid\s+off|layoffs?|redundan\w*|"
               r"cut|cuts|cutting|reduc(?:e|es|ed|ing)|shed(?:s|ding)?|job\s+loss(?:es)?"),
    # how long someone held a post: "served as deputy mayor for 12 years" is no prison term
    ("tenure", r"served|serving|tenure|in\s+office|worked|employed|career"),
    # how long a walkout lasted: "on strike for 15 days" / "12 days of strikes"
    ("strike", r"strikes?|striking|walkouts?|stoppages?"),
)
_FATE = re.compile("|".join(rf"(?P<{name}>\b(?:{words})\b)" for name, words in _FATES), re.I)
# the periods of a rate, each in the words news uses for it ("$50 a day", "per year", "annually", "monthly")
_PERIODS = (("year", re.compile(r"\b(?:a|per|each)\s+year\b|\bannual(?:ly)?\b|\byearly\b", re.I)),
            ("month", re.compile(r"\b(?:a|per|each)\s+month\b|\bmonthly\b", re.I)),
            ("week", re.compile(r"\b(?:a|per|each)\s+week\b|\bweekly\b", re.I)),
            ("day", re.compile(r"\b(?:a|per|each|every)\s+day\b|\bdaily\b", re.I)))
# a rate said right after its figure ("$26,500 per year", "12 cases a day")
_RATE = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:" + "|".join(rx.pattern for _, rx in _PERIODS) + ")", re.I)
# "the annual cost will be $26,500", "a monthly fee of $12": a price per period said before its figure (an
# "annual net loss" is one year's figure, no rate)
_RATE_BEFORE = re.compile(r"\b(?:annual|yearly|monthly|weekly|daily)\s+(?:costs?|fees?|price|rent|salary|pay|wages?|"
                          r"premiums?|charges?|subscription)\b[^.;:!?]{0,30}$", re.I)


def _period(sentence: str, q: Quantity) -> str | None:
    """The period of a rate ("$26,500 per year", "the annual cost ... $26,500" -> "year"), if one is said next to it.

    Example:
        >>> s = "The annual cost will be $26,500."
        >>> _period(s, quantities(s)[0]), _period("It costs $5.", quantities("It costs $5.")[0])
        ('year', None)
    """
    if not q.rate:
        return None
    near = sentence[max(0, q.span[0] - 40):q.span[1] + 30]
    return next((name for name, rx in _PERIODS if rx.search(near)), None)


def _fate(sentence: str, start: int, end: int) -> str:
    """The fate word nearest a number, within 40 characters before it (one clause) or seven words after it."""
    before = sentence[max(0, start - 40):start]
    before = before[before.rfind(",") + 1:] if "," in before else before  # not across a clause break
    after = " ".join(sentence[end:end + 60].split()[:7])
    found = [(len(before) - m.end(), m.lastgroup) for m in _FATE.finditer(before)]
    found += [(m.start(), m.lastgroup) for m in _FATE.finditer(after)]
    return min(found)[1] or "" if found else ""


def _points(sentence: str) -> list[Quantity]:
    out = []
    for m in _POINTS.finditer(sentence):
        raw = re.sub(r"\s+", " ", m.group("v").lower())
        v = _POINT_WORDS.get(raw, 0.75 if raw.startswith("three") else None)
        val = float(raw) if v is None else v
        if m.group("bp"):
            val /= 100
        out.append(Quantity(m.group(0), val, val, frozenset({"point"}), "point", _role(sentence, m.start())))
    return out


def _words_value(text: str) -> float | None:
    total, cur, seen = 0.0, 0.0, False
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in ("a", "an", "and"):
            continue  # "a dozen" = 12: the scale below starts from 1
        if w in _UNITS:
            cur += _UNITS[w]
            seen = True
        elif w in _SCALES:
            cur = (cur or 1.0) * _SCALES[w]
            seen = True
            if _SCALES[w] >= 1000:
                total, cur = total + cur, 0.0
    return total + cur if seen else None


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def _digits(text: str) -> float:
    """The value of a digit string: "1,250" is 1250, but "1,2" (a decimal comma: thousands take 3 digits) is 1.2."""
    core = re.sub(r"[^\d.,]", "", text)
    if _DECIMAL_COMMA.fullmatch(core):
        core = core.replace(",", ".")
    return float(core.replace(",", "") or "nan")


_N = r"\d[\d,]*(?:\.\d+)?"
_PCT = r"\s*(?:%|percent|per cent)"
# "between 3 and 6", and "3 percent to 9 percent" / "3% to 9%" (one interval, not two numbers)
_BETWEEN = re.compile(
    rf"\bbetween\s+(?P<a>{_N})\s+and\s+(?P<b>{_N})|(?<![\d.])(?P<c>{_N}){_PCT}\s*(?:to|-|–)\s*(?P<d>{_N})(?={_PCT})"
    # "ranged from 16 cents a share to 27 cents a share": one range, whatever unit words sit between
    rf"|\brang(?:e|ed|es|ing)\s+from\s+(?P<e>{_N})\b[^\d.;]{{0,25}}?\bto\s+(?P<f>{_N})",
    re.I)
_MONTH_NEAR = re.compile(rf"(?:\b(?:{_MON})\.?\s+$)|(?:^\s+(?:{_MON})\b)", re.I)
_MONEY = {"usd", "eur", "gbp"}
_PAST_EVENT = re.compile(r"\b(?:1[89]\d\d|20\d\d),?\s+when\b[^.;]*$", re.I)
_LABEL_BEFORE = re.compile(r"(?:\bNo\.|\bNos\.|\bNumber|#)\s*$")
_MEASURES = {"km", "m", "mi", "kg", "t", "foot", "feet", "year", "month", "week", "day", "hour", "minute", "second",
             "km/h", "mph", "knot", "magnitude", "category"}
# a speed after the number: "140 km/h", "90 kilometres per hour", "60 mph", "30 miles an hour" (not a distance)
_SPEED = re.compile(r"\s*(?:(?P<k>km/h|kmh|kph|km\s*/\s*h\b|(?:km|kilomet(?:re|er)s?)\s+(?:per|an|a)\s+hour)"
                    r"|(?P<m>mph|miles?\s+(?:per|an|a)\s+hour))", re.I)
_SUFFIX = re.compile(r"(bn|m|k)(?![A-Za-z])", re.I)
_SUFFIX_SCALE = {"bn": 1e9, "m": 1e6, "k": 1e3}


# the end of a figure's clause: what follows ("4.5% on Thursday, its first rise") says nothing of what it counts
# a clause's end, or a conjunction that starts another phrase ("770 with more than 8,300 people sickened")
_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–—]\s|\s(?:with|and|while|whereas)\s", re.I)
_ATTRIBUTION = frozenset("according said says told reported citing added".split())


# the hyphens of a sum written as an adjective ("a 2.4-billion-euro budget", "a $5-million grant")
_SUM_ADJECTIVE = re.compile(r"(?<=\d)-(?=(?:thousand|million|billion|trillion)\b)|"
                            r"(?<=illion)-(?=(?:euro|dollar|pound|yen|franc|krona|krone|rand)s?\b)", re.I)
_GO = frozenset("go goes went gone going".split())


def _changed(clause: str) -> frozenset[str]:
    """What the clause before a figure changes, when a change word stands in its last eight words:
    "The bank increased its key rate by half a point to" -> {"key", "rate"}; "Annual inflation climbed to"
    -> {"annual", "inflation"}."""
    words = re.findall(r"[A-Za-z]+", clause)
    for k in range(len(words) - 1, max(-1, len(words) - 9), -1):
        if words[k].lower() in ("up", "down") and k and words[k - 1].lower() in _GO:
            # "the property tax rate will go up by": what goes up stands before it
            return frozenset(w for w in changed_thing(words, k - 1, transitive=False) if w not in _ATTRIBUTION)
        if words[k].lower() in CHANGE_WORDS:
            return frozenset(w for w in changed_thing(words, k) if w not in _ATTRIBUTION)
    return frozenset()


def quantities(sentence: str) -> list[Quantity]:
    """Number mentions of a sentence (years, IDs, times and ordinals are left out)."""
    return list(_quantities(sentence))


@lru_cache(maxsize=8192)
def _quantities(sentence: str) -> tuple[Quantity, ...]:
    """Cached per sentence: one sentence meets many others in the candidate pairs."""
    sentence = _SUM_ADJECTIVE.sub(" ", sentence)  # "a 2.4-billion-euro budget": 2.4 billion euro (same length)
    out = _points(sentence)
    sentence = _POINTS.sub(lambda m: " " * len(m.group(0)), sentence)
    for m in _BETWEEN.finditer(sentence):
        lo, hi = sorted((_digits(m.group("a") or m.group("c") or m.group("e")),
                         _digits(m.group("b") or m.group("d") or m.group("f"))))
        rest = [w for w in re.findall(r"[A-Za-z%]+", sentence[m.end() : m.end() + 40]) if w.lower() not in STOP][:3]
        unit = lemma(rest[0]) if rest else ""
        out.append(
            Quantity(m.group(0) + (f" {rest[0]}" if rest else ""), lo, hi, frozenset(lemma(w) for w in rest), unit)
        )
    sentence = _BETWEEN.sub(lambda m: " " * len(m.group(0)), sentence)
    in_votes = [(v.start(), v.end("t")) for pat in (VOTE_FOR, VOTE_AGAINST) for v in pat.finditer(sentence)]
    for m in _NUM_RE.finditer(sentence):
        v = m.group("v").strip()
        s, e = m.start("v"), m.end("v")
        if any(v0 <= s < v1 for v0, v1 in in_votes):
            continue  # "seven of the nine members voted for": a vote split, the vote rule compares those
        before, after = sentence[max(0, s - 2) : s], sentence[e : e + 3]
        if re.search(r"[A-Za-z0-9]-?$|:$", before) or (re.match(
            r"-?[A-Za-z]{0,2}\d|:\d|(st|nd|rd|th)\b|-[A-Za-z]|\s+\d", after
        ) and not re.match(r"-magnitude\b|-(?:a|per)-(?:share|barrel|tonne|ton|gallon)\b|"
                           r"-(?:hour|day|week|month|year|minute)\b(?!-)|"
                           # "a 25-metre hole", "a 10-kilometre stretch": a measure written as an adjective
                           r"-(?:metre|meter|kilometre|kilometer|mile|foot|tonne|km|kg)s?\b(?!-)", sentence[e:e + 14],
                           re.I)):
            continue  # IDs like A320 / COVID-19 / F-16, times, ordinals, "Thirty 200-mg tablets"
        if (re.search(r"[A-Z][\w'’-]+,\s*$", sentence[max(0, s - 30):s]) and re.match(r"\s*,", sentence[e:e + 2])) \
                or re.search(r"\b(?:who\s+(?:is|was)|aged)\s*$", sentence[max(0, s - 12):s], re.I):
            continue  # an age: "Paul Dent, 58, was convicted", "Ivers, who is 48,", "a man aged 30"
        if _LABEL_BEFORE.search(sentence[max(0, s - 8) : s]):
            continue  # a name, not a count: "No. 1 Intermediate Court", "Route 66", "#3 seed"
        if re.match(r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|GMT|UTC)", sentence[e:e + 6], re.I):
            continue  # a clock time ("3 a.m."): the date rules read those
        if _PAST_EVENT.search(sentence[max(0, s - 40):s]):
            continue  # "since 1998, when 112 people were killed": another event's figure
        if _MONTH_NEAR.search(sentence[max(0, s - 12) : s]) or _MONTH_NEAR.search(sentence[e : e + 12]):
            continue  # the day of a date ("Aug. 17", "17 August"): the date rules compare those
        if re.fullmatch(r"\d+\s*[-–]\s*\d+", v) and VOTE_CONTEXT.search(sentence):
            continue  # a vote or score split ("an 8-1 vote"): the vote rule compares those
        if _MULTIPLIER.match(sentence, e):
            continue  # a multiplier ("three times as many"), not a count of times ("delayed three times")
        if v.endswith("-") and (_COMPOUND.match(sentence, e) or not _unit_after(sentence, e)):
            continue  # "nine-year-old", "two-thirds", "a three-term congressman": adjectives, not counts
        low = v.lower()
        suffix = None
        if low in _VAGUE and low not in ("several", "a few") and not re.match(r"\s+of\b", sentence[e : e + 4]):
            continue  # "scores a goal", "thousands" alone: only "scores of", "thousands of" are quantities
        if low in _VAGUE:
            lo, hi = _VAGUE[low]
        elif re.match(r"[\d$€£.]", v):
            parts = re.split(r"\s*(?:-|–|to)\s*(?=\d)", v)
            nums = [_digits(re.sub(r"\s+[a-z]+$", "", p)) for p in parts]
            scale: float = next((_SCALES[w] for w in _SCALES if low.endswith(w)), 1)
            if any(n != n for n in nums):
                continue
            if len(nums) == 1 and _YEAR.match(re.sub(r"[^\d]", "", v)) and "," not in v:
                continue  # a year, not a count
            if len(parts) == 2 and _YEAR.match(re.sub(r"[^\d]", "", parts[0])):
                continue  # a span of years ("1995-96", "2010 to 2014")
            suffix = _SUFFIX.match(sentence, e)  # "72M", "$3bn", "40k": attached scales
            if suffix and scale == 1:
                scale = _SUFFIX_SCALE[suffix.group(1).lower()]
            lo, hi = min(nums) * scale, max(nums) * scale
        else:
            val = _words_value(v)
            if val is None or (low.strip() in ("one", "a") and not m.group("q")):
                continue
            lo = hi = val
        q = (m.group("q") or "").strip().lower()
        if re.fullmatch(_LOWER, q):
            # "at least 12 killed" is not "21 died": a floor, with room for a count that grew (up to half as much)
            lo, hi = lo + (0 if q.startswith(("at least", "no ")) else 1e-9), hi * _FLOOR_ROOM
        elif re.fullmatch(_UPPER, q):
            lo = 0.0
        elif q and m.group("pct"):
            lo, hi = min(lo * 0.95, lo - 1), max(hi * 1.05, hi + 1)  # "some 91%": a point or two, not 91 +- 14
        elif q in _BELOW:
            lo = lo * _BELOW_ROOM  # "nearly two days" for 40 hours, never more than two days
        elif q:
            lo, hi = lo * (1 - _ABOUT_ROOM), hi * (1 + _ABOUT_ROOM)
        tail = _CLAUSE_END.split(sentence[suffix.end() if suffix else m.end() : m.end() + 40])[0]
        rest = [w for w in re.findall(r"[A-Za-z%$€£]+", tail)
                if w.lower() not in STOP | _ATTRIBUTION and not _WHEN_WORD.fullmatch(w)][:3]
        prev = [
            w for w in re.findall(r"[A-Za-z]+", sentence[max(0, m.start() - 30) : m.start()]) if w.lower() not in STOP
        ][-1:]
        if _PPM.match(tail):
            rest = ["ppm"]  # "1.6 parts per million" is "0.6 ppm"'s unit
        part = _PART_OF.match(tail)
        if part and (part.group("n")[0].isdigit() or _words_value(part.group("n")) is not None):
            rest = [part.group("noun")]  # "Four of the train's six carriages": four carriages
        speed = _SPEED.match(tail)
        if speed:
            rest = ["km/h" if speed.group("k") else "mph"] + [
                w for w in re.findall(r"[A-Za-z%$€£]+", tail[speed.end():]) if w.lower() not in STOP][:2]
        if re.match(r"-?\s*magnitude\b", tail, re.I) or _prev_word(sentence, m.start()) in ("magnitude", "measuring"):
            rest = ["magnitude"] + [r for r in rest if r.lower() != "magnitude"][:2]  # an earthquake's size
        elif _prev_word(sentence, m.start()) == "category":
            rest = ["category"] + rest[:2]  # a storm's class on a scale: "a Category 4 hurricane"
        if len(rest) > 1 and rest[0].lower() in _ADJECTIVES and not speed:
            rest = rest[1:]  # "Three young children": children are counted
        unit = "%" if m.group("pct") else (rest[0] if speed else lemma(rest[0]) if rest else "")
        if unit in _IN_HOURS:  # "a 48-hour strike" / "for two days": one duration in one unit
            lo, hi, unit = lo * _IN_HOURS[unit], hi * _IN_HOURS[unit], "hour"
        # context words name what is counted; names ("Harlow", "Dunmore") say where, not what
        ctx = frozenset(lemma(w) for w in [r for r in rest if not r[:1].isupper()] + prev) | ({unit} if unit else set())
        clause = re.split(r"[,;:]", sentence[:m.start()])[-1]
        if not unit and _TOLL.search(clause):
            unit = "dead"  # "The death toll stood at 12": a count of the dead
        head = _changed(clause)
        ctx |= head
        role = _role(sentence, m.start())
        if not rest and _FIGURE_OF.search(clause) and not re.search(r"\d", clause):
            # the figure ends its clause and the clause named what it counts: "the number of confirmed measles
            # cases has risen to 34.", "the county's kindergarten vaccination rate stands at 78%."
            ctx |= {lemma(w) for w in re.findall(r"[A-Za-z]+", clause)[-8:] if w.lower() not in STOP
                    and not w[:1].isupper() and len(w) > 2}
        text = (sentence[m.start() : suffix.end() if suffix else m.end()].strip().replace("- ", "-")
                + (f" {tail[:speed.end()].strip()}" if speed
                   else f"{'-' if tail.startswith('-') else ' '}{rest[0]}"
                   if rest and not m.group("pct") and not re.match(r"[$€£]", v) else ""))
        text = text.replace("- ", "-")  # "an eight-year sentence", "a 14-month spell": as written
        out.append(
            Quantity(
                f"Category {v}" if unit == "category" else text,
                lo,
                hi,
                frozenset(c for c in ctx if c),
                unit,
                role if role != "start" or head else "level",  # "ranged from 1.8 to 4.4": no change, a range
                _prev_word(sentence, m.start()),
                _fate(sentence, m.start(), m.end()),
                bool(_RATE.match(tail)) or bool(_RATE_BEFORE.search(sentence[max(0, m.start() - 40):m.start()])),
                (m.start(), m.end("v")),
                head,
            )
        )
    out += _frequencies(sentence)
    out += _zeros(sentence)
    return tuple(out)


_MULTIPLIER = re.compile(r"\s*times\b(?!\s*(?:[.,;:!?]|$|\b(?:in|on|at|since|before|after|this|last|so|because|"
                         r"during|over|and|but)\b))", re.I)
_TWICE = re.compile(r"\b(twice|thrice)\b(?!\s+(?:as|the|that|a|an|more|less)\b)", re.I)


def _frequencies(sentence: str) -> list[Quantity]:
    """How many times something happened, in a word: "delayed twice" is "delayed two times" (not "twice as many").

    Example:
        >>> [(q.text, q.lo, q.unit) for q in _frequencies("The launch had been delayed twice.")]
        [('twice', 2.0, 'time')]
    """
    out = []
    for m in _TWICE.finditer(sentence):
        n = 2.0 if m.group(1).lower() == "twice" else 3.0
        prev = [w for w in re.findall(r"[A-Za-z]+", sentence[max(0, m.start() - 30):m.start()])
                if w.lower() not in STOP][-1:]
        out.append(Quantity(m.group(1), n, n, frozenset([*(lemma(w) for w in prev), "time"]), "time", "",
                            _prev_word(sentence, m.start()), "", False, (m.start(), m.end()), frozenset()))
    return out


# "No homes have been destroyed", "No one was hurt", "no injuries were reported": a count of zero, read only
# beside a fate word (not "no plans", "no details")
_ZERO = re.compile(r"(?<![\w.])(?:no|zero)\s+(?P<n>one\b|people\b|children\b|staff\b|personnel\b|"
                   r"(?!(?:less|was|has|does|is|this|thus|news|longer|more|fewer|sign|signs)\b)[a-z]{3,}s\b)|"
                   r"\bnone\s+of\s+(?:the|those|them|these)(?P<n2>)", re.I)


_ABOARD = re.compile(r"\s*(?:\w+\s+)?(?:on\s+board|aboard)\b", re.I)


def _zeros(sentence: str) -> list[Quantity]:
    out = []
    for m in _ZERO.finditer(sentence):
        at = m.start("n") if m.group("n") is not None else m.end()
        # "None of those on board was hurt": who they are ("on board") is not what befell them ("hurt")
        aboard = _ABOARD.match(sentence, at)
        fate = _fate(sentence, m.start(), aboard.end() if aboard else at)
        if not fate:
            continue
        noun = (m.group("n") or "one").lower()  # "None of those infected": people
        unit = "people" if noun == "one" else lemma(noun)
        rest = [w for w in re.findall(r"[A-Za-z]+", sentence[m.end():m.end() + 40]) if w.lower() not in STOP][:2]
        ctx = frozenset(c for c in [unit, *(lemma(w) for w in rest if not w[:1].isupper())] if c)
        out.append(Quantity(m.group(0), 0.0, 0.0, ctx, unit, "", _prev_word(sentence, m.start()), fate, False,
                            (m.start(), m.end())))
    return out


_WORD_SPAN = re.compile(rf"(?<![\w-]){_SPELLED}(?!-(?:thirds?|quarters?|halves|fifths?|tenths?)\b)", re.I)


def _well_formed(words: str) -> bool:
    """ "twenty-seven", "a hundred and fifty": yes; "fifty-fifty", "one two three": no."""
    tokens = [w for w in re.findall(r"[a-z]+", words.lower()) if w != "and"]
    if tokens in (["one"], ["a", "one"]) or tokens[0] in _SCALES:
        return False  # a pronoun or article ("one of them"); "million and two" after a digit
    prev = None
    for w in tokens:
        if w in _UNITS:
            if prev is not None and prev in _UNITS and not (_UNITS[prev] >= 20 and _UNITS[w] < 10):
                return False
            prev = w
        elif w in _SCALES:
            prev = None
    return True


def _as_digits(value: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale and (value / scale * 10) % 1 == 0:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}"


def digits_for_words(sentence: str) -> str:
    """The sentence with spelled-out numbers written in digits, for the NLI model's input.

    The NLI model reads "Twenty-seven people" against "27 people" as a changed number; the rules
    already know they are equal, so the model is shown one spelling. "one" alone stays a word (a
    pronoun as often as a number), vague words ("dozens", "several") and fractions stay as they are.

    Example:
        >>> digits_for_words("Twenty-seven people were hurt and about two dozen shops were hit.")
        '27 people were hurt and about 24 shops were hit.'
    """
    def sub(m: re.Match[str]) -> str:
        lead, words = "", m.group(0)
        article = re.match(r"an?\s+", words, re.I)
        if article and words[article.end():].split("-")[0].split()[0].lower() not in _SCALES:
            lead, words = words[:article.end()], words[article.end():]  # "a nine-year-old": keep "a"
        value = _words_value(words)
        return m.group(0) if value is None or not _well_formed(words) else lead + _as_digits(value)

    return _WORD_SPAN.sub(sub, sentence)


# a currency sign after any qualifier: "$1.75", "about €260 million", "more than £2bn"
_SIGNED = re.compile(rf"\s*(?:(?:{_LOWER}|{_UPPER}|{_APPROX})\s+)?[$€£]", re.I)


def _kind(q: Quantity) -> str:
    """What a quantity measures: a share, money, a measure in one unit, or a count of things."""
    if _SIGNED.match(q.text):
        return "money"  # "$1.75, or 2.11 percent": the sign says money whatever word follows
    if q.unit == "%":
        return "%"
    if q.unit in _MONEY:
        return "money"
    return q.unit if q.unit in _MEASURES else "count"


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Two quantities of one kind count the same thing: one unit noun ("people"), or shared context words.

    A share's unit says nothing ("3 percent" of children vs "8 percent" of pupils on medication): two
    shares must share a context word besides "%".
    """
    if a.unit and a.unit == b.unit and a.unit not in ("%", *_MONEY):
        return True
    if _two_nouns(a, b) and not {a.unit, b.unit} & _PEOPLE:
        # "Five carriages of the train" / "the train had 200 passengers", "14 crew members fell ill" / "300
        # passengers became ill": two nouns, two things, whatever befell them
        return False
    if a.fate and a.fate == b.fate and _kind(a) == _kind(b) and _kind(a) in ("count", "money"):
        return True  # "killing 11 passengers" / "Seventeen people died": one group's fate under two nouns
    if _two_nouns(a, b):
        return False
    if a.head and b.head and _kind(a) == "%":
        return bool(a.head & b.head)  # "lifts rates to 4.25%" / "inflation eased to 3.8%": two things changed
    return _shared_context(a, b)


def _two_nouns(a: Quantity, b: Quantity) -> bool:
    """Two counts of two nouns that do not name each other ("Five carriages" / "200 passengers")."""
    return (_kind(a) == "count" and _noun(a.unit) and _noun(b.unit) and a.unit != b.unit
            and a.unit not in b.context and b.unit not in a.context)


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
    return bool(a.fate and b.fate and a.fate != b.fate) or a.rate != b.rate


_TIME = {"year", "month", "week", "day", "hour", "minute", "second"}
_IN_HOURS = {"day": 24, "days": 24, "week": 168, "weeks": 168}
# a day or month after a figure says when, not what is counted ("stood at 12 on Thursday")
_WHEN_WORD = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|august|"
                        r"september|october|november|december|morning|afternoon|evening", re.I)
_TOLL = re.compile(r"\b(?:death|casualty)\s+toll\b", re.I)
# words that say a figure of what they name follows: "the number of cases has risen to 34"
_FIGURE_OF = re.compile(r"\b(?:number|total|tally|toll|count|rate|share|proportion|percentage)\b", re.I)
# adjectives between a figure and what it counts
_ADJECTIVES = frozenset("young old small large other more new local foreign senior junior former additional "
                        "further elderly elder younger older armed unarmed civilian".split())


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
        related = [y for y in qb if _kind(x) == _kind(y) and _same_thing(x, y) and not _other_predicate(x, y)
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
_NAMED_SUBJECT = re.compile(r"\s*(?!The\b)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+"
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
    named = _kind(q) == "money" and bool(_NAMED_SUBJECT.match(re.split(r"[,;:]", s[:max(q.span[0], 0)])[-1]))
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
        >>> s = "Nurses accepted a 5.5% pay increase."
        >>> _change_noun(s, quantities(s)[0])
        'up'
    """
    if q.span[1] < 0:
        return None
    m = _CHANGE_AFTER.match(sentence[q.span[1]:]) or _CHANGE_BY.search(sentence[max(0, q.span[0] - 30):q.span[0]])
    return None if m is None else "up" if m.group("up") else "down"


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
_SOUGHT = re.compile(r"\b(?:wanted|sought|seeking|seeks?|demand(?:ed|ing|s)?|asked\s+for|called\s+for|"
                     r"request(?:ed|ing)|pushed\s+for|proposed|recommended)\s+(?:an?\s+|the\s+|up\s+to\s+)?[$€£]?$",
                     re.I)


def _sought(sentence: str, q: Quantity) -> bool:
    """A figure asked for ("had wanted an eight-year sentence"): compared only with a figure asked for."""
    return q.span[0] >= 0 and bool(_SOUGHT.search(sentence[max(0, q.span[0] - 30):q.span[0]]))


_PPM = re.compile(r"\s*(?:ppm\b|parts?\s+per\s+million\b)", re.I)
# a part of an owner's whole, counted in the whole's noun: "Four of the train's six carriages" (not the train)
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her)\s+[\w-]+['’]s\s+(?P<n>\d[\d,]*|[a-z]+)\s+"
                      r"(?P<noun>[a-z]{3,})", re.I)
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
    return bool(qa) and bool(qb) and all(_different_things(x, y) for x in qa for y in qb)


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


def harmonise(a: str, b: str) -> tuple[str, str]:
    """Two sentences with an approximate figure written as the exact one the other gives, for the NLI model.

    "almost 200 passengers" against "197 people aboard" is one figure to the rules, a changed number to a
    model trained on number edits; like :func:`digits_for_words`, the model is shown what the rules know.
    Only a figure with a qualifier ("about", "more than", "nearly") that exactly one figure of the other
    sentence answers, within its interval, is rewritten; the report keeps the articles' own words.

    Example:
        >>> harmonise("Almost 200 passengers were aboard.", "It carried 197 passengers.")
        ('197 passengers were aboard.', 'It carried 197 passengers.')
    """
    def rewrite(s: str, qs: Sequence[Quantity], others: Sequence[Quantity]) -> str:
        for x in sorted(qs, key=lambda q: -q.span[0]):  # right to left: earlier spans keep their place
            if x.lo == x.hi or x.span[0] < 0 or _kind(x) in ("%", "money"):
                continue
            match = [y for y in others if _related(x, y)]
            if len(match) == 1 and match[0].lo == match[0].hi and _compatible(x, match[0]) and match[0].span[0] >= 0:
                start, end = x.span
                s = s[:start] + _figure_text(match[0]) + s[end:]
        return s

    qa, qb = _quantities(a), _quantities(b)
    return rewrite(a, qa, qb), rewrite(b, qb, qa)


def _figure_text(q: Quantity) -> str:
    return f"{q.lo:,.0f}" if q.lo == int(q.lo) and q.lo < 1e6 else _as_digits(q.lo) if q.lo >= 1e6 else f"{q.lo:g}"
