"""Markup and script URLs in the metadata fields of JSON input and of saved reports (issue 16).

Each hostile value of ``VALUES`` goes into every metadata field (``source``, ``title``, ``url``, ``date``) of
one document of a JSONL input (the other document is benign), and into the same fields of a saved report read
back with :func:`read_report`. Both are rendered to HTML and Markdown and must show the value as text only:

* HTML: no element, attribute or ``href`` comes from a field; ``url`` is a link only for ``http(s)://``;
  opened in headless Chromium (Debian's, through Playwright, as ``tests/test_html_browser.py`` does), no
  script runs (``window.__pwned`` stays unset, no dialog), with the page's Content-Security-Policy and
  also with it removed (so the escaping itself is tested, not only the CSP).
* Markdown: no raw HTML (no ``<``), no link or image syntax (no unescaped ``](``); rendered by markdown-it
  with raw HTML allowed (as a permissive CMS would), the result holds no element and no link from a field.

docs/robustness.md (Security) lists these cases.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from factcheck.load import load_documents
from factcheck.pipeline import Checker
from factcheck.report import read_report, render

from .browser import CHROMIUM
from .conftest import FakeEmbedder, FakeNLI

GOOD = ("A fire destroyed 27 homes in the town of Millbrook on Wednesday, officials said. "
        "No one was hurt in the fire, the mayor told reporters at the scene.")
OTHER = ("A fire destroyed 27 homes in Millbrook on Wednesday, the fire chief said. "
         "Nobody was hurt in the blaze, the mayor said on Thursday.")
FIELDS = ("source", "title", "url", "date")

# (id, value): every value tries to run `window.__pwned = ...` or to become markup or a link
VALUES = [
    ("script-tag", "<script>window.__pwned='script'</script>"),
    ("img-onerror", "<img src=x onerror=\"window.__pwned='img'\">"),
    ("attribute-breakout-svg", "\"><svg onload=\"window.__pwned='svg'\">"),
    ("single-quote-breakout", "'><body onload=\"window.__pwned='body'\">"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>"),
    ("javascript-url", "javascript:window.__pwned='js'"),
    ("javascript-url-case-space", "  JaVaScRiPt:window.__pwned='js2'"),
    ("javascript-url-tab-newline", "java\tscr\nipt:window.__pwned='js3'"),
    ("data-url", "data:text/html,<script>window.__pwned='data'</script>"),
    ("vbscript-url", "vbscript:msgbox(1)"),
    ("markdown-link", "[click me](javascript:window.__pwned='md')"),
    ("markdown-image", "![x](javascript:window.__pwned='mdimg')"),
    ("markdown-autolink", "<javascript:window.__pwned='auto'>"),
    ("entity-encoded", "&lt;script&gt;window.__pwned='entity'&lt;/script&gt; &#106;avascript:"),
    ("http-url-with-markup", "https://example.org/a?b=<script>window.__pwned='q'</script>&c=\"x\""),
]
SAFE_URL = "https://example.org/fire-story"


def _checker() -> Checker:
    return Checker(embedder=FakeEmbedder(), nli=FakeNLI())


def _hostile_input(folder: Path, value: str) -> Path:
    """A JSONL input: one document with ``value`` in every metadata field, one benign with an http(s) URL."""
    path = folder / "story.jsonl"
    rows = [{**{f: value for f in FIELDS}, "text": GOOD},
            {"source": "Daily", "title": "Blaze", "url": SAFE_URL, "date": "2024-05-06", "text": OTHER}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _reports(tmp_path: Path, value: str) -> dict[str, dict[str, Any]]:
    """The report of the hostile JSONL input, and the same report saved as JSON and read back (``factcheck
    report``)."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    from_input = _checker().check(load_documents([_hostile_input(folder, value)])).to_dict()
    assert from_input["sources"][0]["url"] == value  # the loader keeps the field as it is: the renderers escape
    saved = tmp_path / "saved.json"
    saved.write_text(render(from_input, "json"), encoding="utf-8")
    return {"json-input": from_input, "saved-report": read_report(saved)}


def _benign_html(tmp_path: Path) -> str:
    folder = tmp_path / "benign"
    folder.mkdir()
    return render(_checker().check(load_documents([_hostile_input(folder, "Wire")])).to_dict(), "html")


class _Tags(HTMLParser):
    """Every (tag, attribute name) of a page, every href, and the text inside <script> elements."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[tuple[str, str]] = set()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add((tag, ""))
        self.tags.update((tag, name) for name, _ in attrs)
        self.hrefs += [v or "" for name, v in attrs if name == "href"]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def assert_html_is_inert(page: str, benign: str) -> None:
    """No element or attribute in ``page`` that the benign report's page lacks; links only to #ids or http(s)."""
    got, want = _Tags(page), _Tags(benign)
    assert got.tags <= want.tags, got.tags - want.tags
    assert not any(name.startswith("on") for _, name in got.tags)
    assert got.scripts == want.scripts
    assert got.hrefs and all(h.startswith("#") or re.match(r"https?://", h) for h in got.hrefs), got.hrefs


def assert_markdown_is_inert(md: str) -> None:
    """No raw HTML, no link or image syntax; markdown-it (raw HTML on) makes no element or link of it."""
    assert "<" not in md
    assert not re.search(r"(?<!\\)\]\(", md), "an unescaped ]( would start a link"
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    for tag in ("<script", "<img", "<svg", "<iframe", "<a ", "<body"):
        assert tag not in html.lower(), tag


@pytest.mark.parametrize("value", [v for _, v in VALUES], ids=[k for k, _ in VALUES])
def test_hostile_fields_render_as_text(tmp_path: Path, value: str) -> None:
    benign = _benign_html(tmp_path)
    for origin, data in _reports(tmp_path, value).items():
        page = render(data, "html")
        assert_html_is_inert(page, benign)
        # an http(s) url is a link (attribute-escaped); nothing else is
        links = re.findall(r'<a class="ext" href="([^"]*)"', page)
        want = [SAFE_URL] + ([value.replace("&", "&amp;").replace('"', "&#34;").replace("<", "&lt;")
                              .replace(">", "&gt;").replace("'", "&#39;")]
                             if value.startswith("https://") else [])
        assert sorted(set(links)) == sorted(want), (origin, links)
        assert_markdown_is_inert(render(data, "md"))


# ------------------------------------------------------------------------------------------- in a browser

try:
    from playwright.sync_api import Browser, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _ran_nothing(browser: Browser, path: Path) -> None:
    """Open ``path``; no injected script ran, no dialog, no element or link from a field."""
    dialogs: list[str] = []
    errors: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.locator("a.sent").first.click()  # the page's own script runs and handles a click
    page.wait_for_timeout(150)  # an <img onerror> fires after load
    state = page.evaluate("""() => ({
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        bad: document.querySelectorAll('img, svg, iframe, object, embed').length,
        scripts: document.scripts.length,
        handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))
                       .filter(a => a.name.startsWith('on')).length,
        links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href)
                    .filter(h => !h.startsWith('file:') && !/^https?:/.test(h)),
        count: (document.querySelector('#f-count') || {}).textContent || ''})""")
    page.close()
    assert state == {"pwned": None, "bad": 0, "scripts": 1, "handlers": 0, "links": [],
                     "count": state["count"]}, (path.name, state)
    assert state["count"].startswith("Showing") and dialogs == [] and errors == []


def _all_in_one(tmp_path: Path) -> dict[str, dict[str, Any]]:
    """One story whose k-th document carries the k-th hostile value in every field (one page holds them all)."""
    rows = [{**{f: value for f in FIELDS}, "text": f"{GOOD} Crews from station {k} helped on the night."}
            for k, (_, value) in enumerate(VALUES)]
    rows.append({"source": "Daily", "title": "Blaze", "url": SAFE_URL, "date": "2024-05-06", "text": OTHER})
    path = tmp_path / "story.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    data = _checker().check(load_documents([path])).to_dict()
    assert len(data["sources"]) == len(VALUES) + 1 and not data["warnings"]
    saved = tmp_path / "saved.json"
    saved.write_text(render(data, "json"), encoding="utf-8")
    return {"json-input": data, "saved-report": read_report(saved)}


@pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed: pip install playwright")
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: run scripts/install_browser.sh")
@pytest.mark.parametrize("origin", ["json-input", "saved-report"])
@pytest.mark.parametrize("csp", ["with-csp", "csp-removed"])
def test_hostile_fields_run_no_script_in_chromium(browser: Browser, tmp_path: Path, origin: str, csp: str) -> None:
    """Every value of VALUES in every field, on one page: no script of theirs runs (each would name itself)."""
    page = render(_all_in_one(tmp_path)[origin], "html")
    if csp == "csp-removed":
        page, n = _CSP.subn("", page)
        assert n == 1
    path = tmp_path / f"{origin}-{csp}.html"
    path.write_text(page, encoding="utf-8")
    _ran_nothing(browser, path)
