"""Claim frames: direction of change, and change vs no change.

Each frame is read from one claim unit and compared with the other unit's frame about the same thing:
- direction: "unemployment fell to 5.2%" vs "rose to 5.2%", "raised" vs "cut", "won" vs "lost",
  "approved" vs "rejected" (lemmas, so "rises" and "rose" are one direction);
- change: "cut its rate by half a point to 3%" vs "left its rate unchanged at 3.5%".

"About the same thing" means the two units share content words besides the frame's own words (the
subject or object of the change); two changes of different things ("exports rose", "imports fell")
are not compared.

Vote splits and match scores are read by :mod:`.votes` (re-exported here: :class:`Vote`, :func:`votes`,
:func:`vote_mismatches`, :func:`scores`, :func:`score_mismatches`).

Example:
    >>> [m.to_dict() for m in direction_mismatches("Unemployment fell to 5.2%.", "Unemployment rose to 5.2%.")]
    [{'kind': 'direction', 'a': 'fell', 'b': 'rose', 'aligned': True}]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..results import Mismatch
from .votes import Vote, _sides_of_one_vote, score_mismatches, scores, vote_mismatches, votes
from .words import CHANGE_WORDS, STOP, changed_thing, content_lemmas, lemma, shared_share

__all__ = ["Vote", "approval_mismatches", "change_mismatches", "direction_mismatches", "levels_apart",
           "score_mismatches", "scores", "state_mismatches", "vote_mismatches", "votes"]


@lru_cache(maxsize=8192)
def _no_change(text: str) -> re.Match[str] | None:
    """The first words that say a level was kept, not a place left ("left the pad at 6:14 a.m."): a kept "at" names
    a level ("left its rate at 3%", "held the quarterly dividend at 40 cents")."""
    for m in _NO_CHANGE.finditer(text):
        if not m.group(0).lower().endswith(" at") or content_lemmas(text[max(0, m.start() - 40):m.end()]) & _LEVELS:
            return m
    return None


_NO_CHANGE = re.compile(
    r"\b(?:unchanged|on hold|steady|flat|stable|(?:kept|keeps|keep|left|leaves|leave|held|holds|hold|maintained)"
    r"\s+(?:[\w-]+\s+){0,6}?(?:unchanged|steady|on hold|at)|no change|"
    r"(?:remain|remains|remained|stay|stays|stayed)\s+(?:at|unchanged|steady)(?=\s)|"
    # "the dividend would stay where it is", "will remain the same as last year"
    r"(?:remain|remains|remained|stay|stays|stayed)\s+(?:where\s+(?:it|they)\s+(?:is|are|was|were)|the\s+same)|"
    # "bond purchases will continue at their current pace"
    r"continues?\s+at\s+(?:its|their|the)\s+current\s+(?:pace|level|rate))",
    re.I)
# a hyphenated compound is one word: "raised its full-year forecast" changes the forecast
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_NUMBER = re.compile(r"\d|%|\b(?:percent|per cent|points?|half|quarter|two|three|four|five|six|seven|eight|nine|"
                     r"ten|dozen|hundred|thousand|million|billion)\b", re.I)


_AMOUNT_NEXT = re.compile(r"(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+)?(?:[$€£]?\d|half\b|"
                          r"a\s+quarter\b|a\s+third\b)", re.I)
# levels a company, a bank or a council sets, changed or kept with no figure given: "raised its forecast"
_LEVELS = frozenset(lemma(f) for w in "forecast guidance outlook rate interest price tariff tax fee target dividend "
                    "wage salary estimate limit support popularity approval turnout sale demand production output "
                    "export import inflation unemployment crime share case infection admission level cost budget "
                    "spending fare water river offer pay bid purchase reading stock".split()
                    for f in (w, w + "s", w + "es"))
_PLACE_LEVELS = frozenset({"water", "river"})
_FRAME_WORDS = frozenset(CHANGE_WORDS) | {"unchanged", "hold", "steady", "kept", "left", "held", "vote", "voted"}


# "40 cents per share", "earnings of 16 cents a share": the unit of a sum, not the level of a company's shares
_PER_SHARE = re.compile(r"\b(?:per|a)\s+share\b", re.I)


@lru_cache(maxsize=8192)
def _content(text: str) -> frozenset[str]:
    """Content lemmas of a unit, without the frame words themselves (nor a sum's "per share")."""
    return content_lemmas(_PER_SHARE.sub(" ", text), _FRAME_WORDS)


def _about_same_thing(a: str, b: str, least: float = 0.25) -> bool:
    ca, cb = _content(a), _content(b)
    la, lb = ca & _LEVELS, cb & _LEVELS
    if la and lb and not la & lb:
        return False  # two levels: "Norvik shares fell 6%" / "Norvik left its sales forecast unchanged"
    return bool(ca & cb) and shared_share(ca, cb) >= least


@lru_cache(maxsize=8192)
def _directions(text: str) -> dict[str, tuple[int, str, frozenset[str]]]:
    """frame -> (sign, word, what changes) of a unit's change words; a frame with both signs is left out."""
    seen: dict[str, list[tuple[int, str, frozenset[str]]]] = {}
    # "Shares in the club, which is listed in Harrowgate, rose 4 percent": the subject is before the aside
    # a cause given after the claim is not the claim ("slowed this week, crediting a surge in vaccinations")
    words = _WORD.findall(_ASIDE.sub(" ", _CAUSE.sub("", text)))
    for k, w in enumerate(words):
        hit = CHANGE_WORDS.get(w.lower())
        prev = words[k - 1].lower() if k else ""
        nxt = words[k + 1].lower() if k + 1 < len(words) else ""
        if w.lower() in _UP_DOWN and prev in _GO_COME and not _LOST_MATCH.search(text):
            hit = ("level", _UP_DOWN[w.lower()])  # "the water has begun to go down": a level that moved
        elif w.lower() in _UP_DOWN and w.lower() in _up_down_moves(text):
            # "Marlow shares closed down 6%", "sales were up 3%": a level that moved, said of its subject
            seen.setdefault("level", []).append((_UP_DOWN[w.lower()], w, changed_thing(words, k, transitive=False)))
            continue
        if not _TALLY.search(text) and (w.lower() == "against" and prev in _VOTED or (
                w.lower() in ("favour", "favor") and prev == "in" and k > 1 and words[k - 2].lower() in _VOTED)):
            # "voted against the motion" / "voted in favour of the motion": a decision on what follows
            at = k + 1 if nxt == "of" else k
            seen.setdefault("decision", []).append((-1 if w.lower() == "against" else 1, f"{words[k - 1]} {w}",
                                                    changed_thing(words, at)))
            continue
        if w.lower() in _BECOME and nxt in _COMPARATIVES:
            # "the aftershocks have grown weaker", "the winds became stronger": how strong the subject is
            seen.setdefault("intensity", []).append((_COMPARATIVES[nxt], f"{w} {words[k + 1]}",
                                                     changed_thing(words, k, transitive=False)))
            continue
        if w.lower() in _COMPARATIVES and k and words[k - 1].lower() in _BECOME:
            continue  # read with its verb above
        if w.lower() in _COMPARATIVES and lemma(nxt) in _FORCES:
            # "Calmer winds overnight allowed firefighters to ...": how strong the noun after it is
            seen.setdefault("intensity", []).append((_COMPARATIVES[w.lower()], w, frozenset({lemma(nxt)})))
            continue
        if hit is None or (w.lower().startswith("declin") and nxt == "to"):
            continue  # "declined to say": a refusal, not a fall
        if hit[0] == "intensity" and re.search(rf"\b{w}\s+(?:to|by)\s+{_AMOUNT_NEXT.pattern}", text, re.I):
            hit = ("level", hit[1])  # "inflation eased to 3.8%": a level that moved, not how strong something is
        if hit[0] == "outcome" and re.search(rf"\b{w}\s+{_AMOUNT_NEXT.pattern}", text, re.I):
            # "shares lost 6%", "the party won 6 seats": a level that moved, said of its subject
            seen.setdefault("level", []).append((hit[1], w, changed_thing(words, k, transitive=False)))
            continue
        levels_before = {lemma(x) for x in words[max(0, k - 8):k]} & _LEVELS
        # (a river or water after the verb is where, not what: "winds had dropped ... near the Ashby river")
        near_levels = levels_before | ({lemma(x) for x in words[k:k + 6]} & _LEVELS - _PLACE_LEVELS)
        if hit[0] == "level" and not _NUMBER.search(text) and not near_levels:
            thing = changed_thing(words, k, transitive=False)
            if thing & _FORCES:  # "Winds had dropped considerably": how strong the wind is
                seen.setdefault("intensity", []).append((hit[1], w, thing))
            continue  # a level changes by or to an amount ("rising to the surface" is none), or is named one
        if w.lower() in ("cut", "cuts", "back", "pass", "passed", "passes", "lower", "higher",
                         "block", "blocked") and not _verb_context(words, k):
            continue  # "a cut of", "the back of", "lower house", "passed away": not a change verb
        if w.lower() in ("higher", "lower") and nxt and nxt not in _NOT_A_NOUN:
            # "despite higher profit", "lower interest rates": what is higher is the noun after the word
            after = {lemma(x.lower()) for x in words[k + 1:k + 3] if x.lower() not in STOP}
            seen.setdefault(hit[0], []).append((hit[1], w, frozenset(after)))
            continue
        thing = changed_thing(words, k)
        if hit[0] == "level" and not thing & _LEVELS:
            # "the projected cost of the tram had been cut": the level named further back is what changed too
            thing |= levels_before
        seen.setdefault(hit[0], []).append((hit[1], w, thing))
    out = {}
    for frame, hits in seen.items():
        if len({s for s, _, _ in hits}) == 1:
            out[frame] = hits[0]
    return out


_CAUSE = re.compile(r",\s+(?:crediting|citing|blaming|attributing\s+\w+\s+to|thanks\s+to|due\s+to)\b[^;]*$", re.I)
_ASIDE = re.compile(r",\s+(?:which|who|whose|where)\b[^,;]{0,80},")
_UP_DOWN = {"up": 1, "down": -1}
# "Rovers went down 3-1 at home": a match lost, not a level that fell
_LOST_MATCH = re.compile(r"\b(?:go|goes|went|gone|going)\s+down\s+\d{1,2}\s*[-–]\s*\d{1,2}\b", re.I)
# what blows, burns or rages, stronger or weaker with no figure: "winds had dropped", "the fighting grew"
# (not rain or snow: they fall whatever their strength)
_FORCES = frozenset(lemma(w) for w in "wind winds gust gusts storm storms fighting violence tension "
                    "tensions flames blaze fire fires".split())
_COMPARATIVES = {"calmer": -1, "weaker": -1, "lighter": -1, "stronger": 1, "fiercer": 1, "heavier": 1}
# what follows a comparative that is not the noun it qualifies: "higher than", "lower on Monday", "higher by 2%"
_NOT_A_NOUN = frozenset("than to by at in on from for and or as after before over since".split())
_GO_COME = frozenset("go goes went gone going come comes came coming".split())
_BECOME = frozenset("grow grows grew grown growing become becomes became becoming get gets got getting".split())
_VOTED = frozenset("vote votes voted voting".split())
# both sides of one vote in one unit ("198 voted in favour of the motion and 212 against"): a tally, not a side
_TALLY = re.compile(r"\bin\s+favou?r\b.*\bagainst\b|\bagainst\b.*\bin\s+favou?r\b", re.I)
# what stands before a market's "up 6%" / "down 6%": a verb of where it ended, or the subject itself ("shares up 6%")
_UP_DOWN_AFTER = ("closed close closes ended end ends finished finish finishes traded trading opened opens stood "
                  "stands was were is are been remained remains settled settles now still also shares stock stocks "
                  "index sales profit profits revenue").split()
_UP_DOWN_MOVE = re.compile(rf"\b(?:{'|'.join(_UP_DOWN_AFTER)})\s+(up|down)\s+(?:{_AMOUNT_NEXT.pattern})", re.I)


# "turnout was up, according to officials", "sales were down on last year": a level said to be up or down
_UP_DOWN_LEVEL = re.compile(r"\b(?:was|were|is|are)\s+(up|down)\b(?=\s*(?:[,.;]|$)|\s+(?:on|from|compared|against|"
                            r"since|sharply|slightly|again|year-on-year)\b)", re.I)


@lru_cache(maxsize=8192)
def _up_down_moves(text: str) -> frozenset[str]:
    """The words "up" / "down" of a text that tell a level's move: an amount follows, and a market verb or
    subject precedes ("closed down 6%", "shares up 3%"; not "set up 3 teams", "up to 45 mph", "cut down 30 trees").

    Example:
        >>> sorted(_up_down_moves("Shares closed down 6% after they set up 3 teams."))
        ['down']
    """
    moves = [*_UP_DOWN_MOVE.finditer(text), *_UP_DOWN_LEVEL.finditer(text)]
    return frozenset(m.group(1).lower() for m in moves)


_STORMS = frozenset("storm hurricane typhoon cyclone tornado".split())


def _one_storm(thing: frozenset[str], text: str) -> frozenset[str]:
    """A storm by its kind or by its name ("The hurricane strengthened" / "Odessa weakened"): one "storm"."""
    names = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", text)}
    if thing & _STORMS or (thing and thing <= names and re.search(r"\b(?:storm|hurricane|typhoon|cyclone|landfall|"
                                                                   r"came\s+ashore)\b", text, re.I)):
        return (thing - _STORMS - names) | {"storm"}
    return thing


def _verb_context(words: list[str], k: int) -> bool:
    prev = words[k - 1].lower() if k else ""
    nxt = words[k + 1].lower() if k + 1 < len(words) else ""
    return prev not in ("a", "the", "an", "its", "his", "her", "their") and nxt not in ("of", "house", "court")


def direction_mismatches(a: str, b: str) -> list[Mismatch]:
    """One unit says up (approve, win), the other down (reject, lose), about the same thing."""
    if _sides_of_one_vote(a, b):
        return []
    da, db = _directions(a), _directions(b)
    if _two_sessions(a, b):
        return []
    out = []
    for frame in da.keys() & db.keys():
        (sa, _, ta), (sb, _, tb) = da[frame], db[frame]
        if frame == "intensity":
            ta, tb = _one_storm(ta, a), _one_storm(tb, b)
        if sa != sb and _one_thing_changed(ta, tb, a, b):
            if _no_change(a) or _no_change(b):
                continue  # the change rule speaks for "kept unchanged"
            # the same thing changed both ways ("Shares in Norvik slid 6%" / "Shares in the carmaker rose 6%"):
            # the spans align
            out.append(Mismatch("direction", da[frame][1], db[frame][1], aligned=bool(ta & tb)))
    return out


_OPENING = frozenset("opened opening opens".split())
_CLOSING = frozenset("closed closing closes ended ending finished settled".split())


def _two_sessions(a: str, b: str) -> bool:
    """A market's open in one unit, its close in the other ("Shares opened lower" / "Shares closed up 2%"):
    two moments of the day, which may move both ways."""
    wa, wb = {w.lower() for w in _WORD.findall(a)}, {w.lower() for w in _WORD.findall(b)}
    return bool((wa & _OPENING and wb & _CLOSING and not wa & _CLOSING)
                or (wb & _OPENING and wa & _CLOSING and not wb & _CLOSING))


# words that make a thing another of its kind: "Shares of *rival* carmaker Vesko" are not the carmaker's shares
_OTHER_ONE = frozenset("rival rivals competitor competitors peer peers".split())


def _one_thing_changed(ta: frozenset[str], tb: frozenset[str], a: str, b: str) -> bool:
    """Two change words change one thing: their things share a word, or, where a unit names none, the units
    share half their content; not when one thing is a rival's ("shares of rival carmaker Vesko rose")."""
    if (ta ^ tb) & _OTHER_ONE:
        return False
    ta, tb = frozenset(_ONE_THING.get(w, w) for w in ta), frozenset(_ONE_THING.get(w, w) for w in tb)
    return bool(ta & tb) if ta and tb else _about_same_thing(a, b, 0.5)


# one changed thing in two words: "Torvane stock slid" / "Torvane shares rose"
_ONE_THING = {"stock": "share", "stocks": "share"}


def levels_apart(a: str, b: str) -> bool:
    """Both units tell a level that moved, and they name two levels ("Kestrel shares fell 7.8%" / "Kestrel
    lowered its forecast"): two claims, whatever a model reads in the two directions.

    Example:
        >>> levels_apart("Kestrel shares fell 7.8%.", "Kestrel lowered its forecast.")
        True
        >>> levels_apart("Rates rose.", "Rates fell.")
        False
    """
    la, lb = _content(a) & _LEVELS, _content(b) & _LEVELS
    return bool(la and lb and not la & lb and "level" in _directions(a) and "level" in _directions(b))


def change_mismatches(a: str, b: str) -> list[Mismatch]:
    """One unit reports a change of a level, the other that it did not change."""
    if _sides_of_one_vote(a, b):
        return []
    na, nb = _no_change(a), _no_change(b)
    ca, cb = _directions(a).get("level"), _directions(b).get("level")
    # one level named in both ("trimmed its profit forecast" / "kept its profit forecast unchanged"): aligned
    same_level = bool(_content(a) & _content(b) & _LEVELS)
    if na and not nb and cb and not ca and _about_same_thing(a, b):
        return [Mismatch("change", na.group(0).strip(), cb[1], aligned=same_level)]
    if nb and not na and ca and not cb and _about_same_thing(a, b):
        return [Mismatch("change", ca[1], nb.group(0), aligned=same_level)]
    return []


# ------------------------------------------------------------------------------------------ states
# open (or back to normal) against closed (or still in force): "Highway 9 reopened" / "Highway 9 remains
# closed", "the evacuation order was lifted" / "the evacuation order remains in place"
# talks too: "talks are continuing" / "talks broke down", "negotiations collapsed", "ended without agreement"
_STATE = re.compile(
    r"\b(?P<open>reopen(?:s|ed|ing)?|(?:was|were|has\s+been|have\s+been|is|are)\s+(?:now\s+)?open|lifted|"
    r"resumed|restored|(?:is|are|were|was)\s+(?:still\s+)?(?:continuing|under\s*way|ongoing|progressing)|"
    # "Online banking is working again", "services are back online"
    r"(?:is|are)\s+(?:now\s+)?(?:working|running|operating)\s+(?:again|normally)|back\s+online|"
    # what was planned took place: "Planned operations went ahead as scheduled"
    r"went\s+ahead|go(?:es)?\s+ahead|going\s+ahead|proceeded\s+as\s+(?:planned|scheduled)|"
    # a fleet in use: "Its other A-220 jets remain in service", "will keep flying", "continue to fly"
    r"(?:remains?|remained|stay(?:s|ed)?)\s+in\s+service|(?:continue|continues|keep|keeps)\s+(?:to\s+fly|flying)|"
    r"(?:remains?|remained|stay(?:s|ed|ing)?|still)\s+open|"
    # a part of a plan kept: "The station remains part of the route", "is still on the route", "still included"
    r"(?:remains?|remained|stays?|stayed)\s+(?:a\s+)?part\s+of|(?:is|are)\s+still\s+(?:on|in|part\s+of|included)|"
    r"still\s+included)\b|"
    r"\b(?P<ended>broke\s+down|broken\s+down|"
    # "talks collapsed", not "the collapsed building"
    r"collapsed(?!\s+(?:(?-i:[A-Z])[\w-]*|building|block|bridge|house|tower|roof|apartment|structure|mine|tunnel|dam|wall)\b)|ended\s+without\s+(?:an\s+)?(?:agreement|a\s+deal|a\s+breakthrough)|"
    r"broken\s+off|called\s+off(?!\s+(?:all|its|the|their)\b))\b|"
    r"\b(?P<closed>(?:remains?|remained|stays?|stayed|is|are|was|were|still|been)\s+(?:still\s+)?"
    r"(?:closed|shut|in\s+place|in\s+effect|in\s+force|suspended|halted|postponed|delayed|put\s+off|"
    r"cancell?ed)|closed\s+(?:off|indefinitely|until)|"
    # "the assets remain frozen" / "the freeze on the assets was lifted" ("were frozen in March": before it was)
    r"(?:remains?|remained|stays?|stayed|still)\s+frozen|"
    r"(?:remains?|remained|still)\s+(?:\w+\s+)?(?:closed|shut))\b|"
    # "the operator suspended all services on the line": closed, of what follows
    r"\b(?P<stopped>(?:suspended|halted|grounded|called\s+off|"
    # a part of a plan cut: "the council dropped the planned Harbour Square station from the route"
    r"dropped|scrapped|axed|removed)(?=\s+(?:all|its|the|their)\b))", re.I)
# an aside between a subject and its verb: ", the main crossing over the river in Brenmoor," / ", which links ...,"
_APPOSITION = re.compile(r",\s+(?:the|a|an|which|who|whose|where|[a-z]+ed)\b[^,;]{0,80},\s*$|"
                         r",\s+(?:the|a|an|which|who|whose|where|[a-z]+ed)\b[^,;]{0,80},(?=\s)", re.I)
# "shares closed up 2%", "the market opened lower": a market's prices, not a state
_MARKET = re.compile(r"\b(?:closed|opened|open|reopened)\s+(?:at|up|down|higher|lower|flat|unchanged|\$?\d)", re.I)


@lru_cache(maxsize=8192)
def _state(text: str) -> tuple[int, str, frozenset[str]] | None:
    """(+1 open / lifted / resumed or -1 closed / still in force, the words, what is open or closed: the
    content words among the last eight of the clause before them), or None (both, neither, or a market's
    prices)."""
    if _MARKET.search(text):
        return None
    # an aside tells what was, not what is: "Online banking, which was shut down as a precaution, has been restored"
    text = _APPOSITION.sub(" ", text)
    hits = list(_STATE.finditer(text))
    if len({bool(m.group("open")) for m in hits}) != 1:
        return None
    m = hits[0]
    # the subject: "Talks between the union and the company", "The Kessel Bridge, the main crossing, remains"
    clause = re.split(r"[,;:]", _APPOSITION.sub(" ", text[:m.start()]))[-1]
    before = _WORD.findall(clause)[-8:]
    if m.group("stopped"):  # the object: "suspended all services on the Larkmoor line"
        before = _WORD.findall(re.split(r"[,;:]", text[m.end():])[0])[:8]
    thing = frozenset(lemma(w) for w in before if w.lower() not in STOP and len(w) > 2)
    return (1 if m.group("open") else -1), m.group(0), thing


def state_mismatches(a: str, b: str) -> list[Mismatch]:
    """One unit says a road, a border, an order, a service or talks are open or going on, the other that they
    are still closed, in force or broken off, of the same thing (a shared word of the clause before the
    state: "Highway 9", "the evacuation order", "talks"); the shared subject aligns the two (``aligned``)."""
    sa, sb = _state(a), _state(b)
    if sa is None or sb is None or sa[0] == sb[0] or not sa[2] & sb[2]:
        return []
    return [Mismatch("change", sa[1], sb[1], aligned=True)]  # the same subject: the spans align


# still awaiting a decision against the decision made: "the deal still needs approval from the Commission" /
# "the Commission approved the takeover"
_PENDING = re.compile(
    r"\b(?:still\s+)?(?:needs?|requires?|awaits?|awaiting|pending|subject\s+to|has\s+yet\s+to\s+(?:receive|win|get))"
    r"\s+(?:\w+\s+){0,2}?(?:approval|clearance|sign-off|ratification|green\s+light)\b|"
    r"\b(?:has|have)\s+(?:not|yet)\s+(?:yet\s+)?(?:approved|cleared|ratified)\b|\byet\s+to\s+(?:approve|clear|ratify)\b|"
    # "Regulators must still sign off on the purchase"
    r"\b(?:must|will|would)\s+still\s+(?:need\s+to\s+)?(?:sign\s+off|approve|clear|ratify)\b",
    re.I)
_DECIDED = re.compile(r"(?<!not\s)(?<!yet\s)\b(?:approved|cleared|ratified|gave\s+(?:its\s+|the\s+)?"
                      r"(?:approval|clearance|green\s+light))\b", re.I)


def approval_mismatches(a: str, b: str) -> list[Mismatch]:
    """One unit says a deal or a plan still awaits approval, the other that it was approved, of the same thing."""
    pa, pb = _PENDING.search(a), _PENDING.search(b)
    da, db = _DECIDED.search(_PENDING.sub(" ", a)), _DECIDED.search(_PENDING.sub(" ", b))
    if (pa and da) or (pb and db):
        return []  # "the board approved the plan, which still needs approval from shareholders": both in one
    if pa and db and not pb and _about_same_thing(a, b):
        return [Mismatch("negation", pa.group(0), db.group(0))]
    if pb and da and not pa and _about_same_thing(a, b):
        return [Mismatch("negation", da.group(0), pb.group(0))]
    return []
