"""Articles from URLs (factcheck.fetch): a real HTTP server on 127.0.0.1, no other network.

Every bad case of issue 14 is a route of ``tests/web_server.py`` and gives a one-line FetchError naming the URL.
"""

from __future__ import annotations

import doctest
import json
import os
import socket
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck.fetch as fetch
import factcheck.fetch_cache as fetch_cache
import factcheck.fetch_guard as fetch_guard
from factcheck import cli
from factcheck.errors import BlockedAddressError, FetchError, InputError, SettingsError
from factcheck.fetch import FetchOptions, blocked_reason, env_options, fetch_document, is_url
from factcheck.load import load_documents
from factcheck.results import Document

from .conftest import FakeEmbedder, FakeNLI
from .web_server import ETAG, gzip_bomb, serve

runner = CliRunner()


@pytest.fixture(scope="module")
def site():
    with serve() as s:
        yield s


PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy",
              "no_proxy")


@pytest.fixture(autouse=True)
def no_proxy_from_the_machine(monkeypatch):
    for name in PROXY_VARS:  # the CLI's fetches honour proxies: these tests talk to 127.0.0.1 directly
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def opts(tmp_path):
    return FetchOptions(cache_dir=tmp_path / "pages", timeout_s=5.0)


def one_line_error(exc: pytest.ExceptionInfo[BaseException], url: str) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith(f"{url}: ")
    return msg


# --- pages that work ---------------------------------------------------------------------------------------


def test_article_with_boilerplate_and_scripts_gives_text_title_date_site(site, opts):
    url = site.url("/article")
    doc = fetch_document(url, options=opts)
    assert doc.source == "Valley Courier" and doc.url == url and doc.path is None
    assert doc.title == "Fire destroys warehouse in Riverton" and doc.date == "2024-03-14"
    assert "27 people were taken to hospital" in doc.text and "Mill Street will stay closed" in doc.text
    for boilerplate in ("Most read", "All rights reserved", "Cookie settings", "dataLayer", "pageview", "Sport"):
        assert boilerplate not in doc.text
    assert site.agents[-1].startswith("factcheck/0.")


def test_windows_1252_page_declared_only_in_meta(site, opts):
    warnings: list[str] = []
    doc = fetch_document(site.url("/cp1252"), options=opts, warnings=warnings)
    assert "Café Renée" in doc.text and "“quick work”" in doc.text and "café’s wall — a distance" in doc.text
    assert doc.source == "Le Journal" and warnings == []


def test_utf8_page_with_charset_only_in_the_header_and_no_site_name(site, opts):
    doc = fetch_document(site.url("/utf8-header"), options=opts)
    assert "Zürich" in doc.text and "Jürgen Müller" in doc.text
    assert doc.source == "127.0.0.1"  # no og:site_name: the host name, without the port


def test_a_short_real_article_that_mentions_cookies_is_kept(site, opts):
    doc = fetch_document(site.url("/short-cookie-law"), options=opts)
    assert "voted 7-2" in doc.text and doc.source == "City Wire"


def test_no_content_type_is_sniffed_and_an_xml_declaration_gives_the_charset(site, opts):
    assert "72 people" in fetch_document(site.url("/no-type"), options=opts).text
    warnings: list[str] = []
    doc = fetch_document(site.url("/xhtml-latin1"), options=opts, warnings=warnings)
    assert "Señora Lucía Ibáñez" in doc.text and warnings == []


def test_xhtml_and_plain_text(site, opts):
    assert "warehouse" in fetch_document(site.url("/xhtml"), options=opts).text
    doc = fetch_document(site.url("/plain"), options=opts)
    assert doc.text.startswith("Riverton fire: 27 people") and doc.source == "127.0.0.1" and doc.title is None


def test_redirect_within_the_cap_gives_the_final_url(site, opts):
    doc = fetch_document(site.url("/chain/5"), options=opts)  # 5 redirects, the default cap
    assert doc.url == site.url("/chain/0") and "Riverton" in doc.text
    assert fetch_document(site.url("/moved"), options=opts).url == site.url("/article")


def test_credentials_in_the_url_stay_out_of_the_document(site, opts):
    url = site.url("/second").replace("http://", "http://editor:s3cret@")
    doc = fetch_document(url, options=opts)
    assert doc.url == site.url("/second") and "s3cret" not in repr(doc)


def test_document_from_url(site, tmp_path):
    doc = Document.from_url(site.url("/second"), cache_dir=tmp_path, timeout_s=5)
    assert doc.source == "Metro Daily" and "72 people" in doc.text


# --- every bad case: one line naming the URL, the cause and the fix --------------------------------------------


@pytest.mark.parametrize("path, needle", [
    ("/404", "HTTP 404 Not Found"),
    ("/500", "HTTP 500 Internal Server Error"),
    ("/403", "access refused (HTTP 403 Forbidden)"),
    ("/loop-a", "redirect loop ("),
    ("/chain/6", "more than 5 redirects"),
    ("/pdf", "a PDF (application/pdf)"),
    ("/png", "an image (image/png)"),
    ("/pdf-as-html", "a PDF, not a web page"),
    ("/consent", "no article text on the page (a paywall, a cookie/consent wall"),
    ("/consent-titled", "no article text on the page (a paywall, a cookie/consent wall"),
    ("/paywall", "no article text on the page (a paywall, a cookie/consent wall"),
    ("/css", "text/css text, not an article page"),
    ("/json", "application/json text"),
    ("/to-ftp", "not a web address (redirected to ftp://"),
])
def test_bad_pages(site, opts, path, needle):
    url = site.url(path)
    with pytest.raises(FetchError) as exc:
        fetch_document(url, options=opts)
    msg = one_line_error(exc, url)
    assert needle in msg and "; " in msg  # the fix follows the cause
    assert exc.value.exit_code == 2 and isinstance(exc.value, InputError)


def test_redirect_loop_names_the_loop(site, opts):
    with pytest.raises(FetchError, match=r"loop-a -> http://127\.0\.0\.1:\d+/loop-b -> http://127\.0\.0\.1:\d+/loop-a"):
        fetch_document(site.url("/loop-a"), options=opts)


def test_50_mb_content_length_is_refused_before_the_body(site, opts):
    with pytest.raises(FetchError, match=r"the page is 52,428,800 bytes, over the cap of 10,485,760 bytes"):
        fetch_document(site.url("/huge-declared"), options=opts)


def test_a_page_streaming_past_the_cap_without_content_length_is_cut_off(site, opts):
    with pytest.raises(FetchError, match=r"over 1,000,000 bytes \(still sending\)"):
        fetch_document(site.url("/huge-stream"), options=replace(opts, max_bytes=1_000_000))
    assert site.streamed < 10_000_000  # the client hung up long before the server's 50 MB


@pytest.mark.parametrize("path", ["/gzip-article", "/deflate-zlib", "/deflate-raw"])
def test_compressed_pages(site, opts, path):
    doc = fetch_document(site.url(path), options=opts)
    assert doc.source == "Valley Courier" and "Mill Street will stay closed" in doc.text


def test_a_gzip_bomb_is_cut_off_without_inflating_it(site, opts):
    import tracemalloc

    gzip_bomb()  # made once, before measuring: the server shares this process
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"over 1,000,000 bytes \(still sending\)"):
            fetch_document(site.url("/gzip-bomb"), options=replace(opts, max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 2**20  # 100 MB inside; httpx's own decoder would inflate a whole 64 kB read (~64 MB)


def test_corrupt_gzip(site, opts):
    with pytest.raises(FetchError, match="gzip data is corrupt"):
        fetch_document(site.url("/gzip-corrupt"), options=opts)


def test_slow_page_times_out(site, opts):
    site.slow_s = 2.0
    t0 = time.perf_counter()
    with pytest.raises(FetchError, match=r"no complete answer within 0\.3 s \(timed out\); .*--timeout"):
        fetch_document(site.url("/slow"), options=replace(opts, timeout_s=0.3))
    assert time.perf_counter() - t0 < 1.5


def test_a_slow_dns_answer_counts_against_the_timeout(opts, monkeypatch):
    real = socket.getaddrinfo

    def slow(host, *args, **kwargs):
        if host == "slow-dns.invalid":
            time.sleep(2)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    t0 = time.perf_counter()
    with pytest.raises(FetchError, match=r"no complete answer within 0\.3 s \(timed out\)"):
        fetch_document("http://slow-dns.invalid/a", options=replace(opts, timeout_s=0.3, allow_private=False))
    assert time.perf_counter() - t0 < 1.5


def test_the_cli_and_library_use_the_environments_proxy_the_guarded_client_does_not(site, opts, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", site.url(""))
    url = "http://news.example.test/article"  # .test never resolves: only the proxy can fetch it
    doc = fetch_document(url, options=opts)
    assert doc.source == "Valley Courier" and site.proxied[-1] == url
    n = len(site.proxied)
    with pytest.raises(FetchError, match="DNS lookup failed"):
        fetch_document(url, options=replace(opts, allow_private=False))
    assert len(site.proxied) == n
    monkeypatch.setenv("NO_PROXY", "news.example.test")
    with pytest.raises(FetchError, match="DNS lookup failed"):
        fetch_document(url, options=opts)


def test_dns_failure(opts):
    url = "http://no-such-host.invalid/news"
    with pytest.raises(FetchError) as exc:
        fetch_document(url, options=opts)
    assert "cannot resolve the host name 'no-such-host.invalid' (DNS lookup failed)" in one_line_error(exc, url)


def test_refused_connection(opts):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news"
    with pytest.raises(FetchError) as exc:
        fetch_document(url, options=opts)
    assert f"connection refused by 127.0.0.1 port {port}" in one_line_error(exc, url)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "http:///nohost", "http://example.com:99999/",
                                 "http://[::1/a", "http://example.com:port/"])
def test_not_a_web_address(url, opts):
    with pytest.raises(FetchError, match="not a web address|invalid address"):
        fetch_document(url, options=opts)


def test_options_are_checked():
    with pytest.raises(SettingsError, match="timeout_s=0"):
        FetchOptions(timeout_s=0)
    with pytest.raises(SettingsError, match="max_redirects=-1"):
        FetchOptions(max_redirects=-1)
    assert FetchOptions(cache_dir="x").cache_dir == Path("x")  # type: ignore[arg-type]


# --- the cache ---------------------------------------------------------------------------------------------------


def test_etag_revalidation_uses_the_cache_on_304(site, opts):
    url = site.url("/etag")
    before_hits, before_304 = site.hits["/etag"], site.not_modified
    first = fetch_document(url, options=opts)
    second = fetch_document(url, options=opts)
    third = fetch_document(url, options=opts)
    assert first == second == third
    assert site.hits["/etag"] - before_hits == 3 and site.not_modified - before_304 == 2  # two 304s, one body
    meta = json.loads(next((opts.cache_dir).glob("*.json")).read_text())
    assert meta["etag"] == ETAG and meta["last_modified"]


def test_a_304_refreshes_the_cached_copy(site, opts):
    from factcheck.fetch_cache import PageCache

    url = site.url("/etag")
    page = fetch.fetch_page(url, opts)
    PageCache(opts.cache_dir).put(replace(page, fetched_at=time.time() - 5 * 86400))
    fetch_document(url, options=opts)  # revalidated: 304
    warnings: list[str] = []
    fetch_document(url, options=replace(opts, offline=True), warnings=warnings)
    assert warnings == []  # no "5 days old": the copy was confirmed just now


def test_last_modified_alone_revalidates_with_if_modified_since(site, opts):
    url = site.url("/last-modified")
    hits, not_modified = site.hits["/last-modified"], site.not_modified
    assert fetch_document(url, options=opts) == fetch_document(url, options=opts)
    assert site.hits["/last-modified"] - hits == 2 and site.not_modified - not_modified == 1


def test_offline_serves_the_cache_and_refuses_the_rest(site, opts):
    url = site.url("/second")
    fetch_document(url, options=opts)
    hits = site.hits["/second"]
    offline = replace(opts, offline=True)
    assert fetch_document(url, options=offline).source == "Metro Daily"
    assert site.hits["/second"] == hits  # no request at all
    missing = site.url("/article?never-fetched")
    with pytest.raises(FetchError) as exc:
        fetch_document(missing, options=offline)
    assert "not in the page cache" in one_line_error(exc, missing) and "without --offline" in str(exc.value)


def test_no_cache_dir_means_no_cache(site, tmp_path):
    url = site.url("/second")
    o = FetchOptions(cache_dir=None)
    hits = site.hits["/second"]
    fetch_document(url, options=o)
    fetch_document(url, options=o)
    assert site.hits["/second"] == hits + 2


def test_a_corrupt_cache_entry_is_a_miss(site, opts):
    url = site.url("/second")
    fetch_document(url, options=opts)
    for body in opts.cache_dir.glob("*.body"):
        body.write_bytes(b"garbage")
    with pytest.raises(FetchError, match="not in the page cache"):
        fetch_document(url, options=replace(opts, offline=True))


def test_the_cache_folder_is_kept_under_its_size_cap(tmp_path):
    from factcheck.fetch_cache import CachedPage, PageCache

    cache = PageCache(tmp_path, max_bytes=10_000)
    for k in range(5):
        assert cache.put(CachedPage(f"https://x.org/{k}", f"https://x.org/{k}", "text/html", b"x" * 3000,
                                    fetched_at=float(k)))
        time.sleep(0.01)
    stale, fresh = tmp_path / ".x.body.1.tmp", tmp_path / ".y.body.2.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert cache.prune() == 2  # the two oldest go; 3 x ~3.2 kB stay under 10 kB
    assert not stale.exists() and fresh.exists()  # a temporary file is left to a writer for an hour
    assert [cache.get(f"https://x.org/{k}") is not None for k in range(5)] == [False, False, True, True, True]


def test_offline_warns_about_an_old_copy(site, opts):
    from factcheck.fetch_cache import PageCache

    url = site.url("/second")
    page = fetch.fetch_page(url, opts)
    PageCache(opts.cache_dir).put(replace(page, fetched_at=time.time() - 3 * 86400))
    warnings: list[str] = []
    fetch_document(url, options=replace(opts, offline=True), warnings=warnings)
    assert warnings == [f"{url}: offline: the cached copy is 3 days old"]


def test_an_idn_host_that_cannot_be_encoded_is_a_dns_error(opts):
    url = "http://" + "x" * 70 + ".invalid/a"  # a label over 63 characters: IDNA refuses it
    with pytest.raises(FetchError, match="DNS lookup failed"):
        fetch_document(url, options=replace(opts, allow_private=False))


def test_default_cache_dir_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert FetchOptions().cache_dir == tmp_path / "factcheck" / "pages"
    monkeypatch.setenv("FACTCHECK_OFFLINE", "1")
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "3.5")
    assert env_options().offline and env_options().timeout_s == 3.5
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "soon")
    with pytest.raises(SettingsError, match="FACTCHECK_FETCH_TIMEOUT"):
        env_options()


# --- the SSRF guard (allow_private=False) ------------------------------------------------------------------------


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"), ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("64:ff9b::a00:1", "private"),
    ("2002:c0a8:0001::1", "private"), ("100.64.0.1", "non-public"), ("fd00::1", "private"),
    ("93.184.216.34", None), ("2606:2800:220:1:248:1893:25c8:1946", None), ("8.8.8.8", None),
])
def test_blocked_reason(address, reason):
    assert blocked_reason(address) == reason


def test_private_address_refused_when_not_allowed(site, opts):
    guarded = replace(opts, allow_private=False)
    for host in ("127.0.0.1", "localhost"):
        url = site.url("/article", host)
        hits = site.hits["/article"]
        with pytest.raises(BlockedAddressError) as exc:
            fetch_document(url, options=guarded)
        assert "a loopback address" in one_line_error(exc, url) and "allow_private=False" in str(exc.value)
        assert site.hits["/article"] == hits  # refused before any request


def test_redirect_from_an_allowed_host_to_a_private_one_is_refused(site, opts, monkeypatch):
    real = fetch_guard.resolve_checked

    def public_localhost(host: str, port: int, allow_private: bool, timeout: float | None = None) -> list[str]:
        return real(host, port, allow_private or host == "localhost", timeout)  # "localhost" plays a public host

    monkeypatch.setattr(fetch_guard, "resolve_checked", public_localhost)
    guarded = replace(opts, allow_private=False)
    assert fetch_document(site.url("/article", "localhost"), options=guarded).source == "Valley Courier"
    hits = site.hits["/article"]
    url = site.url("/to-private", "localhost")
    with pytest.raises(BlockedAddressError) as exc:
        fetch_document(url, options=guarded)
    assert "redirected to http://127.0.0.1" in one_line_error(exc, url) and "loopback" in str(exc.value)
    assert site.hits["/article"] == hits


def test_the_connection_itself_is_guarded(site, opts, monkeypatch):
    """DNS rebinding: the pre-check passes, but the address the connection would use is private."""
    calls = []
    real = fetch_guard.resolve_checked

    def first_public(host: str, port: int, allow_private: bool, timeout: float | None = None) -> list[str]:
        calls.append(host)
        return real(host, port, allow_private or len(calls) == 1, timeout)  # the pre-check passes, connect does not

    monkeypatch.setattr(fetch_guard, "resolve_checked", first_public)
    with pytest.raises(BlockedAddressError, match="loopback"):
        fetch_document(site.url("/article"), options=replace(opts, allow_private=False))
    assert len(calls) == 2


# --- loading, the CLI, batch ---------------------------------------------------------------------------------------


def test_is_url():
    assert is_url("https://x.org/a") and is_url("HTTP://x.org") and not is_url("http.txt") and not is_url(Path("x"))


def test_load_documents_mixes_urls_files_and_documents(site, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_PAGE_CACHE", str(tmp_path / "pages"))
    local = tmp_path / "local.txt"
    local.write_text("A local report says 27 people were hurt in the Riverton warehouse fire.\n")
    docs = load_documents([site.url("/article"), str(local), site.url("/plain"), site.url("/utf8-header")])
    assert [d.source for d in docs] == ["Valley Courier", "local", "127.0.0.1", "127.0.0.1-2"]
    with pytest.raises(FetchError, match="HTTP 404"):
        load_documents([site.url("/404"), str(local)])


def test_importing_factcheck_does_not_import_httpx():
    import subprocess
    import sys

    code = "import sys, factcheck, factcheck.load, factcheck.cli; print('httpx' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


@pytest.fixture
def fake_models(monkeypatch):
    import factcheck.pipeline
    from factcheck.pipeline import Checker

    def make(*, nli_model=None, embedder_model=None, use_nli=True, settings=None, int8=False, bf16=False):
        return Checker(embedder=FakeEmbedder(), nli=FakeNLI(), use_nli=use_nli, settings=settings)

    monkeypatch.setattr(factcheck.pipeline, "Checker", make)


def test_cli_two_urls_and_a_file(site, tmp_path, fake_models):
    local = tmp_path / "local.txt"
    local.write_text("A local report says 27 people were hurt in the Riverton warehouse fire on Mill Street.\n")
    out = tmp_path / "r.json"
    res = runner.invoke(cli.app, ["check", site.url("/article"), site.url("/second"), str(local), "--out", str(out),
                                  "--page-cache", str(tmp_path / "pages")])
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text())
    sources = report["sources"]
    assert [s["id"] for s in sources] == ["Valley Courier", "Metro Daily", "local"]
    assert sources[0]["url"] == site.url("/article") and sources[0]["title"] and sources[2]["path"] == str(local)
    assert "fetched " in res.output


def test_cli_bad_url_is_one_line_exit_2_no_traceback(site, tmp_path, fake_models):
    local = tmp_path / "local.txt"
    local.write_text("A local report says 27 people were hurt in the Riverton warehouse fire.\n")
    url = site.url("/404")
    res = runner.invoke(cli.app, ["check", site.url("/article"), url, str(local), "--page-cache",
                                  str(tmp_path / "pages")])
    assert res.exit_code == 2
    errors = [ln for ln in res.output.splitlines() if ln.startswith("factcheck: error:")]
    assert errors == [f"factcheck: error: {url}: the page is not there (HTTP 404 Not Found); check the link"]
    assert "Traceback" not in res.output


def test_cli_offline_refuses_an_uncached_url(site, tmp_path, fake_models):
    url = site.url("/article?offline")
    res = runner.invoke(cli.app, ["check", url, url + "2", "--offline", "--page-cache", str(tmp_path / "none")])
    assert res.exit_code == 2 and "not in the page cache" in res.output and "offline mode is on" in res.output


def test_batch_manifest_with_urls_a_bad_url_fails_only_its_story(site, tmp_path, monkeypatch):
    from factcheck.batch import run_batch
    from factcheck.pipeline import Checker

    monkeypatch.setenv("FACTCHECK_PAGE_CACHE", str(tmp_path / "pages"))
    (tmp_path / "local.txt").write_text("A local report says 27 people were hurt in the Riverton warehouse fire.\n")
    manifest = tmp_path / "stories.jsonl"
    manifest.write_text("\n".join(json.dumps(row) for row in [
        {"story_id": "good", "sources": [site.url("/article"), site.url("/second"), "local.txt"]},
        {"story_id": "bad", "sources": [site.url("/article"), site.url("/pdf")]},
        {"story_id": "also-good", "sources": [site.url("/second"), "local.txt"]},
    ]) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run_batch(manifest, out, checker=Checker(embedder=FakeEmbedder(), nli=FakeNLI()))
    lines = {row["story_id"]: row for row in map(json.loads, out.read_text().splitlines())}
    assert lines["good"]["status"] == "ok" and len(lines["good"]["sources"]) == 3
    assert lines["also-good"]["status"] == "ok"
    assert lines["bad"]["status"] == "error" and "a PDF (application/pdf)" in lines["bad"]["error"]
    assert lines["bad"]["exit_code"] == 2 and summary.exit_code == 4


@pytest.mark.parametrize("module", [fetch, fetch_cache, fetch_guard])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_batch_cli_offline_timeout_and_page_cache_reach_the_loader(site, tmp_path, monkeypatch):
    from factcheck.pipeline import Checker

    class FakeFactory:
        def __init__(self, **kwargs: object) -> None:
            pass

        def __call__(self) -> Checker:
            return Checker(embedder=FakeEmbedder(), nli=FakeNLI())

    for name in ("FACTCHECK_OFFLINE", "FACTCHECK_FETCH_TIMEOUT", "FACTCHECK_PAGE_CACHE"):
        monkeypatch.setenv(name, "")  # recorded, so removed again after the test: the CLI sets them for its workers
    monkeypatch.setattr("factcheck.batch.CheckerFactory", FakeFactory)
    pages = tmp_path / "pages"
    fetch_document(site.url("/article"), options=FetchOptions(cache_dir=pages))
    fetch_document(site.url("/second"), options=FetchOptions(cache_dir=pages))
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"story_id": "cached", "sources": [site.url("/article"), site.url("/second")]})
                        + "\n" + json.dumps({"story_id": "new", "sources": [site.url("/article"), site.url("/plain")]})
                        + "\n")
    hits = sum(site.hits.values())
    out = tmp_path / "out.jsonl"
    res = runner.invoke(cli.app, ["batch", str(manifest), "--out", str(out), "--offline", "--timeout", "3",
                                  "--page-cache", str(pages), "--no-cache", "-q"])
    assert res.exit_code == 4, res.output
    rows = {r["story_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["cached"]["status"] == "ok" and [s["id"] for s in rows["cached"]["sources"]] == ["Valley Courier",
                                                                                               "Metro Daily"]
    assert rows["new"]["status"] == "error" and "not in the page cache" in rows["new"]["error"]
    assert sum(site.hits.values()) == hits  # offline: no request at all
    assert env_options().timeout_s == 3.0 and env_options().cache_dir == pages


@settings(max_examples=300, deadline=None)
@given(body=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
       ctype=st.sampled_from(["", "text/html", "text/html; charset=utf-16", "text/html; charset=bogus", "text/plain",
                              "application/xhtml+xml; charset=latin-1", "text/plain; charset=shift_jis"]),
       prefix=st.sampled_from([b"", b"<!DOCTYPE html><html><head><meta charset='koi8-r'>", b"<?xml encoding='x'?>",
                               b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_any_page_body_gives_a_document_or_a_fetch_error(body, ctype, prefix):
    from factcheck.fetch_cache import CachedPage

    page = CachedPage("http://x.org/a", "http://x.org/a", ctype, prefix + body)
    try:
        doc = fetch.page_document(page)
    except FetchError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("http://x.org/a: ")
    else:
        assert doc.text.strip() and doc.url == "http://x.org/a"


@settings(max_examples=300, deadline=None)
@given(rest=st.text(max_size=60))
def test_any_url_string_gives_a_fetch_error_offline(rest):
    for scheme in ("http://", "https://", ""):
        with pytest.raises(FetchError):
            fetch_document(scheme + rest, options=FetchOptions(offline=True, cache_dir=None))


def test_the_date_comes_from_markup_never_from_a_copyright_line(site, opts, tmp_path):
    html = (Path(__file__).parent / "fixtures" / "web" / "second.html").read_text()
    footer = html.replace("Metro Daily &middot;", "&copy; 2019 Metro Daily &middot;")
    assert fetch._extract(footer, "http://x.org/a")[1] is None  # trafilatura's extensive search says 2019-01-01
    assert fetch._extract(footer, "http://x.org/2021/02/03/fire")[1] == "2021-02-03"  # a dated URL counts
    page = tmp_path / "saved.html"  # a saved page read from disk gets its date too
    page.write_text((Path(__file__).parent / "fixtures" / "web" / "article.html").read_text())
    page2 = tmp_path / "footer.html"
    page2.write_text(footer)
    docs = load_documents([str(page), str(page2)])
    assert [d.date for d in docs] == ["2024-03-14", None]


def test_a_real_cli_process_fails_on_a_bad_url_before_loading_any_model(site, tmp_path):
    import subprocess
    import sys

    local = tmp_path / "local.txt"
    local.write_text("A local report says 27 people were hurt in the Riverton warehouse fire.\n")
    url = site.url("/pdf")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "factcheck.cli", "check", site.url("/article"), url, str(local),
                           "--page-cache", str(tmp_path / "pages"), "--quiet"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "NO_PROXY": "*"})
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [f"factcheck: error: {url}: the server sent a PDF (application/pdf), not a web "
                                        "page; save the article's text as a .txt file and pass that"]
    assert time.perf_counter() - t0 < 60  # no model was loaded (that takes about 13 s)


def test_zz_no_fetch_setting_leaks_out_of_these_tests():  # runs last in this file
    assert not any(os.environ.get(k) for k in ("FACTCHECK_OFFLINE", "FACTCHECK_FETCH_TIMEOUT",
                                               "FACTCHECK_PAGE_CACHE"))
