"""The desk's Starlette application: routes, request parsing, the one-at-a-time model worker and its queue.

Routes (``/openapi.json`` describes the JSON API; ``/docs`` shows it without any CDN)::

    GET  /               the desk page: paste or link sources, optionally a draft, see the report
    GET  /healthz        liveness, models, queue
    GET  /openapi.json   OpenAPI 3.1 description of the API
    GET  /docs           the same, as a page
    POST /v1/check       {"sources": [...], "draft"?: ..., "options"?: {...}} -> schema-1 report
    POST /v1/draft       the same with "draft" required
    POST /v1/render      {"report": <schema-1 report>, "format": "html" | "md" | "json"} -> the rendered report

A report's response carries ``Server-Timing`` (``fetch``, ``queue``, ``check``, ``total``, in ms).

Every error is JSON ``{"error": "<one line>"}``: 400 bad JSON or Host, 401 missing or wrong token, 404, 405,
413 body too large, 415 not JSON, 422 unusable input (including URLs the server refuses to fetch), 429 queue
full (with ``Retry-After``), 503 models not loaded, 504 past the time limit, 500 a bug.

Example:
    >>> from factcheck.serve import ServeSettings
    >>> app = create_app(settings=ServeSettings())   # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import (
    FactcheckError,
    InputError,
    LimitExceededError,
    ModelError,
    ReportFormatError,
    one_line,
)
from .results import Document, NLIScores
from .serve import ServeSettings
from .serve_openapi import openapi_spec

if TYPE_CHECKING:
    import numpy as np
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from .pipeline import Checker

log = logging.getLogger("factcheck.serve")

SOURCE_KEYS = ("text", "url", "source", "title", "date")
OPTION_KEYS = ("format", "strict")
FORMATS = ("json", "md", "html")
MEDIA = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
CHUNK = 512  # model inputs per deadline check (a multiple of the default batch sizes, 16 and 32)
WARM_UP = (Document(text="The mayor said ten people were hurt in the fire on Monday.", source="warm-a"),
           Document(text="The mayor said ten people were hurt in the fire on Tuesday.", source="warm-b"))


class HTTPError(Exception):
    """An error answered as ``{"error": message}`` with ``status`` (internal to the server)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = one_line(message)
        self.headers = headers or {}


# ---------------------------------------------------------------------------------------------- requests
@dataclass(frozen=True)
class SourceSpec:
    """One source of a request: a document given as text, or a URL for the server to fetch."""

    document: Document | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class CheckRequest:
    """A parsed ``/v1/check`` body."""

    sources: tuple[SourceSpec, ...]
    draft: Document | None
    format: str = "json"
    strict: bool = False


def _string(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise HTTPError(422, f"{where} must be a string, got {type(value).__name__}")
    return value


def _is_url(text: str) -> bool:
    low = text.strip().lower()
    return low.startswith(("http://", "https://")) and not any(c.isspace() for c in text.strip())


def parse_source(item: object, k: int) -> SourceSpec:
    """One entry of ``sources``: ``"https://..."``, ``{"url": ...}`` or ``{"text": ..., "source"?, "title"?, ...}``."""
    where = f"sources[{k}]"
    if isinstance(item, str):
        if not _is_url(item):
            raise HTTPError(422, f"{where}: a source given as a string must be an http(s) URL; give article text as "
                                 '{"text": "..."}')
        return SourceSpec(url=item.strip())
    if not isinstance(item, dict):
        raise HTTPError(422, f"{where} must be a URL string or an object, got {type(item).__name__}")
    unknown = sorted(set(item) - set(SOURCE_KEYS))
    if unknown:
        raise HTTPError(422, f"{where}: unknown field {', '.join(map(repr, unknown))}; use {', '.join(SOURCE_KEYS)}")
    text = _string(item.get("text"), f"{where}.text")
    url = _string(item.get("url"), f"{where}.url")
    source = _string(item.get("source"), f"{where}.source") or None
    title = _string(item.get("title"), f"{where}.title") or None
    date = _string(item.get("date"), f"{where}.date") or None
    if url is not None and not _is_url(url):
        raise HTTPError(422, f"{where}.url: {url[:200]!r} is not an http(s) URL")
    if text is None or not text.strip():
        if url is None:
            raise HTTPError(422, f"{where}: give the article's \"text\" or its \"url\"")
        return SourceSpec(url=url.strip(), source=source, title=title)
    return SourceSpec(document=Document(text=text, source=source or f"source-{k + 1}", title=title, date=date,
                                        url=url.strip() if url else None))


def parse_request(body: object, *, need_draft: bool, max_sources: int) -> CheckRequest:
    """Validate a ``/v1/check`` or ``/v1/draft`` body; every problem is a 422 naming the field."""
    if not isinstance(body, dict):
        raise HTTPError(422, 'the body must be a JSON object: {"sources": [...], "draft": "...", "options": {}}')
    unknown = sorted(set(body) - {"sources", "draft", "options"})
    if unknown:
        raise HTTPError(422, f"unknown field {', '.join(map(repr, unknown))}; use sources, draft, options")
    raw = body.get("sources")
    if not isinstance(raw, list):
        raise HTTPError(422, '"sources" must be a list of URLs or {"text": ...} objects')
    if len(raw) > max_sources:
        raise HTTPError(422, f"{len(raw)} sources, over this server's limit of {max_sources}; split the story")
    sources = tuple(parse_source(item, k) for k, item in enumerate(raw))
    draft_raw = body.get("draft")
    if isinstance(draft_raw, dict):
        if set(draft_raw) - {"text"}:
            raise HTTPError(422, 'draft: give it as a string or {"text": "..."}')
        draft_raw = draft_raw.get("text")
    draft_text = _string(draft_raw, "draft")
    draft = Document(text=draft_text, source="draft") if draft_text and draft_text.strip() else None
    if need_draft and draft is None:
        raise HTTPError(422, '"draft" is required here: the draft text to check against the sources')
    if draft is None and len(sources) < 2:
        raise HTTPError(422, f"need at least two sources to compare, got {len(sources)}; add another article of "
                             "the same story (or send a draft to check against one source)")
    if draft is not None and not sources:
        raise HTTPError(422, "no sources to check the draft against; give at least one article")
    options = body.get("options") or {}
    if not isinstance(options, dict):
        raise HTTPError(422, '"options" must be an object')
    unknown = sorted(set(options) - set(OPTION_KEYS))
    if unknown:
        raise HTTPError(422, f"options: unknown {', '.join(map(repr, unknown))}; use {', '.join(OPTION_KEYS)}")
    fmt = options.get("format", "json")
    if fmt not in FORMATS:
        raise HTTPError(422, f"options.format {str(fmt)[:40]!r} is not one of {', '.join(FORMATS)}")
    strict = options.get("strict", False)
    if not isinstance(strict, bool):
        raise HTTPError(422, "options.strict must be true or false")
    return CheckRequest(sources=sources, draft=draft, format=fmt, strict=strict)


# ---------------------------------------------------------------------------------------------- worker
class _Deadline:
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

    def __init__(self, inner: Any, deadline: _Deadline) -> None:
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

    def __init__(self, inner: Any, deadline: _Deadline) -> None:
        self.inner, self.deadline, self.name = inner, deadline, inner.name

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        if len(pairs) <= CHUNK:
            self.deadline.check()
            return self.inner.predict(pairs)  # type: ignore[no-any-return]
        # chunks of the pairs in the order HFNLIModel batches them (by length): the same batches, the same scores
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out: list[NLIScores | None] = [None] * len(pairs)
        for start in range(0, len(order), CHUNK):
            self.deadline.check()
            idx = order[start:start + CHUNK]
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


def _checker_for(base: Checker, strict: bool, deadline: _Deadline) -> Checker:
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


# ---------------------------------------------------------------------------------------------- HTTP helpers
def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    from starlette.responses import JSONResponse

    return JSONResponse({"error": one_line(message)}, status_code=status, headers=headers)


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


async def read_json(request: Request, limit: int) -> Any:
    """The request body as JSON: 415 unless it says JSON, 413 over ``limit`` bytes, 400 when it does not parse."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise HTTPError(415, f"send the body as JSON with Content-Type: application/json (got {ctype or 'none'!r})")
    too_big = f"request body over the limit of {limit:,} bytes; send fewer or shorter sources, or links"
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPError(413, too_big)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPError(413, too_big)
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise HTTPError(400, "the request body is not UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise HTTPError(400, f"the request body is not valid JSON ({exc.msg} at line {exc.lineno} column "
                             f"{exc.colno})") from None
    except RecursionError:
        raise HTTPError(400, "the request body is JSON nested too deeply") from None


def _authorized(request: Request, token: str | None) -> bool:
    if token is None:
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


@lru_cache(maxsize=1)
def _templates() -> Any:
    """The desk's Jinja2 environment over ``factcheck/templates`` (the report's own folder; autoescape on)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("factcheck", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def _asset(name: str) -> str:
    env = _templates()
    return str(env.loader.get_source(env, f"serve/{name}")[0])


# ---------------------------------------------------------------------------------------------- the app
def create_app(checker: Checker | None = None, *, settings: ServeSettings) -> Starlette:
    """Build the desk's ASGI app.

    Args:
        checker: a ready :class:`~factcheck.pipeline.Checker` (tests pass one with fake models); default: one
            built from ``settings`` with the real models, loaded at start-up.
        settings: limits, token, SSRF guard.

    Returns:
        A Starlette app; its lifespan loads the models (a warm-up check) and stops the worker on shutdown.
    """
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    desk = Desk(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        from .pipeline import Checker

        ready = checker or Checker(nli_model=settings.nli_model, embedder_model=settings.embedder_model,
                                   use_nli=settings.use_nli, int8=settings.int8)
        t0 = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(desk.executor, ready.check, list(WARM_UP))
        desk.checker = ready
        log.info("factcheck desk: models ready in %.1f s (%s)", time.perf_counter() - t0,
                 ", ".join(f"{k} {v}" for k, v in _models(ready).items()))
        try:
            yield
        finally:
            desk.executor.shutdown(wait=False, cancel_futures=True)

    def guarded(handler: Callable[[Request], Awaitable[Response]], *, auth: bool) -> Callable[..., Any]:
        async def endpoint(request: Request) -> Response:
            try:
                host = _host_name(request.headers.get("host") or "")
                if "*" not in settings.hosts and host not in settings.hosts:
                    raise HTTPError(400, f"Host {host[:80]!r} is not served here; open the desk at "
                                         f"http://{settings.host}:{settings.port}/")
                if auth and not _authorized(request, settings.token):
                    raise HTTPError(401, "missing or wrong bearer token: send Authorization: Bearer <token>",
                                    {"WWW-Authenticate": 'Bearer realm="factcheck"'})
                return await handler(request)
            except HTTPError as exc:
                return error_response(exc.status, exc.message, exc.headers)
            except Exception as exc:  # noqa: BLE001 - a bug: one JSON line, the traceback in the log
                log.exception("factcheck desk: internal error")
                return error_response(500, f"internal error: {type(exc).__name__}: {exc}")

        return endpoint

    async def run_check(request: Request, need_draft: bool) -> Response:
        t_arrival = time.monotonic()
        body = await read_json(request, settings.max_request_bytes)
        req = parse_request(body, need_draft=need_draft, max_sources=settings.max_sources)
        base = desk.checker
        if base is None:
            raise HTTPError(503, "the models are still loading; retry in a few seconds", {"Retry-After": "5"})
        deadline = _Deadline(t_arrival + settings.timeout, settings.timeout)
        slot = desk.admit()
        loop = asyncio.get_running_loop()
        queued = False
        try:
            fetch_warnings: list[str] = []
            timing: dict[str, float] = {}
            docs = await _fetch_all(req.sources, deadline, fetch_warnings)
            check = _checker_for(base, req.strict, deadline)
            t_fetched = time.monotonic()

            def work() -> dict[str, Any]:
                timing["start"] = time.monotonic()
                report = check.check_draft(req.draft, docs) if req.draft is not None else check.check(docs)
                timing["end"] = time.monotonic()
                data = report.to_dict()
                if fetch_warnings:
                    data["warnings"] = [*fetch_warnings, *data.get("warnings", [])]
                return data

            future = desk.run(work, deadline.deadline)
            queued = True  # from here the slot is freed when the job ends, even after a 504
            future.add_done_callback(lambda _: _call_soon(loop, slot.release))
            data = await _wait(asyncio.wrap_future(future), deadline)
        finally:
            if not queued:
                slot.release()
        # Server-Timing (ms): URL fetching, waiting for the model thread, the check itself, all until now
        ms = {"fetch": t_fetched - t_arrival, "queue": timing["start"] - t_fetched, "check": timing["end"] -
              timing["start"]}
        if req.format == "json":
            body_out: str | bytes = await asyncio.to_thread(_json_bytes, data)
        else:
            body_out = await asyncio.to_thread(_render, data, req.format)
        ms["total"] = time.monotonic() - t_arrival
        server_timing = ", ".join(f"{k};dur={v * 1000:.1f}" for k, v in ms.items())
        return Response(body_out, media_type=MEDIA[req.format], headers={"Server-Timing": server_timing})

    async def _fetch_all(specs: Sequence[SourceSpec], deadline: _Deadline, warnings: list[str]) -> list[Document]:
        urls = [(k, s) for k, s in enumerate(specs) if s.document is None]
        left = deadline.deadline - time.monotonic()
        fetched = await _wait(asyncio.gather(*(asyncio.to_thread(fetch_source, s, settings.allow_private, left,
                                                                 warnings) for _, s in urls)), deadline) if urls else []
        got = dict(zip((k for k, _ in urls), fetched, strict=True))
        return [s.document if s.document is not None else got[k] for k, s in enumerate(specs)]

    async def _wait(awaitable: Awaitable[Any], deadline: _Deadline) -> Any:
        try:
            return await asyncio.wait_for(awaitable, timeout=max(deadline.deadline - time.monotonic(), 0.001))
        except (asyncio.TimeoutError, LimitExceededError) as exc:
            if isinstance(exc, LimitExceededError) and time.monotonic() < deadline.deadline:
                raise HTTPError(422, str(exc)) from None
            raise HTTPError(504, f"no report within this server's time limit of {settings.timeout:g} s; send fewer "
                                 "or shorter sources, or retry when the desk is less busy") from None
        except ModelError as exc:
            raise HTTPError(503, str(exc)) from None
        except (InputError, ReportFormatError) as exc:
            raise HTTPError(422, str(exc)) from None
        except FactcheckError as exc:
            raise HTTPError(422, str(exc)) from None

    async def check(request: Request) -> Response:
        return await run_check(request, need_draft=False)

    async def draft(request: Request) -> Response:
        return await run_check(request, need_draft=True)

    async def render(request: Request) -> Response:
        body = await read_json(request, settings.max_request_bytes)
        if not isinstance(body, dict) or set(body) - {"report", "format"} or "report" not in body:
            raise HTTPError(422, 'give {"report": <a schema-1 report>, "format": "html" | "md" | "json"}')
        fmt = body.get("format", "html")
        if fmt not in FORMATS:
            raise HTTPError(422, f"format {str(fmt)[:40]!r} is not one of {', '.join(FORMATS)}")
        data = _checked_report(body["report"])
        try:
            text = await asyncio.to_thread(_render, data, fmt)
        except ReportFormatError as exc:
            raise HTTPError(422, str(exc)) from None
        return Response(text, media_type=MEDIA[fmt])

    async def healthz(request: Request) -> Response:
        ready = desk.checker is not None
        return JSONResponse({
            "status": "ok" if ready else "loading", "version": __version__,
            "models": _models(desk.checker) if desk.checker is not None else None,
            "queue": {"running": desk.running, "waiting": max(desk.pending - desk.running, 0),
                      "limit": desk.capacity},
            "typical_seconds": round(desk.typical, 3), "auth": settings.token is not None,
            "limits": {"timeout_s": settings.timeout, "max_request_bytes": settings.max_request_bytes,
                       "max_sources": settings.max_sources},
        }, status_code=200 if ready else 503)

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_spec(settings))

    async def docs(request: Request) -> Response:
        html = _templates().get_template("serve/docs.html.j2").render(spec=openapi_spec(settings),
                                                                       css=_asset("desk.css"))
        return HTMLResponse(html, headers=_page_headers())

    async def page(request: Request) -> Response:
        html = _templates().get_template("serve/desk.html.j2").render(version=__version__, settings=settings)
        return HTMLResponse(html, headers=_page_headers())

    def static(name: str, media: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return Response(_asset(name), media_type=media, headers={"Cache-Control": "no-cache"})
        return endpoint

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return error_response(status, "no such route; see /docs" if status == 404 else
                              f"method {request.method} not allowed here; see /docs")

    open_routes = {"/": page, "/healthz": healthz, "/openapi.json": openapi, "/docs": docs,
                   "/static/desk.js": static("desk.js", "text/javascript; charset=utf-8"),
                   "/static/desk.css": static("desk.css", "text/css; charset=utf-8")}
    api_routes = {"/v1/check": check, "/v1/draft": draft, "/v1/render": render}
    routes = [Route(path, guarded(fn, auth=False), methods=["GET"]) for path, fn in open_routes.items()]
    routes += [Route(path, guarded(fn, auth=True), methods=["POST"]) for path, fn in api_routes.items()]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: not_found, 405: not_found})
    app.state.desk = desk
    return app


def _host_name(header: str) -> str:
    """The name in a ``Host`` header, without port, brackets or a final dot: ``[::1]:8000`` -> ``::1``.

    Example:
        >>> _host_name("[::1]:8000"), _host_name("[::1]"), _host_name("LocalHost.:80"), _host_name("127.0.0.1")
        ('::1', '::1', 'localhost', '127.0.0.1')
    """
    h = header.strip().lower()
    if h.startswith("["):
        end = h.find("]")
        rest = h[end + 1:] if end > 0 else "?"
        return h[1:end] if rest == "" or (rest[:1] == ":" and rest[1:].isdigit()) else h
    return h.rsplit(":", 1)[0].rstrip(".") if h.count(":") == 1 else h.rstrip(".")


def _call_soon(loop: asyncio.AbstractEventLoop, fn: Callable[[], None]) -> None:
    """Run ``fn`` on ``loop`` (from the worker thread); a closed loop means the server is gone anyway."""
    try:
        loop.call_soon_threadsafe(fn)
    except RuntimeError:
        pass


def _page_headers() -> dict[str, str]:
    """Headers of the desk's own pages (the report iframe is a sandboxed srcdoc with the report's own CSP)."""
    return {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache"}


def _models(checker: Checker) -> dict[str, str]:
    return {"embedder": checker.embedder.name, "nli": checker.nli.name if checker.nli else "none (--no-nli)"}


def _render(data: dict[str, Any], fmt: str) -> str:
    from .report import render

    return render(data, fmt)


def _checked_report(data: object) -> dict[str, Any]:
    """A posted report, shape-checked like a saved one (damage becomes a 422, not a 500)."""
    from .report import REQUIRED, SavedReport
    from .results import SCHEMA_VERSION

    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise HTTPError(422, f"report: not a schema {SCHEMA_VERSION!r} factcheck report")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise HTTPError(422, f"report: missing fields {', '.join(missing)}")
    return SavedReport(data, path="the posted report")
