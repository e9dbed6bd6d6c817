"""Words shared by the mismatch rules: stopwords, unit aliases and a light lemmatiser.

Example:
    >>> lemma("kilometres"), lemma("Soldiers"), "the" in STOP
    ('km', 'troop', True)
"""

from __future__ import annotations

import re

# words around a vote or score split ("an 8-1 vote", "the court ruled 6-3"): "8-1" is then no range
VOTE_CONTEXT = re.compile(r"\b(?:vot\w*|ballot|approv\w*|pass(?:ed|es)?|reject\w*|backed|ruled|ruling|decision|"
                          r"majority|margin|split|jur(?:y|ors)|justices|members|council\w*|won|beat|defeated|"
                          r"score\w*)\b", re.I)

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
    # one head for the usual news nouns of one group or fate: "four staff" = "four employees"
    "staff": "worker",
    "employee": "worker",
    "personnel": "worker",
    "worker": "worker",
    "fatality": "dead",
    "death": "dead",
    "died": "dead",
    "killed": "dead",
    "lives": "dead",
    "hurt": "injured",
    "wounded": "injured",
    "injury": "injured",
    "resident": "people",
    "persons": "people",
    "negotiation": "talk",
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


def content_lemmas(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Lemmas of a text's content words (longer than two letters, not stopwords, not in ``drop``).

    Example:
        >>> sorted(content_lemmas("The soldiers were sent to the border"))
        ['border', 'sent', 'troop']
    """
    return frozenset(lemma(w) for w in re.findall(r"[a-z]+", text.lower())
                     if w not in STOP and w not in drop and len(w) > 2)


_FUNCTION_WORDS = {
    "And",
    "In",
    "Of",
    "The",
    "To",
    "For",
    "On",
    "At",
    "With",
    "Not",
    "Over",
    "From",
    "By",
    "As",
    "Is",
    "Are",
    "Has",
    "Its",
    "After",
    "Into",
    "Amid",
    "Against",
    "Urge",
    "Says",
    "Say",
}


def headline_case(s: str) -> bool:
    """Title Case headlines ("China And US Urge Calm In Ukraine") defeat rules that read capitals: which
    word is a name, which word is counted."""
    words = re.findall(r"[A-Za-z]+", s)[1:]
    return any(w in _FUNCTION_WORDS for w in words)
