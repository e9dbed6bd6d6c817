"""Loaders for the NLI and news data in ``../shared/data`` and a synthetic news-pair generator.

Every loader takes a ``role`` ("train" or "test") and only ever returns rows of that role, as
documented in ``../shared/data/README.md``. Rows are :class:`Pair` objects; ``label`` is one of
``entailment``, ``neutral``, ``contradiction`` or ``not_entailment`` (binary data sets).

Synthetic pairs come from real news sentences (FNC-1 bodies, ClaimDiff claims, DUC 2006 sentences)
of the ``train`` role: contradictions by changing a number, date, weekday, name, place,
organisation, title, quantity word or by negating; entailments by dropping a clause or light
paraphrase; neutrals from related sentences of the same article. The split into synthetic train and
synthetic test is by article (a stable hash), so no article feeds both.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.mismatch.negation import ANTONYMS as NEGATION_ANTONYMS

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
csv.field_size_limit(10**8)


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    source: str
    kind: str = ""


def _norm(label: str) -> str:
    label = label.strip().lower()
    return {"e": "entailment", "n": "neutral", "c": "contradiction"}.get(label, label)


def snli(role: str) -> list[Pair]:
    path = DATA / "nli/snli" / ("dev.jsonl" if role == "train" else "test.jsonl")
    out = []
    for line in path.open():
        r = json.loads(line)
        if r["label"] in ("entailment", "neutral", "contradiction"):
            out.append(Pair(r["premise"], r["hypothesis"], r["label"], "snli"))
    return out


def sick(role: str) -> list[Pair]:
    out = []
    with (DATA / "nli/sick/SICK.txt").open() as f:
        for r in csv.DictReader(f, delimiter="\t"):
            s = r["SemEval_set"].strip()
            if (role == "train") == (s in ("TRAIN", "TRIAL")):
                out.append(Pair(r["sentence_A"], r["sentence_B"], _norm(r["entailment_label"]), "sick"))
    return out


def anli(role: str) -> list[Pair]:
    out = []
    for rnd in ("R1", "R2", "R3"):
        path = DATA / "nli/anli" / rnd / ("dev.jsonl" if role == "train" else "test.jsonl")
        for line in path.open():
            r = json.loads(line)
            out.append(Pair(r["context"], r["hypothesis"], _norm(r["label"]), f"anli_{rnd}"))
    return out


def _binary(name: str, train_file: str, test_file: str, role: str) -> list[Pair]:
    path = DATA / "nli" / name / (train_file if role == "train" else test_file)
    out = []
    for line in path.open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            out.append(Pair(parts[1], parts[2], parts[0].strip(), name))
    return out


def mnli_binary(role: str) -> list[Pair]:
    return _binary("mnli_binary", "test.tsv", "dev.tsv", role)


def fever_binary(role: str) -> list[Pair]:
    return _binary("fever_binary", "dev.tsv", "test.tsv", role)


def control(role: str) -> list[Pair]:
    path = DATA / "nli/control" / ("dev.jsonl" if role == "train" else "test.jsonl")
    return [Pair(r["premise"], r["hypothesis"], _norm(r["label"]), "control") for r in map(json.loads, path.open())]


def climate_fever(role: str) -> list[Pair]:
    lab = {"SUPPORTS": "entailment", "REFUTES": "contradiction", "NOT_ENOUGH_INFO": "neutral"}
    out = []
    for line in (DATA / "nli/climate_fever/climate-fever.jsonl").open():
        r = json.loads(line)
        if (int(r["claim_id"]) % 2 == 0) != (role == "train"):
            continue
        for ev in r["evidences"]:
            out.append(Pair(ev["evidence"], r["claim"], lab[ev["evidence_label"]], "climate_fever"))
    return out


def emergent_rows(role: str) -> list[dict[str, str]]:
    with (DATA / "news/emergent/emergent.csv").open() as f:
        rows = list(csv.DictReader(f))
    ids = sorted({r["claimId"] for r in rows})
    keep = set(ids[:200]) if role == "train" else set(ids[200:])
    return [r for r in rows if r["claimId"] in keep]


def emergent_pairs(role: str, seed: int = 0) -> list[Pair]:
    """Headline pairs about one claim: for/for -> entailment-like agreement, for/against -> contradiction."""
    rng = random.Random(seed)
    by_claim: dict[str, dict[str, list[str]]] = {}
    for r in emergent_rows(role):
        by_claim.setdefault(r["claimId"], {}).setdefault(r["articleHeadlineStance"], []).append(r["articleHeadline"])
    out = []
    for stances in by_claim.values():
        fr, ag = stances.get("for", []), stances.get("against", [])
        for a in fr[:4]:
            for b in ag[:3]:
                out.append(Pair(a, b, "contradiction", "emergent"))
        for i, a in enumerate(fr[:4]):
            for b in fr[i + 1 : 5]:
                out.append(Pair(a, b, "agreement", "emergent"))
    rng.shuffle(out)
    return out


def emergent_claims(role: str) -> list[Pair]:
    lab = {"for": "entailment", "against": "contradiction", "observing": "neutral"}
    return [
        Pair(r["articleHeadline"], r["claimHeadline"], lab[r["articleHeadlineStance"]], "emergent")
        for r in emergent_rows(role)
    ]


def fnc1_bodies(role: str) -> dict[int, str]:
    with (DATA / "news/fnc1/competition_test_bodies.csv").open(encoding="utf-8") as f:
        return {
            int(r["Body ID"]): r["articleBody"]
            for r in csv.DictReader(f)
            if (int(r["Body ID"]) % 2 == 0) == (role == "train")
        }


def fnc1(role: str, max_unrelated: int = 1500, seed: int = 0) -> list[Pair]:
    bodies = fnc1_bodies(role)
    lab = {"agree": "entailment", "disagree": "contradiction", "discuss": "neutral", "unrelated": "neutral"}
    rng = random.Random(seed)
    out: list[Pair] = []
    unrel: list[Pair] = []
    with (DATA / "news/fnc1/competition_test_stances.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            bid = int(r["Body ID"])
            if bid not in bodies:
                continue
            p = Pair(bodies[bid][:1200], r["Headline"], lab[r["Stance"]], "fnc1")
            (unrel if r["Stance"] == "unrelated" else out).append(p)
    rng.shuffle(unrel)
    return out + unrel[:max_unrelated]


def claimdiff(role: str) -> list[Pair]:
    """Cross-outlet claim pairs of one story; relation 0 pairs are related-but-different (neutral)."""
    out = []
    for sub, stem in (("ClaimDiff-W", "weak"), ("ClaimDiff-S", "strength")):
        name = f"ClaimDiff-{stem}-train.json" if role == "train" else f"ClaimDiff-{stem}-test.json"
        for r in json.load((DATA / "news/claimdiff" / sub / name).open())["data"]:
            out.append(Pair(r["claim_a"], r["claim_b"], str(r["relation"]), f"claimdiff_{stem[0]}", kind=r["topic"]))
    return out


def duc_sentences(folder: str) -> dict[str, list[str]]:
    """Sentences per document of an SCU-marked DUC corpus folder."""
    out: dict[str, list[str]] = {}
    for path in sorted((DATA / "news/duc_scu" / folder).glob("*.scu")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for doc in re.finditer(r'<document name="([^"]+)">(.*?)</document>', text, re.S):
            lines = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<line>(.*?)</line>", doc.group(2), re.S)]
            out[doc.group(1)] = [_unescape(x).strip() for x in lines if x.strip()]
    return out


def _unescape(s: str) -> str:
    return (
        s.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'")
    )


# ----------------------------------------------------------------------------------------------
# Synthetic news pairs
# ----------------------------------------------------------------------------------------------

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TITLES = [
    "President",
    "Prime Minister",
    "Mayor",
    "Governor",
    "Senator",
    "Foreign Minister",
    "Defense Minister",
    "Secretary of State",
    "Chancellor",
    "King",
    "Ambassador",
    "General",
    "Judge",
    "Chief Executive",
    "Chairman",
    "Spokesman",
    "Vice President",
    "Congressman",
    "Police Chief",
    "Finance Minister",
    "Attorney General",
    "Speaker",
    "Commissioner",
]
NUMWORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "dozens",
    "hundreds",
    "thousands",
]
# Antonyms for negated contradictions: the negation rule's word pairs (factcheck.mismatch.negation.ANTONYMS, the
# one list) plus phrasings for training only. A rule pair sharing a word with a phrasing is left to the phrasing
# ("resigned" -> "remained in office"; the rule's "resigned"/"remains" would turn "remains unknown" into
# "resigned unknown").
TRAINING_ONLY_ANTONYMS = [
    ("rose", "fell"),
    ("increased", "decreased"),
    ("won", "lost"),
    ("accepted", "rejected"),
    ("approved", "rejected"),
    ("supports", "opposes"),
    ("supported", "opposed"),
    ("arrested", "released"),
    ("gained", "lost"),
    ("increase", "decrease"),
    ("higher", "lower"),
    ("more than", "fewer than"),
    ("before", "after"),
    ("resigned", "remained in office"),
    ("all", "none of the"),
]
ANTONYMS = TRAINING_ONLY_ANTONYMS + [p for p in NEGATION_ANTONYMS
                                    if not set(p) & {w for q in TRAINING_ONLY_ANTONYMS for w in q}]
QUANT = [("all", "some"), ("most", "few"), ("majority", "minority"), ("everyone", "no one")]
AUX = r"\b(is|was|are|were|has|have|had|will|would|can|could|did|does|do|should|must)\b"
SAID = [
    ("said", "stated"),
    ("said", "told reporters"),
    ("announced", "said"),
    ("told", "informed"),
    ("bought", "purchased"),
    ("killed", "left dead"),
    ("began", "started"),
    ("about", "around"),
]
_CAP = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\b")
_NUM = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
STOP_CAPS = set(
    WEEKDAYS
    + MONTHS
    + [
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "But",
        "And",
        "In",
        "On",
        "At",
        "This",
        "That",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


def _swap_number(s: str, rng: random.Random) -> tuple[str, str] | None:
    cands = [m for m in _NUM.finditer(s) if not _YEAR.fullmatch(m.group(1))]
    if not cands:
        return None
    m = rng.choice(cands)
    raw = m.group(1).replace(",", "")
    try:
        v = float(raw)
    except ValueError:
        return None
    choices = [v * 2, v + rng.randint(1, 9), max(0.0, v - rng.randint(1, 5)), v * 10]
    digits = raw.replace(".", "")
    if len(digits) == 2 and "." not in raw:
        choices.append(float(raw[::-1]))
    nv = rng.choice([c for c in choices if c != v] or [v + 1])
    new = f"{nv:,.0f}" if "," in m.group(1) else (f"{nv:g}" if "." in raw else str(int(nv)))
    if new == m.group(1):
        return None
    return s[: m.start(1)] + new + s[m.end(1) :], "number"


def _swap_from(s: str, words: list[str], rng: random.Random, kind: str) -> tuple[str, str] | None:
    hits = [w for w in words if re.search(rf"\b{re.escape(w)}\b", s)]
    if not hits:
        return None
    w = rng.choice(hits)
    new = rng.choice([x for x in words if x != w])
    return re.sub(rf"\b{re.escape(w)}\b", new, s, count=1), kind


def _swap_year(s: str, rng: random.Random) -> tuple[str, str] | None:
    m = _YEAR.search(s)
    if not m:
        return None
    y = int(m.group(1)) + rng.choice([-3, -2, -1, 1, 2, 3])
    return s[: m.start()] + str(y) + s[m.end() :], "date"


def _swap_entity(s: str, pool: list[str], rng: random.Random) -> tuple[str, str] | None:
    spans = [m for m in _CAP.finditer(s) if m.group(1).split()[0] not in STOP_CAPS and m.start() > 0]
    if not spans or not pool:
        return None
    m = rng.choice(spans)
    n = len(m.group(1).split())
    cands = [p for p in pool if len(p.split()) == n and p != m.group(1) and p not in s]
    if not cands:
        return None
    new = rng.choice(cands)
    before = s[max(0, m.start() - 30) : m.start()]
    kind = "place" if re.search(r"\b(in|at|from|to|near)\s$", before) else "name" if n >= 2 else "entity"
    return s[: m.start(1)] + new + s[m.end(1) :], kind


def _negate(s: str, rng: random.Random) -> tuple[str, str] | None:
    if re.search(r"\bnot\b|n't\b", s):
        return re.sub(r"\s+not\b|n't\b", "", s, count=1), "negation"
    m = re.search(AUX, s)
    if m:
        return s[: m.end()] + " not" + s[m.end() :], "negation"
    for a, b in ANTONYMS:
        for x, y in ((a, b), (b, a)):
            if re.search(rf"\b{re.escape(x)}\b", s):
                return re.sub(rf"\b{re.escape(x)}\b", y, s, count=1), "negation"
    return None


def _quantity(s: str, rng: random.Random) -> tuple[str, str] | None:
    for a, b in QUANT + [("more than", "fewer than"), ("at least", "at most")]:
        for x, y in ((a, b), (b, a)):
            if re.search(rf"\b{re.escape(x)}\b", s, re.I):
                return re.sub(rf"\b{re.escape(x)}\b", y, s, count=1, flags=re.I), "quantity"
    return _swap_from(s, NUMWORDS, rng, "quantity")


def contradict(s: str, pool: list[str], rng: random.Random) -> tuple[str, str] | None:
    ops = [
        lambda: _swap_number(s, rng),
        lambda: _swap_from(s, WEEKDAYS, rng, "date"),
        lambda: _swap_from(s, MONTHS, rng, "date"),
        lambda: _swap_year(s, rng),
        lambda: _swap_from(s, TITLES, rng, "title"),
        lambda: _quantity(s, rng),
    ]
    ops_neg, ops_ent = (lambda: _negate(s, rng)), (lambda: _swap_entity(s, pool, rng))
    ops += [ops_neg, ops_ent]
    rng.shuffle(ops)
    # negation and generic entity swaps apply to almost every sentence: try the rarer kinds first
    ops.sort(key=lambda op: rng.random() < 0.75 and op in (ops_neg, ops_ent))
    for op in ops:
        r = op()
        if r and r[0] != s:
            return r
    return None


def entail(s: str, rng: random.Random) -> tuple[str, str] | None:
    """A shorter or lightly paraphrased version of ``s`` that ``s`` entails."""
    cuts = [m for m in re.finditer(r",[^,]{8,80},", s)]
    if cuts and rng.random() < 0.5:
        cut = rng.choice(cuts)
        return s[: cut.start()] + s[cut.end() - 1 :].lstrip(",").rstrip(), "drop_clause"
    m = re.search(r",\s+(which|who|while|after|as|according to|saying|adding)\b", s)
    if m and m.start() > 30:
        return s[: m.start()].rstrip() + ".", "drop_clause"
    for a, b in SAID:
        if re.search(rf"\b{a}\b", s):
            return re.sub(rf"\b{a}\b", b, s, count=1), "paraphrase"
    m2 = re.search(r"\b(\d)\b", s)
    if m2:
        w = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][int(m2.group(1))]
        return s[: m2.start()] + w + s[m2.end() :], "paraphrase"
    return None


def _split(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])", text.replace("\n", " "))
    return [p.strip() for p in parts if 40 <= len(p.strip()) <= 300]


def _words(s: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", s.lower()))


def news_articles(role: str) -> dict[str, list[str]]:
    """Real news sentences per article, from train-role (or test-role) news files."""
    arts: dict[str, list[str]] = {}
    for bid, body in fnc1_bodies(role).items():
        arts[f"fnc1:{bid}"] = _split(body)[:30]
    if role == "train":
        for doc, sents in duc_sentences("duc2006_scu").items():
            arts[f"duc:{doc}"] = [s for s in sents if 40 <= len(s) <= 300][:30]
    return {k: v for k, v in arts.items() if len(v) >= 3}


def synthetic(role: str, split: str, n_per_article: int = 10, seed: int = 13) -> list[Pair]:
    """Synthetic news pairs. ``split`` is 'train' or 'heldout' (10% of articles, by hash)."""
    rng = random.Random(seed)
    arts = news_articles(role)
    pool = sorted(
        {
            m.group(1)
            for sents in arts.values()
            for s in sents
            for m in _CAP.finditer(s)
            if m.group(1).split()[0] not in STOP_CAPS
        }
    )
    out: list[Pair] = []
    for key in sorted(arts):
        held = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10 == 0
        if held != (split == "heldout"):
            continue
        sents = arts[key]
        for s in rng.sample(sents, min(n_per_article, len(sents))):
            c = contradict(s, pool, rng)
            if c:
                out.append(Pair(s, c[0], "contradiction", "synthetic", c[1]))
            e = entail(s, rng)
            if e:
                out.append(Pair(s, e[0], "entailment", "synthetic", e[1]))
                if e[1] == "drop_clause" and rng.random() < 0.5:
                    out.append(Pair(e[0], s, "neutral", "synthetic", "added_detail"))
            others = [o for o in sents if o != s]
            if others:
                ws = _words(s)
                best = max(others, key=lambda o: len(ws & _words(o)))
                out.append(
                    Pair(s, best if rng.random() < 0.7 else rng.choice(others), "neutral", "synthetic", "same_story")
                )
    return out


def unrelated_same_story(role: str, n: int = 2000, seed: int = 5) -> Iterator[Pair]:
    """Pairs of different sentences from one article: must not be called contradictions."""
    rng = random.Random(seed)
    arts = news_articles(role)
    keys = sorted(arts)
    if role == "train":
        keys = [k for k in keys if int(hashlib.sha1(k.encode()).hexdigest(), 16) % 10 == 0]
    for _ in range(n):
        sents = arts[rng.choice(keys)]
        a, b = rng.sample(sents, 2)
        yield Pair(a, b, "neutral", "same_story_unrelated")
