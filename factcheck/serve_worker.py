"""The desk's worker: one model thread, its bounded queue, and the time limit of each request.

Checks run one at a time in one thread (the model work needs the CPU's cores). :class:`Desk` admits a request
(:meth:`Desk.admit`, 429 when full), runs its check on the model thread and frees its place when the check
ends, even after the caller got a 504. The models are wrapped per request (:func:`checker_for`) so that a check
past its deadline stops at its next model chunk instead of holding the queue.

Example:
    >>> from factcheck.serve import ServeSettings
    >>> desk = Desk(ServeSettings(queue=1))
    >>> slot = desk.admit(); desk.pending, desk.capacity
    (1, 2)
    >>> slot.release(); slot.release(); desk.pending   # released once
    0
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .errors import InputError, LimitExceededError
from .results import Document, NLIScores
from .serve import ServeSettings
from .serve_requests import HTTPError, SourceSpec

if TYPE_CHECKING:
    import numpy as np

    from .pipeline import Checker

CHUNK = 512  # sentences per embedder call between deadline checks (one call for most stories, as without the server)
NLI_CHUNK = 128  # NLI pairs between deadline checks: a multiple of HFNLIModel's batch of 32, so the same batches
WARM_UP = (Document(text="The mayor said ten people were hurt in the fire on Monday.", source="warm-a"),
           Document(text="The mayor said ten people were hurt in the fire on Tuesday.", source="warm-b"))


class Deadline:
    """Raises :class:`LimitExceededError` once the request's time is up (checked between model batches)."""

    def __init__(self, deadline: float, limit: float) -> None:
        self.deadline, self.limit = deadline, limit

    def check(self) -> None:
        if time.monotonic() >= self.deadline:
            raise LimitExceededError(f"the check ran past this server's time limit of {self.limit:g} s; send fewer "
                                     "or shorter sources (or start the server with a larger --timeout)")


class DeadlineEmbedder:
    """An embedder that encodes in chunks and stops between them when the request's time is up.

    A story of up to ``CHUNK`` sentences is one call, as without the server.
    """

    def __init__(self, inner: Any, deadline: Deadline) -> None:
        self.inner, self.deadline, self.name = inner, deadline, inner.name

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if len(texts) <= CHUNK:
            self.deadline.check()
            return self.inner.encode(texts)  # type: ignore[no-any-return]
        parts = []
        for start in range(0, len(texts), CHUNK):
            self.deadline.check()
            parts.append(self.inner.encode(texts[start:start + CHUNK]))
        return np.concatenate(parts)


class DeadlineNLI:
    """An NLI model that scores in chunks and stops between them when the request's time is up."""

    def __init__(self, inner: Any, deadline: Deadline) -> None:
        self.inner, self.deadline, self.name = inner, deadline, inner.name

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        if len(pairs) <= NLI_CHUNK:
            self.deadline.check()
            return self.inner.predict(pairs)  # type: ignore[no-any-return]
        # chunks of the pairs in the order HFNLIModel batches them (by length): the same batches, the same scores
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out: list[NLIScores | None] = [None] * len(pairs)
        for start in range(0, len(order), NLI_CHUNK):
            self.deadline.check()
            idx = order[start:start + NLI_CHUNK]
            for i, score in zip(idx, self.inner.predict([pairs[i] for i in idx])):  # a short answer: ModelError later
                out[i] = score
        return [x for x in out if x is not None]


class Desk:
    """The one model worker thread and its bounded queue; counters are touched only on the event loop."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-model")
        self.checker: Checker | None = None
        self.pending = 0  # admitted and not finished: fetching, waiting or running
        self.running = 0
        self.typical = 0.0  # moving average of a check's seconds in the worker
        self.done = 0
        self._lock = threading.Lock()

    @property
    def capacity(self) -> int:
        return self.settings.queue + 1

    def retry_after(self) -> int:
        """Seconds a refused client should wait: the typical check times the requests ahead, 1..300."""
        return min(300, max(1, math.ceil((self.typical or 1.0) * max(self.pending, 1))))

    def admit(self) -> Slot:
        """Take a place in the queue, or raise a 429 :class:`HTTPError` when it is full."""
        if self.pending >= self.capacity:
            raise HTTPError(429, f"the desk is busy: {self.pending} checks running or waiting (the limit is "
                                 f"{self.capacity}); retry in {self.retry_after()} s",
                            {"Retry-After": str(self.retry_after())})
        self.pending += 1
        return Slot(self)

    def run(self, fn: Callable[[], Any], deadline: float) -> Future[Any]:
        """Queue ``fn`` on the model thread; it is skipped when its deadline passed while it waited."""

        def job() -> Any:
            if time.monotonic() >= deadline:
                raise LimitExceededError("the request waited past the time limit before its check started")
            with self._lock:
                self.running += 1
            t0 = time.perf_counter()
            try:
                return fn()
            finally:
                took = time.perf_counter() - t0
                with self._lock:
                    self.running -= 1
                    self.done += 1
                    self.typical = took if self.done == 1 else 0.7 * self.typical + 0.3 * took

        return self.executor.submit(job)


class Slot:
    """A place in the desk's queue; released exactly once."""

    def __init__(self, desk: Desk) -> None:
        self.desk, self.released = desk, False

    def release(self) -> None:
        if not self.released:
            self.released = True
            self.desk.pending -= 1


def checker_for(base: Checker, strict: bool, deadline: Deadline) -> Checker:
    """A Checker sharing ``base``'s loaded models, wrapped to stop at the deadline."""
    from .pipeline import Checker

    nli = DeadlineNLI(base.nli, deadline) if base.nli is not None else None
    settings = replace(base.settings, strict=strict) if strict != base.settings.strict else base.settings
    return Checker(embedder=DeadlineEmbedder(base.embedder, deadline), nli=nli,  # type: ignore[arg-type]
                   use_nli=base.nli is not None, settings=settings)


def fetch_source(spec: SourceSpec, allow_private: bool, seconds: float, warnings: list[str]) -> Document:
    """Fetch a URL source through :mod:`factcheck.fetch`, refusing private addresses unless ``allow_private``.

    The page cache and offline mode follow the environment (``FACTCHECK_PAGE_CACHE``, ``FACTCHECK_OFFLINE``); the
    fetch gets at most ``seconds`` (what is left of the request's time).
    """
    assert spec.url is not None
    try:
        from . import fetch
    except ImportError:
        raise InputError(f"{spec.url}: this factcheck cannot fetch URLs (factcheck.fetch is missing); paste the "
                         "article text instead") from None
    base = fetch.env_options() if hasattr(fetch, "env_options") else fetch.FetchOptions()
    options = replace(base, allow_private=allow_private, timeout_s=max(min(base.timeout_s, seconds), 0.1))
    doc = fetch.fetch_document(spec.url, options=options, warnings=warnings)
    return replace(doc, source=spec.source or doc.source, title=spec.title or doc.title)


def call_soon(loop: asyncio.AbstractEventLoop, fn: Callable[[], None]) -> None:
    """Run ``fn`` on ``loop`` (from the worker thread); a closed loop means the server is gone anyway."""
    try:
        loop.call_soon_threadsafe(fn)
    except RuntimeError:
        pass
