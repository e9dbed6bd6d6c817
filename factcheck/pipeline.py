"""The pipeline: load -> clean -> split -> embed -> cluster -> judge -> verdict -> facts, wired in :class:`Checker`.

Example:
    >>> from factcheck import Checker, Document
    >>> checker = Checker()                      # nothing loads until the first check
    >>> report = checker.check([Document(text="Ten people were hurt on Monday.", source="AP"),
    ...                         Document(text="Ten people were hurt on Tuesday.", source="AFP")])
    >>> [(p.label, [m.kind for m in p.mismatches]) for p in report.contradictions]
    [('contradiction', ['date'])]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .clean import clean_text, line_reason
from .cluster import Candidate, candidate_pairs, cluster_claims, with_pairs
from .config import Settings
from .embed import Embedder, SentenceTransformerEmbedder, embed
from .errors import EmptySourceError, LimitExceededError, TooFewSourcesError
from .facts import build_facts, draft_facts
from .ids import SentenceId
from .judge import cross_source_pairs, judge_pairs
from .load import Input, load_documents
from .mismatch import aligned_pairs
from .mismatch.names import two_holders, two_offices
from .nli import HFNLIModel, NLIModel
from .results import Document, DraftSentence, Dropped, Report, Sentence, Skipped, Source
from .split import iter_sentences
from .verdict import agreement_matrix, claim_verdicts, draft_verdict, sentence_verdicts, source_summaries


@dataclass(frozen=True)
class Prepared:
    """Cleaned sources and their kept sentences."""

    sources: tuple[Source, ...]
    sentences: tuple[Sentence, ...]
    warnings: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()


def prepare(
    documents: Sequence[Document], cfg: Settings, warnings: list[str] | None = None, dedupe: bool = True,
    skipped: Sequence[Skipped] = (),
) -> Prepared:
    """Stages 2-3: clean and split every document; drop exact duplicates with a warning.

    A document with no sentences left after cleaning is skipped with a warning when at least two
    others can be compared (unless ``cfg.strict``); alone, or with ``strict``, it is an error.
    """
    warn = list(warnings or [])
    skip = list(skipped)
    unusable = 0
    sources: list[Source] = []
    sentences: list[Sentence] = []
    seen: dict[str, str] = {}
    digests = [_text_digest(doc.text) for doc in documents]
    n_sources = len(set(digests)) if dedupe else len(documents)
    if n_sources > cfg.max_sources:  # before cleaning: a huge folder is refused at once
        raise LimitExceededError(
            f"{n_sources} sources, over the limit of {cfg.max_sources}; raise it with --max-sources or split the story"
        )
    for doc, digest in zip(documents, digests):
        sid = doc.source or "source"
        if dedupe and digest in seen:
            warn.append(f"{doc.path or sid}: same text as source {seen[digest]!r}; compared once")
            continue
        seen[digest] = sid
        cleaned = clean_text(doc.text)
        spans, dropped = [], list(cleaned.dropped)
        cap = min(cfg.max_sentences, cfg.max_total_sentences - len(sentences))
        for sp in iter_sentences(doc.text, cleaned.kept):
            reason = line_reason(sp.text)  # boilerplate glued to a real sentence's line
            if reason:
                dropped.append(Dropped(sp.text, sp.start, sp.end, reason))
            else:
                spans.append(sp)
                if len(spans) > cap:
                    break  # over a limit (refused below): a 20 MB article is not split to the end first
        if not spans and _non_latin(doc.text):
            raise EmptySourceError(
                f"{doc.path or sid}: no sentences found: the text is mostly in a non-Latin script (e.g. Chinese, "
                "Arabic, Cyrillic), and factcheck's sentence rules and default models read English; translate it first"
            )
        if not spans:
            msg = "no sentences left after cleaning (only boilerplate or fragments); check that the file holds " \
                  "article text"
            if not cfg.strict and len(documents) - unusable - 1 >= 2:
                unusable += 1
                warn.append(f"{doc.path or sid}: skipped: {msg}")
                skip.append(Skipped(doc.path or sid, msg))
                continue
            raise EmptySourceError(f"{doc.path or sid}: {msg}")
        if not _looks_english(" ".join(sp.text for sp in spans[:400])):
            warn.append(
                f"{doc.path or sid}: does not look like English; the default models and the mismatch rules "
                "are built for English, so labels may be unreliable"
            )
        if len(spans) > cfg.max_sentences:
            raise LimitExceededError(
                f"{doc.path or sid}: more than {cfg.max_sentences:,} sentences, over the limit of "
                f"{cfg.max_sentences:,}; raise it with --max-sentences or split the article"
            )
        if len(sentences) + len(spans) > cfg.max_total_sentences:
            raise LimitExceededError(
                f"{doc.path or sid}: the story reaches more than {cfg.max_total_sentences:,} sentences, over the "
                "limit of "
                f"{cfg.max_total_sentences:,} for all sources together; raise it with --max-total-sentences or "
                "split the story"
            )
        for n, sp in enumerate(spans):
            sentences.append(Sentence(str(SentenceId(sid, n)), sid, n, sp.text, sp.start, sp.end))
        sources.append(
            Source(
                id=sid,
                path=doc.path,
                title=doc.title or cleaned.title,
                date=doc.date or cleaned.date,
                text=doc.text,
                n_sentences=len(spans),
                dropped=tuple(sorted(dropped, key=lambda d: d.start)),
                url=doc.url,
            )
        )
    return Prepared(tuple(sources), tuple(sentences), tuple(warn), tuple(skip))


_SPACE = re.compile(r"\s+")


def _text_digest(text: str) -> str:
    """SHA-1 of the text with whitespace runs made one space (``" ".join(text.split())`` without a list of
    every word: a 20 MB article would need 200 MB for it)."""
    return hashlib.sha1(_SPACE.sub(" ", text).strip().encode()).hexdigest()


_ENGLISH = frozenset(
    "the of and to in is was for that on with as by at from it he she they his her its said has "
    "have had were are be been will not this which who".split()
)


def _looks_english(text: str) -> bool:
    """False when a text of 40+ words has few English function words (under 10%; English has about 30%)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return len(words) < 40 or sum(w in _ENGLISH for w in words) >= 0.1 * len(words)


def _non_latin(text: str) -> bool:
    """True when most letters of ``text`` (its first 20,000 characters) are not Latin letters."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    latin = sum(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in letters)
    return bool(letters) and latin < 0.5 * len(letters)


def require_two_sources(prepared: Prepared, n_documents: int) -> None:
    """Raise :class:`TooFewSourcesError` (naming duplicates and skipped files) unless two sources remain."""
    if len(prepared.sources) >= 2:
        return
    same = f" ({n_documents - len(prepared.sources)} more had the same text)" if n_documents > 1 else ""
    left = "".join(f"; skipped {k.path}: {k.reason}" for k in prepared.skipped)
    raise TooFewSourcesError(
        f"need at least two different sources to compare, got {len(prepared.sources)} "
        f"({', '.join(s.id for s in prepared.sources)}){same}; add another article of the same story{left}")


def source_years(sources: Sequence[Source]) -> dict[str, int]:
    """Publication year per source; sources without one borrow the story's most common year."""
    years = {s.id: int(s.date[:4]) for s in sources if s.date and s.date[:4].isdigit()}
    if years:
        common = max(sorted(set(years.values())), key=list(years.values()).count)
        years = {s.id: years.get(s.id, common) for s in sources}
    return years


class Checker:
    """Checks several sources of one story against each other, claim by claim.

    Models load lazily on the first check and are reused across checks.

    Args:
        embedder: an :class:`~factcheck.embed.Embedder`; default: all-MiniLM-L6-v2 (packaged).
        nli: an :class:`~factcheck.nli.NLIModel`; default: factcheck's shipped NLI model.
        embedder_model: Hugging Face id or path for the default embedder class.
        nli_model: Hugging Face id or path for the default NLI class.
        use_nli: ``False`` runs on similarity and mismatch rules only (the report says so).
        int8: run the default NLI class with int8 linear layers (faster on the CPU, slightly less
            accurate; see the README).
        bf16: run the default NLI class in bfloat16 on torch (about 3x the pairs/s on a CPU with AMX or
            AVX-512 BF16; see :class:`~factcheck.nli.HFNLIModel`).
        settings: thresholds and limits.

    Example:
        >>> checker = Checker(nli_model="models/factcheck-nli-minilm")
        >>> report = checker.check(["seeds/"])          # doctest: +SKIP
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        nli: NLIModel | None = None,
        *,
        embedder_model: str | None = None,
        nli_model: str | None = None,
        use_nli: bool = True,
        settings: Settings | None = None,
        int8: bool = False,
        bf16: bool = False,
    ) -> None:
        self.settings = settings or Settings()
        self.embedder: Embedder = embedder or SentenceTransformerEmbedder(embedder_model)
        self.use_nli = use_nli
        self.nli: NLIModel | None = (nli or HFNLIModel(nli_model, int8=int8, bf16=bf16)) if use_nli else None

    def _models(self) -> dict[str, str]:
        return {"embedder": self.embedder.name, "nli": self.nli.name if self.nli else "none (--no-nli)"}

    def load(self, inputs: Sequence[Input] | Input, warnings: list[str],
             skipped: list[Skipped] | None = None) -> list[Document]:
        items = [inputs] if isinstance(inputs, (str, Document)) or hasattr(inputs, "__fspath__") else list(inputs)
        return load_documents(items, max_chars=self.settings.max_chars, warnings=warnings,  # type: ignore[arg-type]
                              skipped=skipped, strict=self.settings.strict)

    def check(self, inputs: Sequence[Input] | Input) -> Report:
        """Check sources (paths, directories or :class:`Document`) against each other.

        Raises:
            InputError: unusable input (see :mod:`factcheck.errors`).
            ModelError: a model could not be loaded.
        """
        warnings: list[str] = []
        skipped: list[Skipped] = []
        docs = self.load(inputs, warnings, skipped)
        prepared = prepare(docs, self.settings, warnings, skipped=skipped)
        require_two_sources(prepared, len(docs))
        return self.check_prepared(prepared)

    def check_prepared(self, prepared: Prepared, vecs: np.ndarray | None = None) -> Report:
        """Stages 4-8 on already cleaned and split sources."""
        cfg = self.settings
        sents = list(prepared.sentences)
        source_ids = [s.id for s in prepared.sources]
        src_index = {sid: k for k, sid in enumerate(source_ids)}
        if vecs is None:
            vecs = embed(self.embedder, [s.text for s in sents])
        labels = cluster_claims(vecs, cfg.cluster_threshold)
        src = [src_index[s.source] for s in sents]
        sims = vecs @ vecs.T
        cands = candidate_pairs(vecs, src, labels, floor=cfg.pair_floor, neighbours=cfg.neighbours, sims=sims)
        years = source_years(prepared.sources)
        if cfg.use_rules:
            texts = [s.text for s in sents]
            linked = aligned_pairs(texts, sims, src, cfg.rule_floor, cfg.pair_floor,
                                   [years.get(s.source) for s in sents])
            cands = with_pairs(cands, sorted(set(two_offices(texts, src)) | set(two_holders(texts, src))
                                             | set(linked)), vecs, labels)
        pairs = judge_pairs(sents, cands, self.nli, cfg, years)
        verdicts = sentence_verdicts(sents, labels, pairs)
        claims = claim_verdicts(sents, labels, pairs)
        warns = list(prepared.warnings)
        if self.nli is None:
            warns.append("NLI disabled (--no-nli): labels come from similarity and mismatch rules only")
        return Report(
            sources=prepared.sources,
            sentences=tuple(sents),
            claims=tuple(claims),
            pairs=tuple(pairs),
            sentence_verdicts=tuple(verdicts),
            per_source=tuple(source_summaries(source_ids, verdicts)),
            matrix=agreement_matrix(source_ids, pairs),
            n_pairs_possible=cross_source_pairs(sents),
            models=self._models(),
            warnings=tuple(warns),
            skipped=prepared.skipped,
            facts=build_facts(sents, claims, pairs, verdicts, source_ids),
        )

    def check_draft(self, draft: Input, sources: Sequence[Input] | Input) -> Report:
        """Check a draft against the sources: each draft sentence supported, contradicted or not found.

        The report also holds the sources' check against each other (when there are two or more).
        """
        cfg = self.settings
        warnings: list[str] = []
        skipped: list[Skipped] = []
        src_docs = self.load(sources, warnings, skipped)
        draft_doc = self.load([draft], warnings)[0]
        draft_doc = replace(draft_doc, source="draft")
        prepared = prepare(src_docs, cfg, warnings, skipped=skipped)
        if not prepared.sources:
            raise TooFewSourcesError("no sources to check the draft against; name at least one article")
        draft_prep = prepare([draft_doc], cfg, dedupe=False)
        d_sents = list(draft_prep.sentences)
        s_sents = list(prepared.sentences)
        vecs = embed(self.embedder, [s.text for s in s_sents + d_sents])
        sv, dv = vecs[: len(s_sents)], vecs[len(s_sents) :]
        if len(prepared.sources) >= 2:
            base = self.check_prepared(prepared, sv)
        else:
            base = self.check_prepared(
                replace(
                    prepared,
                    warnings=prepared.warnings + ("only one source: no cross-source check, draft checked against it",),
                ),
                sv,
            )
        # draft sentence k vs its nearest source sentences
        sims = dv @ sv.T if len(s_sents) else np.zeros((len(d_sents), 0))
        combined = s_sents + d_sents
        cands: list[Candidate] = []
        for k in range(len(d_sents)):
            order = np.argsort(-sims[k], kind="stable")[: max(3, cfg.neighbours * 3)]
            cands += [
                Candidate(int(j), len(s_sents) + k, float(sims[k, j]), False)
                for j in order
                if sims[k, j] >= cfg.pair_floor
            ]
        years = source_years(prepared.sources + draft_prep.sources)
        # support is directional (a source sentence must entail the draft's), so every draft pair is read both
        # ways: judge.one_way settles a pair's label, not which way it holds
        judged = judge_pairs(combined, cands, self.nli, replace(cfg, one_way=False), years)
        verdicts = {ds.id: draft_verdict([p for p in judged if p.b == ds.id]) for ds in d_sents}
        facts = draft_facts(base.pairs, judged, {d: v.contradicted_by for d, v in verdicts.items()}, combined,
                            base.claims, [s.id for s in prepared.sources])
        draft_out = [DraftSentence(ds, verdicts[ds.id].status, verdicts[ds.id].supported_by,
                                   verdicts[ds.id].contradicted_by, tuple(p for p in judged if p.b == ds.id),
                                   facts.get(ds.id))
                     for ds in d_sents]
        return replace(base, draft=tuple(draft_out), extra={"draft_source": draft_prep.sources[0].to_dict()})
