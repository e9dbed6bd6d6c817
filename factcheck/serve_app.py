"""The desk's Starlette application: the routes (request bodies: :mod:`factcheck.serve_requests`; the model
thread, its queue and time limits: :mod:`factcheck.serve_worker`).

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
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
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
from .results import Document
from .serve import ServeSettings
from .serve_openapi import openapi_spec
from .serve_requests import FORMATS, HTTPError, SourceSpec, parse_request
from .serve_worker import WARM_UP, Deadline, Desk, call_soon, checker_for, fetch_source

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from .pipeline import Checker

log = logging.getLogger("factcheck.serve")

MEDIA = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


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
                                   use_nli=settings.use_nli, int8=settings.int8,
                                   bf16=settings.bf16)
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
        deadline = Deadline(t_arrival + settings.timeout, settings.timeout)
        slot = desk.admit()
        loop = asyncio.get_running_loop()
        queued = False
        try:
            fetch_warnings: list[str] = []
            timing: dict[str, float] = {}
            docs = await _fetch_all(req.sources, deadline, fetch_warnings)
            check = checker_for(base, req.strict, deadline)
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
            future.add_done_callback(lambda _: call_soon(loop, slot.release))
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

    async def _fetch_all(specs: Sequence[SourceSpec], deadline: Deadline, warnings: list[str]) -> list[Document]:
        urls = [(k, s) for k, s in enumerate(specs) if s.document is None]
        left = deadline.deadline - time.monotonic()
        fetched = await _wait(asyncio.gather(*(asyncio.to_thread(fetch_source, s, settings.allow_private, left,
                                                                 warnings) for _, s in urls)), deadline) if urls else []
        got = dict(zip((k for k, _ in urls), fetched, strict=True))
        return [s.document if s.document is not None else got[k] for k, s in enumerate(specs)]

    async def _wait(awaitable: Awaitable[Any], deadline: Deadline) -> Any:
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
