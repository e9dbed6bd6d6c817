"""A real HTTP server on 127.0.0.1 for the URL tests: saved article pages and every bad case.

Pages come from ``tests/fixtures/web/``; each route counts its hits (``server.hits["/article"]``) so tests can
prove what the cache saved. Start it with :func:`serve` (an ephemeral port, a daemon thread).

Example:
    >>> with serve() as site:                       # doctest: +SKIP
    ...     site.url("/article")
    'http://127.0.0.1:41234/article'
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).parent / "fixtures" / "web"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
ETAG = '"article-v1"'
LAST_MODIFIED = "Thu, 14 Mar 2024 10:00:00 GMT"

# route -> (status, content type, fixture file or bytes)
PAGES: dict[str, tuple[int, str, str | bytes]] = {
    "/article": (200, "text/html; charset=utf-8", "article.html"),
    "/second": (200, "text/html; charset=utf-8", "second.html"),
    "/cp1252": (200, "text/html", "cp1252.html"),  # charset only in <meta>
    "/utf8-header": (200, "text/html; charset=UTF-8", "utf8-header.html"),  # charset only in the header
    "/xhtml": (200, "application/xhtml+xml; charset=utf-8", "second.html"),
    "/plain": (200, "text/plain; charset=utf-8", "plain.txt"),
    "/no-type": (200, "", "second.html"),  # no Content-Type at all: sniffed as HTML
    "/xhtml-latin1": (200, "application/xhtml+xml", "xhtml-latin1.xhtml"),  # charset only in <?xml encoding?>
    "/consent": (200, "text/html; charset=utf-8", "consent.html"),
    "/consent-titled": (200, "text/html; charset=utf-8", "consent-titled.html"),  # a real title, a consent dialog
    "/paywall": (200, "text/html; charset=utf-8", "paywall.html"),  # one teaser paragraph, then the paywall
    "/short-cookie-law": (200, "text/html; charset=utf-8", "short-cookie-law.html"),  # short, real, says "cookies"
    "/css": (200, "text/css", b"body { color: red; }\n"),
    "/json": (200, "application/json", b'{"headline": "Fire"}'),
    "/pdf": (200, "application/pdf", PDF),
    "/png": (200, "image/png", PNG),
    "/pdf-as-html": (200, "text/html", PDF),
    "/404": (404, "text/html", b"<html><body><h1>Not found</h1></body></html>"),
    "/500": (500, "text/html", b"<html><body><h1>Internal error</h1></body></html>"),
    "/403": (403, "text/html", b"<html><body><h1>Subscribe to read</h1></body></html>"),
}
REDIRECTS = {"/moved": "/article", "/loop-a": "/loop-b", "/loop-b": "/loop-a", "/to-ftp": "ftp://example.com/x"}


@functools.lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    return gzip.compress(b"<html><body>" + b" " * (100 * 1024 * 1024), compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server: Site

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        if path.startswith("http://"):  # asked as an HTTP proxy: "GET http://host/path"
            self.server.proxied.append(path)
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
        self.server.hits[path] += 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        try:
            self._route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _route(self, path: str) -> None:
        if path in PAGES:
            status, ctype, src = PAGES[path]
            self._send(status, ctype, src if isinstance(src, bytes) else (WEB / src).read_bytes())
        elif path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/chain/"):  # /chain/5 -> /chain/4 -> ... -> /chain/0 = the article
            n = int(path.rsplit("/", 1)[1])
            if n == 0:
                self._route("/article")
                return
            self.send_response(301)
            self.send_header("Location", f"/chain/{n - 1}")
            self.end_headers()
        elif path == "/to-private":  # an "allowed" host redirecting to a private one (127.0.0.1)
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/article")
            self.end_headers()
        elif path == "/huge-declared":  # Content-Length says 50 MB; nothing after the headers
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * 1024)
        elif path == "/huge-stream":  # no Content-Length: sends until the client hangs up (or 50 MB)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            block = b"<p>" + b"filler " * 9000 + b"</p>\n"
            sent = 0
            while sent < 50 * 1024 * 1024:
                self.wfile.write(block)
                sent += len(block)
                self.server.streamed = sent
        elif path in ("/gzip-article", "/deflate-raw", "/deflate-zlib", "/gzip-corrupt"):
            page = (WEB / "article.html").read_bytes()
            raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            body = {"/gzip-article": gzip.compress(page), "/deflate-zlib": zlib.compress(page),
                    "/deflate-raw": raw.compress(page) + raw.flush(),
                    "/gzip-corrupt": gzip.compress(page)[:200] + b"\x00garbage" * 50}[path]
            encoding = "gzip" if "gzip" in path else "deflate"
            self._send(200, "text/html; charset=utf-8", body, {"Content-Encoding": encoding})
        elif path == "/gzip-bomb":  # 100 MB of spaces in about 100 kB of gzip
            self._send(200, "text/html", gzip_bomb(), {"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(self.server.slow_s)
            self._route("/article")
        elif path == "/last-modified":  # no ETag: revalidated by date alone
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED and not self.headers.get("If-None-Match"):
                self.server.not_modified += 1
                self.send_response(304)
                self.end_headers()
            else:
                self._send(200, "text/html; charset=utf-8", (WEB / "second.html").read_bytes(),
                           {"Last-Modified": LAST_MODIFIED})
        elif path == "/etag":
            extra = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.server.not_modified += 1
                self.send_response(304)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
            else:
                self._send(200, "text/html; charset=utf-8", (WEB / "article.html").read_bytes(), extra)
        else:
            self._send(404, "text/plain", b"no such route\n")


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.not_modified = 0
        self.proxied: list[str] = []
        self.streamed = 0
        self.slow_s = 2.0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server_port}{path}"


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    thread = threading.Thread(target=site.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.shutdown()
        site.server_close()
