"""Number mentions as intervals: digits, number words, qualifiers ("at least", "about"), ranges, units.

Reads the figures out of one sentence (:func:`quantities`) and what kind each is (:func:`_kind`); the fate and
period words near a figure are read by :mod:`.fates`, number words by :mod:`.number_words`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..months import MONTH_PATTERN as _MON
from .fates import _RATE, _RATE_BEFORE, _fate
from .number_words import _SCALES, _SPELLED, _digits, _words_value
from .quantity import Quantity
from .shares import _shares
from .words import (
    CHANGE_WORDS,
    STOP,
    UNIT_ALIASES,
    VOTE_AGAINST,
    VOTE_CONTEXT,
    VOTE_FOR,
    changed_thing,
    lemma,
)

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
_LOWER = (r"at least|just over|well over|just above|more than|over|above|upwards of|no fewer than|no less than|"
          r"in excess of")
_UPPER = (r"up to|fewer than|less than|just under|just below|under|below|at most|no more than|a maximum of|as much as|"
          r"as many as")
_BELOW = ("nearly", "almost", "close to")  # just under the figure
_BELOW_ROOM = 0.82  # "nearly two days" may be 40 hours; "almost 190" is not "about 140"
_ABOUT_ROOM = 0.1  # "about 650 metres" is not 560, "about 6,000" is 6,200
_APPROX = r"about|around|nearly|almost|roughly|approximately|some|close to|an estimated|estimated|approx\.?"
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


_FLOOR_ROOM = 1.5  # "at least N", "more than N": up to 1.5 N


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
             "km/h", "mph", "knot", "magnitude", "category", "storey", "story", "floor"}
# a speed after the number: "140 km/h", "90 kilometres per hour", "60 mph", "30 miles an hour" (not a distance)
_SPEED = re.compile(r"\s*(?:(?P<k>km/h|kmh|kph|km\s*/\s*h\b|(?:km|kilomet(?:re|er)s?)\s+(?:per|an|a)\s+hour)"
                    r"|(?P<m>mph|miles?\s+(?:per|an|a)\s+hour))", re.I)
_SUFFIX = re.compile(r"(bn|m|k)(?![A-Za-z])", re.I)
_SUFFIX_SCALE = {"bn": 1e9, "m": 1e6, "k": 1e3}


# the end of a figure's clause: what follows ("4.5% on Thursday, its first rise") says nothing of what it counts
# a clause's end, or a conjunction that starts another phrase ("770 with more than 8,300 people sickened")
_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–—]\s|\s(?:with|and|while|whereas|as)\s", re.I)
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


_IN_HOURS = {"day": 24, "days": 24, "week": 168, "weeks": 168}
# a day or month after a figure says when, not what is counted ("stood at 12 on Thursday")
_WHEN_WORD = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|august|"
                        r"september|october|november|december|morning|afternoon|evening", re.I)
# "put the magnitude at 6.1", "a magnitude of 6.4", "the magnitude was 6.1": the figure is the size
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude\s+(?:at|of|was|is|as|of\s+about)\s+$", re.I)
_TOLL = re.compile(r"\b(?:death|casualty)\s+toll\b", re.I)
# words that say a figure of what they name follows: "the number of cases has risen to 34"
_FIGURE_OF = re.compile(r"\b(?:number|total|tally|toll|count|rate|share|proportion|percentage|"
                        # a sum the clause names: "the budget is set at $412m.", "the fine came to $2 million."
                        r"budget|cost|price|fine|fee|bill|salary|ransom|settlement|compensation|damages)\b", re.I)
# what a figure after "of" is the size of, with no noun of its own ("a majority of 1,204 over ...")
_MARGINS = frozenset("majority margin lead".split())
# adjectives between a figure and what it counts
_ADJECTIVES = frozenset("young old small large other more new local foreign senior junior former additional "
                        "further elderly elder younger older armed unarmed civilian confirmed suspected reported "
                        "probable known account stranded trapped".split())


# the nouns news counts, in the one form the lemmatiser gives them ("infections" -> "case")
# (nouns only: "killed" is read as "dead", "hurt" as "injured", and they are fates, not what is counted)
_COUNTED = frozenset(UNIT_ALIASES.values()) - {"%", "km", "m", "mi", "kg", "t", "usd", "eur", "gbp", "year", "dead",
                                               "injured", "worth", "unemployment", "talk"}
_BRINGING_IT = re.compile(r"\b(?:bringing|taking|lowering|raising|leaving|putting|pushing|lifting|cutting)\s+it\s+"
                          r"(?:to|at)\s+(?:about\s+|around\s+)?$", re.I)
_OF_OWNERS = re.compile(r"\s+of\s+(?:the|its|their|his|her)\s+[\w-]+['’]s\s+(?P<noun>[a-z]+)")
_PPM = re.compile(r"\s*(?:ppm\b|parts?\s+per\s+million\b)", re.I)
# a part of an owner's whole, counted in the whole's noun: "Four of the train's six carriages" (not the train)
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her)\s+[\w-]+['’]s\s+(?P<n>\d[\d,]*|[a-z]+)\s+"
                      r"(?P<noun>[a-z]{3,})", re.I)


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
                           r"-(?:metre|meter|kilometre|kilometer|mile|foot|tonne|km|kg|storey|story|floor)s?\b(?!-)",
                           sentence[e:e + 14],
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
        elif q in _BELOW and m.group("pct"):
            lo = min(lo * 0.9, lo - 2)  # "nearly 30 percent" for 28 percent, never more than 30
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
        elif prev and prev[0].lower() in _MARGINS and rest and not rest[0].endswith("s") \
                and lemma(rest[0]) not in _COUNTED:
            rest = []  # "a majority of 1,204 over her nearest rival": a margin, of what the sentence counts
        part = _PART_OF.match(tail)
        if part and (part.group("n")[0].isdigit() or _words_value(part.group("n")) is not None):
            rest = [part.group("noun")]  # "Four of the train's six carriages": four carriages
        elif owned := _OF_OWNERS.match(tail):
            rest = [owned.group("noun")]  # "six of the city's schools": six schools
        elif len(rest) > 1 and rest[0][:1].isupper() and not rest[0].isupper() and rest[1][:1].islower() \
                and (rest[1].endswith("s") or lemma(rest[1]) in _COUNTED):
            # "Two Carrowmoor schools": a place names where, the plural after it what is counted (a model's name
            # before another word is what is counted: "41,000 Corvo sport utility vehicles")
            rest = rest[1:]
        elif len(rest) > 2 and all(w[:1].isupper() and not w.isupper() for w in rest[:2]) \
                and rest[2][:1].islower() and (rest[2].endswith("s") or lemma(rest[2]) in _COUNTED):
            rest = rest[2:]  # "4.2 million Veltrane Systems accounts": a two-word name, then what is counted
        elif len(rest) > 1 and lemma(rest[1]) in _COUNTED and lemma(rest[0]) not in _COUNTED \
                and not rest[1].lower().endswith("ed"):
            rest = rest[1:]  # "64 measles infections": the known noun after a modifier is what is counted
        speed = _SPEED.match(tail)
        if speed:
            rest = ["km/h" if speed.group("k") else "mph"] + [
                w for w in re.findall(r"[A-Za-z%$€£]+", tail[speed.end():]) if w.lower() not in STOP][:2]
        if re.match(r"-?\s*magnitude\b", tail, re.I) or _prev_word(sentence, m.start()) in ("magnitude", "measuring") \
                or _MAGNITUDE_BEFORE.search(sentence[max(0, m.start() - 30):m.start()]):
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
        if _BRINGING_IT.search(clause):
            # "reduced its main policy rate by a quarter point, bringing it to 4.5%": "it" is the clause before
            head = _changed(re.split(r"[,;:]", sentence[:m.start()])[-2]) if "," in sentence[:m.start()] else head
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
                # the toll names the fate however far before the figure ("The death toll from ... stood at 14")
                "death" if unit == "dead" else _fate(sentence, m.start(), m.end()),
                bool(_RATE.match(tail)) or bool(_RATE_BEFORE.search(sentence[max(0, m.start() - 40):m.start()])),
                (m.start(), m.end("v")),
                head,
            )
        )
    out += _frequencies(sentence)
    out += _zeros(sentence)
    out += _shares(sentence)
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
