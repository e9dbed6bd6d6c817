"""Words shared by the mismatch rules: stopwords, unit aliases and a light lemmatiser.

Example:
    >>> lemma("kilometres"), lemma("Soldiers"), "the" in STOP
    ('km', 'troop', True)
"""

from __future__ import annotations

UNIT_ALIASES = {
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "metre": "m",
    "meter": "m",
    "mile": "mi",
    "percent": "%",
    "per": "%",
    "kilogram": "kg",
    "kg": "kg",
    "tonne": "t",
    "ton": "t",
    "dollar": "usd",
    "usd": "usd",
    "euro": "eur",
    "pound": "gbp",
    "yr": "year",
    "person": "people",
    "man": "people",
    "men": "people",
    "soldier": "troop",
}
STOP = set(
    "a an the of and or to in on at by for with from that this these those was were is are be been "
    "has have had it its their his her as than who which said says say would will could can also "
    "some all about over more least nearly around since after before when".split()
)


def lemma(w: str) -> str:
    """Lower case, plural stripped, unit words to one symbol ("kilometres" -> "km")."""
    w = w.lower().strip(".,;:’'\"")
    if w.endswith("s") and w[:-1] in UNIT_ALIASES:
        return UNIT_ALIASES[w[:-1]]  # "kilometres" -> "km" (before "-es" stripping makes "kilometr")
    w = UNIT_ALIASES.get(w, w)
    for suf, rep in (("ies", "y"), ("es", ""), ("s", "")):
        if len(w) > 4 and w.endswith(suf) and not w.endswith("ss"):
            w = w[: -len(suf)] + rep
            break
    return UNIT_ALIASES.get(w, w)
