"""Stage 6, judge: label candidate pairs agreement / contradiction / unique_detail.

Every candidate pair is checked by the typed mismatch rules (stage 7, :mod:`factcheck.mismatch`,
cheap); pairs that are close enough, or that show a mismatch, go through the NLI model in both
directions in one batch (numbers and clock times in one spelling, see :func:`nli_inputs`). A
mismatch makes or supports a contradiction whatever the model says. Only judged pairs are reported.

Example:
    >>> from factcheck.results import NLIScores
    >>> decide(NLIScores(0.9, 0.05, 0.05), NLIScores(0.2, 0.7, 0.1), 0.8, (), Settings())
    ('agreement', 'a->b')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .cluster import Candidate
from .config import Settings
from .mismatch import MismatchResult, find_mismatches, nli_spelling
from .nli import NLIModel
from .results import Mismatch, NLIScores, PairJudgement, Sentence

_NONE = MismatchResult((), ())


def decide(ab: NLIScores | None, ba: NLIScores | None, similarity: float, mismatches: Sequence[Mismatch],
           cfg: Settings) -> tuple[str, str | None]:
    """Label and direction of one pair from its NLI scores, similarity and mismatches.

    ``direction`` "a->b" means a entails b; "both" means each entails the other.
    """
    gated = [m for m in mismatches
             if similarity >= (cfg.entity_gate if m.kind == "entity" else cfg.mismatch_gate)]
    if gated:
        return "contradiction", None
    if similarity >= cfg.paraphrase_similarity and not mismatches and cfg.use_rules:
        ea, eb = (ab.entailment, ba.entailment) if ab and ba else (1.0, 1.0)
        both = min(ea, eb) >= cfg.entail_threshold or max(ea, eb) < cfg.entail_threshold
        return "agreement", "both" if both else ("a->b" if ea >= eb else "b->a")
    if ab is None or ba is None:
        if similarity >= cfg.agree_similarity_no_nli:
            return "agreement", "both"
        return "unique_detail", None
    con = max(ab.contradiction, ba.contradiction)
    if mismatches and con >= 0.3:
        return "contradiction", None
    if con >= cfg.contradiction_threshold and similarity >= cfg.contradiction_gate \
            and con > max(ab.entailment, ba.entailment):
        return "contradiction", None
    ea, eb = ab.entailment >= cfg.entail_threshold, ba.entailment >= cfg.entail_threshold
    if ea or eb:
        return "agreement", "both" if ea and eb else ("a->b" if ea else "b->a")
    if similarity >= cfg.agree_similarity_no_nli and con < 0.5 and cfg.use_rules:
        # the same statement in other words: NLI is unsure, nothing typed differs, nothing contradicts
        return "agreement", "both" if abs(ab.entailment - ba.entailment) < 0.2 else (
            "a->b" if ab.entailment > ba.entailment else "b->a")
    return "unique_detail", None


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
    (:func:`factcheck.mismatch.nli_spelling`). The report keeps the articles' own text.
    """
    if not cfg.use_rules:
        return a, b
    return nli_spelling(a), nli_spelling(b)


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
    texts = [nli_inputs(sentences[c.i].text, sentences[c.j].text, cfg) for c in chosen]
    scores: list[NLIScores] = []
    if nli is not None and texts:
        scores = nli.predict(texts + [(b, a) for a, b in texts])
    out = []
    n = len(texts)
    for k, c in enumerate(chosen):
        mm = found[k]
        ab = scores[k] if scores else None
        ba = scores[n + k] if scores else None
        label, direction = decide(ab, ba, c.similarity, mm.mismatches, cfg)
        merged = None
        if ab is not None and ba is not None:
            merged = NLIScores(entailment=max(ab.entailment, ba.entailment),
                               neutral=min(ab.neutral, ba.neutral),
                               contradiction=max(ab.contradiction, ba.contradiction))
        contra = label == "contradiction"
        out.append(PairJudgement(a=sentences[c.i].id, b=sentences[c.j].id, label=label, direction=direction,
                                 scores=merged, similarity=c.similarity,
                                 mismatches=mm.mismatches if contra else (),
                                 notes=mm.notes + (() if contra else mm.mismatches)))
    return out
