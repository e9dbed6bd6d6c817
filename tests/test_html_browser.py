"""The HTML report in a real browser: Debian's chromium driven by Playwright (from PyPI).

Needs ``/usr/bin/chromium`` (``scripts/install_browser.sh``) and ``pip install playwright``; never
``playwright install``: the browser is launched through ``executable_path``. Skipped, with the reason,
when either is missing.

Screenshots go to pytest's tmp_path. To refresh the ones in docs/::

    python -m tests.test_html_browser                    # seeds/ checked with the test fakes
    python -m tests.test_html_browser saved_report.json  # or a report saved with --format json

or set ``FACTCHECK_SCREENSHOT_DIR=docs`` while running the tests.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from factcheck import Document, NLIScores
from factcheck.html import render_html

from .browser import ARGS, CHROMIUM
from .html_fixtures import HOSTILE, checker, hostile_documents

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = [
    pytest.mark.skipif(sync_playwright is None,
                       reason="playwright is not installed: pip install playwright (it is in the dev extra)"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: run scripts/install_browser.sh"),
]



@dataclass
class Log:
    """What a page did: every request, dialog, console error and uncaught error."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_page(browser: Browser, path: Path, viewport: dict[str, int]) -> tuple[Page, Log]:
    """Open ``path`` (file://) in a fresh page that records requests, dialogs and errors."""
    log = Log()
    page = browser.new_page(viewport=viewport)
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, log


def write_screenshots(browser: Browser, html: Path, out_dir: Path) -> list[Path]:
    """Screenshots of the page's top at desktop and phone widths: ``report-desktop.png``, ``report-phone.png``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, viewport in VIEWPORTS.items():
        page, _ = open_page(browser, html, viewport)
        shots.append(out_dir / f"report-{name}.png")
        page.screenshot(path=str(shots[-1]))
        page.close()
    return shots


@pytest.fixture(scope="module")
def seeds_report() -> dict[str, Any]:
    return checker().check([ROOT / "seeds"]).to_dict()


@pytest.fixture(scope="module")
def seeds_html(seeds_report: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "seeds.html"
    path.write_text(render_html(seeds_report), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "hostile report.html"  # a space in the file name, too
    path.write_text(render_html(checker().check(hostile_documents()).to_dict()), encoding="utf-8")
    return path


def visible_rows(page: Page) -> list[dict[str, str]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#claims-table tbody tr'))
        .filter(r => r.getClientRects().length > 0)
        .map(r => ({id: r.id, verdict: r.dataset.verdict, text: r.textContent.toLowerCase()}))""")


def in_viewport(page: Page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.height > 0 && r.top < window.innerHeight && r.bottom > 0; }""")


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_renders_at_desktop_and_phone_widths(browser: Browser, seeds_html: Path, seeds_report: dict[str, Any],
                                             tmp_path: Path, name: str) -> None:
    viewport = VIEWPORTS[name]
    page, log = open_page(browser, seeds_html, viewport)
    shot = tmp_path / f"report-{name}.png"
    page.screenshot(path=str(shot))
    page.screenshot(path=str(tmp_path / f"report-{name}-full.png"), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.locator("h1").inner_text() == seeds_report["sources"][0]["title"]
    for section in ("contradictions", "matrix", "per-source", "claims", "articles"):
        assert page.locator(f"#{section} h2").is_visible()
    # the page never scrolls sideways; wide tables scroll inside their own box
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.locator("#claims-table tbody tr").count() == len(seeds_report["claims"])
    assert page.locator("#f-count").inner_text() == f"Showing {len(seeds_report['claims'])} of " \
                                                    f"{len(seeds_report['claims'])} claims"
    assert log.errors == [] and log.dialogs == []
    if os.environ.get("FACTCHECK_SCREENSHOT_DIR"):
        page.screenshot(path=str(Path(os.environ["FACTCHECK_SCREENSHOT_DIR"]) / f"report-{name}.png"))


def test_verdict_filter_shows_only_matching_claims(browser: Browser, seeds_html: Path,
                                                   seeds_report: dict[str, Any]) -> None:
    page, log = open_page(browser, seeds_html, VIEWPORTS["desktop"])
    total = len(seeds_report["claims"])
    for verdict in ("agreement", "unique"):
        want = sum(c["verdict"] == verdict for c in seeds_report["claims"])
        assert 0 < want < total
        page.locator(f"#claim-filters label:has(input[value={verdict}])").click()
        rows = visible_rows(page)
        assert len(rows) == want and {r["verdict"] for r in rows} == {verdict}
        assert page.locator("#f-count").inner_text() == f"Showing {want} of {total} claims"
    page.locator("#claim-filters label:has(input[value=all])").click()
    assert len(visible_rows(page)) == total
    assert log.errors == []


def test_source_filter_shows_who_left_a_claim_out(browser: Browser, seeds_html: Path,
                                                  seeds_report: dict[str, Any]) -> None:
    page, _ = open_page(browser, seeds_html, VIEWPORTS["desktop"])
    sid = seeds_report["sources"][-1]["id"]
    page.select_option("#f-source", sid)
    carried = {f"claim-{k}" for k, c in enumerate(seeds_report["claims"]) if sid in c["sources"]}
    assert {r["id"] for r in visible_rows(page)} == carried
    page.select_option("#f-mode", "lacks")
    left_out = {f"claim-{k}" for k in range(len(seeds_report["claims"]))} - carried
    assert {r["id"] for r in visible_rows(page)} == left_out
    page.click("#f-reset")
    assert len(visible_rows(page)) == len(seeds_report["claims"])


def test_search_box_filters_claims(browser: Browser, seeds_html: Path, seeds_report: dict[str, Any]) -> None:
    page, _ = open_page(browser, seeds_html, VIEWPORTS["phone"])
    text = {s["id"]: s["text"].lower() for s in seeds_report["sentences"]}
    want = {f"claim-{k}" for k, c in enumerate(seeds_report["claims"])
            if any("blinken" in text[x] for x in c["sentences"])}
    assert 0 < len(want) < len(seeds_report["claims"])
    page.locator("#f-search").press_sequentially("Blinken")
    rows = visible_rows(page)
    assert {r["id"] for r in rows} == want and all("blinken" in r["text"] for r in rows)
    assert not page.locator("#f-empty").is_visible()
    page.locator("#f-search").fill("zzqx no such words")
    assert visible_rows(page) == []
    assert page.locator("#f-empty").is_visible()


def test_clicking_a_sentence_jumps_to_its_claim(browser: Browser, seeds_html: Path,
                                                seeds_report: dict[str, Any]) -> None:
    page, log = open_page(browser, seeds_html, VIEWPORTS["desktop"])
    claim_dom = {c["id"]: f"claim-{k}" for k, c in enumerate(seeds_report["claims"])}
    verdict = {c["id"]: c["verdict"] for c in seeds_report["claims"]}
    # a sentence near the bottom whose claim the active filter hides: the jump must still show it
    k, sv = next((k, v) for k, v in reversed(list(enumerate(seeds_report["sentence_verdicts"])))
                 if verdict[v["claim"]] == "unique")
    page.locator("#claim-filters label:has(input[value=agreement])").click()
    row = f"#{claim_dom[sv['claim']]}"
    assert not page.locator(row).is_visible()
    sentence = page.locator(f"#s-{k}")
    assert sentence.get_attribute("data-claim") == claim_dom[sv["claim"]]
    sentence.click()
    assert page.locator(row).is_visible() and in_viewport(page, row)
    assert "is-target" in (page.locator(row).get_attribute("class") or "")
    assert page.evaluate("location.hash") == row
    assert len(visible_rows(page)) == len(seeds_report["claims"])  # filters were reset to show it
    # keyboard: focus another sentence of another claim and press Enter
    k2, sv2 = next((j, v) for j, v in enumerate(seeds_report["sentence_verdicts"]) if v["claim"] != sv["claim"])
    page.locator(f"#s-{k2}").focus()
    page.keyboard.press("Enter")
    row2 = f"#{claim_dom[sv2['claim']]}"
    assert in_viewport(page, row2) and "is-target" in (page.locator(row2).get_attribute("class") or "")
    assert "is-target" not in (page.locator(row).get_attribute("class") or "")
    assert log.errors == []


def test_no_network_requests(browser: Browser, seeds_html: Path, hostile_html: Path) -> None:
    for path in (seeds_html, hostile_html):
        for viewport in VIEWPORTS.values():
            page, log = open_page(browser, path, viewport)
            page.locator("#claim-filters label:has(input[value=unique])").click()
            page.locator("#f-search").fill("the")
            page.locator("a.sent").first.click()
            page.locator("#claims a.to-sentence").first.click()
            page.emulate_media(media="print")
            page.wait_for_timeout(200)
            assert log.requests, "the page's own load is recorded"
            assert {u for u in log.requests if u.startswith("file://")} == {path.as_uri()}
            assert all(u.startswith(("file://", "data:", "about:")) for u in log.requests), log.requests
            page.close()


def test_hostile_article_is_shown_as_text(browser: Browser, hostile_html: Path) -> None:
    page, log = open_page(browser, hostile_html, VIEWPORTS["desktop"])
    page.locator("a.sent").nth(1).click()
    page.wait_for_timeout(300)
    body = page.locator("body").inner_text()
    for s in HOSTILE + ("<script>alert(2)</script> Fire headline", "Evil <b>Co</b> | x"):
        assert s in body
    assert log.dialogs == []
    assert page.locator("img").count() == 0 and page.locator("img[src=x]").count() == 0
    assert page.locator("script").count() == 1
    assert page.locator("b:text('Co')").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#f-count").inner_text().startswith("Showing")  # the page's own script did run
    assert log.errors == []


def test_print_hides_controls_and_shows_every_claim(browser: Browser, seeds_html: Path,
                                                     seeds_report: dict[str, Any]) -> None:
    page, _ = open_page(browser, seeds_html, VIEWPORTS["desktop"])
    page.locator("#claim-filters label:has(input[value=agreement])").click()
    assert len(visible_rows(page)) < len(seeds_report["claims"])
    page.emulate_media(media="print")
    assert not page.locator("#claim-filters").is_visible()
    assert not page.locator("nav.toc").is_visible()
    assert len(visible_rows(page)) == len(seeds_report["claims"])
    assert page.evaluate("getComputedStyle(document.querySelector('.table-wrap')).overflowX") == "visible"


def test_draft_mode(browser: Browser, tmp_path: Path) -> None:
    draft = Document(text="Ten people were injured in the fire on Sunday. Nobody saw <script>alert(5)</script>. "
                          "The mayor resigned.", source="draft")
    data = checker().check_draft(draft, hostile_documents()).to_dict()
    path = tmp_path / "draft.html"
    path.write_text(render_html(data), encoding="utf-8")
    page, log = open_page(browser, path, VIEWPORTS["phone"])
    items = page.locator("#draft .draft-item")
    assert items.count() == len(data["draft"])
    first = items.nth(0)
    assert "✖ contradicted" in first.inner_text()
    assert first.locator(".draft-text mark").inner_text() == "Sunday"
    assert "Ten people were injured in the fire on" in first.locator(".evidence").inner_text()
    statuses = [d["status"].replace("_", " ") for d in data["draft"]]
    assert [items.nth(k).locator(".badge").first.inner_text().split(" ", 1)[1] for k in range(items.count())] \
        == statuses
    assert "<script>alert(5)</script>" in page.locator("#draft").inner_text()
    # the contradicted draft sentence names its disputed fact and the sources on each side
    fact = data["draft"][0]["fact"]
    shown = first.locator(".draft-fact").inner_text()
    assert fact and "Disputed fact" in shown
    for side in fact["sides"]:
        assert side["value"] in shown and all(src in shown for src in side["sources"])
    assert log.dialogs == [] and log.errors == []


def test_the_page_opens_with_the_disputed_facts_typed_first(browser: Browser, tmp_path: Path) -> None:
    from factcheck import Checker

    from .conftest import SEEDS, FakeEmbedder, FakeNLI

    class ModelOnlyNLI(FakeNLI):
        """conftest's fake, and one model-only call: "guaranteed" against "achieved" by military blocs."""

        def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
            out = super().predict(pairs)
            for k, (p, h) in enumerate(pairs):
                if "military blocs" in p and "military blocs" in h and ("guaranteed" in p) != ("guaranteed" in h):
                    out[k] = NLIScores(0.02, 0.08, 0.9)
            return out

    # on the seeds: a typed date fact (the call's day) and a model-only fact
    report = Checker(embedder=FakeEmbedder(), nli=ModelOnlyNLI()).check([SEEDS]).to_dict()
    path = tmp_path / "facts.html"
    path.write_text(render_html(report), encoding="utf-8")
    page, log = open_page(browser, path, VIEWPORTS["desktop"])
    facts = report["facts"]["disputed"]
    assert [f["basis"] == "nli" for f in facts] == [False, True]
    assert facts and facts[0]["basis"] != "nli"
    # the first section of the report is the disputed facts, and its first card is a typed fact
    assert page.locator("main > section").first.get_attribute("id") == "facts"
    first = page.locator("article.fact").first
    assert "typed" in (first.get_attribute("class") or "").split() and in_viewport(page, "#facts h2")
    assert first.locator(".kind").inner_text().lower() == facts[0]["kind"]
    sides = first.locator(".fact-side")
    assert sides.count() == len(facts[0]["sides"])
    for k, side in enumerate(facts[0]["sides"]):
        assert side["value"] in sides.nth(k).locator(".holders").inner_text()
        assert sides.nth(k).locator(".chip-src").count() == len(side["sources"])
        assert sides.nth(k).locator("mark").count() >= 1  # the value is highlighted in the sentences
    # every fact links to its contradicting pairs, and the links land on pair cards
    for link in first.locator(".meta a").all():
        target = link.get_attribute("href")
        assert target and page.locator(f"article.pair{target}").count() == 1
    assert page.locator("article.fact").count() == len(facts)
    assert log.errors == [] and log.dialogs == []


def main(argv: list[str]) -> int:
    """Write docs/report-desktop.png and docs/report-phone.png (from a saved report, or seeds/ with the fakes)."""
    if sync_playwright is None or not CHROMIUM.exists():
        print("needs playwright (pip) and /usr/bin/chromium (scripts/install_browser.sh)", file=sys.stderr)
        return 1
    if argv:
        data = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    else:
        data = checker().check([ROOT / "seeds"]).to_dict()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        html = Path(tmp) / "report.html"
        html.write_text(render_html(data), encoding="utf-8")
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for shot in write_screenshots(b, html, ROOT / "docs"):
            print(f"wrote {shot}")
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
