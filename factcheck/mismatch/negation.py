"""Polarity flips ("ruled out" vs "not ruled out") and antonyms in otherwise matching sentences."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..results import Mismatch
from .words import STOP, content_lemmas, lemma

# "no evidence of sabotage", "no sign that it was sabotaged": one negation of what follows
_NEG = re.compile(r"\b(no\s+(?:evidence|signs?|indications?|proof|traces?)\s+(?:of|that)|"
                  r"not|never|no|none|nobody|nothing|neither|nor|cannot|without|fail(?:s|ed|ing|ure)?\s+(?:to|of)|"
                  r"refus(?:e|ed|es|ing)(?:\s+to)?|"

                  # "declined to comment", "declined comment": a refusal; "revenues have declined": a fall
                  r"declin(?:e|ed|es|ing)(?:\s+to\b|(?=\s+(?:an?\s+|the\s+)?(?:comment|requests?|interviews?|invitations?|offers?)\b))|"
                  r"(?:do|does|did|is|was|are|were|ca|wo|could|would|should|has|have|had)nt)\b|n[’']t\b", re.I)
# a denial without a negation word: "ruled out a cyberattack" says what "no sign of a cyberattack" says
_EVIDENCE = re.compile(r"no\s+(?:evidence|signs?|indications?|proof|traces?)\b", re.I)
_RULED_OUT = re.compile(r"\b(?:rul(?:ed|es|e|ing)\s+out|excluded|dismissed)\b", re.I)
# "to stop him from turning": the verb after is negated, for the polarity of one predicate (not a denial of the
# claim: polarity_differs does not read it)
_FROM = re.compile(r"\b(?:stop|prevent|keep|kept)(?:s|ped|ed|ping|ing)?\s+(?:\w+\s+){0,2}?from\b", re.I)
# Word pairs whose swap, in otherwise matching sentences, is a contradiction. The one list: scripts/nli_data.py
# builds its synthetic negations from it too.
ANTONYMS = [
    ("confirmed", "denied"),
    ("admitted", "denied"),
    ("agreed", "refused"),
    ("succeeded", "failed"),
    ("profit", "loss"),
    ("alive", "dead"),
    ("injured", "unhurt"),
    ("injured", "uninjured"),
    ("guilty", "innocent"),
    ("convicted", "acquitted"),
    ("guilty", "acquitted"),
    ("convicted", "cleared"),
    ("opened", "closed"),
    ("allowed", "banned"),
    ("resigned", "remains"),
    # who ended it: "resigned as manager" / "dismissed manager Piet Vandermolen"
    ("resigned", "sacked"),
    ("resigned", "dismissed"),
    ("resigned", "fired"),
    ("ally", "enemy"),
    ("able", "unable"),
]


# content shared by two units (Jaccard) for a polarity flip: half of it, or a third when the negated word itself
# is the other unit's ("Veltro will appeal against the ruling" / "The company ... would not appeal")
_OVERLAP = 0.5
_SHARED_PREDICATE_OVERLAP = 0.3
_NOT_ONLY = re.compile(r"not\s+only\b|no\s+(?:longer|sooner)\b", re.I)
# words between a negation and what it negates: "has not yet been ruled out", "did not plan to investigate"
_AUX_AFTER = frozenset("be been being have has had yet ever to a an the any so as that plan plans planned intend "
                       "intends intended".split())


def _negated_word(text: str, end: int) -> str | None:
    """Lemma of the first content word after a negation ("has not yet been *ruled* out"), if any."""
    for w in re.findall(r"[a-z]+", text[end:end + 60].lower()):
        if w not in _AUX_AFTER and w not in STOP:
            return lemma(w)
    return None


# past forms a shared prefix does not tie to their verb: "declined to pay" / "paid the ransom"
_IRREGULAR = {"paid": "pay", "sold": "sell", "bought": "buy", "made": "make", "took": "take", "taken": "take",
              "gave": "give", "given": "give", "kept": "keep", "left": "leave", "held": "hold", "sent": "send",
              "spent": "spend", "built": "build", "brought": "bring", "found": "find", "went": "go", "gone": "go",
              "began": "begin", "begun": "begin", "met": "meet", "won": "win", "caught": "catch",
              "struck": "strike", "fought": "fight", "shot": "shoot",
              "flew": "fly", "flown": "fly", "chose": "choose", "chosen": "choose", "broke": "break",
              "broken": "break", "threw": "throw", "thrown": "throw", "told": "tell", "sought": "seek",
              "lost": "lose", "hid": "hide", "hidden": "hide", "knew": "know", "known": "know"}


def _same_stem(x: str, y: str) -> bool:
    """ "burrow" and "burrowing", "approve" and "approved", "pay" and "paid": one word (the lemmatiser strips
    plurals only)."""
    x, y = _IRREGULAR.get(x, x), _IRREGULAR.get(y, y)
    n = min(len(x), len(y), 5)
    return x[:n] == y[:n] and n >= 4 or x == y


# one predicate in two words: "was convicted" is "was found guilty" ("found not guilty" negates both)
# "the label includes a warning" is "the label carries a warning" ("does not carry a warning" negates both)
# (words as the lemmatiser leaves them: it strips plurals only, so "includes" is already "include")
_SAME_PREDICATE = {"convicted": "guilty", **{w: "carry" for w in ("include", "included", "including", "contain",
                                                                  "contained", "carried", "carrying")},
                   # "would not challenge the budget in court" / "will contest the budget in court"
                   **{w: "challenge" for w in ("contest", "contested", "contesting")},
                   **{w: "testify" for w in ("testified", "testifies", "testifying")},
                   # "passwords were also stolen" / "passwords were not taken"
                   **{w: "take" for w in ("stolen", "stole", "steal", "steals")},
                   # "the outage was not the result of sabotage" / "the blackout was caused by sabotage"
                   **{w: "cause" for w in ("result", "caused", "causes", "causing")},
                   # "the schools would be closed" / "the schools will not be shut"
                   **{w: "close" for w in ("closed", "closing", "shut", "shutting")},
                   # "would ask parliament to amend the law" / "would not change the law"
                   **{w: "change" for w in ("amend", "amended", "amending", "alter", "altered", "modify",
                                            "modified", "changed", "changing")}}


@lru_cache(maxsize=8192)
def _content(s: str) -> frozenset[str]:
    return frozenset(_SAME_PREDICATE.get(w, w) for w in content_lemmas(_FROM.sub(" ", _NEG.sub(" ", s))))


# Words that deny a claim outright, as news reports a refuted story: "Iraq denies...", "...was a hoax".
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|hoax(?:es)?|fake[ds]?|false(?:ly)?|untrue|myths?|debunk(?:s|ed|ing)?|"
    r"rubbish|nonsense|baseless|unfounded|bogus|fabricated)\b", re.I)


# "were left without power", "leaves thousands without electricity", "remain without water": a state of lacking
# something (the same fact as "lost power", "cut electricity to"), not a negated claim; "released without charge"
# still negates
_LACKING = re.compile(r"\b(?:(?:left|leaves?|leaving)\s+(?:[\w'’-]+\s+){0,4}?|(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?|"
                      r"were|was|are|is|been|be|went|go(?:es)?|gone)\s+)without\b|"
                      # "Tens of thousands without power": a headline's outage
                      r"\bwithout(?=\s+(?:power|electricity|water|heat(?:ing)?|gas|internet)\b)", re.I)


def _negations(text: str) -> list[re.Match[str]]:
    """The negations of a text, without "not only" / "no longer" and without a state of lacking something."""
    lacking = {m.end() for m in _LACKING.finditer(text)}
    return [m for m in _NEG.finditer(text) if not _NOT_ONLY.match(text, m.start()) and m.end() not in lacking]


def _polar(text: str) -> bool:
    return bool(_DENIAL.search(text)) or bool(_negations(text))


def polarity_differs(a: str, b: str) -> bool:
    """One text negates or denies (“did not”, “denies”, “a hoax”) and the other does not.

    Not a mismatch by itself (the two may negate different things); the decision table lets a strong NLI
    contradiction of such a pair stand even when the model also finds one direction entailed.

    Example:
        >>> polarity_differs("Judd Nelson found dead", "Judd Nelson is not dead"), polarity_differs("a", "b")
        (True, False)
    """
    return _polar(a) != _polar(b)


# where the negated claim ends: a new clause, or a condition on it ("did not rule out further cuts *if* demand
# stays weak")
_CLAUSE_END = re.compile(r"[,;:.!?]|\b(?:saying|and|but|because|after|as|while|if|unless|during)\b", re.I)


def _subject(text: str, neg: re.Match[str]) -> re.Match[str] | None:
    """The name the negation is said of: nothing but an auxiliary between ("Reyes refused", "Harrow does not"), or
    a choice in a relative clause ("Maskell, who chose not to take the stand")."""
    m = re.search(r"\b([A-Z][\w'’-]+)(?:,\s+who)?\s+(?:(?:do|does|did|has|have|had|is|was|are|were|will|would|"
                  r"could|can|may|might|should|also|still|chose|decided|opted|elected)\s+)?$", text[:neg.start()])
    if m is not None:
        return m
    # or a thing named by its noun with an auxiliary: "The museum's alarm did not sound"
    m = re.search(r"\b(?:the|its|their)\s+(?:[\w'’-]+['’]s\s+)?(?:[a-z-]+\s+)?([a-z]{3,})\s+"
                  r"(?:did|does|do|has|have|had|was|were|is|are|will|would)\s+$", text[:neg.start()], re.I)
    return m if m is not None and m.group(1).lower() not in STOP else None


def negations_agree(a: str, b: str) -> bool:
    """Both units negate one predicate of one named subject ("Maskell did not testify" / "Maskell, who chose not
    to take the stand, ...", "Maskell never took the witness stand"): one claim in two wordings.

    Example:
        >>> negations_agree("Maskell did not testify.", "Maskell never took the witness stand.")
        True
        >>> negations_agree("Maskell did not testify.", "Okafor did not testify.")
        False
    """
    a, b = _one_wording(a), _one_wording(b)
    if _DENIAL.search(a) or _DENIAL.search(b):
        return False

    def said(text: str) -> set[tuple[str, str]]:  # (subject, negated predicate) of each negation with a subject
        out = set()
        for neg in _negations(text):
            subject, pred = _subject(text, neg), _negated_word(text, neg.end())
            if subject is not None and pred is not None:
                out.add((subject.group(1), _SAME_PREDICATE.get(pred, pred)))
        return out

    return any(s == t and _same_stem(p, q) for s, p in said(a) for t, q in said(b))


def _one_subject_flip(text: str, neg: re.Match[str], other: str) -> bool:
    """One named subject, one predicate, negated on one side only, and nothing else said of it: "Reyes refused
    to concede, saying ..." / "Reyes conceded on Sunday". The name right before the negation and the negated
    word are both in the other unit, and whatever follows the negated word up to the clause's end is too
    ("Harrow does not expect any job cuts" / "Harrow expects to complete the deal": the cuts are not)."""
    subject = _subject(text, neg)
    pred = _negated_word(text, neg.end())
    if not subject or pred is None:
        return False
    other_words = content_lemmas(other) | {f(w.lower()) for w in re.findall(r"[A-Za-z]+", other) for f in (lemma, str)}
    if lemma(subject.group(1).lower()) not in other_words or not any(_same_stem(pred, w) for w in other_words):
        return False
    rest = text[neg.end():]
    m = re.search(rf"\b{re.escape(pred[:4])}\w*", rest, re.I)
    tail = rest[m.end():] if m else ""
    cut = _CLAUSE_END.search(tail)
    obj = content_lemmas(tail[:cut.start()] if cut else tail)
    return obj <= other_words


_POSSESSED = re.compile(r"^\s*(?:his|her|their|its)\s+([a-z]+)\s+(?:do|does|did|has|have|had|is|was|are|were|will|"
                        r"would|could|can|may|might|should)?\s*$", re.I)


def _said_of_it(text: str, neg: re.Match[str], other: frozenset[str]) -> bool:
    """A short negated claim all of whose content the other states: "He would not appeal" / "Dent would appeal
    against the conviction" (the negated word and every other content word are the other unit's)."""
    own = _content(text)
    # "Her client would not appeal" / "Reyle would appeal": the subject named by a possessive and a noun is the
    # other's person, not a content word of the claim
    owner = _POSSESSED.search(text[:neg.start()])
    if owner is not None:
        own = own - {lemma(owner.group(1).lower())}
    pred = _negated_word(text, neg.end())
    return (pred is not None and bool(own) and any(_same_stem(pred, w) for w in other)
            and all(any(_same_stem(x, w) for w in other) for x in own))


# one predicate as a phrase: "took the witness stand" is "testified" ("chose not to take the stand" negates it)
_PHRASES = ((re.compile(r"\bt(?:ake|akes|ook|aken|aking)\s+the\s+(?:witness\s+)?stand\b", re.I), "testify"),
            (re.compile(r"\bg(?:ive|ives|ave|iven|iving)\s+evidence\b", re.I), "testify"),
            # "entered its planned orbit", "was placed in its intended orbit" / "failed to reach its planned orbit"
            (re.compile(r"\b(?:entered|placed\s+in(?:to)?|put\s+into|inserted\s+into)(?=\s+(?:its|the|a)\b)", re.I),
             "reached"),
            # "entered its planned orbit", "was placed in its intended orbit" / "failed to reach its planned orbit"
            (re.compile(r"\b(?:entered|placed\s+in(?:to)?|put\s+into|inserted\s+into)(?=\s+(?:its|the|a)\b)",
                        re.I), "reached"),
            # an alarm that "went off", "was triggered" or "rang" sounded ("did not sound")
            (re.compile(r"\b(alarms?|sirens?)\s+(?:went\s+off|(?:was|were)\s+triggered|rang|sounded)\b", re.I),
             r"\1 sounded"),
            # "would ask parliament to amend the law" / "would not change the law"
            (re.compile(r"\b(?:amend|alter|modify)(?:s|ed|ing)?\b(?=\s+(?:the|its|their|this|that)\b)", re.I),
             "change"))


def _one_wording(text: str) -> str:
    for rx, word in _PHRASES:
        text = rx.sub(word, text)
    return text


def negation_mismatches(a: str, b: str) -> list[Mismatch]:
    a, b = _one_wording(a), _one_wording(b)
    if found := _suspected_against_denied(a, b) or _keep_against_stop(a, b):
        return found
    ca, cb = _content(a), _content(b)
    overlap = len(ca & cb) / max(1, len(ca | cb))
    na = _negations(a) + list(_FROM.finditer(a))
    nb = _negations(b) + list(_FROM.finditer(b))
    if bool(na) != bool(nb):
        neg, text, other_text, other = (na[0], a, b, cb) if na else (nb[0], b, a, ca)
        if _EVIDENCE.match(neg.group(0)) and _RULED_OUT.search(other_text):
            return []  # "no sign of a cyberattack" / "ruled out a cyberattack": one denial in two forms
        pred = _negated_word(text, neg.end())
        pred = _SAME_PREDICATE.get(pred, pred) if pred is not None else None
        # the other's words as written too: the lemmatiser reads "suspect" as a person ("Police suspect arson")
        other_raw = set(re.findall(r"[a-z]+", other_text.lower()))
        shared = pred is not None and any(_same_stem(pred, w) for w in other | other_raw)
        if overlap >= _SHARED_PREDICATE_OVERLAP:  # the same predicate, negated on one side
            hit = (overlap >= _OVERLAP and (pred is None or shared)) or shared
        else:  # little content shared: only a short claim the other states in full
            # or the negated predicate said of the same object ("had never been declared unsafe" / "had declared
            # the building unsafe")
            verbal = re.fullmatch(r"not|never|\w*n[’']t|fail(?:s|ed|ing)?\s+to", neg.group(0), re.I) is not None
            # (what "would have" happened did not: "Shoppers would have ended up paying more" / "did not end up
            # paying more")
            verbal = verbal and not _COUNTERFACTUAL.search(other_text)
            hit = _said_of_it(text, neg, other) or (verbal and pred is not None and bool(
                _objects_of(text[neg.end():], pred) & _objects_of(other_text, pred)))
        flip = _one_subject_flip(text, neg, other_text)
        if hit or flip:
            word = neg.group(0)
            # one named subject, one predicate and its object, negated on one side: the spans align
            return [Mismatch("negation", word if na else "(affirmative)", "(affirmative)" if na else word,
                             aligned=flip)]
        return []
    la, lb = set(re.findall(r"[a-z]+", a.lower())), set(re.findall(r"[a-z]+", b.lower()))
    for x, y in ANTONYMS:
        if (x in la and y in lb and y not in la and x not in lb) or (
            y in la and x in lb and x not in la and y not in lb
        ):
            wa, wb = (x, y) if x in la else (y, x)
            # otherwise matching sentences, or the two words said of one thing ("Holt denied any wrongdoing in a
            # statement" / "Holt admitted wrongdoing and apologised")
            said_of_one = bool(_objects_of(a, wa) & _objects_of(b, wb))
            if overlap >= _OVERLAP or said_of_one:
                return [Mismatch("negation", wa, wb, aligned=said_of_one)]
    return []


# a cause suspected against one ruled out: "Police suspect arson" / "Arson has been ruled out", "investigators
# are treating the crash as sabotage" / "ruled out sabotage"
_SUSPECTED = re.compile(r"\bsuspect(?:s|ed|ing)?\s+(?:an?\s+|the\s+)?(?:possible\s+)?(?P<x>[a-z]+)|"
                        r"\btreat(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?as\s+(?:an?\s+|the\s+)?(?:possible\s+|deliberate\s+)?"
                        r"(?P<y>[a-z]+)|\b(?P<z>[A-Za-z]+)\s+(?:is|was|is\s+being|was\s+being)\s+suspected", re.I)
_DENIED = re.compile(r"(?<!not\s)(?<!n't\s)(?<!never\s)\brul(?:ed|es|e|ing)\s+out\s+(?:an?\s+|the\s+|any\s+)?"
                     r"(?:possible\s+)?(?P<x>[a-z]+)|\b(?P<y>[A-Za-z]+)\s+(?:has|had|have)\s+been\s+ruled\s+out|"
                     r"\bno\s+(?:evidence|signs?|indications?)\s+of\s+(?:an?\s+)?(?P<z>[a-z]+)", re.I)


# "Patients should keep taking their medicine" / "should stop taking the tablets": one activity, both ways
_KEEP_DOING = re.compile(r"\b(?:keep|keeps|continue|continues)\s+(?:to\s+)?(?P<x>[a-z]+?)(?:ing)?\b", re.I)
_STOP_DOING = re.compile(r"\b(?:stop|stops|cease|quit)\s+(?P<x>[a-z]+?)(?:ing)?\b", re.I)


def _either_way(a: str, b: str, said: Callable[[str, str], tuple[str, str] | None]) -> list[Mismatch]:
    """One aligned negation mismatch when ``said(x, y)`` finds the claim in ``x`` and its opposite in ``y``, read
    both ways round (the words in ``a``'s, ``b``'s order)."""
    for x, y, swap in ((a, b, False), (b, a, True)):
        pair = said(x, y)
        if pair is not None:
            return [Mismatch("negation", *(pair[::-1] if swap else pair), aligned=True)]
    return []


def _keep_and_stop(x: str, y: str) -> tuple[str, str] | None:
    keep, stop = _KEEP_DOING.search(x), _STOP_DOING.search(y)
    negated = stop is not None and _NEG.search(y[max(0, stop.start() - 12):stop.start()])
    if keep and stop and keep.group("x") == stop.group("x") and not negated:
        return keep.group(0), stop.group(0)
    return None


def _keep_against_stop(a: str, b: str) -> list[Mismatch]:
    """One unit says to go on doing a thing, the other to stop it, neither negated ("should keep taking" /
    "should stop taking"; "should not stop taking" is the first's claim)."""
    return _either_way(a, b, _keep_and_stop)


def _things(rx: re.Pattern[str], text: str) -> dict[str, str]:
    return {lemma(next(g for g in m.groups() if g).lower()): m.group(0) for m in rx.finditer(text)}


def _suspected_and_denied(x: str, y: str) -> tuple[str, str] | None:
    suspected, denied = _things(_SUSPECTED, x), _things(_DENIED, y)
    for thing in suspected.keys() & denied.keys() - STOP:
        if not _NEG.search(x[max(0, x.lower().find(suspected[thing].lower()) - 12):][:12 + len(suspected[thing])]):
            return suspected[thing], denied[thing]  # not "Arson is not suspected": the same denial
    return None


def _suspected_against_denied(a: str, b: str) -> list[Mismatch]:
    """One unit suspects a cause the other says was ruled out ("Police suspect arson" / "Arson has been ruled
    out"): one cause, both ways (aligned)."""
    return _either_way(a, b, _suspected_and_denied)


def _objects_of(text: str, word: str) -> frozenset[str]:
    """Lemmas of the first two content words after ``word`` in ``text``, names and pronouns left out: what it is
    said of ("denied *any wrongdoing*", "acquitted Mestek of *money laundering*", "found him guilty of
    *laundering the money*")."""
    m = re.search(rf"\b{word}(?:s|es|ed|d)?\b", text, re.I)  # "reach" said as "reached" too (not "addressing")
    if m is None:
        return frozenset()
    words = [w for w in re.findall(r"[A-Za-z]+", text[m.end():m.end() + 60])
             if w[0].islower() and w not in STOP and w not in _AUX_AFTER and w not in _PRONOUNS]
    return frozenset(lemma(w) for w in words[:2])


_COUNTERFACTUAL = re.compile(r"\b(?:would|could|might|should)\s+have\b", re.I)
_PRONOUNS = frozenset("him her them it us me himself herself themselves".split())
