"""Stage 5b, claim units: what a sentence claims, without who said it, quotation marks or extra clauses.

Outlets word one fact differently around the same claim: "'We call on all sides to remain calm,' Wang
Yi said." and "Wang told Blinken: 'We ask all parties to remain calm.'" The NLI model compares claim
units, not sentences: attribution is removed ("X said", "according to Y", "the ministry said in a
statement", "citing Reuters on January 27") and kept as the unit's ``speaker``; quotation marks are
unwrapped; independent clauses joined by ";" or ", but" / ", while" / ", and" (each side a clause of
its own) become separate units. An attribution difference ("Wang said" vs "the ministry said") is never
a contradiction: the speaker is a field, not part of the claim.

Example:
    >>> [u.to_dict() for u in claim_units('"We call on all sides to remain calm," Wang Yi said on Wednesday.')]
    [{'text': 'We call on all sides to remain calm.', 'speaker': 'Wang Yi'}]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .results import ClaimUnit

_Q = "\"“”‘’'"
# who is told: "told reporters", "told the courtroom", "told a news conference", "told Blinken"
_AUDIENCE = (r"(?:reporters|journalists|jurors|lawmakers|legislators|parliament|supporters|"
             r"the\s+(?:court(?:room)?|jury|judges?|committee|hearing|inquiry|panel|council|board|assembly)|"
             r"an?\s+(?:news|press)\s+conference|(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})")
_VERBS = (rf"(?:said|says|say|reports|"
          rf"told\s+{_AUDIENCE}|"
          r"added|stated|noted|announced|wrote|explained|insisted|stressed|underscored|pointed out|"
          r"reported|confirmed|argued|declared|tweeted|posted)")
_WHEN = r"(?:\s+(?:on|in|late|early|last|this|by|during|at)\b[^,.;:]{0,40})?"
_HOW = r"(?:\s+in\s+a\s+(?:statement|tweet|post|interview|briefing|press release|letter)[^,.;:]{0,40})?"
_SPEAKER = r"(?P<who>[A-Za-z][\w.'’-]*(?:\s+[\w.'’-]+){0,6}?)"
# "..., Wang said." / '"...," Wang Yi said on Wednesday.' / "... , the ministry said in a statement."
_TAIL = re.compile(rf"^(?P<body>.+?)[,:]?[{_Q}]?,?\s+{_SPEAKER}\s+(?:has\s+|had\s+)?{_VERBS}{_WHEN}{_HOW}"
                   rf"(?:,\s+citing\s+[^.]+)?\s*[.!]?[{_Q}]?$", re.S)
# '"...," said Wang.'
# the comma or closing quote is required: "Sollis said Veltro accepted the ruling" is a head, not an inversion
_TAIL_INV = re.compile(rf"^(?P<body>.+?)(?:,[{_Q}]?|[{_Q}],?)\s+(?:said|says|added)\s+"
                       # a speaker has no verb of its own ("..., said the dam had passed": a head, not an inversion)
                       rf"(?P<who>(?:[A-Z]|the\b)[\w.'’-]*(?:\s+(?!(?:had|has|have|was|were|is|are|will|would|"
                       rf"could|did)\b)[\w.'’-]+){{0,7}}?){_WHEN}\s*[.!]?$", re.S)
# "Wang told Blinken (by telephone) on Wednesday that ..." / "China has told the United States it wants ..."
_HEAD = re.compile(rf"^{_SPEAKER}(?:,\s+[^,\"“]{{3,100}},)?\s+(?:has\s+|had\s+)?"
                   rf"(?:(?:said|says|told\s+{_AUDIENCE})"
                   rf"(?:\s+(?:by|on|in|late|early|during|at|last|this|over)\b[^\"“,:]{{0,50}}?\s+that\b|\s+that\b|:|,)?"
                   rf"|{_VERBS}(?:\s+that\b|:))\s+(?P<body>\S.+)$", re.S)
# "Freight trains will run as normal, the operator said, to keep supply chains moving": the speaker between the
# claim and the rest of it
# (not with a day: "the club confirmed on Monday, after ..." dates the statement and maybe the claim)
_MID = re.compile(rf"^(?P<body>.+?),\s+{_SPEAKER}\s+(?:has\s+|had\s+)?{_VERBS},\s+"
                  rf"(?P<rest>(?:to|as|with|despite|crediting|describing|calling)\b.+)$", re.S)
_ACCORDING_HEAD = re.compile(r"^according\s+to\s+(?P<who>[^,]{2,80}),\s+(?P<body>.+)$", re.S | re.I)
_ACCORDING_TAIL = re.compile(r"^(?P<body>.+?),\s+according\s+to\s+(?P<who>[^,]{2,80}?)\s*[.!]?$", re.S | re.I)
_CITING = re.compile(r",\s+citing\s+[^,.]{2,80}(?:\s+on\s+[^,.]{2,30})?(?=[.,]?\s*$)", re.I)
_CLAUSE = re.compile(r";\s+|,\s+(?=(?:but|while|whereas)\s+\w)|,\s+(?=and\s+(?:the|a|an|it|he|she|they|we|[A-Z]\w*)\b)|"
                     # "X, saying Y" / "X, adding that Y": what the subject said besides doing X
                     r",\s+(?=(?:saying|adding)\s+\w)|"
                     # "(Police said they) had not ruled out sabotage and that officers were examining the site"
                     r"\s+(?=and\s+that\s+\w)")
_WHOLE_QUOTE = re.compile(r'^\s*["“][^"“”]{8,}[.!?]?["”]\s*$')
_PRONOUN = re.compile(r"^(it|he|she|they)\b", re.I)
# a speaker for someone else ("His lawyer said he would appeal", "Dent's spokesman said he ..."): the pronoun is
# the client, not the speaker
_PROXY = re.compile(r"\b(?:lawyers?|attorneys?|solicitors?|counsel|spokes(?:man|woman|person)|representatives?|"
                    r"agents?|aides?|advisers?|publicists?)\b", re.I)
# speakers whose "he" or "she" is mostly someone else ("Judge Ilse Varga told the courtroom that he had sold his
# office": the defendant); their "they" is still themselves ("Police said they had arrested three men")
_ABOUT_OTHERS = re.compile(r"\b(?:judges?|prosecutors?|police|officers?|investigators?|detectives?|coroner|"
                           r"witness(?:es)?|doctors?)\b", re.I)
_PERSON = re.compile(r"^(?:he|she)\b", re.I)
# a subject, what it did, then "and" before the verb of saying: the "speaker" of _HEAD is a claim and its subject
_DID_AND = re.compile(r"^(?P<claim>(?P<subject>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+\S.*?)\s+and$")
_LEAD = re.compile(r"^(?:separately|however|meanwhile|moreover|furthermore|also|additionally|in addition|earlier|"
                   r"later|in (?:a|the|their|his|her) (?:call|statement|conversation|talks))\s*,\s+", re.I)


def _sentence(body: str, stop: str = ".") -> str:
    """``body`` as a claim: quotation marks unwrapped, capitalised, ending with ``stop`` unless it has an end."""
    body = body.strip().strip(_Q + " ,;:").strip()
    body = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"[“”\"]", "", body)).strip()
    if not body:
        return body
    body = body[0].upper() + body[1:]
    return body if body[-1] in ".!?" else body.rstrip(",;:") + stop


def _attribution(s: str) -> tuple[str, str | None]:
    """(claim, speaker) of one sentence; nested attributions are peeled off and the innermost speaker kept."""
    who: str | None = None
    for _ in range(3):
        body, found = _peel(s)
        if found is None:
            break
        s, who = _sentence(body, ""), found
    return s, who


def _peel(s: str) -> tuple[str, str | None]:
    """One layer of attribution: (claim, speaker), or (s, None) when nothing is attributed."""
    s = _LEAD.sub("", _CITING.sub("", s.strip()))
    for pat in (_ACCORDING_HEAD, _ACCORDING_TAIL, _TAIL_INV, _TAIL):
        m = pat.match(s)
        if m and len(m.group("body").split()) >= 4:
            return m.group("body"), m.group("who").strip()
    m = _MID.match(s)
    if m and len(m.group("body").split()) >= 4 and len(m.group("who").split()) <= 4:
        return f"{m.group('body')}, {m.group('rest')}", m.group("who").strip()
    m = _HEAD.match(s)
    if m and len(m.group("body").split()) >= 4 and len(m.group("who").split()) <= 6:
        who, body = m.group("who").strip(), m.group("body")
        did = _DID_AND.match(who)
        if did:  # "Caddick has not conceded and said his party would ...": a claim of its own, then what was said
            subject = did.group("subject")
            if _PRONOUN.match(body) and not _PROXY.search(subject) \
                    and not (_ABOUT_OTHERS.search(subject) and _PERSON.match(body)):
                body = _PRONOUN.sub(subject, body, count=1)  # "Holt denied it and said he would" -> "Holt would"
            return f"{did.group('claim')}; {body}", subject
        if (_PRONOUN.match(body) and not who[0].islower() and not _PROXY.search(who)
                and not (_ABOUT_OTHERS.search(who) and _PERSON.match(body))):
            body = _PRONOUN.sub(who, body, count=1)  # "China told Washington it hoped" -> "China hoped"
        return body, who
    return s, None


def _clauses(body: str) -> list[str]:
    parts = _CLAUSE.split(body)
    out: list[str] = []
    for p in parts:
        p = re.sub(r"^(?:(?:saying|adding)(?:\s+that)?|and\s+that|but|while|whereas|and)\s+", "", p.strip(), flags=re.I)
        if out and len(p.split()) < 4:
            out[-1] = out[-1].rstrip(".") + ", " + p  # too short for a claim of its own
        elif p:
            out.append(p)
    if len(out) > 1 and len(out[0].split()) < 4:
        out[:2] = [out[0].rstrip(".") + ", " + out[1]]
    return out


@lru_cache(maxsize=16384)
def claim_units(sentence: str) -> tuple[ClaimUnit, ...]:
    """Stage entry: the claim units of one sentence (at least one; the sentence itself when nothing applies).

    Cached per sentence: one sentence meets many others in the judged pairs.
    """
    body, who = _attribution(sentence)
    parts = _clauses(body)
    if who is None and len(parts) == 1:
        if _WHOLE_QUOTE.match(sentence):  # '"Then they moved inside the mosque."': the quote, unwrapped
            return (ClaimUnit(_sentence(sentence, ""), None),)
        if len(re.findall(r"[\"“”]", sentence)) % 2:
            # one quotation mark of a quote that runs over several sentences ('"If draining the ponds will help
            # establish his innocence, we welcome it.'): the model reads a stray mark as a change of meaning
            return (ClaimUnit(_sentence(sentence, ""), None),)
        return (ClaimUnit(sentence.strip(), None),)  # nothing to take off: the sentence as written
    # a headline has no full stop, and the model reads one as a sign of register: keep the writer's choice
    stop = "." if re.search(r"[.!?][" + _Q + r"]?\s*$", sentence) else ""
    units = tuple(ClaimUnit(_sentence(c, stop), who) for c in parts)
    units = tuple(u for u in units if len(u.text.split()) >= 3)
    return units or (ClaimUnit(sentence.strip(), None),)
