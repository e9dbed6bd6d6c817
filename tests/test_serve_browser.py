"""The editor's desk in a real browser: Debian's chromium driven by Playwright, against a real uvicorn server
(``tests.serve_fakes``: the test fakes instead of the models).

Needs ``/usr/bin/chromium`` (``scripts/install_browser.sh``), ``pip install playwright`` and the serve extra;
never ``playwright install``. Skipped, with the reason, when one is missing.

To refresh docs/desk-desktop.png and docs/desk-phone.png::

    python -m tests.test_serve_browser
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import ARGS, CHROMIUM
from .serve_fakes import fake_server
from .test_html_browser import VIEWPORTS, Log

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

try:
    import starlette
    import uvicorn
except ImportError:  # pragma: no cover - depends on the environment
    starlette = uvicorn = None

ROOT = Path(__file__).resolve().parents[1]
MONDAY = "Ten people were injured in the fire on Monday. The mayor visited the scene. <img src=x onerror=alert(1)>"
TUESDAY = "Ten people were injured in the fire on Tuesday. The mayor visited the scene."
DRAFT = "Ten people were injured in the fire on Sunday. The mayor resigned."

pytestmark = [
    pytest.mark.skipif(sync_playwright is None,
                       reason="playwright is not installed: pip install playwright (it is in the dev extra)"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: run scripts/install_browser.sh"),
    pytest.mark.skipif(starlette is None or uvicorn is None,
                       reason="the serve extra is not installed: pip install 'factcheck[serve]'"),
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fake_server(log=tmp_path_factory.mktemp("desk") / "server.log") as (url, _):
        yield url


def open_desk(browser: Browser, url: str, viewport: dict[str, int]) -> tuple[Page, Log]:
    log = Log()
    page = browser.new_page(viewport=viewport, accept_downloads=True)
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, log


def fill(page: Page, sources: list[str], draft: str = "", names: list[str] | None = None) -> None:
    while page.locator(".src-text").count() < len(sources):
        page.click("#add-source")
    for k, text in enumerate(sources):
        page.locator(".src-text").nth(k).fill(text)
        if names:
            page.locator(".src-name").nth(k).fill(names[k])
    page.fill("#draft", draft)


def submit(page: Page, timeout_ms: float = 30_000) -> None:
    page.click("#submit")
    page.wait_for_selector("#result:not([hidden])", timeout=timeout_ms)


def test_paste_two_sources_and_a_draft_see_the_contradiction_and_download(browser: Browser, desk: str,
                                                                          tmp_path: Path) -> None:
    page, log = open_desk(browser, desk, VIEWPORTS["desktop"])
    fill(page, [MONDAY, TUESDAY], DRAFT, names=["Wire <b>A</b>", "Wire B"])
    assert page.locator(".kind").first.inner_text().startswith("text · ")
    submit(page)
    meta = page.locator("#result-meta").inner_text()
    assert "1 disputed fact ·" in meta or "1 contradiction ·" in meta, meta
    report = page.frame_locator("#report-frame")
    pair = report.locator("#contradictions .pair, #contradictions article, #contradictions li").first
    pair.wait_for()
    marks = report.locator("#contradictions mark").all_inner_texts()
    assert "Monday" in marks and "Tuesday" in marks  # both values highlighted
    assert "contradicted" in report.locator("#draft .draft-item").first.inner_text()
    assert report.locator("#draft .draft-item").first.locator(".draft-text mark").inner_text() == "Sunday"
    body = report.locator("body").inner_text()
    assert "<img src=x onerror=alert(1)>" in body and "Wire <b>A</b>" in body  # shown as text, not markup
    assert report.locator("img").count() == 0
    with page.expect_download() as dl:
        page.click("#dl-json")
    assert dl.value.suggested_filename.endswith(".json")
    data = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert data["schema_version"] == "1" and [s["id"] for s in data["sources"]] == ["Wire <b>A</b>", "Wire B"]
    assert [(m["a"], m["b"]) for p in data["pairs"] if p["label"] == "contradiction" for m in p["mismatches"]] \
        == [("Monday", "Tuesday")]
    assert data["draft"][0]["status"] == "contradicted"
    for fmt, words in (("md", "Monday"), ("html", "<mark>Monday</mark>")):
        with page.expect_download() as dl:
            page.click(f"#dl-{fmt}")
        assert dl.value.suggested_filename.endswith(f".{fmt}")
        assert words in Path(dl.value.path()).read_text(encoding="utf-8")
    assert log.dialogs == [] and log.errors == []
    origin = desk.rstrip("/")
    assert all(u.startswith((origin, "blob:", "about:", "data:")) for u in log.requests), log.requests


def test_progress_shows_while_it_runs_and_errors_are_one_line(browser: Browser, desk: str) -> None:
    page, log = open_desk(browser, desk, VIEWPORTS["phone"])
    page.click("#clear")
    fill(page, ["Only one source here, with a sentence.", ""])
    page.click("#submit")
    assert "at least two sources" in page.locator("#error").inner_text()
    fill(page, ["a", "b"])  # two sources with no sentences: the server's 422 message is shown
    page.click("#submit")
    page.wait_for_selector("#error:not([hidden])")
    page.wait_for_function("document.querySelector('#error').textContent.includes('no sentences')")
    assert page.locator("#submit").is_enabled() and page.locator("#status").is_hidden()
    fill(page, [MONDAY, TUESDAY])
    page.locator(".src-text").nth(1).press("Control+Enter")
    submit_seen = page.locator("#status").is_visible() or page.locator("#result").is_visible()
    page.wait_for_selector("#result:not([hidden])", timeout=30_000)
    assert submit_seen and page.locator("#error").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    assert log.dialogs == []


def test_the_form_survives_a_reload(browser: Browser, desk: str) -> None:
    page, _ = open_desk(browser, desk, VIEWPORTS["desktop"])
    fill(page, [MONDAY, TUESDAY, "https://example.com/news/fire"], DRAFT)
    assert page.locator(".kind").nth(2).inner_text() == "link"
    page.reload()
    assert page.locator(".src-text").count() == 3
    assert page.locator(".src-text").nth(2).input_value() == "https://example.com/news/fire"
    assert page.input_value("#draft") == DRAFT


def test_token_protected_desk_asks_for_the_token(browser: Browser, tmp_path: Path) -> None:
    with fake_server(token="s3cret", log=tmp_path / "server.log") as (url, _):
        page, log = open_desk(browser, url, VIEWPORTS["desktop"])
        page.wait_for_selector("#token-row:not([hidden])")
        fill(page, [MONDAY, TUESDAY])
        page.click("#submit")
        page.wait_for_function("document.querySelector('#error').textContent.includes('bearer token')")
        page.fill("#token", "s3cret")
        submit(page)
        assert page.locator("#error").is_hidden()
        assert log.dialogs == []


def write_screenshots(browser: Browser, url: str, out_dir: Path, sources: list[dict[str, Any]],
                      draft: str) -> list[Path]:
    """Screenshots of the desk after a check: ``desk-desktop.png`` (the whole page), ``desk-phone.png`` (the report)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, viewport in VIEWPORTS.items():
        page, _ = open_desk(browser, url, viewport)
        page.click("#clear")
        fill(page, [s["text"] for s in sources], draft, names=[s["source"] for s in sources])
        submit(page, timeout_ms=600_000)
        page.wait_for_timeout(800)
        page.evaluate("document.querySelectorAll('textarea').forEach(t => { t.scrollTop = 0; }); window.scrollTo(0, 0)")
        shots.append(out_dir / f"desk-{name}.png")
        if name == "phone":  # the report, as the page scrolls to it after a check (the form is above it)
            page.evaluate("document.querySelector('#result').scrollIntoView()")
            page.wait_for_timeout(500)
            page.screenshot(path=str(shots[-1]))
        else:
            page.screenshot(path=str(shots[-1]), full_page=True)
        page.close()
    return shots


def main(argv: list[str]) -> int:
    """Write docs/desk-desktop.png and docs/desk-phone.png: three seed articles and a draft.

    ``--url http://127.0.0.1:8000`` uses a running desk (``factcheck serve``: the real models); without it, a
    desk on the test fakes is started.
    """
    if sync_playwright is None or not CHROMIUM.exists():
        print("needs playwright (pip) and /usr/bin/chromium (scripts/install_browser.sh)", file=sys.stderr)
        return 1
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    sources = [{"text": seeds[k].read_text(encoding="utf-8"), "source": seeds[k].stem.split("_")[0]} for k in (0, 1, 3)]
    draft = ("Chinese Foreign Minister Wang Yi and US Secretary of State Antony Blinken spoke by telephone on Friday. "
             "Wang urged all parties to stay calm.")
    with contextlib.ExitStack() as stack, sync_playwright() as p:
        url = argv[argv.index("--url") + 1] if "--url" in argv else stack.enter_context(fake_server())[0]
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for shot in write_screenshots(b, url, ROOT / "docs", sources, draft):
            print(f"wrote {shot}")
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
