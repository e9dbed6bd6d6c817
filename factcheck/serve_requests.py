"""The desk's request bodies: ``/v1/check`` and ``/v1/draft`` JSON parsed into typed values; every problem is a
:class:`HTTPError` (422 naming the field), raised before any work is queued.

Example:
    >>> req = parse_request({"sources": ["https://example.com/a", {"text": "Ten people were hurt.", "source": "AP"}]},
    ...                     need_draft=False, max_sources=20)
    >>> [s.url or s.document.source for s in req.sources], req.format
    (['https://example.com/a', 'AP'], 'json')
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import one_line
from .results import Document

SOURCE_KEYS = ("text", "url", "source", "title", "date")
OPTION_KEYS = ("format", "strict")
FORMATS = ("json", "md", "html")


class HTTPError(Exception):
    """An error answered as ``{"error": message}`` with ``status`` (internal to the server)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = one_line(message)
        self.headers = headers or {}


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
