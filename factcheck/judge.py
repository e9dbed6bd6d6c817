"""Stage 6, judge: label candidate pairs agreement / contradiction / unique_detail.

Every candidate pair is checked by the typed mismatch rules (stage 7, :mod:`factcheck.mismatch`,
cheap); pairs that are close enough, or that show a mismatch, go through the NLI model, batched: the
longer claim unit as premise first, the other direction only where that reading does not settle the
pair (:func:`one_way`). The model compares claim units (:mod:`factcheck.units`: attribution removed,
quotation marks unwrapped, clauses split; numbers and clock times in one spelling, see
:func:`nli_inputs`), and the sentence pair takes the label of the unit pair that decided. The label comes
from one decision table (:data:`DECISION_TABLE`), read top to bottom; the first row that holds decides
the label and what decided it (``basis``). Only judged pairs are reported.

Example:
    >>> from factcheck.results import NLIScores
    >>> decide(NLIScores(0.9, 0.05, 0.05), NLIScores(0.2, 0.7, 0.1), 0.8, (), Settings())
    Decision(label='agreement', direction='a->b', basis='nli', row='NLI entails')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .cluster import Candidate
from .config import Settings
from .mismatch import MismatchResult, find_mismatches, frames_agree, levels_apart, nli_spelling, polarity_differs
from .mismatch.clock import time_against_figures
from .mismatch.numbers import figures_apart, harmonise
from .mismatch.votes import split_against_figures
from .mismatch.words import content_lemmas
from .nli import NLIModel
from .results import ClaimUnit, Mismatch, NLIScores, PairJudgement, Sentence, UnitPair
from .units import claim_units

_NONE = MismatchResult((), ())
MAX_UNITS = 3  # claim units per sentence compared by NLI (a sentence rarely has more independent clauses)


@dataclass(frozen=True)
class Evidence:
    """What the decision table reads for one pair."""

    ab: NLIScores | None
    ba: NLIScores | None
    similarity: float
    mismatches: tuple[Mismatch, ...]
    cfg: Settings
    polar: bool = False  # one side negates or denies and the other does not (mismatch.polarity_differs)
    apart: bool = False  # both give figures, of different things (mismatch.numbers.figures_apart)
    same_frame: bool = False  # the same figures and the same change of the same thing (mismatch.frames_agree)
    headline: bool = False  # one side is an article's headline (:func:`is_headline`)
    unrelated: bool = False  # all the words in common are outside the claims (:func:`shared_outside_claims`)

    @property
    def gated(self) -> tuple[Mismatch, ...]:
        """Mismatches whose kind's gate the pair's similarity reaches."""
        return tuple(m for m in self.mismatches if self.similarity >= self.cfg.gate_of(m))

    @property
    def scored(self) -> bool:
        """The model read the pair, in one direction at least (:func:`one_way`)."""
        return self.ab is not None or self.ba is not None

    @property
    def con(self) -> float:
        return _strongest(self.ab, self.ba, "contradiction")

    @property
    def ent(self) -> float:
        return _strongest(self.ab, self.ba, "entailment")


def _strongest(ab: NLIScores | None, ba: NLIScores | None, label: str) -> float:
    """The higher probability of ``label`` over the directions read (0 when none was)."""
    return max((getattr(s, label) for s in (ab, ba) if s is not None), default=0.0)


@dataclass(frozen=True)
class Row:
    """One row of the decision table: when ``holds``, the pair gets ``label`` on ``basis``."""

    name: str
    label: str
    basis: str
    holds: Callable[[Evidence], bool]


@dataclass(frozen=True)
class Decision:
    """The label of one pair, its direction, what decided it and the row of the table."""

    label: str
    direction: str | None
    basis: str
    row: str


def _entails(e: Evidence, side: NLIScores | None) -> bool:
    return side is not None and side.entailment >= e.cfg.entail_threshold


DECISION_TABLE: tuple[Row, ...] = (
    Row("typed mismatch at its gate, NLI agrees", "contradiction", "typed+nli",
        lambda e: bool(e.gated) and e.con >= e.cfg.mismatch_support),
    Row("typed mismatch at its gate", "contradiction", "typed", lambda e: bool(e.gated)),
    Row("near-identical, nothing typed differs, not one side denying what the model contradicts", "agreement",
        "similarity",
        lambda e: e.cfg.use_rules and not e.mismatches and e.similarity >= e.cfg.paraphrase_similarity
        and not (e.polar and e.con >= e.cfg.similar_contradiction_ceiling)),
    Row("no NLI, similar", "agreement", "similarity",
        lambda e: not e.scored and e.similarity >= e.cfg.agree_similarity_no_nli),
    Row("no NLI", "unique_detail", "similarity", lambda e: not e.scored),
    Row("same figures and the same change, similar, nothing typed differs", "agreement", "typed",
        lambda e: e.cfg.use_rules and e.same_frame and not e.mismatches and not e.polar
        and e.similarity >= e.cfg.same_frame_gate),
    Row("typed mismatch below its gate, NLI agrees", "contradiction", "typed+nli",
        lambda e: bool(e.mismatches) and e.con >= e.cfg.mismatch_support),
    Row("NLI contradicts a related pair, one side negates or denies, no figures of two things, a shared word",
        "contradiction",
        "nli", lambda e: e.cfg.use_rules and e.polar and not e.apart and not e.unrelated and not e.same_frame
        and e.con >= e.cfg.contradiction_threshold
        and e.similarity >= e.cfg.contradiction_gate and e.con >= e.ent),
    Row("NLI contradicts a related pair, neither way entailed, no figures of two things, no headline, a shared word",
        "contradiction", "nli",
        lambda e: not e.apart and not e.headline and not e.unrelated and not e.same_frame
        and e.con >= e.cfg.contradiction_threshold
        and e.similarity >= e.cfg.contradiction_gate
        and e.con > e.ent and e.ent < e.cfg.contradiction_entail_ceiling),
    Row("NLI entails", "agreement", "nli", lambda e: _entails(e, e.ab) or _entails(e, e.ba)),
    Row("similar, NLI does not contradict, neither side alone negates", "agreement", "similarity",
        lambda e: e.cfg.use_rules and e.similarity >= e.cfg.agree_similarity_no_nli and not e.polar
        and e.con < e.cfg.similar_contradiction_ceiling),
    Row("otherwise", "unique_detail", "nli", lambda e: True),
)


def decision_table() -> str:
    """The decision table as text, one row per line (first match wins).

    Example:
        >>> print(decision_table().splitlines()[0])
        1. typed mismatch at its gate, NLI agrees -> contradiction (typed+nli)
    """
    return "\n".join(f"{k}. {r.name} -> {r.label} ({r.basis})" for k, r in enumerate(DECISION_TABLE, 1))


def _direction(e: Evidence, label: str) -> str | None:
    if label != "agreement":
        return None
    if e.ab is None and e.ba is None:
        return "both"
    if e.ab is None or e.ba is None:  # read one way only: the way read, when it entails
        one = e.ab or e.ba
        if one is not None and one.entailment >= e.cfg.entail_threshold:
            return "a->b" if e.ab is not None else "b->a"
        return "both"
    ea, eb = e.ab.entailment, e.ba.entailment
    t = e.cfg.entail_threshold
    if (ea >= t) != (eb >= t):
        return "a->b" if ea >= t else "b->a"
    if min(ea, eb) >= t or abs(ea - eb) < e.cfg.direction_margin:
        return "both"
    return "a->b" if ea > eb else "b->a"


def decide(ab: NLIScores | None, ba: NLIScores | None, similarity: float, mismatches: Sequence[Mismatch],
           cfg: Settings, *, polar: bool = False, apart: bool = False, same_frame: bool = False,
           headline: bool = False, unrelated: bool = False) -> Decision:
    """Label, direction and basis of one pair from its NLI scores, similarity and mismatches.

    ``direction`` "a->b" means a entails b; "both" means each entails the other. ``polar``: one side
    negates or denies and the other does not (a model that also finds one direction entailed is then
    not enough to overrule its contradiction). ``apart``: both sides give figures, and the rules find
    none of them about the same thing (:func:`factcheck.mismatch.numbers.figures_apart`); the model's
    contradiction alone does not make such a pair a contradiction. ``same_frame``: the rules read the same
    figures and change in both (:func:`factcheck.mismatch.frames_agree`). ``headline``: one side is an
    article's headline (:func:`is_headline`), where the model's contradiction alone is not enough either;
    nor where all the two sentences share stands outside their claims (``unrelated``,
    :func:`shared_outside_claims`).
    """
    e = Evidence(ab, ba, similarity, tuple(mismatches), cfg, polar, apart, same_frame, headline, unrelated)
    row = next(r for r in DECISION_TABLE if r.holds(e))
    return Decision(row.label, _direction(e, row.label), row.basis, row.name)


def cross_source_pairs(sentences: Sequence[Sentence]) -> int:
    """How many sentence pairs come from two different sources (what the naive approach would judge)."""
    per_source = Counter(s.source for s in sentences)
    n = len(sentences)
    return (n * n - sum(k * k for k in per_source.values())) // 2


def nli_budget(sentences: Sequence[Sentence], cfg: Settings) -> int:
    """Most pairs to judge: ``cfg.nli_budget`` of all cross-source sentence pairs, at least ``nli_min_pairs``."""
    return max(cfg.nli_min_pairs, int(cfg.nli_budget * cross_source_pairs(sentences)))


def is_close(c: Candidate, cfg: Settings) -> bool:
    """A pair worth an NLI call without a typed mismatch: similar enough, and neighbours or one claim."""
    return c.similarity >= cfg.nli_floor and (c.rank == 0 or c.same_claim)


def nli_inputs(a: str, b: str, cfg: Settings) -> tuple[str, str]:
    """What the NLI model reads for one pair: with the rules on, numbers and clock times in one spelling.

    "Twenty-seven people were hurt" against "27 people were injured" is a changed number to a model
    trained on number edits; the rules know the two are equal, so the model sees one spelling
    (:func:`factcheck.mismatch.nli_spelling`), and an approximate figure the other sentence states exactly
    ("almost 200" / "197") as that figure (:func:`factcheck.mismatch.numbers.harmonise`). The report keeps
    the articles' own text.
    """
    if not cfg.use_rules:
        return a, b
    return harmonise(nli_spelling(a), nli_spelling(b))


def judge_pairs(sentences: Sequence[Sentence], candidates: Sequence[Candidate], nli: NLIModel | None,
                cfg: Settings, years: Mapping[str, int] | None = None) -> list[PairJudgement]:
    """Stage entry: check candidates with the mismatch rules, judge the close or flagged ones.

    Pairs with a typed mismatch are always judged; close pairs (``nli_floor``, nearest neighbour or same
    claim) are judged most similar first, up to :func:`nli_budget` pairs in all.

    Args:
        sentences: all sentences; candidates index into it.
        candidates: cross-source pairs from :func:`factcheck.cluster.candidate_pairs`.
        nli: the NLI model, or ``None`` for rules and similarity only.
        cfg: thresholds.
        years: publication year per source id (resolves weekdays of dates), when known.
    """
    yr = years or {}
    flagged: list[tuple[int, Candidate, MismatchResult]] = []
    close: list[tuple[int, Candidate, MismatchResult]] = []
    for k, c in enumerate(candidates):
        a, b = sentences[c.i], sentences[c.j]
        mm = find_mismatches(a.text, b.text, yr.get(a.source), yr.get(b.source)) if cfg.use_rules else _NONE
        if mm.mismatches:
            flagged.append((k, c, mm))
        elif is_close(c, cfg):
            close.append((k, c, mm))
    room = max(nli_budget(sentences, cfg) - len(flagged), 0)
    close.sort(key=lambda x: -x[1].similarity)  # stable: ties keep candidate order
    kept = sorted(flagged + close[:room], key=lambda x: x[0])  # back in candidate order
    chosen = [c for _, c, _ in kept]
    found = [mm for _, _, mm in kept]
    units = [unit_pairs(sentences[c.i].text, sentences[c.j].text, cfg) for c in chosen]
    flat = [nli_inputs(u.a.text, u.b.text, cfg) for us in units for u in us]
    polars = [cfg.use_rules and polarity_differs(u.a.text, u.b.text) for us in units for u in us]
    flagged_units = [bool(found[k].mismatches) for k, us in enumerate(units) for _ in us]
    both: list[tuple[NLIScores | None, NLIScores | None]] = []
    if nli is not None and flat:
        both = score_pairs(nli, flat, [f or p for f, p in zip(flagged_units, polars)], cfg)
    multi = {src for src, n in Counter(s.source for s in sentences).items() if n > 1}
    out = []
    at = 0
    for k, c in enumerate(chosen):
        mm = found[k]
        options = []
        head = cfg.use_rules and any(is_headline(sentences[i], multi) for i in (c.i, c.j))
        for u in units[k]:
            ab, ba = both[at] if both else (None, None)
            polar = polars[at]
            at += 1
            apart = cfg.use_rules and (figures_apart(u.a.text, u.b.text) or levels_apart(u.a.text, u.b.text)
                                       or time_against_figures(u.a.text, u.b.text)
                                       or split_against_figures(u.a.text, u.b.text))
            # (an approximate figure the other states exactly is that figure: "just over 3%" / "3.1%")
            same = cfg.use_rules and not mm.mismatches and frames_agree(*harmonise(u.a.text, u.b.text))
            outside = cfg.use_rules and shared_outside_claims(sentences[c.i].text, sentences[c.j].text,
                                                              u.a.text, u.b.text)
            options.append((decide(ab, ba, c.similarity, mm.mismatches, cfg, polar=polar, apart=apart,
                                   same_frame=same, headline=head, unrelated=outside), ab, ba, u))
        d, ab, ba, u = aggregate_units(options)
        merged = None
        if ab is not None and ba is not None:
            merged = NLIScores(entailment=max(ab.entailment, ba.entailment),
                               neutral=min(ab.neutral, ba.neutral),
                               contradiction=max(ab.contradiction, ba.contradiction))
        elif ab is not None or ba is not None:
            merged = ab or ba  # read one way only
        contra = d.label == "contradiction"
        out.append(PairJudgement(a=sentences[c.i].id, b=sentences[c.j].id, label=d.label, direction=d.direction,
                                 scores=merged, similarity=c.similarity,
                                 mismatches=mm.mismatches if contra else (),
                                 notes=mm.notes + (() if contra else mm.mismatches),
                                 basis=d.basis, units=u if both else None))
    return out


def shared_outside_claims(a: str, b: str, unit_a: str, unit_b: str) -> bool:
    """Two sentences whose words in common all stand outside their claims: in the attribution ("It went down
    near the island of Mira, the coast guard said" / "The coast guard deployed three ships and a helicopter").
    What made them similar was who spoke, and the model's contradiction alone does not make them one claim.
    Sentences that share no word at all (a claim and a headline in other words) are left to the model.

    Example:
        >>> shared_outside_claims("It sank near Mira, the coast guard said.", "The coast guard sent three ships.",
        ...                       "It sank near Mira.", "The coast guard sent three ships.")
        True
        >>> shared_outside_claims("The captain survived.", "The captain died.", "The captain survived.",
        ...                       "The captain died.")
        False
    """
    return not content_lemmas(unit_a) & content_lemmas(unit_b) and bool(content_lemmas(a) & content_lemmas(b))


def is_headline(s: Sentence, multi: set[str] | frozenset[str]) -> bool:
    """An article's headline: the first sentence of a source with more (``multi``), with no closing stop.

    A headline leaves out what its article then says ("Aldora's central bank raises rates by half a point" /
    "Bank of Aldora raises rates for the first time since 2023"), and the model reads two headlines' different
    details as contradicting: on the development stories dev1-dev11 none of the 4 model-only contradictions
    with a headline on one side was in the gold, against 5 of 8 between body sentences.

    Example:
        >>> head = Sentence("A#0", "A", 0, "Fire forces thousands from homes", 0, 32)
        >>> is_headline(head, {"A"}), is_headline(head, set())
        (True, False)
    """
    return s.index == 0 and s.source in multi and not s.text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’"))


def one_way(first: NLIScores, cfg: Settings, careful: bool = False) -> bool:
    """Whether the first direction read (the longer unit as premise) settles a pair without the second.

    A pair the model finds unrelated that way (neutral >= ``cfg.one_way_neutral``) is almost never entailed
    or contradicted the other way: on 2,112 unit pairs of train-role and development stories, none of the
    983 at 0.98 had the other way's entailment >= 0.6 or contradiction >= 0.3. One it finds entailed (>=
    ``cfg.one_way_entailment``) is an agreement whatever the second direction says, since an NLI-only
    contradiction needs entailment below that both ways; but not when it is ``careful`` (a typed mismatch,
    or one side negates): there the other way's contradiction can still decide, so only the first rule holds.

    Example:
        >>> one_way(NLIScores(0.005, 0.99, 0.005), Settings()), one_way(NLIScores(0.3, 0.6, 0.1), Settings())
        (True, False)
        >>> one_way(NLIScores(0.95, 0.04, 0.01), Settings()), one_way(NLIScores(0.95, 0.04, 0.01), Settings(), True)
        (True, False)
    """
    if not cfg.one_way:
        return False
    return first.neutral >= cfg.one_way_neutral or (not careful and first.entailment >= cfg.one_way_entailment)


def score_pairs(nli: NLIModel, pairs: Sequence[tuple[str, str]], careful: Sequence[bool],
                cfg: Settings) -> list[tuple[NLIScores | None, NLIScores | None]]:
    """(a->b, b->a) scores of each (a, b): the longer text as premise first, the other way only where
    :func:`one_way` says the first does not settle it; a direction not read is None."""
    long_first = [len(a) >= len(b) for a, b in pairs]
    first = nli.predict([(a, b) if lf else (b, a) for (a, b), lf in zip(pairs, long_first)])
    need = [k for k, f in enumerate(first) if not one_way(f, cfg, careful[k])]
    second = dict(zip(need, nli.predict([(pairs[k][1], pairs[k][0]) if long_first[k] else pairs[k]
                                          for k in need]))) if need else {}
    out: list[tuple[NLIScores | None, NLIScores | None]] = []
    for k, f in enumerate(first):
        other = second.get(k)
        out.append((f, other) if long_first[k] else (other, f))
    return out


def unit_pairs(a: str, b: str, cfg: Settings) -> list[UnitPair]:
    """The claim-unit pairs the model compares for one sentence pair (the sentences themselves without rules).

    Example:
        >>> [(u.a.text, u.a.speaker) for u in unit_pairs('"All sides must stay calm," Wang said.',
        ...                                                "All sides must stay calm.", Settings())]
        [('All sides must stay calm.', 'Wang')]
    """
    if not cfg.use_rules:
        return [UnitPair(ClaimUnit(a), ClaimUnit(b))]
    return [UnitPair(x, y) for x in claim_units(a)[:MAX_UNITS] for y in claim_units(b)[:MAX_UNITS]]


_Option = tuple[Decision, "NLIScores | None", "NLIScores | None", UnitPair]


def aggregate_units(options: Sequence[_Option]) -> _Option:
    """The unit pair that decides a sentence pair.

    A typed contradiction decides (the rules read the whole sentences, so every unit pair has it). An
    NLI-only contradiction of one unit pair decides unless another unit pair entails more strongly than
    it contradicts (one clause agreeing, another unrelated, is agreement). Else the strongest agreement,
    else the unit pair the model found most related.
    """
    def ent(o: _Option) -> float:
        return _strongest(o[1], o[2], "entailment")

    def con(o: _Option) -> float:
        return _strongest(o[1], o[2], "contradiction")

    contra = [o for o in options if o[0].label == "contradiction"]
    typed = [o for o in contra if o[0].basis != "nli"]
    if typed:
        return max(typed, key=con)
    agree = [o for o in options if o[0].label == "agreement"]
    if contra:
        top = max(contra, key=con)
        if not agree or con(top) > max(ent(o) for o in agree):
            return top
    if agree:
        return max(agree, key=ent)
    return max(options, key=lambda o: ent(o) + con(o))
