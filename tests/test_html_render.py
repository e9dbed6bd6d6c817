"""Fast checks of the HTML report (no browser) and of the Markdown report's escaping on a hostile article."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import pytest

from factcheck import Checker, Document
from factcheck.html import build_context, highlight, render_html
from factcheck.report import render

from .html_fixtures import FakeEmbedder, FakeNLI, checker, hostile_documents


@pytest.fixture(scope="module")
def hostile() -> dict[str, Any]:
    return checker().check(hostile_documents()).to_dict()


@pytest.fixture(scope="module")
def hostile_html(hostile: dict[str, Any]) -> str:
    return render_html(hostile)


_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def test_markdown_rows_keep_the_header_cell_count(hostile: dict[str, Any]) -> None:
    md = render(hostile, "md")
    assert "Contradicting pairs (1)" in md
    tables = 0
    lines = md.splitlines()
    k = 0
    while k < len(lines):
        if lines[k].startswith("|") and k + 1 < len(lines) and lines[k + 1].startswith("|---"):
            tables += 1
            want = len(_PIPE.findall(lines[k]))
            k += 1
            while k < len(lines) and lines[k].startswith("|"):
                assert len(_PIPE.findall(lines[k])) == want, lines[k]
                k += 1
        else:
            k += 1
    assert tables >= 4
    assert "<script>" not in md and "<img" not in md


def test_html_escapes_hostile_article(hostile_html: str) -> None:
    low = hostile_html.lower()
    assert "<script>alert" not in low
    assert "<img" not in low
    assert "javascript:" not in re.sub(r"\[news\]\(javascript:alert\(3\)\)", "", low)
    assert 'href="javascript' not in low
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_html
    assert "| pipes | and **markdown**" in hostile_html
    assert "Evil &lt;b&gt;Co&lt;/b&gt; | x" in hostile_html
    assert hostile_html.count("<script") == 1


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained(hostile_html: str) -> None:
    assert hostile_html.startswith("<!doctype html>")
    parser = _Tags()
    parser.feed(hostile_html)
    names = [t for t, _ in parser.tags]
    assert names.count("script") == 1 and "style" in names
    assert not {"img", "link", "iframe", "object", "embed", "base", "video", "audio", "source"} & set(names)
    for tag, attrs in parser.tags:
        assert "src" not in attrs and not any(a.startswith("on") for a in attrs), (tag, attrs)
        if "href" in attrs:
            href = attrs["href"] or ""
            assert href.startswith("#") or (tag == "a" and href.startswith("https://")), (tag, attrs)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", hostile_html, re.I)
    assert "@import" not in hostile_html


def test_csp_allows_only_the_inlined_script(hostile_html: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', hostile_html)
    assert csp and "default-src 'none'" in csp.group(1)
    script = re.search(r"<script>(.*?)</script>", hostile_html, re.S)
    assert script
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp.group(1)


def test_report_render_dispatches_to_html(hostile: dict[str, Any], hostile_html: str) -> None:
    assert render(hostile, "html") == hostile_html


def test_contradiction_values_are_marked(hostile_html: str) -> None:
    assert "<mark>Monday</mark>" in hostile_html and "<mark>Tuesday</mark>" in hostile_html
    assert '<span class="kind">date</span>' in hostile_html


def test_article_view_uses_offsets_and_statuses(hostile: dict[str, Any]) -> None:
    ctx = build_context(hostile)
    for art, src in zip(ctx["articles"], hostile["sources"], strict=True):
        assert "".join(seg["text"] for seg in art["segments"]) == src["text"]
        kinds = [seg["kind"] for seg in art["segments"]]
        assert kinds.count("sentence") == src["n_sentences"]
    first = ctx["articles"][0]["segments"][0]
    assert first["status"] == "contradicted" and first["claim_dom"].startswith("claim-")


def test_dropped_boilerplate_and_nulls_render() -> None:
    text = "Home | News | Sport\nTen people were hurt.\nShare this article"
    data: dict[str, Any] = {
        "schema_version": "1",
        "sources": [{"id": "A", "path": None, "title": None, "date": None, "url": "https://example.org/a",
                     "n_sentences": 1, "n_dropped": 2, "text": text,
                     "dropped": [{"text": "Home | News | Sport", "start": 0, "end": 19, "reason": "navigation"},
                                 {"text": "Share this article", "start": 41, "end": 59, "reason": "prompt"}]},
                    {"id": "B", "path": None, "title": "B title", "date": "2024-01-02", "url": None,
                     "n_sentences": 1, "n_dropped": 0, "dropped": [], "text": "Ten people were injured."}],
        "sentences": [{"id": "A#0", "source": "A", "index": 0, "text": "Ten people were hurt.", "start": 20, "end": 41},
                      {"id": "B#0", "source": "B", "index": 0, "text": "Ten people were injured.", "start": 0,
                       "end": 24}],
        "claims": [{"id": "c0", "verdict": "agreement", "sentences": ["A#0", "B#0"], "sources": ["A", "B"]}],
        "pairs": [{"a": "A#0", "b": "B#0", "label": "agreement", "direction": "both", "scores": None,
                   "similarity": 0.9, "mismatches": [], "notes": []}],
        "sentence_verdicts": [{"sentence": x, "status": "corroborated", "claim": "c0", "corroborated_by": [y],
                               "contradicted_by": []} for x, y in (("A#0", "B"), ("B#0", "A"))],
        "summary": {"n_sources": 2, "n_sentences": 2, "n_claims": 1, "n_pairs_judged": 1, "n_pairs_possible": 1,
                    "pair_labels": {"agreement": 1, "contradiction": 0, "unique_detail": 0},
                    "per_source": {"A": {"n_sentences": 1, "corroborated": 1.0, "contradicted": 0.0, "unique": 0.0},
                                   "B": {"n_sentences": 1, "corroborated": 1.0, "contradicted": 0.0, "unique": 0.0}},
                    "matrix": {"A": {"A": 1.0, "B": None}, "B": {"A": None, "B": 1.0}}},
        "models": {"embedder": "e", "nli": "none (--no-nli)"}, "warnings": ["NLI disabled <b>"],
    }
    page = render_html(data)
    assert "dropped: navigation" in page and "dropped: prompt" in page
    assert 'aria-label="no pairs judged">–</td>' in page
    assert "No contradictions found." in page
    assert "NLI disabled &lt;b&gt;" in page
    assert 'href="https://example.org/a"' in page
    assert "✔ 100% corroborated" in re.sub(r"<[^>]+>", "", page).replace("  ", " ")
    assert 'id="draft"' not in page
    broken = copy.deepcopy(data)
    broken["sentences"][0]["end"] = 999  # out-of-range offsets are skipped, never crash
    assert "Ten people were hurt." in render_html(broken)


def test_highlight_segments() -> None:
    text = "He met Secretary of State Antony Blinken on Wednesday (late)."
    segs = highlight(text, [("secretary of state Blinken", "minister Blinken"), "Wednesday", "(late)", ""])
    assert "".join(t for t, _ in segs) == text
    assert [t for t, m in segs if m] == ["Secretary of State", "Wednesday", "(late)"]
    assert highlight("27 people, 127 people", ["27 people"]) == [("27 people", True), (", 127 people", False)]
    assert highlight("no match here", ["zzz"]) == [("no match here", False)]
    assert highlight("", ["x"]) == [("", False)]


def test_marked_values_are_escaped() -> None:
    data = Checker(embedder=FakeEmbedder(), nli=FakeNLI()).check([
        Document(text="The <u>27</u> people were injured on Monday in the town.", source="A"),
        Document(text="The <u>72</u> people were injured on Monday in the town.", source="B")]).to_dict()
    contra = [p for p in data["pairs"] if p["label"] == "contradiction"]
    assert contra and contra[0]["mismatches"]
    page = render_html(data)
    assert "<u>" not in page
    assert re.search(r"<mark>[^<]*(27|72)[^<]*</mark>", page)
    contra[0]["mismatches"] = [{"kind": "number", "a": "<u>27</u>", "b": "<u>72</u>"}]
    page = render_html(data)
    assert "<u>" not in page and "<mark>&lt;u&gt;27&lt;/u&gt;</mark>" in page


def test_draft_section(hostile: dict[str, Any]) -> None:
    checker = Checker(embedder=FakeEmbedder(), nli=FakeNLI())
    draft = Document(text="Ten people were injured in the fire on Sunday. Nobody saw <script>alert(5)</script>.",
                     source="draft")
    data = checker.check_draft(draft, hostile_documents()).to_dict()
    page = render_html(data)
    assert 'id="draft"' in page and "Draft check" in page
    assert "contradicted" in page and "<mark>Sunday</mark>" in page
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page and "<script>alert" not in page
    ctx = build_context(data)
    assert ctx["draft"][0]["status"] == "contradicted"
    assert ctx["draft"][0]["evidence"] and ctx["draft"][0]["evidence"][0]["a"]["segments"]


def test_templates_ship_in_the_package_and_load_lazily() -> None:
    tpl = resources.files("factcheck") / "templates"
    for name in ("report.html.j2", "report.css", "report.js"):
        assert (tpl / name).is_file()
    code = "import factcheck.html as h; assert h._environment.cache_info().currsize == 0; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_minimal_report_renders() -> None:
    """Optional fields may be missing (older or hand-made reports): the page still renders."""
    data: dict[str, Any] = {
        "schema_version": "1", "sources": [{"id": "A", "text": "x."}],
        "sentences": [{"id": "A#0", "source": "A", "index": 0, "text": "x.", "start": 0, "end": 2}],
        "claims": [{"id": "c0", "verdict": "unique", "sentences": ["A#0"], "sources": ["A"]}],
        "pairs": [{"a": "A#0", "b": "B#0", "label": "contradiction"}], "summary": {}, "models": {},
        "draft": [{"id": "draft#0", "text": "y", "status": "not_found"}]}
    page = render_html(data)
    assert "Consistency report" in page and "Draft check" in page and 'id="claim-0"' in page


def test_the_claim_units_that_decided_are_shown_and_escaped(hostile: dict[str, Any]) -> None:
    data = copy.deepcopy(hostile)
    pair = next(p for p in data["pairs"] if p["label"] == "contradiction")
    pair["units"] = {"a": {"text": "Claim <script>alert(1)</script> here.", "speaker": "<b>Wang</b>"},
                     "b": {"text": "Other claim.", "speaker": None}}
    pair["basis"] = "nli"
    html = render_html(data)
    assert "The model compared the claims" in html and "decided by" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>Wang</b>" not in html and "&lt;b&gt;Wang&lt;/b&gt;" in html
    assert "| nli |" in render(data, "md")
