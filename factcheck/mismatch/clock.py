"""Clock times: digits ("3:15 a.m.", "03:15", "at 14:00"), "noon" and "midnight", and times in words with their
part of the day ("half past ten in the morning"), as minutes of the day with the slack their qualifiers give.

Example:
    >>> _clock_minutes("The quake struck at twenty to eleven in the morning.")
    (('twenty to eleven in the morning', 640, 640),)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .number_words import word_number
from .numbers import quantities

__all__ = ["clock_times_as_words", "time_against_figures"]

_CLOCK = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?"
    r"|\b((?:at|from|until|till|by|around|about|before|after|since|between|and|to)\s+)(\d{1,2}):(\d{2})(?![\d:])"
    r"(?!\s*(?:[ap]\.?\s?m\b|hours?\b|hrs?\b|minutes?\b|mins?\b))"
    r"|\b(midnight|noon|midday)\b",
    re.I,
)


def _clock_text(m: re.Match[str]) -> str:
    if m.group(7):
        return "midnight" if m.group(7).lower() == "midnight" else "noon"
    lead = m.group(4) or ""
    if m.group(3):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return m.group(0)
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    else:
        hour, minute = int(m.group(5)), int(m.group(6))
        if not (hour < 24 and minute < 60):
            return m.group(0)
    if minute == 0 and hour in (0, 12):
        return lead + ("midnight" if hour == 0 else "noon")
    clock = f"{(hour - 1) % 12 + 1}" + (f":{minute:02d}" if minute else "")
    return f"{lead}{clock} {'a.m.' if hour < 12 else 'p.m.'}"


_HOURS = ("one two three four five six seven eight nine ten eleven twelve").split()
_PAST = {"five": 5, "ten": 10, "quarter": 15, "a quarter": 15, "twenty": 20, "twenty-five": 25, "twenty five": 25,
         "half": 30}
# a time in words, told by its part of the day: "twenty to eleven in the morning", "half past ten in the
# morning", "eight o'clock in the evening", "11 at night" (a bare "ten to one" is odds, not a time)
_SPOKEN_CLOCK = re.compile(
    r"\b(?:(?P<m>" + "|".join(sorted(_PAST, key=len, reverse=True)) + r"|[1-5]?\d)(?:\s+minutes?)?"
    r"\s+(?P<dir>past|after|to)\s+)?"
    r"(?P<h>" + "|".join(_HOURS) + r"|1[0-2]|[1-9])(?:\s+o['’]clock)?"
    r"\s+(?P<part>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b", re.I)


def _spoken_minute(m: re.Match[str]) -> int:
    """Minute of the day of a :data:`_SPOKEN_CLOCK` match."""
    h = m.group("h").lower()
    hour = int(h) if h.isdigit() else _HOURS.index(h) + 1
    part = m.group("part").lower()
    later = part.endswith(("afternoon", "evening")) or (part.endswith("night") and 6 <= hour <= 11)
    hour = hour % 12 + (12 if later else 0)
    said = (m.group("m") or "").lower()
    step = int(said) if said.isdigit() else _PAST.get(said, 0)  # "14 minutes past six", "twenty to eleven"
    minute = hour * 60 + (-step if (m.group("dir") or "").lower() == "to" else step)
    return minute % 1440


def _spoken_text(m: re.Match[str]) -> str:
    minute = _spoken_minute(m)
    hour, rest = divmod(minute, 60)
    return f"{(hour - 1) % 12 + 1}" + (f":{rest:02d}" if rest else "") + (" a.m." if hour < 12 else " p.m.")


_CLOCK_SLACK = 15  # minutes either side of an exact hour ("3 a.m." for 3:10); "around" and "about" widen it
_CLOCK_QUALIFIERS = {"around": (-30, 30), "about": (-30, 30), "approximately": (-30, 30), "roughly": (-30, 30),
                     "shortly after": (0, 45), "just after": (0, 45), "soon after": (0, 60),
                     "shortly before": (-45, 0), "just before": (-45, 0)}


@lru_cache(maxsize=8192)
def _clock_minutes(s: str) -> tuple[tuple[str, int, int], ...]:
    """Clock times of a sentence as (text, earliest, latest) minutes of the day, qualifiers widening them."""
    out = []
    for m in _CLOCK.finditer(s):
        text = _clock_text(m).strip()
        hit = re.match(r"(?:(?:at|from|until|till|by|around|about|before|after|since|between|and|to)\s+)?"
                       r"(\d{1,2})(?::(\d{2}))?\s+([ap])\.m\.", text)
        if text in ("midnight", "noon"):
            minute = 0 if text == "midnight" else 720
        elif hit:
            minute = (int(hit.group(1)) % 12 + (12 if hit.group(3) == "p" else 0)) * 60 + int(hit.group(2) or 0)
        else:
            continue
        before = s[max(0, m.start() - 20):m.start()].lower()
        lo, hi = (-_CLOCK_SLACK, _CLOCK_SLACK) if minute % 60 == 0 else (0, 0)
        for word, (d_lo, d_hi) in _CLOCK_QUALIFIERS.items():
            if re.search(rf"\b{word}\s*$", before) or (m.group(4) or "").strip().lower() == word:
                lo, hi = min(lo, d_lo), max(hi, d_hi)
        out.append((s[m.start():m.end()].strip(), minute + lo, minute + hi))
    for m in _SPOKEN_CLOCK.finditer(s):
        minute = _spoken_minute(m)
        lo, hi = (-_CLOCK_SLACK, _CLOCK_SLACK) if minute % 60 == 0 else (0, 0)
        out.append((m.group(0).strip(), minute + lo, minute + hi))
    return tuple(out)


def clock_times_as_words(sentence: str) -> str:
    """The sentence with each clock time in one spelling, for the NLI model's input.

    "03:15", "3.15am" and "3:15 a.m." all become "3:15 a.m."; "12 a.m." becomes "midnight". A bare
    "h:mm" counts as a time only after "at", "from", "until", "by", "around", ... (not "2:30 hours"); a time
    in words with its part of the day ("half past ten in the morning") becomes "10:30 a.m.".

    Example:
        >>> clock_times_as_words("The quake struck at 03:15, just after 12 a.m. on Monday.")
        'The quake struck at 3:15 a.m., just after midnight on Monday.'
    """
    return re.sub(r"([ap]\.m\.)\.", r"\1", _CLOCK.sub(_clock_text, _SPOKEN_CLOCK.sub(_spoken_text, sentence)))


def time_against_figures(a: str, b: str) -> bool:
    """One text gives clock times and no other figure, the other figures and no clock time ("The bridge fell at
    7:40 p.m." / "The bridge was 55 years old"): a model trained on changed numbers reads such a pair as a
    contradiction; the rules know a time of day and a count are two things.

    Example:
        >>> time_against_figures("The bridge fell at 7:40 p.m.", "Police said 14 vehicles went down.")
        True
        >>> time_against_figures("The bridge fell at 7:40 p.m.", "It fell at 5:40 p.m.")
        False
    """
    ta, tb = bool(_CLOCK.search(a)), bool(_CLOCK.search(b))
    qa, qb = bool(quantities(a)), bool(quantities(b))
    return (ta and not qa and qb and not tb) or (tb and not qb and qa and not ta)


# ------------------------------------------------------------------------------------------- match minutes
_MATCH_LENGTH = 90
# the minute of a match an event came in: "in the 88th minute", "an 88th-minute winner", "two minutes from time",
# "ten minutes into the second half", "shortly before half-time"
_MATCH_MINUTE = re.compile(
    r"\b(?P<ord>\d{1,3})(?:st|nd|rd|th)[\s-]minute\b|"
    r"\b(?P<n>\d{1,3}|[a-z]+)\s+minutes?\s+(?P<left>from\s+(?:time|the\s+end|full[\s-]time))\b|"
    r"\b(?P<k>\d{1,3}|[a-z]+)\s+minutes?\s+(?P<into>into|after)\s+the\s+(?P<half>second\s+half|restart|break|interval|"
    r"first\s+half|match|game)\b|"
    r"\b(?P<before>(?:shortly|just|moments|minutes)\s+before)\s+(?:half[\s-]time|the\s+(?:interval|break))\b|"
    r"\b(?P<after>(?:shortly|just|soon|moments)\s+after)\s+(?:half[\s-]time|the\s+(?:interval|break|restart))\b",
    re.I)
_BEFORE_BREAK = (38, 45)  # "shortly before half-time": the last minutes of the first half, stoppage time aside
_AFTER_BREAK = (46, 55)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else (int(v) if (v := word_number(word)) is not None else None)


@lru_cache(maxsize=8192)
def _match_minutes(s: str) -> tuple[tuple[str, int, int], ...]:
    """Minutes of a match a sentence gives, as (text, earliest, latest).

    Example:
        >>> _match_minutes("Weyland settled the final two minutes from time.")
        (('two minutes from time', 88, 88),)
    """
    out = []
    for m in _MATCH_MINUTE.finditer(s):
        if m.group("ord"):
            lo = hi = int(m.group("ord"))
        elif m.group("before"):
            lo, hi = _BEFORE_BREAK
        elif m.group("after"):
            lo, hi = _AFTER_BREAK
        else:
            n = _count(m.group("n") or m.group("k"))
            if n is None:
                continue
            if m.group("left"):
                lo = hi = _MATCH_LENGTH - n
            else:
                second = m.group("half").lower().split()[0] in ("second", "restart", "break", "interval")
                lo = hi = n + (_MATCH_LENGTH // 2 if second else 0)
        out.append((m.group(0), lo, hi))
    return tuple(out)

