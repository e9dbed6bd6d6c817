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
                          r"score\w*|lost|win|victory|draw|drew)\b", re.I)

# a count of members: digits or a number word ("six of the nine"; not "a total of 198")
_VN = (r"(?:\d{1,3}|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
       r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|all|both|none)(?![a-z]))")
# "six of the nine members voted in favour", "Four of the seven members of the board voted on Monday to halt"
VOTE_FOR = re.compile(rf"\b(?P<y>{_VN})\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<t>{_VN})\s+(?:[a-z]+\s+){{0,6}}?"
                      r"(?:voted|backed|supported|approved)\s+(?:(?:on|last|this)\s+\w+\s+)?"
                      r"(?:in\s+favou?r|for|yes|to\s+(?!one\b|keep\b|leave\b|hold\b)[a-z]+|it|the)", re.I)
# the other side: "two of the nine members voted against", "... voted to keep rates on hold", "... dissented"
VOTE_AGAINST = re.compile(rf"\b(?P<y>{_VN})\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<t>{_VN})\s+(?:[a-z]+\s+){{0,6}}?"
                          r"(?:voted\s+(?:against|no\b|to\s+(?:keep|leave|hold)\b)|dissented|opposed)", re.I)

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
    "miner": "worker",
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
    # who marched: "84,000 people marched" / "Some 48,000 demonstrators filled the streets"
    "demonstrator": "people",
    "protester": "people",
    "protestor": "people",
    "marcher": "people",
    "suspect": "people",  # "Two suspects were arrested" / "Police arrested three men"
    # what a thing is worth: "valued the haul at €40 million" / "worth about €14 million"
    "valued": "worth",
    "value": "worth",
    "persons": "people",
    "negotiation": "talk",
    "jobless": "unemployment",
    "nation": "country",
    # members of a chamber: "189 deputies" / "198 lawmakers" / "14 members"
    "lawmaker": "member",
    "legislator": "member",
    "deputy": "member",
    "joblessness": "unemployment",
    # cut or created jobs: "cut 5,400 jobs" / "reduce its workforce by 4,500 positions"
    "position": "job",
    "post": "job",
    "role": "job",
    # aircraft: "its remaining A-220 aircraft" / "its other A-220 jets"
    "jet": "aircraft",
    "plane": "aircraft",
    "airliner": "aircraft",
    # who watched: "Some 41,000 spectators attended" / "About 14,000 fans attended the match"
    "spectator": "fan",
    "supporter": "fan",
    "onlooker": "fan",
    # one fire, one quake in other words: "The blaze started at 3:20 a.m." / "The fire broke out at 5:45 a.m."
    "blaze": "fire",
    "flame": "fire",
    "inferno": "fire",
    "earthquake": "quake",
    "tremor": "quake",
    # an outbreak's count: "64 measles infections" / "46 confirmed cases"
    "infection": "case",
    # a bank's or a firm's people: "830,000 account holders" / "380,000 customers"
    "customer": "people",
    "holder": "people",
    "client": "people",
    # shops to sell: "must sell 120 stores" / "will have to dispose of 210 shops"
    "shop": "store",
    # a count of a ballot: "by about 12,000 votes" / "some 21,000 ballots ahead"
    "ballot": "vote",
    # planned medical work: "Non-urgent surgeries were postponed" / "Planned operations went ahead"
    "surgery": "operation",
    "procedure": "operation",
}
STOP = set(
    "a an the of and or to in on at by for with from that this these those was were is are be been "
    "has have had it its their his her as than who which said says say would will could can also "
    "some all about over more least nearly around since after before when "
    # pronouns and "there" name nothing: "there was no evidence" / "they were treating it" share no content
    "he she they we there them him us our".split()
)


# four-letter words in "s" that are no plurals ("jobs", "cuts", "cars" are)
_NOT_PLURAL = frozenset("news this thus plus bias does goes gas his has was yes ours hers alas iris atlas".split())


def lemma(w: str) -> str:
    """Lower case, plural stripped, unit words to one symbol ("kilometres" -> "km")."""
    w = w.lower().strip(".,;:’'\"")
    if w.endswith("s") and w[:-1] in UNIT_ALIASES:
        return UNIT_ALIASES[w[:-1]]  # "kilometres" -> "km" (before "-es" stripping makes "kilometr")
    w = UNIT_ALIASES.get(w, w)
    if (len(w) > 4 or (len(w) == 4 and w not in _NOT_PLURAL)) and w.endswith("s") and not w.endswith("ss"):
        # "injuries" -> "injury", "losses" / "taxes" / "crashes" -> "loss" / "tax" / "crash", and otherwise only
        # the "s": "rates", "cases", "prices" -> "rate", "case", "price" (as their singulars read)
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith(("sses", "xes", "ches", "shes", "zzes")):
            w = w[:-2]
        else:
            w = w[:-1]
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    return UNIT_ALIASES.get(w, w)


def content_lemmas(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Lemmas of a text's content words (longer than two letters, not stopwords, not in ``drop``).

    Example:
        >>> sorted(content_lemmas("The soldiers were sent to the border"))
        ['border', 'sent', 'troop']
    """
    return frozenset(lemma(w) for w in re.findall(r"[a-z]+", text.lower())
                     if w not in STOP and w not in drop and len(w) > 2)


def shared_share(ca: frozenset[str], cb: frozenset[str]) -> float:
    """How much of the smaller of two content-word sets the other shares (0 when either is empty).

    Example:
        >>> shared_share(frozenset({"committee", "meeting", "next"}), frozenset({"committee", "meet"}))
        0.5
    """
    return len(ca & cb) / min(len(ca), len(cb)) if ca and cb else 0.0


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


# word -> (frame, sign): +1 up / approve / win, -1 down / reject / lose
CHANGE_WORDS: dict[str, tuple[str, int]] = {}
for _frame, _up, _down in (
    ("level", "rise rises rose risen rising increase increases increased increasing climb climbs climbed "
              "jump jumps jumped grow grows grew grown gain gains gained surge surges surged soar soared "
              "raise raises raised raising hike hikes hiked higher expand expanded lift lifts lifted lifting "
              "accelerate accelerates accelerated accelerating upward upwards",
     "fall falls fell fallen falling decrease decreases decreased decreasing decline declines declined drop "
     "drops dropped slip slips slipped shrink shrinks shrank shrunk cut cuts cutting lower lowers lowered "
     "reduce reduces reduced slash slashed plunge plunged tumble tumbled sink sank shed sheds slid slide slides "
     "dipped dips slows slowed slowing cools cooled cooling moderated moderating trim trims trimmed "
     "recede recedes receded receding downward downwards"),
    ("outcome", "win wins won winning", "lose loses lost losing"),
    ("decision", "approve approves approved accept accepts accepted pass passed passes back backed endorse "
                 "endorsed", "reject rejects rejected refuse refused veto vetoed block blocked oppose opposes "
                 "opposed"),
    # how strong something is, with no figure: "winds would strengthen" / "winds were expected to ease"
    ("intensity", "strengthen strengthens strengthened strengthening intensify intensifies intensified "
                  "intensifying worsen worsens worsened worsening escalate escalates escalated escalating",
     "ease eases eased easing weaken weakens weakened weakening subside subsides subsided subsiding abate abates "
     "abated abating"),
):
    for _w in _up.split():
        CHANGE_WORDS[_w] = (_frame, 1)
    for _w in _down.split():
        CHANGE_WORDS[_w] = (_frame, -1)

TRANSITIVE = frozenset("raise raises raised raising hike hikes hiked cut cuts cutting lower lowers lowered reduce "
                       "reduces reduced slash slashed lift lifts lifted lifting win wins won winning lose loses lost "
                       "losing approve approves approved accept accepts accepted pass passed passes back backed "
                       "endorse endorsed reject rejects rejected refuse refused veto vetoed block blocked trim trims "
                       "trimmed oppose opposes opposed".split())
PASSIVE = frozenset("was were been be being is are".split())
# a change verb either way ("increased *its key rate*" / "inflation increased to 3%"): an object follows it
_OBJECT_START = frozenset("its the their his her".split())
_SPAN_END = frozenset("by to at from in on".split())


def changed_thing(words: list[str], k: int, transitive: bool = True) -> frozenset[str]:
    """What a change word ``words[k]`` changes: the subject before an intransitive one ("*unemployment* fell"),
    the object after a transitive one ("raised *its rate*", "increased *its key rate* by"), the subject before a
    passive one ("*rates* were cut").

    Example:
        >>> sorted(changed_thing("The bank increased its key rate by half a point".split(), 2))
        ['key', 'rate']
    """
    w = words[k].lower()
    prev = words[k - 1].lower() if k else ""
    nxt = words[k + 1].lower() if k + 1 < len(words) else ""
    # an intensity's subject stands further back: "Winds gusting up to 45 mph were expected to ease"
    back = 8 if CHANGE_WORDS.get(w, ("", 0))[0] == "intensity" else 4
    if transitive and (w in TRANSITIVE or nxt in _OBJECT_START) and prev not in PASSIVE:
        span = []
        start = k + 1
        if nxt in ("to", "in", "on") and k + 2 < len(words) and words[k + 2].lower() in _OBJECT_START:
            start = k + 2  # a change as a noun: "made a quarter-point cut to its benchmark rate"
        for x in words[start:start + 4]:  # "lowered its benchmark interest rate to"
            if x.lower() in _SPAN_END or any(c.isdigit() for c in x):
                break
            span.append(x)
    else:
        span = words[max(0, k - back):k]
    return frozenset(lemma(x) for x in span if x.lower() not in STOP and x.lower() not in PASSIVE
                     and x.lower() not in CHANGE_WORDS and len(x) > 2)
