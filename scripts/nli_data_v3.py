"""Training rows added for NLI v3: news paraphrase, attribution, rewordings and claim-frame hard cases.

Train roles of ``../shared/data`` only:
- :func:`mrpc_pairs`: MRPC train (real sentence pairs from different outlets of one story). Paraphrases
  are entailment in both directions; a non-paraphrase whose words are the same but for a figure is a
  contradiction; other non-paraphrases are neutral (one sentence adds or drops a detail).
- :func:`attribution_pairs`: from train-role news sentences (FNC-1 even bodies, DUC 2006) that carry an
  attribution ("..., the minister said."): the quote against its reported-speech form, against the bare
  statement, against "according to ..." and against another speaker; all entailment both ways (a claim
  is the same claim whoever is credited), and the same forms around a contradicting edit (contradiction).
- :func:`reworded_pairs`: translation-style rewordings (a lexicon of news paraphrases: "call on" / "ask",
  "all sides" / "all parties", "lost their lives" / "died"), entailment both ways.
- :func:`frame_pairs`: templated hard cases for the claim frames of the rules: counts under other nouns,
  direction of change, change vs no change, vote splits, phrasal negation, step vs level; both what
  must contradict and what must not.

Example:
    python scripts/train_nli.py --v3 --base models/factcheck-nli-minilm
"""

from __future__ import annotations

import csv
import random
import re

import nli_data as D

_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")


def _tokens(s: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(s)]


def mrpc_rows(role: str) -> list[tuple[int, str, str]]:
    """(quality, sentence 1, sentence 2) of the MRPC file of ``role``."""
    name = "msr_paraphrase_train.txt" if role == "train" else "msr_paraphrase_test.txt"
    out = []
    with (D.DATA / "news/mrpc" / name).open(encoding="utf-8-sig") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for r in reader:
            if len(r) >= 5:
                out.append((int(r[0]), r[3], r[4]))
    return out


def changed_figure(a: str, b: str) -> bool:
    """The two sentences use the same words but for a different figure."""
    na, nb = set(_NUM.findall(a)), set(_NUM.findall(b))
    if not na or not nb or na == nb:
        return False
    wa = {t for t in _tokens(a) if not t[0].isdigit()}
    wb = {t for t in _tokens(b) if not t[0].isdigit()}
    return len(wa & wb) / max(len(wa | wb), 1) >= 0.75


def mrpc_pairs(role: str = "train", seed: int = 3) -> list[D.Pair]:
    rng = random.Random(seed)
    out = []
    for q, a, b in mrpc_rows(role):
        if q == 1:
            out += [D.Pair(a, b, "entailment", "mrpc", "paraphrase"), D.Pair(b, a, "entailment", "mrpc", "paraphrase")]
        elif changed_figure(a, b):
            out.append(D.Pair(a, b, "contradiction", "mrpc", "changed_figure"))
        else:
            x, y = (a, b) if rng.random() < 0.5 else (b, a)
            out.append(D.Pair(x, y, "neutral", "mrpc", "not_paraphrase"))
    return out


# ------------------------------------------------------------------------------------ attribution
_SPEAKERS = ["the spokesman", "the spokeswoman", "officials", "the ministry", "the company", "police",
             "a senior official", "the agency", "the government", "a source close to the talks",
             "the minister", "the statement", "the report", "witnesses", "the White House"]
_VERB = r"(?:said|says|told reporters|told [A-Z][\w.]*(?: [A-Z][\w.]*)?|added|stated|noted|announced|wrote)"
_TAIL = re.compile(rf"^(?P<body>.{{30,}}?)[,]?[\"”]?,? (?P<who>(?:[A-Z][\w.'-]*|the|a|an)(?: [\w.'-]+){{0,5}}?) "
                   rf"(?P<verb>{_VERB})(?: (?:on|in|late) [\w ]{{3,20}})?\.$")
_QUOTE = re.compile(r"^[\"“](?P<body>.{30,}?)[,.]?[\"”],? (?P<who>[\w.' -]{3,40}?) (?P<verb>" + _VERB + r")\.$")


def _strip_quote(s: str) -> str:
    return s.strip().strip("\"“”").rstrip(",").strip()


def _sentence(body: str) -> str:
    body = body.strip().rstrip(",;:")
    return body[0].upper() + body[1:] + ("" if body.endswith((".", "!", "?")) else ".")


def _reported(body: str) -> str:
    return body[0].lower() + body[1:] if not re.match(r"^(I|[A-Z][a-z]*[A-Z]|[A-Z]\w* [A-Z])", body) else body


def attribution_forms(s: str) -> tuple[str, str, str] | None:
    """(statement, speaker, verb) of an attributed sentence, or None."""
    m = _QUOTE.match(s) or _TAIL.match(s)
    if not m:
        return None
    body = _strip_quote(m.group("body"))
    if len(body.split()) < 6 or re.match(r"^(I|We|My|Our|You)\b", body):
        return None  # first person needs pronoun changes we cannot do safely
    who = m.group("who").strip()
    if len(who.split()) > 5 or who.lower() in ("it", "he", "she", "they", "this", "that"):
        return None
    return body, who, m.group("verb")


def attribution_pairs(role: str = "train", seed: int = 7, limit: int = 4000) -> list[D.Pair]:
    rng = random.Random(seed)
    arts = D.news_articles(role)
    pool = sorted({m.group(1) for sents in arts.values() for s in sents for m in D._CAP.finditer(s)
                   if m.group(1).split()[0] not in D.STOP_CAPS})
    out: list[D.Pair] = []
    for key in sorted(arts):
        for s in arts[key]:
            f = attribution_forms(s)
            if not f:
                continue
            body, who, verb = f
            bare = _sentence(body)
            forms = [  # the same speaker in another form, or the bare claim (the judge compares claims without
                # their speakers; a swapped speaker taught v3's first run to overlook swapped names)
                f"{who[0].upper() + who[1:]} {verb} {_reported(body).rstrip('.')}.",
                f"According to {who}, {_reported(body).rstrip('.')}.",
                bare,
            ]
            other = rng.choice(forms)
            out.append(D.Pair(s, other, "entailment", "attribution", "attribution"))
            out.append(D.Pair(other, s, "entailment", "attribution", "attribution"))
            c = D.contradict(bare, pool, rng)
            if c:
                edited = c[0]
                form = rng.choice([f"According to {who}, {_reported(edited).rstrip('.')}.", edited,
                                   f"\"{edited.rstrip('.')},\" {rng.choice(_SPEAKERS)} said."])
                out.append(D.Pair(s, form, "contradiction", "attribution", c[1]))
            if len(out) >= limit:
                return out
    return out


# ------------------------------------------------------------------------------------ rewordings
REWORD = [
    ("call on", "urge"), ("called on", "urged"), ("calls on", "urges"), ("all sides", "all parties"),
    ("all countries", "all parties"), ("refrain from", "avoid"), ("take steps", "take actions"),
    ("increase tensions", "escalate tensions"), ("must be", "should be"), ("said", "stated"),
    ("died", "lost their lives"), ("were killed", "died"), ("injured", "hurt"), ("wounded", "injured"),
    ("staff", "employees"), ("workers", "employees"), ("approximately", "roughly"), ("people", "persons"),
    ("began", "started"), ("help", "assist"),
    ("buy", "purchase"), ("bought", "acquired"), ("announced", "said"), ("plans to", "intends to"),
    ("wants to", "hopes to"), ("expected to", "likely to"), ("because of", "due to"), ("however", "but"),
    ("a lot of", "many"), ("big", "large"), ("quickly", "rapidly"), ("said on", "stated on"),
    ("talks", "negotiations"), ("meeting", "talks"), ("officials", "authorities"), ("police", "officers"),
    ("residents", "locals"), ("fire", "blaze"), ("agreement", "deal"), ("chief executive", "CEO"),
    ("shares", "stock"), ("percent", "per cent"), ("firm", "company"), ("said it would", "said it will"),
]


def reword(s: str, rng: random.Random) -> str | None:
    hits = [(a, b) for a, b in REWORD if re.search(rf"\b{re.escape(a)}\b", s)]
    hits += [(b, a) for a, b in REWORD if re.search(rf"\b{re.escape(b)}\b", s)]
    if len(hits) < 1:
        return None
    rng.shuffle(hits)
    out = s
    for a, b in hits[:3]:
        out = re.sub(rf"\b{re.escape(a)}\b", b, out, count=1)
    return out if out != s else None


def reworded_pairs(role: str = "train", seed: int = 11, limit: int = 3000) -> list[D.Pair]:
    rng = random.Random(seed)
    arts = D.news_articles(role)
    out: list[D.Pair] = []
    for key in sorted(arts):
        for s in rng.sample(arts[key], min(3, len(arts[key]))):
            r = reword(s, rng)
            if r:
                x, y = (s, r) if rng.random() < 0.5 else (r, s)
                out.append(D.Pair(x, y, "entailment", "reworded", "reworded"))
                if len(out) >= limit:
                    return out
    return out


# ------------------------------------------------------------------------------------ frames
_GROUPS = [("staff", "employees", "workers"), ("people", "persons", "residents"), ("soldiers", "troops"),
           ("children", "minors"), ("passengers", "travellers"), ("officers", "police officers"),
           ("firefighters", "fire crews"), ("miners", "workers"), ("migrants", "asylum seekers")]
_FATE = [("died", "lost their lives", "were killed"), ("were injured", "were hurt", "were wounded"),
         ("were arrested", "were detained", "were taken into custody"), ("were rescued", "were saved"),
         ("were evacuated", "were moved to safety"), ("went missing", "remain missing")]
_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_ORGS = ["the central bank", "the Federal Reserve", "the Bank of England", "the European Central Bank",
         "the Reserve Bank", "the council", "the board", "the committee", "the regulator"]
_DIRECTION = [("rose", "fell"), ("increased", "decreased"), ("climbed", "dropped"), ("went up", "went down"),
              ("raised", "cut"), ("raised", "lowered"), ("won", "lost"), ("approved", "rejected"),
              ("confirmed", "denied"), ("accepted", "rejected"), ("gained", "lost"), ("expanded", "shrank")]
_MEASURES = ["unemployment", "inflation", "the jobless rate", "sales", "the index", "turnout", "exports",
             "the price of oil", "house prices", "output"]
_VOTE_BODIES = [("members", 9), ("justices", 9), ("councillors", 7), ("board members", 5), ("senators", 11),
                ("directors", 7), ("jurors", 12)]
_NEG = [("ruled out", "have not ruled out", "have ruled out",
         ["arson", "foul play", "a terrorist motive", "a gas leak", "sabotage"]),
        ("confirmed", "have not confirmed", "have confirmed",
         ["the death toll", "the cause of the fire", "the report"]),
        ("identified", "have not identified", "have identified", ["the suspect", "the victims", "the gunman"]),
        ("approved", "have not approved", "have approved", ["the deal", "the plan", "the merger"])]
_SUBJ = ["Investigators", "Police", "The authorities", "Prosecutors", "Officials", "Regulators"]
_CITY = ["Lisbon", "Leeds", "Porto", "Denver", "Dayton", "Halifax", "Perth", "Tampere", "Ghent", "Tulsa"]


def _n(rng: random.Random, lo: int = 2, hi: int = 12) -> int:
    return rng.randint(lo, hi)


def _spell(n: int, rng: random.Random) -> str:
    return _WORDS[n - 2] if 2 <= n <= 12 and rng.random() < 0.5 else str(n)


def frame_pairs(seed: int = 17, per_kind: int = 300) -> list[D.Pair]:
    rng = random.Random(seed)
    out: list[D.Pair] = []

    def add(a: str, b: str, label: str, kind: str) -> None:
        if rng.random() < 0.5:
            a, b = b, a
        out.append(D.Pair(a, b, label, "frames", kind))

    for _ in range(per_kind):  # counts of one group under other nouns and verbs
        g, f, city = rng.choice(_GROUPS), rng.choice(_FATE), rng.choice(_CITY)
        n = _n(rng)
        m = rng.choice([k for k in range(2, 13) if k != n])
        a = f"{_spell(n, rng).capitalize()} {rng.choice(g)} {rng.choice(f)} in {city} on {rng.choice(D.WEEKDAYS)}."
        same = f"{_spell(n, rng).capitalize()} {rng.choice(g)} {rng.choice(f)}, officials said."
        diff = f"{_spell(m, rng).capitalize()} {rng.choice(g)} {rng.choice(f)}, officials said."
        add(a, same, "entailment", "count")
        add(a, diff, "contradiction", "count")
    for _ in range(per_kind):  # direction of change, same value
        up, down = rng.choice(_DIRECTION)
        x, v = rng.choice(_MEASURES), f"{rng.randint(1, 9)}.{rng.randint(0, 9)}%"
        a = f"{x.capitalize()} {up} to {v} in {rng.choice(D.MONTHS)}."
        add(a, f"{x.capitalize()} {down} to {v}, the figures showed.", "contradiction", "direction")
        add(a, f"{x.capitalize()} {up} to {v}, the figures showed.", "entailment", "direction")
    for _ in range(per_kind):  # change vs no change, step vs level
        org = rng.choice(_ORGS)
        lvl = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.25, 4.5, 5.0])
        step = rng.choice([0.25, 0.5, 0.75])
        up = rng.random() < 0.5
        new = lvl + step if up else lvl - step
        verb = "raised" if up else "cut"
        a = f"{org[0].upper() + org[1:]} {verb} its rate by {step:g} points to {new:g}%."
        add(a, f"{org[0].upper() + org[1:]} left its rate unchanged at {lvl:g}%.", "contradiction", "change")
        add(a, f"{org[0].upper() + org[1:]} kept rates on hold at {new:g}%.", "contradiction", "change")
        other = rng.choice([s for s in (0.25, 0.5, 0.75) if s != step])
        add(a, f"{org[0].upper() + org[1:]} {verb} its rate by {other:g} points to "
               f"{(lvl + other if up else lvl - other):g}%.", "contradiction", "step")
        add(a, f"Rates were {verb} to {new:g}% by {org}.", "entailment", "change")
    for _ in range(per_kind):  # vote splits with arithmetic
        body, size = rng.choice(_VOTE_BODIES)
        yes = rng.randint(size // 2 + 1, size)
        no = size - yes
        other = rng.choice([k for k in range(size // 2 + 1, size + 1) if k != yes])
        a = f"The {body.split()[0]} {rng.choice(['approved', 'backed', 'passed'])} the measure {yes}-{no}."
        add(a, f"{_spell(yes, rng).capitalize()} of the {size} {body} voted in favour.", "entailment", "vote")
        add(a, f"{_spell(other, rng).capitalize()} of the {size} {body} voted in favour.", "contradiction", "vote")
        add(a, f"The measure passed by a vote of {other}-{size - other}.", "contradiction", "vote")
    for _ in range(per_kind):  # phrasal and auxiliary negation
        pos, neg, aux, objs = rng.choice(_NEG)
        subj, obj = rng.choice(_SUBJ), rng.choice(objs)
        a = f"{subj} {aux} {obj}."
        add(a, f"{subj} {neg} {obj}, a spokesman said.", "contradiction", "negation")
        add(a, f"{obj[0].upper() + obj[1:]} has not been {pos}, {subj.lower()} said.", "contradiction", "negation")
        add(a, f"{subj} said they had {pos} {obj}.", "entailment", "negation")
        add(f"{subj} {neg} {obj}.", f"{obj[0].upper() + obj[1:]} has not yet been {pos}.", "entailment", "negation")
    return out


def name_swaps(seed: int = 19) -> list[D.Pair]:
    """Synthetic contradictions by a swapped name, place or organisation, with their entailment partners."""
    rows = D.synthetic("train", "train", n_per_article=10, seed=seed)
    return [r for r in rows if r.kind in ("entity", "name", "place", "title", "paraphrase", "drop_clause")]


def v3_rows(seed: int = 42) -> list[D.Pair]:
    """Everything v3 adds to the training rows (train roles only)."""
    return mrpc_pairs() + attribution_pairs() + reworded_pairs() + frame_pairs()


# ------------------------------------------------------------------------------------ v3.1: one story, other facts
def duc_topics(folder: str = "duc2006_scu") -> list[tuple[str, list[tuple[str, str, frozenset[str]]]]]:
    """Per DUC topic file: its name and its (document, sentence, SCU ids) lines."""
    out = []
    for path in sorted((D.DATA / "news/duc_scu" / folder).glob("*.scu")):
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = []
        for doc in re.finditer(r'<document name="([^"]+)">(.*?)</document>', text, re.S):
            for line in re.findall(r"<line>(.*?)</line>", doc.group(2), re.S):
                plain = D._unescape(re.sub(r"<[^>]+>", "", line)).strip()
                if 40 <= len(plain) <= 300:
                    lines.append((doc.group(1), plain, frozenset(re.findall(r'<scu uid="(\d+)"', line))))
        out.append((path.name, lines))
    return out


def diagnostic_topics(n: int = 6, seed: int = 5) -> set[str]:
    """The DUC 2006 topics ``scripts/false_alarms.py`` reads (its defaults): never trained on."""
    names = [name for name, _ in duc_topics()]
    return set(random.Random(seed).sample(names, n))


def story_neutrals(embed, per_topic: int = 400, lo: float = 0.4, hi: float = 0.75, seed: int = 23) -> list[D.Pair]:
    """Related sentences of one story, from different articles, that state different facts: neutral.

    DUC 2006 topics (train role) other than the false-alarm diagnostic's: pairs of sentences from two
    articles of one topic that share no summary content unit (the corpus' gold for "same claim") and
    whose cosine (``embed``: list of texts -> unit vectors) lies where the pipeline sends pairs to NLI.
    These are the pairs v3 called contradictions ("Ten Russian ships were in the area ..." against
    "Tons of water surged in ...").
    """
    import numpy as np

    rng = random.Random(seed)
    skip = diagnostic_topics()
    out: list[D.Pair] = []
    for name, lines in duc_topics():
        if name in skip or len(lines) < 10:
            continue
        vecs = np.asarray(embed([t for _, t, _ in lines]))
        sims = vecs @ vecs.T
        cands = [(i, j) for i in range(len(lines)) for j in range(i + 1, len(lines))
                 if lines[i][0] != lines[j][0] and not (lines[i][2] & lines[j][2]) and lo <= sims[i, j] < hi]
        for i, j in rng.sample(cands, min(per_topic, len(cands))):
            a, b = (lines[i][1], lines[j][1]) if rng.random() < 0.5 else (lines[j][1], lines[i][1])
            out.append(D.Pair(a, b, "neutral", "duc_story", "other_fact"))
    return out
