"""Stage 9, facts: judged pairs become what an editor reads first.

* **Disputed facts.** Contradiction pairs are grouped into one fact each: pairs about the same claims, or
  pairs that share a sentence or a competing value under the same mismatch kind (the call date that three
  outlets give as "Wednesday" against one outlet's "27 January" is one fact, not three pairs). Each fact
  has the competing values, the sources and sentences holding each value, the sources that do not mention
  it, and what decided it (``typed+nli``, ``typed`` or ``nli``). Most certain first: typed facts before
  model-only ones.
* **Corroborated facts.** Claims that two or more outlets carry in agreeing sentences, counted per claim.
* **Unique details.** Sentences that only one outlet reports (no other outlet agrees or disagrees),
  counted as sentences, not as pairs.

Example:
    >>> from factcheck.results import Mismatch, NLIScores, PairJudgement, Sentence
    >>> s = [Sentence("A#0", "A", 0, "It hit on Monday.", 0, 17), Sentence("B#0", "B", 0, "It hit on Tuesday.", 0, 18)]
    >>> p = PairJudgement("A#0", "B#0", "contradiction", None, NLIScores(0.0, 0.1, 0.9), 0.9,
    ...                   (Mismatch("date", "Monday", "Tuesday"),), basis="typed+nli")
    >>> fact = disputed_facts([p], s, {"A#0": "c0", "B#0": "c0"}, ["A", "B"])[0]
    >>> fact.title, [side.sources for side in fact.sides]
    ('date: Monday vs Tuesday', [('A',), ('B',)])
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .ids import source_of
from .results import (
    BASES,
    Claim,
    CorroboratedFact,
    DisputedFact,
    Facts,
    FactSide,
    PairJudgement,
    Sentence,
    SentenceVerdict,
)

NLI_ONLY = "nli"
_RANK = {basis: k for k, basis in enumerate(BASES)}


class _Union:
    """Union-find over pair indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


NUMERIC_KINDS = frozenset({"number", "quantity"})


@lru_cache(maxsize=65536)
def _norm(value: str, kind: str = "") -> str:
    """A value's key: the amount for numbers ("12 dead" = "Twelve people"), else its lower-cased words."""
    if kind in NUMERIC_KINDS:
        amounts = _amounts(value)
        if len(amounts) == 1:
            return next(iter(amounts))
    return " ".join(_NOT_VALUE.sub(" ", value.lower()).split())


@lru_cache(maxsize=65536)
def _amounts(text: str) -> frozenset[str]:
    from .mismatch.numbers import quantities

    return frozenset(f"#{q.lo:g}-{q.hi:g}" for q in quantities(text))


_NOT_VALUE = re.compile(r"[^\w%.$€£]+")


@dataclass(frozen=True)
class _Keys:
    """What linking compares of one contradiction pair, computed once per pair (linking is quadratic)."""

    kinds: frozenset[str]
    claims: frozenset[str | None]
    sentences: frozenset[str]
    values: frozenset[tuple[str, str]]
    sides: frozenset[tuple[str, str, str]]  # (kind, value of a, value of b)
    swapped: frozenset[tuple[str, str, str]]  # (kind, value of b, value of a)

    @classmethod
    def of(cls, p: PairJudgement, claim_of: Mapping[str, str]) -> _Keys:
        sides = [(m.kind, _norm(m.a, m.kind), _norm(m.b, m.kind)) for m in p.mismatches]
        return cls(kinds=frozenset(m.kind for m in p.mismatches) or frozenset({NLI_ONLY}),
                   claims=frozenset({claim_of.get(p.a), claim_of.get(p.b)}), sentences=frozenset({p.a, p.b}),
                   values=frozenset((k, v) for k, a, b in sides for v in (a, b)),
                   sides=frozenset(sides), swapped=frozenset((k, b, a) for k, a, b in sides))


def _linked(p: _Keys, q: _Keys) -> bool:
    """Two contradiction pairs are about one fact: same claims, or a shared sentence or value under one kind."""
    if not p.kinds & q.kinds:
        return False
    if p.claims == q.claims or p.sentences & q.sentences:
        return True
    if p.sides & (q.sides | q.swapped):
        return True
    return bool(p.values & q.values) and bool(p.claims & q.claims)


def _group(pairs: Sequence[PairJudgement], claim_of: Mapping[str, str]) -> list[list[PairJudgement]]:
    keys = [_Keys.of(p, claim_of) for p in pairs]
    uf = _Union(len(pairs))
    for i in range(len(pairs)):
        for j in range(i):
            if _linked(keys[i], keys[j]):
                uf.join(i, j)
    groups: dict[int, list[PairJudgement]] = defaultdict(list)
    for i, p in enumerate(pairs):
        groups[uf.find(i)].append(p)
    return list(groups.values())


def _value_sides(group: Sequence[PairJudgement], kind: str) -> list[tuple[set[str], list[str]]] | None:
    """Sides from the typed values: sentences holding the same value, or values one sentence holds, merge."""
    held: dict[str, list[str]] = defaultdict(list)  # sentence -> raw values it holds, in order
    for p in group:
        for m in p.mismatches:
            if m.kind == kind:
                held[p.a].append(m.a)
                held[p.b].append(m.b)
    if not held:
        return None
    sentences = list(held)
    uf = _Union(len(sentences))
    first_with: dict[str, int] = {}
    for k, sid in enumerate(sentences):
        for v in held[sid]:
            key = _norm(v, kind)
            if key in first_with:
                uf.join(k, first_with[key])
            else:
                first_with[key] = k
    sides: dict[int, tuple[set[str], list[str]]] = {}
    for k, sid in enumerate(sentences):
        members, values = sides.setdefault(uf.find(k), (set(), []))
        members.add(sid)
        values += held[sid]
    out = list(sides.values())
    for p in group:  # a pair whose two sentences landed on one side: the values do not split this fact
        if any(p.a in m and p.b in m for m, _ in out):
            return None
    return out


def _graph_sides(group: Sequence[PairJudgement]) -> list[tuple[set[str], list[str]]]:
    """Two sides by colouring the contradiction graph (each pair's sentences on opposite sides)."""
    nbrs: dict[str, set[str]] = defaultdict(set)
    for p in group:
        nbrs[p.a].add(p.b)
        nbrs[p.b].add(p.a)
    colour: dict[str, int] = {}
    for start in sorted(nbrs, key=lambda s: (-len(nbrs[s]), s)):
        if start in colour:
            continue
        colour[start] = 0
        todo = [start]
        while todo:
            s = todo.pop()
            for t in sorted(nbrs[s]):
                if t not in colour:
                    colour[t] = 1 - colour[s]
                    todo.append(t)
    return [({s for s, c in colour.items() if c == side}, []) for side in (0, 1)]


@lru_cache(maxsize=65536)
def _holds(text: str, value: str, kind: str) -> bool:
    """Whether a sentence states the value: the same amount for numbers, else the same words."""
    key = _norm(value, kind)
    if key.startswith("#"):
        return key in _amounts(text)
    words = _norm(value)
    return bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", _norm(text)) is not None


def _expand(sides: list[tuple[set[str], list[str]]], group: Sequence[PairJudgement],
            agreements: Sequence[PairJudgement], claim_of: Mapping[str, str],
            members_of: Mapping[str, Sequence[Sentence]], text_of: Mapping[str, str], kind: str) -> None:
    """Add the sentences that take one side without a contradiction pair of their own.

    A candidate is a sentence of the fact's claims, or one that agrees with a sentence on a side. With typed
    values, it joins the one side whose value it states (an agreement about the claim is not an agreement
    about the disputed detail). Without values (a model-only fact), it joins the side it agrees with inside
    the same claim.
    """
    taken = set().union(*(m for m, _ in sides))
    claims = {c for p in group for s in (p.a, p.b) if (c := claim_of.get(s)) is not None}
    typed = any(values for _, values in sides)
    candidates: dict[str, set[int]] = defaultdict(set)
    for claim in sorted(claims):
        for s in members_of.get(claim, ()):
            candidates[s.id]
    for p in agreements:
        for mine, other in ((p.a, p.b), (p.b, p.a)):
            same_claim = claim_of.get(mine) is not None and claim_of.get(mine) == claim_of.get(other)
            candidates[mine].update(k for k, (m, _) in enumerate(sides) if other in m and (typed or same_claim))
    for sid, agreed in candidates.items():
        if sid in taken:
            continue
        if typed:
            text = text_of.get(sid, "")
            hits = {k for k, (_, values) in enumerate(sides) if any(_holds(text, v, kind) for v in values)}
        else:
            hits = agreed
        if len(hits) == 1:
            sides[hits.pop()][0].add(sid)


def _side(members: set[str], values: list[str], order: Mapping[str, int]) -> FactSide:
    ids = tuple(sorted(members, key=lambda s: order.get(s, len(order))))
    value = Counter(values).most_common(1)[0][0] if values else ""
    srcs = tuple(dict.fromkeys(source_of(s) for s in ids))
    return FactSide(value=value, values=tuple(dict.fromkeys(values)), sources=srcs, sentences=ids)


def _fact(group: Sequence[PairJudgement], agreements: Sequence[PairJudgement], claim_of: Mapping[str, str],
          members_of: Mapping[str, Sequence[Sentence]], text_of: Mapping[str, str],
          order: Mapping[str, int], source_ids: Sequence[str]) -> DisputedFact:
    kinds = Counter(m.kind for p in group for m in {x.kind: x for x in p.mismatches}.values())
    kind = kinds.most_common(1)[0][0] if kinds else NLI_ONLY
    sides = (_value_sides(group, kind) if kind != NLI_ONLY else None) or _graph_sides(group)
    _expand(sides, group, agreements, claim_of, members_of, text_of, kind)
    built = sorted((_side(m, v, order) for m, v in sides if m),
                   key=lambda s: (-len(s.sources), order.get(s.sentences[0], 0)))
    held = {src for s in built for src in s.sources}
    basis = min((p.basis or NLI_ONLY for p in group), key=lambda b: _RANK.get(b, len(_RANK)))
    strength = max((p.scores.contradiction for p in group if p.scores), default=0.0)
    pairs = tuple(sorted(((p.a, p.b) for p in group), key=lambda ab: (order.get(ab[0], 0), order.get(ab[1], 0))))
    claims = tuple(sorted({c for p in group for c in (claim_of.get(p.a), claim_of.get(p.b)) if c}))
    if kind == NLI_ONLY:
        title = f"{NLI_ONLY}: the model reads these accounts as contradicting ({', '.join(claims)})"
    else:
        title = f"{kind}: " + " vs ".join(s.value for s in built)
    return DisputedFact(id="", kind=kind, title=title, basis=basis, strength=round(strength, 4), sides=tuple(built),
                        silent=tuple(s for s in source_ids if s not in held), pairs=pairs, claims=claims)


def disputed_facts(pairs: Sequence[PairJudgement], sentences: Sequence[Sentence], claim_of: Mapping[str, str],
                   source_ids: Sequence[str]) -> tuple[DisputedFact, ...]:
    """Group contradiction pairs into disputed facts, most certain first.

    Args:
        pairs: judged pairs (only contradictions are grouped; agreements place more sentences on a side).
        sentences: every sentence of the report (the draft's too, in draft mode).
        claim_of: sentence id -> claim id.
        source_ids: every source, to name those that do not mention a fact.

    Returns:
        Facts ``f1``, ``f2``... ordered typed+nli, typed, then model-only; within each, by how many sources
        take part, then by the model's strongest contradiction.
    """
    order = {s.id: k for k, s in enumerate(sentences)}
    text_of = {s.id: s.text for s in sentences}
    members_of: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if s.id in claim_of:
            members_of[claim_of[s.id]].append(s)
    contra = [p for p in pairs if p.label == "contradiction"]
    agreements = [p for p in pairs if p.label == "agreement"]
    facts = [_fact(g, agreements, claim_of, members_of, text_of, order, source_ids)
             for g in _group(contra, claim_of)]
    facts.sort(key=lambda f: (_RANK.get(f.basis, len(_RANK)), -sum(len(s.sources) for s in f.sides),
                              -f.strength, f.pairs))
    return tuple(DisputedFact(**{**f.__dict__, "id": f"f{k + 1}"}) for k, f in enumerate(facts))


def corroborated_facts(claims: Sequence[Claim], pairs: Sequence[PairJudgement],
                       claim_of: Mapping[str, str], disputed: Iterable[DisputedFact] = ()
                       ) -> tuple[CorroboratedFact, ...]:
    """Claims carried by two or more outlets in agreeing sentences, most outlets first."""
    linked: dict[str, Counter[str]] = defaultdict(Counter)
    for p in pairs:
        if p.label == "agreement" and claim_of.get(p.a) is not None and claim_of.get(p.a) == claim_of.get(p.b):
            linked[claim_of[p.a]].update((p.a, p.b))
    disputes: dict[str, list[str]] = defaultdict(list)
    for f in disputed:
        for claim_id in f.claims:
            disputes[claim_id].append(f.id)
    out = []
    for c in claims:
        counts = linked.get(c.id)
        if not counts:
            continue
        ids = tuple(s for s in c.sentences if s in counts)
        srcs = tuple(dict.fromkeys(source_of(s) for s in ids))
        if len(srcs) < 2:
            continue
        lead = max(ids, key=lambda s: (counts[s], -ids.index(s)))
        out.append(CorroboratedFact(claim=c.id, sentence=lead, sources=srcs, sentences=ids,
                                    disputed_by=tuple(disputes.get(c.id, ()))))
    out.sort(key=lambda f: (-len(f.sources), f.claim))
    return tuple(out)


def unique_details(verdicts: Sequence[SentenceVerdict]) -> tuple[str, ...]:
    """Sentences only one outlet reports: no other outlet agrees with or contradicts them."""
    return tuple(v.sentence for v in verdicts if v.status == "unique")


def build_facts(sentences: Sequence[Sentence], claims: Sequence[Claim], pairs: Sequence[PairJudgement],
                verdicts: Sequence[SentenceVerdict], source_ids: Sequence[str]) -> Facts:
    """The three lists an editor reads first: disputed facts, corroborated facts, unique details."""
    claim_of = {s: c.id for c in claims for s in c.sentences}
    disputed = disputed_facts(pairs, sentences, claim_of, source_ids)
    return Facts(disputed=disputed, corroborated=corroborated_facts(claims, pairs, claim_of, disputed),
                 unique=unique_details(verdicts))


def draft_facts(source_pairs: Sequence[PairJudgement], draft_pairs: Sequence[PairJudgement],
                deciding: Mapping[str, Sequence[str]], sentences: Sequence[Sentence],
                claims: Sequence[Claim], source_ids: Sequence[str]) -> dict[str, DisputedFact]:
    """The disputed fact behind each contradicted draft sentence, with the draft on one side.

    Args:
        source_pairs: the sources' pairs with each other (they place more outlets on a side).
        draft_pairs: the draft's pairs with source sentences (``b`` is the draft sentence).
        deciding: draft sentence id -> the source sentences whose contradiction decided its status.
        sentences: source and draft sentences.
        claims: the sources' claims.
        source_ids: the sources (the draft is not one of them).

    Returns:
        Draft sentence id -> its fact (ids ``d1``, ``d2``... in draft order).
    """
    claim_of = {s: c.id for c in claims for s in c.sentences}
    kept = [p for p in draft_pairs if p.label != "contradiction" or p.a in deciding.get(p.b, ())]
    facts = disputed_facts(list(source_pairs) + kept, sentences, claim_of, source_ids)
    out: dict[str, DisputedFact] = {}
    for d, why in deciding.items():
        if not why:
            continue
        fact = next((f for f in facts if any(d in side.sentences for side in f.sides)), None)
        if fact is not None:
            out[d] = DisputedFact(**{**fact.__dict__, "id": f"d{len(out) + 1}"})
    return out
