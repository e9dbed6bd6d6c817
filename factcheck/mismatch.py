"""Stage 7, typed mismatches between two related sentences, independent of the NLI model.

Kinds: ``number`` (with units and number words; "at least three" is compatible with "three",
"more than two dozen" with 27, "two kilometres" equals "2 km"), ``date`` (weekdays, day and
month, single years), ``title`` (one person, two titles: "Mayor" vs "Governor"), ``name`` (one
title, two people), ``entity`` (same-role named entities: "Second Russian Agreement" vs "Minsk
II"), ``place`` and ``negation`` (polarity or antonym flip in otherwise matching sentences).
Spelling variants of one name ("Antony" vs "Anthony") are returned as ``spelling`` notes, never as
mismatches. Years are not counts, IDs ("A320", "COVID-19") and times are ignored, ranges and
approximate quantities are compared as intervals.

Example:
    >>> [m.to_dict() for m in find_mismatches("27 people were injured.", "72 people were injured.").mismatches]
    [{'kind': 'number', 'a': '27 people', 'b': '72 people'}]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .results import Mismatch

# ----------------------------------------------------------------------------------------------- numbers
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12}
_VAGUE = {"dozens": (24, 100), "hundreds": (200, 1000), "thousands": (2000, 10_000),
          "millions": (2e6, 1e7), "several": (3, 9), "a few": (2, 5), "scores": (40, 100)}
_LOWER = r"at least|more than|over|above|upwards of|no fewer than|no less than|in excess of"
_UPPER = r"up to|fewer than|less than|under|below|at most|no more than"
_APPROX = r"about|around|nearly|almost|roughly|approximately|some|close to|an estimated|estimated|approx\.?"
_NUMWORD = "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True))
_NUM_RE = re.compile(
    rf"(?P<q>(?:{_LOWER}|{_UPPER}|{_APPROX})\s+)?"
    rf"(?<!\w)(?P<v>(?:\$|€|£)?\d[\d,]*(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d[\d,]*(?:\.\d+)?)?"
    rf"(?:\s+(?:{'|'.join(_SCALES)}))?|"
    rf"(?:dozens|hundreds|thousands|millions|several|scores)(?!\w)|(?:a\s+)?(?:(?:{_NUMWORD})(?!\w)(?:[\s-]+(?:and\s+)?)?)+)"
    rf"(?P<pct>\s*(?:%|percent|per cent))?", re.I)
_UNIT_ALIASES = {"kilometre": "km", "kilometer": "km", "km": "km", "metre": "m", "meter": "m",
                 "mile": "mi", "percent": "%", "per": "%", "kilogram": "kg", "kg": "kg", "tonne": "t",
                 "ton": "t", "dollar": "usd", "usd": "usd", "euro": "eur", "pound": "gbp", "yr": "year",
                 "person": "people", "man": "people", "men": "people", "soldier": "troop"}
_STOP = set("a an the of and or to in on at by for with from that this these those was were is are be been "
            "has have had it its their his her as than who which said says say would will could can also "
            "some all about over more least nearly around".split())
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Quantity:
    """A number mention as an interval [lo, hi] with its context words."""

    text: str
    lo: float
    hi: float
    context: frozenset[str]
    unit: str


def _lemma(w: str) -> str:
    w = w.lower().strip(".,;:’'\"")
    w = _UNIT_ALIASES.get(w, w)
    for suf, rep in (("ies", "y"), ("es", ""), ("s", "")):
        if len(w) > 4 and w.endswith(suf) and not w.endswith("ss"):
            w = w[: -len(suf)] + rep
            break
    return _UNIT_ALIASES.get(w, w)


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


def _digits(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text) or "nan")


_BETWEEN = re.compile(r"\bbetween\s+(\d[\d,]*(?:\.\d+)?)\s+and\s+(\d[\d,]*(?:\.\d+)?)", re.I)


def quantities(sentence: str) -> list[Quantity]:
    """Number mentions of a sentence (years, IDs, times and ordinals are left out)."""
    out = []
    for m in _BETWEEN.finditer(sentence):
        lo, hi = sorted((_digits(m.group(1)), _digits(m.group(2))))
        rest = [w for w in re.findall(r"[A-Za-z%]+", sentence[m.end():m.end() + 40]) if w.lower() not in _STOP][:3]
        unit = _lemma(rest[0]) if rest else ""
        out.append(Quantity(m.group(0) + (f" {rest[0]}" if rest else ""), lo, hi,
                            frozenset(_lemma(w) for w in rest), unit))
    sentence = _BETWEEN.sub(lambda m: " " * len(m.group(0)), sentence)
    for m in _NUM_RE.finditer(sentence):
        v = m.group("v").strip()
        s, e = m.start("v"), m.end("v")
        before, after = sentence[max(0, s - 2):s], sentence[e:e + 3]
        if re.search(r"[A-Za-z0-9]-?$|:$", before) or re.match(r"-?[A-Za-z]{0,2}\d|:\d|(st|nd|rd|th)\b|-[A-Za-z]", after):
            continue  # IDs like A320 / COVID-19 / F-16, times, ordinals
        low = v.lower()
        if low in _VAGUE:
            lo, hi = _VAGUE[low]
        elif re.match(r"[\d$€£]", v):
            parts = re.split(r"\s*(?:-|–|to)\s*(?=\d)", v)
            nums = [_digits(re.sub(r"\s+[a-z]+$", "", p)) for p in parts]
            scale = next((_SCALES[w] for w in _SCALES if low.endswith(w)), 1)
            if any(n != n for n in nums):
                continue
            if len(nums) == 1 and _YEAR.match(re.sub(r"[^\d]", "", v)) and "," not in v:
                continue  # a year, not a count
            lo, hi = min(nums) * scale, max(nums) * scale
        else:
            val = _words_value(v)
            if val is None or (low.strip() in ("one", "a") and not m.group("q")):
                continue
            lo = hi = val
        q = (m.group("q") or "").strip().lower()
        if re.fullmatch(_LOWER, q):
            lo, hi = lo + (0 if q.startswith(("at least", "no ")) else 1e-9), float("inf")
        elif re.fullmatch(_UPPER, q):
            lo = 0.0
        elif q:
            lo, hi = lo * 0.85, hi * 1.15
        rest = [w for w in re.findall(r"[A-Za-z%$€£]+", sentence[m.end():m.end() + 40]) if w.lower() not in _STOP][:3]
        prev = [w for w in re.findall(r"[A-Za-z]+", sentence[max(0, m.start() - 30):m.start()]) if w.lower() not in _STOP][-1:]
        unit = "%" if m.group("pct") else (_lemma(rest[0]) if rest else "")
        ctx = frozenset(_lemma(w) for w in rest + prev) | ({unit} if unit else set())
        out.append(Quantity(sentence[m.start():m.end()].strip() + (f" {rest[0]}" if rest and not m.group("pct") else ""),
                            lo, hi, frozenset(c for c in ctx if c), unit))
    return out


def _compatible(a: Quantity, b: Quantity) -> bool:
    return a.lo <= b.hi * 1.0001 and b.lo <= a.hi * 1.0001


def number_mismatches(a: str, b: str) -> list[Mismatch]:
    qa, qb = quantities(a), quantities(b)
    out = []
    for x in qa:
        related = [y for y in qb if (x.unit and x.unit == y.unit) or (x.context & y.context)]
        if related and not any(_compatible(x, y) for y in related):
            y = next((y for y in related if x.unit and y.unit == x.unit), related[0])
            out.append(Mismatch("number", x.text, y.text))
    return out


# ----------------------------------------------------------------------------------------------- dates
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                       "august", "september", "october", "november", "december"), 1)}
_MON = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\b\.?|\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{3}})", re.I)


def _month(s: str) -> int:
    return next(v for k, v in _MONTHS.items() if k.startswith(s.lower()[:3]))


def _weekday_of(day_month: tuple[int, int], year: int | None) -> str | None:
    import datetime

    if year is None:
        return None
    try:
        return WEEKDAYS[datetime.date(year, day_month[0], day_month[1]).weekday()]
    except ValueError:
        return None


def date_mismatches(a: str, b: str, year_a: int | None = None, year_b: int | None = None) -> list[Mismatch]:
    out = []
    wa = {w for w in WEEKDAYS if re.search(rf"\b{w}\b", a, re.I)}
    wb = {w for w in WEEKDAYS if re.search(rf"\b{w}\b", b, re.I)}
    if wa and wb and not wa & wb:
        out.append(Mismatch("date", "/".join(sorted(w.title() for w in wa)), "/".join(sorted(w.title() for w in wb))))
    da = {(m.group(0), (_month(m.group(2) or m.group(3)), int(m.group(1) or m.group(4)))) for m in _DM.finditer(a)}
    db = {(m.group(0), (_month(m.group(2) or m.group(3)), int(m.group(1) or m.group(4)))) for m in _DM.finditer(b)}
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
        out.append(Mismatch("date", sorted(da)[0][0], sorted(db)[0][0]))
    ya = set(re.findall(r"\b(?:19|20)\d\d\b", a))
    yb = set(re.findall(r"\b(?:19|20)\d\d\b", b))
    if len(ya) == 1 and len(yb) == 1 and ya != yb:
        out.append(Mismatch("date", ya.pop(), yb.pop()))
    return out


# ----------------------------------------------------------------------------------------------- people
TITLES = ("secretary of state", "prime minister", "foreign minister", "defense minister", "defence minister",
          "finance minister", "interior minister", "vice president", "attorney general", "secretary-general",
          "secretary general", "chief executive", "police chief", "deputy", "president", "minister", "mayor",
          "governor", "senator", "chancellor", "king", "queen", "prince", "ambassador", "general", "judge",
          "ceo", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson", "congressman",
          "congresswoman", "representative", "speaker", "commissioner", "sheriff", "secretary", "director",
          "premier", "pope", "bishop", "coach", "captain", "colonel", "lieutenant", "sergeant", "professor")
_TITLE_RE = re.compile(r"\b(" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\s+((?:[A-Z][\w'’\-]+\s*){1,3})",
                       re.I)
_CAP = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’\-]*)*")
_SENT_START = {"the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "i", "but", "and", "as", "after",
               "according", "this", "that", "during", "however", "separately", "meanwhile", "amid", "if", "when"}


def _title_people(s: str) -> dict[str, str]:
    """Surname -> title for "Title Firstname Lastname" mentions."""
    out = {}
    for m in _TITLE_RE.finditer(s):
        title = m.group(1).lower()
        if m.group(1)[0].islower() and title not in ("president", "minister", "secretary", "mayor", "governor"):
            continue
        names = [w for w in m.group(2).split() if w[0].isupper() and w.lower() not in TITLES]
        if names:
            out[_poss(names[-1])] = title
    return out


def _title_compatible(t1: str, t2: str) -> bool:
    return t1 == t2 or t1 in t2 or t2 in t1 or {t1, t2} <= {"secretary", "secretary of state"}


def people_mismatches(a: str, b: str) -> list[Mismatch]:
    if _headline_case(a) or _headline_case(b):
        return []
    pa, pb = _title_people(a), _title_people(b)
    out = []
    for name in pa.keys() & pb.keys():
        if not _title_compatible(pa[name], pb[name]):
            out.append(Mismatch("title", f"{pa[name]} {name.title()}", f"{pb[name]} {name.title()}"))
    ta = {t: n for n, t in pa.items()}
    tb = {t: n for n, t in pb.items()}
    for t in ta.keys() & tb.keys():
        na, nb = ta[t], tb[t]
        if na != nb and na not in b.lower() and nb not in a.lower() and not _spelling(na, nb):
            out.append(Mismatch("name", f"{t} {na.title()}", f"{t} {nb.title()}"))
    return out


def _edit(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _spelling(x: str, y: str) -> bool:
    x, y = x.lower(), y.lower()
    return x != y and min(len(x), len(y)) >= 4 and x[0] == y[0] and _edit(x, y) <= (1 if min(len(x), len(y)) < 6 else 2)


# ----------------------------------------------------------------------------------------------- entities
_ORD = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "i": "1", "ii": "2", "iii": "3",
        "iv": "4", "v": "5", "1st": "1", "2nd": "2", "3rd": "3"}
_ESTOP = {"the", "of", "de", "and", "new", "s"}
_TITLE_WORDS = {w for t in TITLES for w in t.split()} - {"of", "state"}


def _poss(t: str) -> str:
    return re.sub(r"[’']s?$", "", t.lower())


def _entities(s: str) -> list[tuple[str, frozenset[str]]]:
    out = []
    for m in _CAP.finditer(s):
        toks = m.group(0).split()
        if m.start() == 0 or s[max(0, m.start() - 2):m.start()].strip() in (".", "“", '"'):
            while toks and toks[0].lower() in _SENT_START:
                toks = toks[1:]
        if not toks:
            continue
        norm = frozenset(_ORD.get(_poss(t), _poss(t)) for t in toks) - _ESTOP - _TITLE_WORDS
        if norm and not norm <= {t for t in TITLES} and not (len(toks) == 1 and toks[0].lower() in _SENT_START):
            out.append((" ".join(toks), norm))
    return out


def _same_word(x: str, y: str) -> bool:
    """Equal, a spelling variant, or one stem ("russia"/"russian", "china"/"chinese")."""
    if x == y or _spelling(x, y):
        return True
    k = 0
    while k < min(len(x), len(y)) and x[k] == y[k]:
        k += 1
    return k >= 4 and k >= 0.6 * min(len(x), len(y))


_FUNCTION_WORDS = {"And", "In", "Of", "The", "To", "For", "On", "At", "With", "Not", "Over", "From", "By", "As",
                   "Is", "Are", "Has", "Its", "After", "Into", "Amid", "Against", "Urge", "Says", "Say"}


def _headline_case(s: str) -> bool:
    """Title Case headlines ("China And US Urge Calm In Ukraine") defeat capitalisation-based rules."""
    words = re.findall(r"[A-Za-z]+", s)[1:]
    return any(w in _FUNCTION_WORDS for w in words)


def entity_mismatches(a: str, b: str) -> tuple[list[Mismatch], list[Mismatch]]:
    """Same-role entities with different names: they share an ordinal or their head noun, but differ."""
    if _headline_case(a) or _headline_case(b):
        return [], []
    ea = [(t, n) for t, n in _entities(a) if len(t.split()) <= 5]
    eb = [(t, n) for t, n in _entities(b) if len(t.split()) <= 5]
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))

    def covered(n: frozenset[str], words: set[str], others: list[tuple[str, frozenset[str]]]) -> bool:
        return n <= words or any(n <= m or m <= n for _, m in others) or any(
            all(any(_same_word(x, y) for y in m) for x in n) for _, m in others)

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
            same_role = bool(oa & ob) or (head_a == head_b and len(na) > 1 and len(nb) > 1)
            differ = [x for x in na - nb if not any(_same_word(x, y) for y in nb)]
            if same_role and differ and nb - na:
                mism.append(Mismatch("entity", ta, tb))
                used.add(tb)
                break
    return mism, notes


def spelling_notes(a: str, b: str) -> list[Mismatch]:
    ta = {w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", a)}
    tb = {w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", b)}
    return [Mismatch("spelling", x, y) for x in sorted(ta - tb) for y in sorted(tb - ta) if _spelling(x, y)]


# ----------------------------------------------------------------------------------------------- negation
_NEG = re.compile(r"\b(not|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n[’']t\b", re.I)
_ANTONYMS = [("confirmed", "denied"), ("rose", "fell"), ("increased", "decreased"), ("won", "lost"),
             ("accepted", "rejected"), ("approved", "rejected"), ("agreed", "refused"), ("succeeded", "failed"),
             ("profit", "loss"), ("alive", "dead"), ("guilty", "innocent"), ("opened", "closed"),
             ("allowed", "banned"), ("raised", "cut"), ("resigned", "remains"), ("ally", "enemy")]


def _content(s: str) -> set[str]:
    return {_lemma(w) for w in re.findall(r"[a-z]+", _NEG.sub(" ", s.lower())) if w not in _STOP and len(w) > 2}


def negation_mismatches(a: str, b: str) -> list[Mismatch]:
    ca, cb = _content(a), _content(b)
    overlap = len(ca & cb) / max(1, len(ca | cb))
    if overlap < 0.5:
        return []
    na = [m.group(0) for m in _NEG.finditer(a)]
    nb = [m.group(0) for m in _NEG.finditer(b)]
    if bool(na) != bool(nb):
        return [Mismatch("negation", na[0] if na else "(affirmative)", nb[0] if nb else "(affirmative)")]
    la, lb = set(re.findall(r"[a-z]+", a.lower())), set(re.findall(r"[a-z]+", b.lower()))
    for x, y in _ANTONYMS:
        if (x in la and y in lb and y not in la and x not in lb) or (y in la and x in lb and x not in la and y not in lb):
            return [Mismatch("negation", x if x in la else y, y if x in la else x)]
    return []


@dataclass(frozen=True)
class MismatchResult:
    """Mismatches that make a contradiction, and notes (spelling variants) that do not."""

    mismatches: tuple[Mismatch, ...]
    notes: tuple[Mismatch, ...]


def find_mismatches(a: str, b: str, year_a: int | None = None, year_b: int | None = None) -> MismatchResult:
    """Stage entry: every typed mismatch between two sentences that talk about the same thing.

    Args:
        a, b: the two sentences.
        year_a, year_b: the publication year of each sentence's article, if known (resolves the
            weekday of "27 January").
    """
    ent, notes = entity_mismatches(a, b)
    found = number_mismatches(a, b) + date_mismatches(a, b, year_a, year_b) + people_mismatches(a, b) + ent + negation_mismatches(a, b)
    seen, uniq = set(), []
    for m in found:
        if (m.kind, m.a, m.b) not in seen:
            seen.add((m.kind, m.a, m.b))
            uniq.append(m)
    spell = {(n.a, n.b) for n in notes}
    notes += [n for n in spelling_notes(a, b) if (n.a, n.b) not in spell]
    return MismatchResult(tuple(uniq), tuple(notes))
