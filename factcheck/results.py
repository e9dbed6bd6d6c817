"""Typed, frozen results of every stage; each has ``to_dict()`` giving the JSON report's shapes.

Example:
    >>> Mismatch(kind="number", a="27", b="72").to_dict()
    {'kind': 'number', 'a': '27', 'b': '72'}
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1"
PAIR_LABELS = ("agreement", "contradiction", "unique_detail")
CLAIM_VERDICTS = ("agreement", "contradiction", "unique", "mixed")


@dataclass(frozen=True)
class Document:
    """One article as given by the user (text already extracted).

    Example:
        >>> Document(text="Ten people were hurt.", source="Reuters").source
        'Reuters'
    """

    text: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None

    @classmethod
    def from_url(cls, url: str, **options: Any) -> Document:
        """Fetch ``url`` and extract its article; ``options`` are :class:`~factcheck.fetch.FetchOptions` fields.

        Raises :class:`~factcheck.errors.FetchError` (see :func:`factcheck.fetch.fetch_document`).

        Example:
            >>> Document.from_url("https://example.com/news/fire", timeout_s=10).source  # doctest: +SKIP
            'Example News'
        """
        from .fetch import FetchOptions, fetch_document

        return fetch_document(url, options=FetchOptions(**options))


@dataclass(frozen=True)
class Skipped:
    """An input left out of the check (a PDF in a story folder, an empty export), and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Dropped:
    """A line removed by cleaning, with why."""

    text: str
    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Source:
    """A loaded, cleaned source; ``text`` is the original text that offsets index."""

    id: str
    path: str | None
    title: str | None
    date: str | None
    text: str
    n_sentences: int = 0
    dropped: tuple[Dropped, ...] = ()
    url: str | None = None

    @property
    def n_dropped(self) -> int:
        return len(self.dropped)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "title": self.title, "date": self.date,
                "url": self.url, "n_sentences": self.n_sentences, "n_dropped": self.n_dropped,
                "dropped": [d.to_dict() for d in self.dropped], "text": self.text}


@dataclass(frozen=True)
class Sentence:
    """A kept sentence; ``start``/``end`` index its source's original text."""

    id: str
    source: str
    index: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))  # flat fields: asdict's deep copy is a batch job's hot path


@dataclass(frozen=True)
class Mismatch:
    """A typed difference between two related sentences (e.g. ``number``: "27" vs "72").

    ``aligned`` says the rule tied the two values to one event by the words next to them ("the fire
    *started* on Monday" / "the fire *broke out* on Tuesday"), so the pair needs less similarity of the
    whole sentences (``Settings.aligned_gate``); it is in ``to_dict()`` only when true.
    """

    kind: str
    a: str
    b: str
    aligned: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = dict(vars(self))
        if not self.aligned:
            del out["aligned"]
        return out


@dataclass(frozen=True)
class NLIScores:
    """Probabilities of one direction (premise -> hypothesis)."""

    entailment: float
    neutral: float
    contradiction: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in vars(self).items()}


@dataclass(frozen=True)
class ClaimUnit:
    """One claim of a sentence: ``text`` without attribution or quotation marks; ``speaker`` if attributed.

    Example:
        >>> ClaimUnit("We call on all sides to remain calm.", "Wang Yi").to_dict()
        {'text': 'We call on all sides to remain calm.', 'speaker': 'Wang Yi'}
    """

    text: str
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class UnitPair:
    """The claim units of a pair's two sentences that the NLI model compared and that decided the label."""

    a: ClaimUnit
    b: ClaimUnit

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict()}


BASES = ("typed+nli", "typed", "nli", "similarity")


@dataclass(frozen=True)
class PairJudgement:
    """The label of one cross-source sentence pair.

    ``basis`` says what decided the label: ``typed+nli`` (a typed mismatch and the model), ``typed`` (a
    typed mismatch alone), ``nli`` (the model alone) or ``similarity``; ``units`` are the claim units the
    model compared for the deciding scores.
    """

    a: str
    b: str
    label: str
    direction: str | None
    scores: NLIScores | None
    similarity: float
    mismatches: tuple[Mismatch, ...] = ()
    notes: tuple[Mismatch, ...] = ()
    basis: str = ""
    units: UnitPair | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "label": self.label, "direction": self.direction,
                "scores": self.scores.to_dict() if self.scores else None,
                "similarity": round(self.similarity, 4),
                "mismatches": [m.to_dict() for m in self.mismatches],
                "notes": [m.to_dict() for m in self.notes],
                "basis": self.basis, "units": self.units.to_dict() if self.units else None}


@dataclass(frozen=True)
class Claim:
    """A cluster of sentences (from one or more sources) that state the same claim."""

    id: str
    verdict: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "verdict": self.verdict, "sentences": list(self.sentences),
                "sources": list(self.sources)}


@dataclass(frozen=True)
class SentenceVerdict:
    """Status of one sentence: corroborated / contradicted (by which sources) or unique."""

    sentence: str
    status: str
    claim: str
    corroborated_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "status": self.status, "claim": self.claim,
                "corroborated_by": list(self.corroborated_by),
                "contradicted_by": list(self.contradicted_by)}


@dataclass(frozen=True)
class SourceSummary:
    """Shares of a source's sentences that are corroborated, contradicted or unique."""

    source: str
    n_sentences: int
    corroborated: float
    contradicted: float
    unique: float

    def to_dict(self) -> dict[str, Any]:
        return {"n_sentences": self.n_sentences, "corroborated": round(self.corroborated, 4),
                "contradicted": round(self.contradicted, 4), "unique": round(self.unique, 4)}


@dataclass(frozen=True)
class FactSide:
    """One value of a disputed fact and who holds it: ``value`` as most often written, all its spellings,
    the sources and the sentences."""

    value: str
    values: tuple[str, ...]
    sources: tuple[str, ...]
    sentences: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "values": list(self.values), "sources": list(self.sources),
                "sentences": list(self.sentences)}


@dataclass(frozen=True)
class DisputedFact:
    """A fact the sources disagree on, grouped from its contradiction pairs.

    ``basis`` is the strongest evidence among its pairs (``typed+nli``, ``typed`` or ``nli``: the model
    alone); ``strength`` the model's highest P(contradiction) among them; ``silent`` the sources that do not
    mention it; ``pairs`` the ``(a, b)`` sentence ids of the contradiction pairs it groups.
    """

    id: str
    kind: str
    title: str
    basis: str
    strength: float
    sides: tuple[FactSide, ...]
    silent: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    claims: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "basis": self.basis,
                "strength": self.strength, "sides": [s.to_dict() for s in self.sides],
                "silent": list(self.silent), "pairs": [list(p) for p in self.pairs], "claims": list(self.claims)}


@dataclass(frozen=True)
class CorroboratedFact:
    """A claim that two or more outlets carry in agreeing sentences; ``sentence`` is the most agreed one."""

    claim: str
    sentence: str
    sources: tuple[str, ...]
    sentences: tuple[str, ...]
    disputed_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "sentence": self.sentence, "n_sources": len(self.sources),
                "sources": list(self.sources), "sentences": list(self.sentences),
                "disputed_by": list(self.disputed_by)}


@dataclass(frozen=True)
class Facts:
    """What the report leads with: disputed facts, corroborated facts, and unique details (sentence ids)."""

    disputed: tuple[DisputedFact, ...] = ()
    corroborated: tuple[CorroboratedFact, ...] = ()
    unique: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"disputed": [f.to_dict() for f in self.disputed],
                "corroborated": [f.to_dict() for f in self.corroborated], "unique_details": list(self.unique)}


@dataclass(frozen=True)
class DraftVerdict:
    """How one draft sentence stands: supported / contradicted / not_found, and by which source sentences."""

    status: str
    supported_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "supported_by": list(self.supported_by),
                "contradicted_by": list(self.contradicted_by)}


@dataclass(frozen=True)
class DraftSentence:
    """A draft sentence with its evidence in the sources."""

    sentence: Sentence
    status: str  # supported | contradicted | not_found
    supported_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    pairs: tuple[PairJudgement, ...]
    fact: DisputedFact | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.sentence.to_dict(), "status": self.status,
                "supported_by": list(self.supported_by), "contradicted_by": list(self.contradicted_by),
                "pairs": [p.to_dict() for p in self.pairs], "fact": self.fact.to_dict() if self.fact else None}


@dataclass(frozen=True)
class Report:
    """The whole consistency report (JSON schema version "1")."""

    sources: tuple[Source, ...]
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    pairs: tuple[PairJudgement, ...]
    sentence_verdicts: tuple[SentenceVerdict, ...]
    per_source: tuple[SourceSummary, ...]
    matrix: dict[str, dict[str, float | None]]
    n_pairs_possible: int
    models: dict[str, str]
    warnings: tuple[str, ...] = ()
    draft: tuple[DraftSentence, ...] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    skipped: tuple[Skipped, ...] = ()
    facts: Facts = field(default_factory=Facts)

    @property
    def contradictions(self) -> list[PairJudgement]:
        return [p for p in self.pairs if p.label == "contradiction"]

    @property
    def agreements(self) -> list[PairJudgement]:
        return [p for p in self.pairs if p.label == "agreement"]

    @property
    def unique_details(self) -> list[PairJudgement]:
        return [p for p in self.pairs if p.label == "unique_detail"]

    def sentence(self, sentence_id: str) -> Sentence:
        return next(s for s in self.sentences if s.id == sentence_id)

    def to_dict(self) -> dict[str, Any]:
        counts = {lab: sum(p.label == lab for p in self.pairs) for lab in PAIR_LABELS}
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            **self.extra,
            "sources": [s.to_dict() for s in self.sources],
            "sentences": [s.to_dict() for s in self.sentences],
            "claims": [c.to_dict() for c in self.claims],
            "pairs": [p.to_dict() for p in self.pairs],
            "sentence_verdicts": [v.to_dict() for v in self.sentence_verdicts],
            "summary": {
                "n_sources": len(self.sources), "n_sentences": len(self.sentences),
                "n_claims": len(self.claims), "n_pairs_judged": len(self.pairs),
                "n_pairs_possible": self.n_pairs_possible, "pair_labels": counts,
                "per_source": {s.source: s.to_dict() for s in self.per_source},
                "matrix": self.matrix,
                "n_disputed_facts": len(self.facts.disputed),
                "n_corroborated_facts": len(self.facts.corroborated),
                "n_unique_details": len(self.facts.unique),
            },
            "facts": self.facts.to_dict(),
            "models": dict(self.models),
            "warnings": list(self.warnings),
            "skipped": [k.to_dict() for k in self.skipped],
        }
        if self.draft is not None:
            out["draft"] = [d.to_dict() for d in self.draft]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
