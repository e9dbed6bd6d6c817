"""Stage 8, verdicts: per claim, per sentence, per source, and a source x source agreement matrix.

Example:
    >>> from factcheck.results import Sentence
    >>> s = [Sentence("A#0", "A", 0, "x", 0, 1), Sentence("B#0", "B", 0, "x", 0, 1)]
    >>> sentence_verdicts(s, [0, 0], [])[0].status
    'unique'
"""

from __future__ import annotations

from collections.abc import Sequence

from .ids import source_of
from .results import Claim, DraftVerdict, PairJudgement, Sentence, SentenceVerdict, SourceSummary


def sentence_verdicts(sentences: Sequence[Sentence], labels: Sequence[int],
                      pairs: Sequence[PairJudgement]) -> list[SentenceVerdict]:
    """Status of each sentence: contradicted (by which sources) > corroborated (by which) > unique."""
    corr: dict[str, set[str]] = {s.id: set() for s in sentences}
    contra: dict[str, set[str]] = {s.id: set() for s in sentences}
    for p in pairs:
        target = corr if p.label == "agreement" else contra if p.label == "contradiction" else None
        if target is not None:
            target[p.a].add(source_of(p.b))
            target[p.b].add(source_of(p.a))
    out = []
    for s, lab in zip(sentences, labels):
        status = "contradicted" if contra[s.id] else "corroborated" if corr[s.id] else "unique"
        out.append(SentenceVerdict(s.id, status, f"c{lab}", tuple(sorted(corr[s.id])), tuple(sorted(contra[s.id]))))
    return out


def draft_verdict(pairs: Sequence[PairJudgement]) -> DraftVerdict:
    """Status of one draft sentence from its judged pairs with source sentences (``b`` is the draft).

    Evidence is weighed, not counted: a typed contradiction (a mismatch the rules found, with or without
    the model) makes the draft sentence contradicted; a contradiction from the model alone does so only
    when it comes from a source sentence at least as close to the draft as the best support and is
    stronger than that support's entailment; otherwise the best support (a source sentence that entails
    the draft sentence) makes it supported.

    Example:
        >>> from factcheck.results import NLIScores
        >>> sup = PairJudgement("A#0", "draft#0", "agreement", "a->b", NLIScores(0.97, 0.02, 0.01), 0.9)
        >>> nli_only = PairJudgement("A#3", "draft#0", "contradiction", None, NLIScores(0.1, 0.1, 0.8), 0.5,
        ...                          basis="nli")
        >>> draft_verdict([sup, nli_only]).status
        'supported'
    """
    support = [p for p in pairs if p.label == "agreement" and p.direction in ("a->b", "both")]
    contra = [p for p in pairs if p.label == "contradiction"]
    typed = [p for p in contra if p.basis != "nli"]
    best = max(support, key=lambda p: (p.scores.entailment if p.scores else 1.0, p.similarity), default=None)

    def overrides(c: PairJudgement) -> bool:
        if best is None:
            return True
        strength = c.scores.contradiction if c.scores else 0.0
        return c.similarity >= best.similarity and strength > (best.scores.entailment if best.scores else 1.0)

    deciding = typed or [c for c in contra if overrides(c)]
    status = "contradicted" if deciding else "supported" if support else "not_found"
    return DraftVerdict(status, tuple(p.a for p in support), tuple(p.a for p in deciding))


def claim_verdicts(sentences: Sequence[Sentence], labels: Sequence[int],
                   pairs: Sequence[PairJudgement]) -> list[Claim]:
    """One :class:`Claim` per cluster: agreement, contradiction, mixed (both) or unique (neither).

    Pairs inside the claim count, and so do contradictions that reach the claim from outside.
    """
    label_of = {s.id: lab for s, lab in zip(sentences, labels)}
    members: dict[int, list[Sentence]] = {}
    for s, lab in zip(sentences, labels):
        members.setdefault(lab, []).append(s)
    agree: dict[int, int] = {}
    contra: dict[int, int] = {}
    for p in pairs:
        la, lb = label_of[p.a], label_of[p.b]
        if p.label == "agreement" and la == lb:
            agree[la] = agree.get(la, 0) + 1
        elif p.label == "contradiction":
            for lab in {la, lb}:
                contra[lab] = contra.get(lab, 0) + 1
    out = []
    for lab in sorted(members):
        a, c = agree.get(lab, 0), contra.get(lab, 0)
        verdict = "mixed" if a and c else "contradiction" if c else "agreement" if a else "unique"
        sents = members[lab]
        out.append(Claim(f"c{lab}", verdict, tuple(s.id for s in sents),
                         tuple(sorted({s.source for s in sents}))))
    return out


def source_summaries(source_ids: Sequence[str], verdicts: Sequence[SentenceVerdict]) -> list[SourceSummary]:
    """Shares of each source's sentences that are corroborated, contradicted or unique."""
    out = []
    for sid in source_ids:
        mine = [v for v in verdicts if source_of(v.sentence) == sid]
        n = len(mine)

        def share(status: str, items: list[SentenceVerdict] = mine, total: int = n) -> float:
            return sum(v.status == status for v in items) / total if total else 0.0

        out.append(SourceSummary(sid, n, share("corroborated"), share("contradicted"), share("unique")))
    return out


def agreement_matrix(source_ids: Sequence[str], pairs: Sequence[PairJudgement]) -> dict[str, dict[str, float | None]]:
    """agreements / (agreements + contradictions) between each two sources; None where neither."""
    counts: dict[tuple[str, str], list[int]] = {}
    for p in pairs:
        if p.label == "unique_detail":
            continue
        key = tuple(sorted((source_of(p.a), source_of(p.b))))
        c = counts.setdefault((key[0], key[1]), [0, 0])
        c[0 if p.label == "agreement" else 1] += 1
    out: dict[str, dict[str, float | None]] = {}
    for a in source_ids:
        row: dict[str, float | None] = {}
        for b in source_ids:
            if a == b:
                row[b] = 1.0
                continue
            ag, co = counts.get((min(a, b), max(a, b)), [0, 0])
            row[b] = round(ag / (ag + co), 4) if ag + co else None
        out[a] = row
    return out
