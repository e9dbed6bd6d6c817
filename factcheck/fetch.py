"""Articles from URLs: fetch a web page with care and extract its article with trafilatura.

:func:`fetch_document` fetches with httpx (imported on the first fetch, never at ``import factcheck``):

* redirects are followed one hop at a time: every hop is checked, a loop is named, at most ``max_redirects``;
* the body is streamed under a byte cap (a Content-Length over it is refused before anything is read);
* content types are checked: HTML and XHTML pages are extracted, ``text/plain`` is taken as the article text,
  PDFs, images, other binaries and other kinds of text (CSS, JSON...) are refused by name;
* the charset comes from the Content-Type header, else the page's ``<meta>``, else UTF-8 / Windows-1252
  (:func:`factcheck.load.decode`, with a warning);
* title, date and site name come from trafilatura's metadata: the source id is the site name, else the host
  name; ``Document.url`` is the final URL after redirects;
* pages are cached on disk (:mod:`factcheck.fetch_cache`) with their ETag / Last-Modified: a re-run asks
  with If-None-Match / If-Modified-Since and a ``304 Not Modified`` uses the cached copy; ``offline=True``
  uses only the cache and refuses a URL that is not in it.

With ``allow_private=False`` (the web desk's SSRF guard) a host that resolves to a loopback, private,
link-local, multicast, reserved or unspecified address is refused, on the first hop and on every redirect,
and the connection goes only to addresses that were checked (:mod:`factcheck.fetch_guard`).

Every failure is a :class:`~factcheck.errors.FetchError` (exit code 2, as other unusable inputs): one line
naming the URL, what went wrong and the fix.

Example:
    >>> is_url("https://example.com/news/fire"), is_url("seeds/ap.txt")
    (True, False)
    >>> doc = fetch_document("https://example.com/news/fire", options=FetchOptions(timeout_s=10))  # doctest: +SKIP
    >>> doc.source, doc.url                                                                    # doctest: +SKIP
    ('Example News', 'https://example.com/news/fire')
"""

from __future__ import annotations

import codecs
import os
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from . import fetch_guard
from .errors import BlockedAddressError, FetchError, SettingsError, UnsupportedFileError
from .fetch_cache import CachedPage, PageCache
from .fetch_guard import blocked_reason, resolve_checked
from .results import Document

if TYPE_CHECKING:
    import httpx

__all__ = ["FetchOptions", "blocked_reason", "default_cache_dir", "env_options", "fetch_document", "fetch_page",
           "is_url", "page_document", "resolve_checked"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
HTML_TYPES = {"text/html", "application/xhtml+xml"}
PLAIN_TYPES = {"text/plain"}
_BINARY_NAMES = {"application/pdf": "a PDF", "application/zip": "a zip archive", "application/gzip": "a gzip archive",
                 "application/msword": "a Word document", "application/octet-stream": "a binary file",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document"}
_TEXTUAL = {"application/json", "application/xml", "application/javascript", "application/rss+xml",
            "application/atom+xml", "application/ld+json"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|"""
                           rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"<(?:!doctype html|html|head|body|article)[\s>]", re.IGNORECASE)
_WALL = re.compile(r"\b(accept all|reject all|manage (?:your )?(?:choices|options|preferences|settings)|"
                   r"our (?:\d+ )?partners|use cookies|cookie (?:settings|preferences|policy)|privacy (?:settings|"
                   r"policy)|subscribers? only|for subscribers|subscribe (?:now|today|to (?:continue|read|keep))|"
                   r"already (?:a subscriber|have an account)|(?:sign|log) in to (?:continue|read)|"
                   r"unlimited (?:digital )?access|enable javascript|continue reading)\b", re.IGNORECASE)
# the published date from the page's markup, its URL or a dated line; never a guess such as "(c) 2019" -> 2019-01-01
DATE_PARAMS = {"extensive_search": False, "original_date": True}
_MIN_WORDS, _WALL_MAX_WORDS = 15, 150  # fewer words: no article; fewer, with 2+ wall phrases: a consent/paywall


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/factcheck/pages``, by default ``~/.cache/factcheck/pages``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck" / "pages"


def _default_user_agent() -> str:
    from . import __version__

    return f"factcheck/{__version__} (news fact-consistency checker; +https://pypi.org/project/factcheck/)"


@dataclass(frozen=True)
class FetchOptions:
    """How :func:`fetch_document` fetches.

    Attributes:
        timeout_s: the most seconds for one fetch, all redirect hops and the whole body together.
        max_redirects: the most redirects followed.
        max_bytes: the largest page body, in bytes (after gzip decoding).
        user_agent: the User-Agent header (names factcheck and its version).
        cache_dir: the page cache folder; None: no cache.
        offline: use only the cache; a URL not in it is refused.
        allow_private: fetch hosts on loopback, private, link-local... addresses (False in the web desk).

    Example:
        >>> FetchOptions(timeout_s=5).max_redirects
        5
    """

    timeout_s: float = 20.0
    max_redirects: int = 5
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = field(default_factory=_default_user_agent)
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    offline: bool = False
    allow_private: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.timeout_s, bool) or not isinstance(self.timeout_s, (int, float)) or not self.timeout_s > 0:
            raise SettingsError(f"FetchOptions.timeout_s={self.timeout_s!r}: use a number of seconds above 0")
        for name, low in (("max_redirects", 0), ("max_bytes", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise SettingsError(f"FetchOptions.{name}={value!r}: use a whole number >= {low}")
        if self.cache_dir is not None and not isinstance(self.cache_dir, Path):
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))


def env_options() -> FetchOptions:
    """The default options with ``FACTCHECK_OFFLINE=1``, ``FACTCHECK_FETCH_TIMEOUT`` (seconds) and
    ``FACTCHECK_PAGE_CACHE`` (a folder, or ``none``) from the environment: how ``factcheck batch --offline
    --timeout --page-cache`` reach the worker processes, and what :func:`factcheck.load.load_documents` uses.

    Example:
        >>> env_options().allow_private
        True
    """
    kw: dict[str, Any] = {"offline": os.environ.get("FACTCHECK_OFFLINE", "").strip().lower() in ("1", "true", "yes")}
    timeout = os.environ.get("FACTCHECK_FETCH_TIMEOUT", "").strip()
    if timeout:
        try:
            kw["timeout_s"] = float(timeout)
        except ValueError:
            raise SettingsError(f"FACTCHECK_FETCH_TIMEOUT={timeout!r}: use a number of seconds above 0") from None
    cache = os.environ.get("FACTCHECK_PAGE_CACHE", "").strip()
    if cache:
        kw["cache_dir"] = None if cache.lower() == "none" else Path(cache)
    return FetchOptions(**kw)


def is_url(item: object) -> bool:
    """True for a string that starts with ``http://`` or ``https://`` (any case)."""
    return isinstance(item, str) and item[:8].lower().startswith(("http://", "https://"))


def fetch_document(url: str, *, options: FetchOptions | None = None, warnings: list[str] | None = None) -> Document:
    """Fetch ``url`` and extract its article into a :class:`Document`.

    Args:
        url: an ``http://`` or ``https://`` address.
        options: how to fetch (timeouts, caps, cache, offline, the private-address guard).
        warnings: a list that receives human-readable warnings (a charset guessed, a cache not writable).

    Returns:
        The article text with ``source`` (site name, else host name), ``title``, ``date`` and ``url``
        (the final URL after redirects).

    Raises:
        FetchError: one line naming the URL, what went wrong and the fix; BlockedAddressError for a
            private address with ``allow_private=False``.

    Example:
        >>> fetch_document("https://example.com/a", options=FetchOptions(offline=True, cache_dir=None))
        Traceback (most recent call last):
        ...
        factcheck.errors.FetchError: https://example.com/a: not in the page cache and offline mode is on; ...
    """
    opts = options or FetchOptions()
    warn = warnings if warnings is not None else []
    return page_document(fetch_page(url, opts, warn), warn)


def fetch_page(url: str, options: FetchOptions, warnings: list[str] | None = None) -> CachedPage:
    """The page at ``url`` as bytes: from the cache (offline, or a ``304``) or the network (then cached)."""
    _split(url, url)
    cache = PageCache(options.cache_dir) if options.cache_dir is not None else None
    cached = cache.get(url) if cache is not None else None
    if options.offline:
        if cached is not None:
            age_h = (time.time() - cached.fetched_at) / 3600
            if age_h > 24 and warnings is not None:
                warnings.append(f"{url}: offline: the cached copy is {age_h / 24:.0f} days old")
            return cached
        where = f" ({options.cache_dir})" if options.cache_dir is not None else ""
        raise FetchError(f"{url}: not in the page cache{where} and offline mode is on; fetch it once without "
                         "--offline, or save the article as a file")
    page = _download(url, options, cached)
    if cache is not None and not cache.put(page) and warnings is not None:
        warnings.append(f"{url}: cannot write the page cache {options.cache_dir}; the page will be fetched again")
    return page


def _split(url: str, asked: str) -> tuple[str, int]:
    """Host and port of ``url``; FetchError for anything but an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:  # a bad port or bracketed host
        raise FetchError(f"{asked}: invalid address {url} ({exc}); check the link") from None
    if scheme not in ("http", "https") or not parts.hostname:
        what = "" if url == asked else f" (redirected to {url})"
        raise FetchError(f"{asked}: not a web address{what}; use an http:// or https:// URL")
    return parts.hostname, port


def _download(url: str, options: FetchOptions, cached: CachedPage | None) -> CachedPage:
    import httpx

    deadline = time.monotonic() + options.timeout_s
    chain = [url.split("#", 1)[0]]
    headers = cached.validators() if cached is not None else {}
    with fetch_guard.client(options.allow_private, options.user_agent, options.timeout_s) as client:
        for _hop in range(options.max_redirects + 1):
            current = chain[-1]
            host, port = _split(current, url)
            try:
                if not options.allow_private:
                    fetch_guard.resolve_checked(host, port, False, max(deadline - time.monotonic(), 0.001))
                left = max(deadline - time.monotonic(), 0.001)
                with client.stream("GET", current, headers=headers, timeout=httpx.Timeout(left)) as resp:
                    if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                        target = urljoin(current, resp.headers["location"]).split("#", 1)[0]
                        if target in chain:
                            loop = " -> ".join([*chain[chain.index(target):], target])
                            raise FetchError(f"{url}: redirect loop ({loop}); the site is misconfigured, open the "
                                             "link in a browser and pass the article's final address")
                        chain.append(target)
                        continue
                    if resp.status_code == 304 and cached is not None:  # still current: stored again as fresh
                        return replace(cached, fetched_at=time.time(), etag=resp.headers.get("etag", cached.etag),
                                       last_modified=resp.headers.get("last-modified", cached.last_modified))
                    if not 200 <= resp.status_code < 300 or resp.status_code == 204:
                        raise FetchError(_status_message(url, resp.status_code, resp.reason_phrase))
                    content_type = resp.headers.get("content-type", "")
                    _check_type(url, content_type)
                    body = _read_capped(url, resp, options, deadline)
                    return CachedPage(url=chain[0], final_url=str(resp.url), content_type=content_type, body=body,
                                      etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                                      fetched_at=time.time())
            except BlockedAddressError as exc:
                hop = "" if current == chain[0] else f" (redirected to {current})"
                raise BlockedAddressError(f"{url}: refused{hop}: {exc}; only public addresses are fetched here "
                                          "(allow_private=False; `factcheck serve --allow-private` allows them)") \
                    from None
            except (socket.gaierror, UnicodeError):  # UnicodeError: a host name IDNA cannot encode
                raise FetchError(_dns_message(url, host)) from None
            except (httpx.TimeoutException, TimeoutError):
                raise _timeout(url, options) from None
            except httpx.ConnectError as exc:
                raise FetchError(_connect_message(url, host, port, exc)) from None
            except httpx.InvalidURL as exc:
                raise FetchError(f"{url}: invalid address ({exc}); check the link") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: the connection failed ({type(exc).__name__}: {exc or 'no detail'}); "
                                 "try again later") from None
    raise FetchError(f"{url}: more than {options.max_redirects} redirects ({' -> '.join(chain[:3])} -> ...); open "
                     "the link in a browser and pass the article's final address")


def _status_message(url: str, code: int, reason: str) -> str:
    status = f"HTTP {code} {reason}".strip()
    if code in (404, 410):
        return f"{url}: the page is not there ({status}); check the link"
    if code in (401, 402, 403, 451):
        return (f"{url}: access refused ({status}): a paywall, a login or a block on bots; save the article "
                "from a browser as .html or .txt and pass the file")
    if code == 429:
        return f"{url}: the site is rate-limiting requests ({status}); wait a few minutes and try again"
    if code >= 500:
        return f"{url}: the server failed ({status}); try again later"
    return f"{url}: the server answered {status}, not the page; check the link"


def _dns_message(url: str, host: str) -> str:
    return f"{url}: cannot resolve the host name {host!r} (DNS lookup failed); check the address and the network"


def _timeout(url: str, options: FetchOptions) -> FetchError:
    return FetchError(f"{url}: no complete answer within {options.timeout_s:g} s (timed out); try again later or "
                      "allow more time with --timeout")


def _connect_message(url: str, host: str, port: int, exc: BaseException) -> str:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return _dns_message(url, host)
        if isinstance(seen, ConnectionRefusedError):
            break
        if isinstance(seen, ssl.SSLError):
            return (f"{url}: secure connection failed ({seen.__class__.__name__}: {seen}); the site's certificate "
                    "is not valid here, check the address")
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    if any(s in text for s in ("Name or service not known", "nodename nor servname", "getaddrinfo failed",
                               "Temporary failure in name resolution", "No address associated")):
        return _dns_message(url, host)
    if isinstance(seen, ConnectionRefusedError) or "refused" in text.lower():
        return f"{url}: connection refused by {host} port {port}; check the address, or the site is down"
    return f"{url}: cannot connect to {host} port {port} ({text or type(exc).__name__}); check the address and network"


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _check_type(url: str, content_type: str) -> None:
    """Refuse, by name, a response that is not an HTML page or plain text (before its body is read)."""
    mime = _mime(content_type)
    if not mime or mime in HTML_TYPES or mime in PLAIN_TYPES:
        return
    major = mime.split("/", 1)[0]
    what = _BINARY_NAMES.get(mime) or {"image": "an image", "audio": "audio", "video": "a video",
                                       "font": "a font"}.get(major)
    if what:
        raise FetchError(f"{url}: the server sent {what} ({mime}), not a web page; save the article's text as a "
                         ".txt file and pass that")
    if major == "text" or mime in _TEXTUAL or mime.endswith(("+xml", "+json")):
        raise FetchError(f"{url}: the server sent {mime} text, not an article page (HTML) or plain text; link the "
                         "article's own page")
    raise FetchError(f"{url}: the server sent {mime}, not a web page; link the article's own page")


def _read_capped(url: str, resp: httpx.Response, options: FetchOptions, deadline: float) -> bytes:
    cap = options.max_bytes
    length = resp.headers.get("content-length", "")
    if length.strip().isdigit() and int(length) > cap:
        raise FetchError(_too_big(url, f"{int(length):,} bytes", cap))
    encoding = resp.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"{url}: the server sent the page in an encoding factcheck cannot read ({encoding}); save "
                         "the article from a browser and pass the file")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding not in ("", "identity") else None  # gzip or zlib
    body, first = bytearray(), True
    try:
        for raw in resp.iter_raw():  # inflated here, never more than the cap at once (a gzip bomb stays small)
            data = raw
            if inflate and encoding == "deflate" and first and raw:
                first = False
                if not (len(raw) > 1 and raw[0] & 0x0F == 8 and ((raw[0] << 8) | raw[1]) % 31 == 0):
                    inflate = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent raw, without the zlib header
            while data:
                piece = inflate.decompress(data, cap - len(body) + 1) if inflate else data
                data = inflate.unconsumed_tail if inflate else b""
                body += piece
                if len(body) > cap:
                    raise FetchError(_too_big(url, f"over {cap:,} bytes (still sending)", cap))
            if time.monotonic() > deadline:
                raise _timeout(url, options)
    except zlib.error:
        raise FetchError(f"{url}: the page's {encoding} data is corrupt; try again later") from None
    return bytes(body)


def _too_big(url: str, size: str, cap: int) -> str:
    return (f"{url}: the page is {size}, over the cap of {cap:,} bytes ({cap / 1e6:g} MB); save the article's text "
            "as a .txt file and pass that")


def page_document(page: CachedPage, warnings: list[str] | None = None) -> Document:
    """The article of a fetched page: decoded, extracted with trafilatura (HTML) or taken as is (plain text)."""
    from .load import decode, sniff

    warn = warnings if warnings is not None else []
    url = page.url
    what = sniff(page.body[:8])
    if what:
        raise FetchError(f"{url}: the server sent {what}, not a web page; save the article's text as a .txt file "
                         "and pass that")
    mime = _mime(page.content_type)
    head = page.body[:1024]
    html = mime in HTML_TYPES or (not mime and _LOOKS_HTML.search(head) is not None)  # no Content-Type: sniff
    charset = _charset(page.content_type) or (_meta_charset(page.body) if html else None)
    text: str | None = None
    if charset and not page.body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):  # a BOM wins
        try:
            text = page.body.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            warn.append(f"{url}: not valid {charset} as the page declares; decoded as UTF-8 or Windows-1252")
    if text is None:
        try:
            text = decode(page.body, url, warn)
        except UnsupportedFileError as exc:
            raise FetchError(str(exc)) from None
    final = urlsplit(page.final_url)
    host = (final.hostname or "web").removeprefix("www.")
    shown = final._replace(netloc=final.netloc.rpartition("@")[2]).geturl()  # no user:password in the report
    if not html:
        if not text.strip():
            raise FetchError(f"{url}: the page is empty; check the link")
        return Document(text=text, source=host, url=shown)
    title, date, site, body = _extract(text, shown)
    words = len(body.split())
    walls = {m.lower() for m in _WALL.findall(body)}
    if words < _MIN_WORDS or (words < _WALL_MAX_WORDS and len(walls) >= 2):
        raise FetchError(f"{url}: no article text on the page (a paywall, a cookie/consent wall, or a page built "
                         "by JavaScript?); open it in a browser, save the article as .html or .txt and pass the file")
    if site and site.lower().removeprefix("www.") in (host, final.netloc.lower().removeprefix("www.")):
        site = None  # trafilatura's fallback is the host name (with the port); ours has no port
    return Document(text=body, source=site or host, title=title, date=date, url=shown)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return _codec(match.group(1)) if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _codec((match.group(1) or match.group(2)).decode("ascii", "replace")) if match else None


def _codec(label: str) -> str | None:
    """A Python codec for a charset label; Latin-1 and ASCII read as Windows-1252, as browsers do."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _extract(html: str, url: str) -> tuple[str | None, str | None, str | None, str]:
    """Title, date, site name and article text of an HTML page, with trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True, date_extraction_params=DATE_PARAMS)
    if doc is None:
        return None, None, None, ""
    data: dict[str, Any] = doc if isinstance(doc, dict) else (doc.as_dict() if hasattr(doc, "as_dict") else
                                                              vars(doc))
    def get(key: str) -> str | None:
        value = data.get(key)
        return str(value).strip() or None if value else None

    return get("title"), get("date"), get("sitename"), get("text") or ""
