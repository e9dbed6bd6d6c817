"""Execution of ``factcheck batch``: the chunk processor every engine runs, the local process pool and Ray.

Both parallel engines ship chunks of :class:`StoryTask` to long-lived workers that build their
:class:`~factcheck.pipeline.Checker` once (from a picklable :class:`CheckerFactory`) and send back
finished JSON lines; results are yielded in input order with a bounded number of chunks in flight,
so memory does not grow with the number of stories. Ray is imported only when its engine runs
(``pip install 'factcheck[ray]'``).

Ray: a local Ray starts with ``num_cpus=workers``; ``address`` joins an existing cluster, whose
nodes need factcheck and its models installed and the input at the same paths (a shared file
system). One actor per worker (``num_cpus=1``) loads the models once; chunks go to the actor with
the fewest chunks outstanding.

Example:
    >>> from factcheck.batch import run_batch
    >>> run_batch("stories/", "out.jsonl", engine="ray", workers=4)          # doctest: +SKIP
"""

from __future__ import annotations

import copy
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .embed import embed
from .errors import FactcheckError, InputError, ModelError
from .load import document_from_dict
from .pipeline import Checker, Prepared, prepare, require_two_sources
from .results import NLIScores, Report, Skipped


@dataclass(frozen=True)
class StoryTask:
    """One story to check: its id and sources (paths, or inline document objects); picklable.

    ``error`` is set when the story is already known to be unusable (a bad manifest line).
    """

    story_id: str
    sources: tuple[str | dict[str, Any], ...]
    where: str
    error: str | None = None


def dumps_line(obj: dict[str, Any]) -> str:
    """One JSONL line: compact JSON, without raw line separators that ``str.splitlines`` would cut at."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def ok_line(story_id: str, report: Report, summary_only: bool = False) -> str:
    data = report.to_dict()
    if summary_only:
        return dumps_line({"story_id": story_id, "status": "ok", "summary": data["summary"],
                           "models": data["models"]})
    return dumps_line({"story_id": story_id, "status": "ok", **data})


def error_line(story_id: str, exc: FactcheckError) -> str:
    return dumps_line({"story_id": story_id, "status": "error", "error": str(exc), "exit_code": exc.exit_code})


@dataclass(frozen=True)
class CheckerFactory:
    """A picklable recipe for a :class:`Checker`; every worker process calls it once.

    Args:
        nli_model: NLI model id or path (default ``$FACTCHECK_NLI_MODEL`` or the shipped model).
        embedder_model: sentence-transformers id or path (default: packaged all-MiniLM-L6-v2).
        use_nli: ``False`` for similarity and mismatch rules only.
        int8: int8 linear layers in the NLI model (faster on the CPU, slightly less accurate).
        bf16: the NLI model in bfloat16 on torch (see :class:`~factcheck.nli.HFNLIModel`).
        settings: thresholds and limits.
        cache_path: SQLite file of the NLI cache (:class:`~factcheck.cache.CachedNLI`); ``None``: no cache.

    Example:
        >>> CheckerFactory(use_nli=False)().nli is None
        True
    """

    nli_model: str | None = None
    embedder_model: str | None = None
    use_nli: bool = True
    settings: Settings = field(default_factory=Settings)
    cache_path: str | None = None
    int8: bool = False
    bf16: bool = False

    def __call__(self) -> Checker:
        from .embed import SentenceTransformerEmbedder
        from .nli import HFNLIModel

        if not self.use_nli:
            return Checker(embedder=SentenceTransformerEmbedder(self.embedder_model), use_nli=False,
                           settings=self.settings)
        spec = self.nli_model or os.environ.get("FACTCHECK_NLI_MODEL") or None  # fixed now: a stable name
        model = HFNLIModel(spec, int8=self.int8, bf16=self.bf16)
        nli: Any = model
        if self.cache_path:
            nli = self.cached(model, spec)
            nli.open()
        return Checker(embedder=SentenceTransformerEmbedder(self.embedder_model), nli=nli, settings=self.settings)

    def cached(self, model: Any, spec: str | None) -> Any:
        """``model`` (built from ``spec``) behind the on-disk cache, keyed by its name, the fingerprint of
        its folder (a retrained model under the same name gets new keys) and its max length."""
        from .cache import CachedNLI, model_fingerprint
        from .errors import NLIModelLoadError
        from .nli import resolve_nli_model

        try:
            fp = model_fingerprint(resolve_nli_model(spec))
        except NLIModelLoadError:
            fp = None
        key = f"{model.name}@{fp or 'hub'}/L{model.max_length}"
        return CachedNLI(model, self.cache_path or "", key=key)

    def check_cache(self) -> None:
        """Raise :class:`InputError` now if the cache file is unusable (before any worker starts)."""
        if self.use_nli and self.cache_path:
            from .cache import CachedNLI

            probe = CachedNLI(_NoModel(), self.cache_path)
            probe.open()
            probe.close()


class _NoModel:
    name = "none"

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        raise AssertionError("not a model")


@dataclass(frozen=True)
class StoryResult:
    """One output line and whether the story succeeded."""

    story_id: str
    ok: bool
    line: str


@dataclass(frozen=True)
class ChunkResult:
    """The lines of one chunk, in input order, with NLI counters of the worker that made them."""

    stories: tuple[StoryResult, ...]
    nli_pairs: int = 0
    cache_hits: int = 0
    cache_misses: int = 0


@dataclass(frozen=True)
class ChunkOptions:
    """How chunks are checked.

    Attributes:
        summary_only: write only story_id, status, summary and models per story.
        gather_nli: score the NLI pairs of all stories of a chunk in one call. This needs a first pass
            over the pipeline (to learn the pairs) that re-runs the mismatch rules; measured on 5x20
            sentence stories it saves ~6% of NLI time and costs more than that, so it is off by default.
            Without it, pairs repeated across the stories of a chunk are still scored once.
    """

    summary_only: bool = False
    gather_nli: bool = False


class _Recorder:
    """First pass: remembers every pair the pipeline asks about, answers with placeholders."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pairs: dict[tuple[str, str], None] = {}

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.pairs.update(dict.fromkeys(pairs))
        # a placeholder that settles nothing (judge.one_way), so both directions of every pair are recorded
        return [NLIScores(0.0, 0.5, 0.5)] * len(pairs)


class _Memo:
    """Second pass: scores all recorded pairs in one call, then answers from memory."""

    def __init__(self, inner: Any, pairs: Iterable[tuple[str, str]]) -> None:
        self.inner = inner
        self.name = inner.name
        todo = list(pairs)
        self.known = dict(zip(todo, inner.predict(todo), strict=True)) if todo else {}
        self.requested = 0

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.requested += len(pairs)
        missing = list(dict.fromkeys(p for p in pairs if p not in self.known))
        if missing:
            self.known.update(zip(missing, self.inner.predict(missing), strict=True))
        return [self.known[p] for p in pairs]


def load_story(checker: Checker, task: StoryTask) -> Prepared:
    """Load, clean and split one story's sources (what :meth:`Checker.check` does before embedding)."""
    if task.error:
        raise InputError(task.error)
    items: list[Any] = []
    for k, src in enumerate(task.sources, 1):
        items.append(document_from_dict(src, f"{task.where} sources[{k - 1}]", default_source=f"source-{k}")
                     if isinstance(src, dict) else src)
    warnings: list[str] = []
    skipped: list[Skipped] = []
    docs = checker.load(items, warnings, skipped)
    prepared = prepare(docs, checker.settings, warnings, skipped=skipped)
    require_two_sources(prepared, len(docs))
    return prepared


def process_chunk(checker: Checker, tasks: list[StoryTask], opts: ChunkOptions | None = None) -> ChunkResult:
    """Check the stories of one chunk: one embedding call for all their sentences, one line per story.

    A :class:`FactcheckError` of one story becomes its error line; a :class:`ModelError` (no model, no
    use trying the next story) and unexpected errors propagate.
    """
    lines: list[StoryResult | None] = [None] * len(tasks)
    prepared: dict[int, Prepared] = {}
    for i, task in enumerate(tasks):
        try:
            prepared[i] = load_story(checker, task)
        except ModelError:
            raise
        except FactcheckError as exc:
            lines[i] = StoryResult(task.story_id, False, error_line(task.story_id, exc))
    texts = list(dict.fromkeys(s.text for p in prepared.values() for s in p.sentences))
    row = {t: k for k, t in enumerate(texts)}
    vecs = embed(checker.embedder, texts) if texts else None

    def story_vecs(p: Prepared) -> Any:
        return vecs[[row[s.text] for s in p.sentences]] if vecs is not None else None

    opts = opts or ChunkOptions()
    work = copy.copy(checker)
    memo: _Memo | None = None
    if checker.nli is not None:
        recorder = _Recorder(checker.nli.name)
        if opts.gather_nli:
            work.nli = recorder
            for p in prepared.values():
                try:
                    work.check_prepared(p, story_vecs(p))
                except FactcheckError:
                    pass
        memo = _Memo(checker.nli, recorder.pairs)
        work.nli = memo
    for i, p in prepared.items():
        sid = tasks[i].story_id
        try:
            report = work.check_prepared(p, story_vecs(p))
            lines[i] = StoryResult(sid, True, ok_line(sid, report, opts.summary_only))
        except ModelError:
            raise
        except FactcheckError as exc:
            lines[i] = StoryResult(sid, False, error_line(sid, exc))
    return ChunkResult(tuple(x for x in lines if x is not None), memo.requested if memo else 0)


def run_chunk(checker: Checker, tasks: list[StoryTask], opts: ChunkOptions | None = None) -> ChunkResult:
    """:func:`process_chunk` plus the cache counters it moved (when ``checker.nli`` is cached)."""
    nli = checker.nli
    h0, m0 = getattr(nli, "hits", 0), getattr(nli, "misses", 0)
    res = process_chunk(checker, tasks, opts)
    return ChunkResult(res.stories, res.nli_pairs, getattr(nli, "hits", 0) - h0, getattr(nli, "misses", 0) - m0)



_WORKER: dict[str, Any] = {}


def worker_init(factory: Callable[[], Checker], threads: int) -> None:
    """Initializer of a pool worker: ignore Ctrl-C (the parent handles it), cap threads, build the checker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        _WORKER["checker"] = factory()
    except FactcheckError as exc:  # raised again with the first chunk: the parent maps it to an exit code
        _WORKER["error"] = exc


def _worker_chunk(tasks: list[StoryTask], opts: ChunkOptions) -> ChunkResult:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return run_chunk(_WORKER["checker"], tasks, opts)


def pool_chunks(chunks: Iterator[list[StoryTask]], factory: Callable[[], Checker], workers: int,
                opts: ChunkOptions) -> Iterator[ChunkResult]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    threads = max(1, (os.cpu_count() or 1) // workers)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=worker_init, initargs=(factory, threads))
    pending: deque[Future[ChunkResult]] = deque()
    clean = False
    try:
        for chunk in chunks:
            pending.append(pool.submit(_worker_chunk, chunk, opts))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        clean = True
    finally:
        if not clean:
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
        pool.shutdown(wait=clean, cancel_futures=True)


def chunked(tasks: Iterable[StoryTask], size: int) -> Iterator[list[StoryTask]]:
    """Consecutive chunks of ``size`` tasks (the last may be shorter)."""
    chunk: list[StoryTask] = []
    for t in tasks:
        chunk.append(t)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk




def require_ray() -> None:
    """Raise :class:`InputError` with the install command when Ray is missing."""
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        raise InputError("the ray engine needs Ray, which is not installed: pip install 'factcheck[ray]'")


class ChunkActor:
    """A Ray actor body: builds the checker once, then checks chunk after chunk."""

    def __init__(self, factory: Callable[[], Checker]) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.error: FactcheckError | None = None
        try:
            self.checker = factory()
        except FactcheckError as exc:  # raised again with the first chunk, as a task error the driver unwraps
            self.error = exc

    def process(self, tasks: list[StoryTask], opts: ChunkOptions) -> ChunkResult:
        if self.error is not None:
            raise self.error
        return run_chunk(self.checker, tasks, opts)


def _unwrap(exc: BaseException) -> BaseException:
    """The FactcheckError inside a Ray error, if any (so the CLI maps it to its exit code)."""
    seen: BaseException | None = exc
    for _ in range(5):
        seen = getattr(seen, "cause", None) or getattr(seen, "creation_task_error", None)
        if isinstance(seen, FactcheckError):
            return seen
        if seen is None:
            break
    return exc


def ray_chunks(chunks: Iterator[list[StoryTask]], factory: Callable[[], Checker], workers: int,
               address: str | None, opts: ChunkOptions) -> Iterator[ChunkResult]:
    """Run chunks on Ray actors; yield their results in input order."""
    import logging

    import ray

    started = not ray.is_initialized()
    if started:
        init_kw: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
        if address:
            ray.init(address=address, **init_kw)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, **init_kw)
    actors: list[Any] = []
    try:
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        remote_actor = ray.remote(num_cpus=1)(ChunkActor)
        actors = [remote_actor.remote(factory) for _ in range(n)]
        outstanding: list[set[Any]] = [set() for _ in range(n)]
        pending: deque[Any] = deque()
        try:
            for chunk in chunks:
                refs = [r for s in outstanding for r in s]
                if refs:
                    ready, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
                    for s in outstanding:
                        s.difference_update(ready)
                k = min(range(n), key=lambda i: len(outstanding[i]))
                ref = actors[k].process.remote(chunk, opts)
                outstanding[k].add(ref)
                pending.append(ref)
                if len(pending) >= 2 * n:
                    yield ray.get(pending.popleft())
            while pending:
                yield ray.get(pending.popleft())
        except ray.exceptions.RayError as exc:
            raise _unwrap(exc) from None
    finally:
        for a in actors:
            ray.kill(a)
        if started:
            ray.shutdown()
