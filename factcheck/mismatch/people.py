"""People named with their office ("Transport Minister Ines Varga", "Reyes, a former fire chief,"): titles and
offices read before or after a name, and the mismatches of two sentences that give one person two offices, one
person two first names, or one owner's office two holders."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from ..months import MONTHS, WEEKDAYS
from ..results import Mismatch
from .name_words import _SENT_START, _edit, _poss, _spelling
from .titles import CORPORATE_TITLES, TITLE_ABBREVIATIONS, TITLES
from .words import STOP, headline_case, lemma

_TITLE_ALTERNATIVES = sorted([*TITLES, *(re.escape(a) for a in TITLE_ABBREVIATIONS)], key=len, reverse=True)
_TITLE_RE = re.compile(
    r"(?<![\w.])(" + "|".join(_TITLE_ALTERNATIVES) + r")\s+((?:[A-Z][\w'’\-]+\s*){1,3})", re.I
)


def _office(title: str) -> str:
    """A title as written, lower case, with an abbreviation spelled out ("Gov." -> "governor")."""
    low = " ".join(title.lower().split())
    return TITLE_ABBREVIATIONS.get(low, low)


# a portfolio before a capitalised office: "Transport Minister", "Health Secretary", "Deputy Police Chief"
_PORTFOLIO = re.compile(r"((?:[A-Z][a-z]+\s+){1,2})$")
_PORTFOLIO_OFFICES = {"minister", "secretary", "director", "commissioner", "police chief", "spokesman",
                      "spokeswoman", "spokesperson", "ambassador", "governor", "chief executive", "deputy"}
_NOT_PORTFOLIO = _SENT_START | {"former", "acting", "then", "said", "says", "told", "monday", "tuesday", "wednesday",
                                "thursday", "friday", "saturday", "sunday", "by", "with", "from", "for", "to"}


def _portfolio(s: str, start: int, title: str) -> str:
    """The capitalised words right before an office ("*Transport* Minister"), lower case, or ""."""
    if title not in _PORTFOLIO_OFFICES:
        return ""
    m = _PORTFOLIO.search(s[max(0, start - 40):start])
    words = m.group(1).split() if m else []
    while words and words[0].lower() in _NOT_PORTFOLIO:
        words = words[1:]
    if any(w.lower() in _NOT_PORTFOLIO for w in words):
        return ""
    return " ".join(w.lower() for w in words)


# offices written in lower case before a name ("former police chief Omar Reyes") that still name an office
_LOWER_TITLES = frozenset({"president", "minister", "secretary", "mayor", "treasurer", "comptroller",
                           "councillor", "councilor", "councilman", "councilwoman", "alderman", "district attorney",
                           "returning officer", "chairman", "chairwoman",
                           "governor", "police chief", "fire chief",
                           "chief executive", *CORPORATE_TITLES, "first officer", "co-pilot", "prime minister",
                           "foreign minister", "interior minister", "finance minister", "defence minister",
                           "defense minister", "vice president", "attorney general", "secretary of state", "senator",
                           "chair",
                           "ambassador", "manager", "head coach", "coach", "captain", "leader", "deputy leader",
                           "chief fire officer", "chief medical officer", "chief constable", "superintendent",
                           "general secretary", "director", "spokesperson", "spokesman", "spokeswoman"})
# "Omar Reyes, a former police chief," / "Reyes, the city's mayor": a title after the name
# "Dana Ruiz, the county's fire chief", "Ruiz, Alder County's sheriff": the article or an owner's possessive
# a day or month before the comma is when something happened, not who ("will reopen Monday, the governor said")
# (not "May": a first name as often as a month)
_CALENDAR = frozenset(w.title() for w in (*WEEKDAYS, *MONTHS, "today", "tonight", "yesterday") if w != "may")
_NOT_A_NAME = r"(?!(?:" + "|".join(sorted(_CALENDAR)) + r")\b)"
# a body after a title word is no person: "Justice Ministry", "Justice Department", "Defence Committee"
_BODY_WORDS = frozenset("Ministry Department Committee Commission Council Office Party League System Center "
                        "Centre Agency Board Service".split())
_APPOSITIVE = re.compile(r"\b" + _NOT_A_NAME + r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),\s+"
                         r"(?:(?:a|an|the)\s+|(?=[A-Z])|"
                         r"(?=[a-z]+\s+of\s+the\b))"  # "Tomas Rehn, chair of the finance committee,"
                         r"(?:(?:[A-Z][\w-]*\s+)*(?P<owner>[A-Za-z-]+)['’]s\s+)?(?:former\s+|retired\s+|acting\s+|interim\s+)?"
                         r"(" + "|".join(re.escape(t) for t in CORPORATE_TITLES) + r"|"
                         r"chief\s+(?:fire|medical)\s+officer|chief\s+constable|deputy\s+leader|general\s+secretary|"
                         # (a portfolio before the office, capitalised too: "Anneka Soral, Veldoria's Health Minister,")
                         r"(?:[A-Za-z]+\s+){0,2}(?i:chief|minister|secretary|director|commissioner|mayor|governor|judge|"
                         r"ambassador|senator|president|chairman|chairwoman|chair|sheriff|executive|superintendent|"
                         r"inspector|spokesman|spokeswoman|spokesperson|leader|officer|manager))\b")


# "Harrow's chief executive, Lena Marsh, said": an owner's office, then the name between commas
# "The former deputy mayor of Karvenholm, Aurel Mestek,", "Kestrel's CEO, Annika Vossberg, said"
_TITLE_COMMA = re.compile(r"(?:\b[A-Za-z][\w-]*['’]s|\b(?:its|the|their|his|her))\s+(?:former\s+|acting\s+|interim\s+)?"
                          # "The Health Minister of Veldoria, Anneka Soral,": a capitalised portfolio before it
                          r"((?:(?:deputy|vice|assistant)\s+)?(?-i:[A-Z][a-z]+\s+)?(?:" + "|".join(_TITLE_ALTERNATIVES)
                          + r"))"
                          r"(?:\s+of\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?,\s+"
                          r"(?:Dr\.?\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?=,|\s+(?:said|says|told)\b)", re.I)


def _titled_names(s: str) -> Iterator[tuple[re.Match[str], str, list[str]]]:
    """Each "Title Firstname Lastname" mention: (the match, the office as written, lower case, with a
    capitalised portfolio, the capitalised names after it). "Deputy Transport Minister Ines Varga" is one
    mention of a "deputy transport minister", not a "deputy" named "Transport Minister Ines"."""
    for m in _TITLE_RE.finditer(s):
        title = _office(m.group(1))
        if m.group(1)[0].islower() and title not in _LOWER_TITLES:
            continue
        inner = _TITLE_RE.search(s, m.start(2), m.end(2) + 40) if title in _SECOND_IN_LINE else None
        between = s[m.end(1):inner.start()].split() if inner is not None else []
        # "Deputy Transport Minister Ines Varga", "Deputy chair Ruth Calloway": one office of two words
        if inner is not None and (inner.group(1)[0].isupper() or inner.start() == m.start(2)) \
                and all(w[0].isupper() for w in between):
            m, title = inner, " ".join([title, *(w.lower() for w in between), _office(inner.group(1))])
        elif m.group(1)[0].isupper():
            title = " ".join(filter(None, (_portfolio(s, m.start(), title), title)))
        second = re.search(r"\b([A-Za-z]+)\s+$", s[max(0, m.start() - 15):m.start()])
        if second and second.group(1).lower() in _SECOND_IN_LINE and title.split()[0] not in _SECOND_IN_LINE:
            title = f"{second.group(1).lower()} {title}"  # "Assistant manager Declan Orrey"
        if not m.group(2)[0].isupper():
            continue  # "mayor of Dorrington", "mayor on Sunday": the title names no one here
        names = [w for w in m.group(2).split() if w[0].isupper() and w.lower() not in TITLES]
        while names and names[-1] in _CALENDAR:
            names.pop()  # "Mayor Paul Ostrander Monday": a day after the name
        if names and any(part.lower() in TITLES for part in names[0].split("-")):
            continue  # "Police spokesman Brigadier-General Edward Aritonang": the rank after it names him
        if names and names[0] not in _CALENDAR and names[0] not in _BODY_WORDS:
            yield m, title, names


@lru_cache(maxsize=8192)
def _title_people(s: str) -> Mapping[str, str]:
    """Surname -> title for "Title Firstname Lastname" mentions ("transport minister" for "Transport Minister")."""
    out = {_poss(names[-1]): title for _, title, names in _titled_names(s)}
    for m in _APPOSITIVE.finditer(s):  # "Reyes, a former fire chief,"
        out.setdefault(_poss(m.group(1).split()[-1]), m.group(3).lower())
    for m in _TITLE_COMMA.finditer(s):  # "Harrow's chief executive, Lena Marsh,"
        if m.group(2)[0].isupper():
            out.setdefault(_poss(m.group(2).split()[-1]), _comma_office(m.group(1)))
    for m in _SERVED_AS.finditer(s):  # "Victor Hale, has served as the city's deputy mayor"
        if m.group(1).split()[0] not in _CALENDAR:
            out.setdefault(_poss(m.group(1).split()[-1]), _comma_office(m.group(2)))
    return MappingProxyType(out)  # cached: read-only


# an office held, said after the name: "Victor Hale, has served as the city's deputy mayor since 2019"
_SERVED_AS = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),?\s+(?:who\s+)?(?:has\s+|had\s+)?"
                        r"(?:served|serves|serving)\s+as\s+(?:the\s+)?(?:[A-Za-z]+['’]s\s+)?"
                        r"((?:(?:deputy|vice|assistant)\s+)?(?:" + "|".join(_TITLE_ALTERNATIVES) + r"))\b")


def _comma_office(title: str) -> str:
    """The office of a :data:`_TITLE_COMMA` match, an abbreviation spelled out ("deputy mayor", "CEO" -> "chief
    executive")."""
    words = title.lower().split()
    if words[0] in _SECOND_IN_LINE and len(words) > 1:
        return f"{words[0]} {_office(' '.join(words[1:]))}"
    return _office(title)


@lru_cache(maxsize=8192)
def _first_names(s: str) -> Mapping[str, str]:
    """Surname -> first name for "Title Firstname Lastname" mentions ("Judge Helen Okafor": okafor -> helen)."""
    out = {}
    for _, _, names in _titled_names(s):
        if len(names) >= 2 and len(names[0].rstrip(".")) > 1:
            out[_poss(names[-1])] = names[0].lower()
    for m in _TITLE_COMMA.finditer(s):  # "Harrow's chief executive, Lena Marsh,"
        names = m.group(2).split()
        if len(names) >= 2 and len(names[0].rstrip(".")) > 1:
            out.setdefault(_poss(names[-1]), names[0].lower())
    for m in _APPOSITIVE.finditer(s):  # "Tomas Reyna, the county's chief fire officer,"
        names = m.group(1).split()
        if len(names) >= 2 and len(names[0].rstrip(".")) > 1 and names[0].lower() not in _SENT_START:
            out.setdefault(_poss(names[-1]), names[0].lower())
    return MappingProxyType(out)


_DOCTOR = re.compile(r"\bDr\.?\s+([A-Z][a-z][\w'’-]*)\s+([A-Z][\w'’-]+)")


@lru_cache(maxsize=8192)
def _doctors(s: str) -> Mapping[str, str]:
    """Surname -> first name for "Dr. Firstname Lastname" ("Dr." is a courtesy, not an office: no title)."""
    return MappingProxyType({_poss(m.group(2)): m.group(1).lower() for m in _DOCTOR.finditer(s)})


# a word that makes another office of the one it qualifies: "deputy leader" is not "leader"
_SECOND_IN_LINE = frozenset("deputy vice assistant associate under lieutenant".split())


@lru_cache(maxsize=8192)
def _qualifiers(s: str) -> Mapping[str, str]:
    """Surname -> the word that says whose office it is, where the sentence says so: "*Museum* director Clara
    Voss", "Helena Marsh, the *museum*'s director", "*League* leader Jonas Eke" (lemma, lower case)."""
    out = {}
    for m in _TITLE_RE.finditer(s):
        before = re.findall(r"[A-Za-z]+", s[max(0, m.start() - 25):m.start()])
        names = [w for w in m.group(2).split() if w[0].isupper() and w.lower() not in TITLES]
        if before and names and before[-1].lower() not in STOP | _SENT_START:
            out[_poss(names[-1])] = lemma(before[-1])
    for m in _APPOSITIVE.finditer(s):
        if m.group("owner"):
            out.setdefault(_poss(m.group(1).split()[-1]), lemma(m.group("owner")))
    return MappingProxyType(out)


# offices of a place one story rarely has two of, whoever's they are said to be ("Regional governor Elena
# Marsk" / "Governor Helena Varga")
_ONE_PER_STORY = frozenset({"governor", "mayor", "prime minister"})
# offices one person holds at a time in a story ("the museum's director"), when whose office it is is said
_ONE_HOLDER = frozenset({"director", "chief executive", "leader", "general secretary", "chairman", "chairwoman",
                         "president", "head coach", "manager", "mayor", "governor", "prime minister"})


def two_holders(texts: Sequence[str], sources: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (i < j) of sentences from different sources that give one office of one owner to two people
    ("Museum director Helena Marsh" / "Clara Voss, the museum's director"): checked however little else the
    two sentences share, as :func:`two_offices` pairs are.

    Example:
        >>> two_holders(["Museum director Helena Marsh spoke.", "Rain fell.",
        ...              "Clara Voss, the museum's director, said little."], [0, 1, 2])
        [(0, 2)]
    """
    def holders(t: str) -> Iterator[tuple[tuple[str, str], str]]:
        offices, owners = _title_people(t), _qualifiers(t)
        for surname, office in offices.items():
            owner = "" if office in _ONE_PER_STORY else owners.get(surname)
            if office in _ONE_HOLDER and owner is not None:
                yield (office, owner), surname

    return _cross_source_pairs(texts, sources, holders, lambda x, y: x != y and not _spelling(x, y))


def _cross_source_pairs(texts: Sequence[str], sources: Sequence[int],
                        mentions: Callable[[str], Iterable[tuple[tuple[str, str], str]]],
                        differ: Callable[[str, str], bool]) -> list[tuple[int, int]]:
    """Pairs (i < j) of sentences from different sources (headlines in title case left out) that ``mentions``
    give one key with values that ``differ``."""
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for i, t in enumerate(texts):
        if not headline_case(t):
            for key, value in mentions(t):
                groups.setdefault(key, []).append((i, value))
    out = set()
    for members in groups.values():
        for x, (i, vi) in enumerate(members):
            for j, vj in members[x + 1:]:
                if sources[i] != sources[j] and differ(vi, vj):
                    out.add((min(i, j), max(i, j)))
    return sorted(out)


def _title_compatible(t1: str, t2: str) -> bool:
    """One office written twice ("minister" / "finance minister"), not a second-in-line's ("deputy leader")."""
    if (set(t1.split()) ^ set(t2.split())) & _SECOND_IN_LINE:
        return False
    if "leader" in (t1, t2):
        return True  # "union leader Marta Kovel" / "the union's general secretary": who leads, whatever the office
    return t1 == t2 or t1 in t2 or t2 in t1 or {t1, t2} <= {"secretary", "secretary of state"}


def two_offices(texts: Sequence[str], sources: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (i < j) of sentences from different sources that give one person, named by first name and surname,
    two offices ("chief executive Dana Reyes" / "Chief technology officer Dana Reyes"). Such a pair is checked
    however little else the two sentences share: the person ties them, as the title rule's aligned gate says.

    Example:
        >>> two_offices(["Chief executive Dana Reyes apologised.", "Sales fell.",
        ...              "Chief technology officer Dana Reyes said no card data was taken."], [0, 1, 2])
        [(0, 2)]
    """
    def people(t: str) -> Iterator[tuple[tuple[str, str], str]]:
        first, offices = _first_names(t), _title_people(t)
        return (((given, surname), offices[surname]) for surname, given in first.items() if surname in offices)

    return _cross_source_pairs(texts, sources, people, lambda x, y: not _title_compatible(x, y))


def people_mismatches(a: str, b: str) -> list[Mismatch]:
    if headline_case(a) or headline_case(b):
        return []
    pa, pb = _title_people(a), _title_people(b)
    fa, fb = _first_names(a), _first_names(b)
    out = []
    for name in pa.keys() & pb.keys():
        if not _title_compatible(pa[name], pb[name]):
            # one person by first name and surname, two offices: the spans align ("union president Mick
            # Harlan" / "General secretary Mick Harlan"), whatever else the two sentences say
            same = name in fa and fa[name] == fb.get(name)
            out.append(Mismatch("title", f"{pa[name]} {name.title()}", f"{pb[name]} {name.title()}", aligned=same))
    for name in fa.keys() & fb.keys() & pa.keys() & pb.keys():
        x, y = fa[name], fb[name]
        if x != y and not _spelling(x, y) and not (x.startswith(y) or y.startswith(x)):
            # one office and one surname, two first names ("Transport Secretary Louise Crane" / "... Laura Crane")
            same = _title_compatible(pa[name], pb[name]) and pa[name] not in ("", "spokesman", "spokeswoman")
            out.append(Mismatch("name", f"{x.title()} {name.title()}", f"{y.title()} {name.title()}", aligned=same))
    da, db = _doctors(a), _doctors(b)
    for name in da.keys() & db.keys() - {n for n in fa.keys() & fb.keys() & pa.keys() & pb.keys()}:
        x, y = da[name], db[name]
        if x != y and not _spelling(x, y) and not (x.startswith(y) or y.startswith(x)):
            # "Dr. Anita Nair" / "Dr. Priya Nair": one doctor, two first names
            out.append(Mismatch("name", f"{x.title()} {name.title()}", f"{y.title()} {name.title()}", aligned=True))
    out += _near_surnames(a, b)
    ta = {t: n for n, t in pa.items()}
    tb = {t: n for n, t in pb.items()}
    qa, qb = _qualifiers(a), _qualifiers(b)
    for t in ta.keys() & tb.keys():
        na, nb = ta[t], tb[t]
        if na != nb and na not in b.lower() and nb not in a.lower() and not _spelling(na, nb):
            # one owner's one-holder office ("Museum director" / "the museum's director"): the spans align
            # (or one first name: "Justice Ilse Varga" / "Justice Ilse Hartmann" is one judge misnamed)
            one = (t in _ONE_HOLDER and na in qa and qa[na] == qb.get(nb)) or t in _ONE_PER_STORY \
                or (na in fa and fa[na] == fb.get(nb))
            out.append(Mismatch("name", f"{t} {na.title()}", f"{t} {nb.title()}", aligned=one))
    return out


# "Marta Kessling": a first name and a surname, not followed by a third capitalised word ("Allied Metalworkers
# Union" is a body, not a person)
_FULL_NAME = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?)\b(?!\s+[A-Z])")
_NEAR_SURNAME = 3  # most edits between two surnames of one person misspelt into another name


@lru_cache(maxsize=8192)
def _full_names(s: str) -> Mapping[str, str]:
    """First name -> surname of each "Firstname Surname" mention (not a title, a sentence opener or a day)."""
    out = {}
    for m in _FULL_NAME.finditer(s):
        first = m.group(1).lower()
        if first in _SENT_START or first in TITLES or m.group(1) in _CALENDAR:
            continue
        out[first] = _poss(m.group(2))
    return MappingProxyType(out)


def _near_surnames(a: str, b: str) -> list[Mismatch]:
    """One first name and two close surnames that are not one spelling ("Marta Kessling" / "Marta Kessler"):
    one person, named two ways; the other sentence never uses either surname."""
    fa, fb = _full_names(a), _full_names(b)
    out = []
    for first in fa.keys() & fb.keys():
        x, y = fa[first], fb[first]
        if x == y or _spelling(x, y) or x in b.lower() or y in a.lower() or x[0] != y[0]:
            continue
        if _edit(x, y) <= _NEAR_SURNAME:
            out.append(Mismatch("name", f"{first.title()} {x.title()}", f"{first.title()} {y.title()}"))
    return out

