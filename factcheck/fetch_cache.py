"""The on-disk cache of fetched pages (:mod:`factcheck.fetch`): the body plus its ETag and Last-Modified, by URL.

One entry is two files in the cache folder: ``<key>.body`` (the bytes as received, after gzip decoding) and
``<key>.json`` (the URL asked for, the final URL after redirects, the Content-Type, ETag and Last-Modified
headers, when it was fetched, and the body's SHA-256); ``<key>`` is the SHA-256 of the URL without its
fragment. Each file is written to a temporary name and renamed, the body first, and a reader checks the
body's digest, so a half-written or mixed-up entry reads as a miss, never as a wrong page. The folder is
kept under ``max_bytes`` (1 GiB by default): the first write of a process drops the least recently
fetched entries beyond it.

Example:
    >>> import tempfile
    >>> cache = PageCache(Path(tempfile.mkdtemp()))
    >>> cache.put(CachedPage("https://example.com/a", "https://example.com/a", "text/html", b"<p>Hi</p>", etag='"v1"'))
    True
    >>> cache.get("https://example.com/a#top").validators()
    {'If-None-Match': '"v1"'}
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 1 << 30
_PRUNED: set[Path] = set()  # folders already pruned by this process


@dataclass(frozen=True)
class CachedPage:
    """A fetched page as it came from the server (or from the cache).

    Attributes:
        url: the URL asked for (the cache key, fragment removed).
        final_url: the URL after redirects; the document's ``url``.
        content_type: the Content-Type header as sent ("" when none).
        body: the response body (content encoding already undone).
        etag: the ETag header, sent back as If-None-Match on the next fetch.
        last_modified: the Last-Modified header, sent back as If-Modified-Since.
        fetched_at: when it was fetched (seconds since the epoch).
    """

    url: str
    final_url: str
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: float = 0.0

    def validators(self) -> dict[str, str]:
        """The conditional request headers that ask the server whether this copy is still current."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def cache_key(url: str) -> str:
    """The file name stem of ``url``'s entry: SHA-256 of the URL without its ``#fragment``."""
    return hashlib.sha256(url.split("#", 1)[0].encode("utf-8", "surrogatepass")).hexdigest()


class PageCache:
    """Fetched pages in one folder (created on the first write)."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = cache_key(url)
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> CachedPage | None:
        """The cached page of ``url``, or None (no entry, or one that cannot be read or does not match)."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
            if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(body).hexdigest():
                return None
            return CachedPage(url=str(meta["url"]), final_url=str(meta["final_url"]),
                              content_type=str(meta.get("content_type") or ""), body=body,
                              etag=meta.get("etag"), last_modified=meta.get("last_modified"),
                              fetched_at=float(meta.get("fetched_at") or 0.0))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, page: CachedPage) -> bool:
        """Store ``page``; False when the folder cannot be written (the fetch still succeeds)."""
        meta_path, body_path = self._paths(page.url)
        meta = {"url": page.url, "final_url": page.final_url, "content_type": page.content_type,
                "etag": page.etag, "last_modified": page.last_modified, "fetched_at": page.fetched_at,
                "sha256": hashlib.sha256(page.body).hexdigest()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(body_path, page.body)
            _write_atomic(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError:
            return False
        if self.folder not in _PRUNED:
            _PRUNED.add(self.folder)
            self.prune()
        return True

    def prune(self) -> int:
        """Drop the least recently fetched entries until the folder holds at most ``max_bytes``; how many went."""
        entries = []
        try:
            for tmp in self.folder.glob(".*.tmp"):  # left by a process killed while writing
                if time.time() - tmp.stat().st_mtime > 3600:
                    tmp.unlink(missing_ok=True)
            for meta in self.folder.glob("*.json"):
                body = meta.with_suffix(".body")
                size = meta.stat().st_size + (body.stat().st_size if body.exists() else 0)
                entries.append((meta.stat().st_mtime, size, meta, body))
        except OSError:
            return 0
        total, dropped = sum(e[1] for e in entries), 0
        for _mtime, size, meta, body in sorted(entries, key=lambda e: e[0]):
            if total <= self.max_bytes:
                break
            for path in (meta, body):
                path.unlink(missing_ok=True)
            total, dropped = total - size, dropped + 1
        return dropped


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
