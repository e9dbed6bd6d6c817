"""The desk's JSON API through Starlette's ASGI test client, with fake models (fast tier)."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install 'factcheck[serve]'")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx")

from starlette.testclient import TestClient  # noqa: E402

from factcheck import Checker  # noqa: E402
from factcheck.serve import ServeSettings, bind_warning, is_loopback  # noqa: E402
from factcheck.serve_app import create_app  # noqa: E402
from factcheck.serve_openapi import openapi_spec  # noqa: E402
from factcheck.serve_worker import WARM_UP  # noqa: E402

from .html_fixtures import FakeEmbedder, FakeNLI, checker, hostile_documents  # noqa: E402

BASE = "http://127.0.0.1:8000"
MONDAY = {"text": "Ten people were injured in the fire on Monday. The mayor visited the scene.", "source": "AP",
          "title": "Fire in the old town"}
TUESDAY = {"text": "Ten people were injured in the fire on Tuesday. The mayor visited the scene.", "source": "AFP"}
DRAFT = "Ten people were injured in the fire on Sunday. The mayor resigned."


def client(checker_: Checker | None = None, **kw: Any) -> TestClient:
    return TestClient(create_app(checker_ or checker(), settings=ServeSettings(**kw)), base_url=BASE)


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with client(max_request_bytes=20_000) as c:
        yield c


WARM_WORDS = "hurt in the fire"  # words of the server's warm-up check, in no request of these tests
assert all(WARM_WORDS in d.text for d in WARM_UP)


class GatedNLI(FakeNLI):
    """Blocks in predict until ``gate`` is set (or ``hold`` seconds pass): a check that takes as long as we say."""

    def __init__(self, hold: float = 10.0) -> None:
        self.gate = threading.Event()
        self.entered = threading.Semaphore(0)
        self.hold = hold

    def predict(self, pairs: list[tuple[str, str]]) -> Any:
        # the start-up warm-up check passes at once (the model sees its claims without "The mayor said")
        if pairs and any(WARM_WORDS in x for pair in pairs for x in pair):
            return super().predict(pairs)
        self.entered.release()
        self.gate.wait(self.hold)
        return super().predict(pairs)


def test_healthz_names_the_models_and_the_queue(api: TestClient) -> None:
    r = api.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["models"] == {"embedder": "fake-bag-of-words", "nli": "fake-word-overlap"}
    assert body["queue"] == {"running": 0, "waiting": 0, "limit": 9} and body["auth"] is False


def test_check_returns_the_schema_1_report_with_the_contradiction(api: TestClient) -> None:
    r = api.post("/v1/check", json={"sources": [MONDAY, TUESDAY]})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    timing = dict(part.strip().split(";dur=") for part in r.headers["server-timing"].split(","))
    assert set(timing) == {"fetch", "queue", "check", "total"} and float(timing["total"]) >= float(timing["check"])
    data = r.json()
    assert data["schema_version"] == "1" and [s["id"] for s in data["sources"]] == ["AP", "AFP"]
    assert data["sources"][0]["title"] == "Fire in the old town"
    contra = [p for p in data["pairs"] if p["label"] == "contradiction"]
    assert [(m["kind"], m["a"], m["b"]) for p in contra for m in p["mismatches"]] == [("date", "Monday", "Tuesday")]
    assert "draft" not in data


def test_sources_without_names_get_numbered_ids(api: TestClient) -> None:
    r = api.post("/v1/check", json={"sources": [{"text": MONDAY["text"]}, {"text": TUESDAY["text"]}]})
    assert [s["id"] for s in r.json()["sources"]] == ["source-1", "source-2"]


@pytest.mark.parametrize("path", ["/v1/draft", "/v1/check"])
def test_draft_is_checked_against_the_sources(api: TestClient, path: str) -> None:
    r = api.post(path, json={"sources": [MONDAY, TUESDAY], "draft": DRAFT})
    assert r.status_code == 200, r.text
    draft = r.json()["draft"]
    assert draft[0]["text"].endswith("on Sunday.") and draft[0]["status"] == "contradicted"
    assert {d["status"] for d in draft[1:]} <= {"not_found", "supported"}


def test_draft_against_one_source(api: TestClient) -> None:
    r = api.post("/v1/draft", json={"sources": [MONDAY], "draft": {"text": DRAFT}})
    assert r.status_code == 200 and r.json()["draft"][0]["status"] == "contradicted"


def test_report_formats_and_render(api: TestClient) -> None:
    md = api.post("/v1/check", json={"sources": [MONDAY, TUESDAY], "options": {"format": "md"}})
    assert md.headers["content-type"].startswith("text/markdown") and md.text.startswith("# Fire in the old town")
    assert "Monday" in md.text and "Tuesday" in md.text
    data = api.post("/v1/check", json={"sources": [MONDAY, TUESDAY]}).json()
    html = api.post("/v1/render", json={"report": data, "format": "html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<mark>Monday</mark>" in html.text and "<mark>Tuesday</mark>" in html.text
    assert api.post("/v1/render", json={"report": data, "format": "md"}).text == md.text
    assert json.loads(api.post("/v1/render", json={"report": data, "format": "json"}).text) == data


def test_rendered_report_escapes_article_text(api: TestClient) -> None:
    docs = [{"text": d.text, "source": d.source, "title": d.title} for d in hostile_documents()]
    data = api.post("/v1/check", json={"sources": docs}).json()
    html = api.post("/v1/render", json={"report": data}).text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_damaged_report_is_a_422_not_a_500(api: TestClient) -> None:
    data = api.post("/v1/check", json={"sources": [MONDAY, TUESDAY]}).json()
    for bad in ({"schema_version": "1"}, {**data, "schema_version": "2"}, {**data, "sentences": [{"x": 1}]}, []):
        r = api.post("/v1/render", json={"report": bad})
        assert r.status_code == 422 and "\n" not in r.json()["error"], (bad, r.text)


def test_openapi_describes_every_api_route_and_its_examples_work(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and set(spec["paths"]) == {"/v1/check", "/v1/draft", "/v1/render",
                                                                         "/healthz"}
    for path in ("/v1/check", "/v1/draft"):
        example = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"]
        assert api.post(path, json=example).status_code == 200
    assert "429" in spec["paths"]["/v1/check"]["post"]["responses"]
    docs = api.get("/docs")
    assert docs.status_code == 200 and "/v1/check" in docs.text and "<script" not in docs.text
    assert "http://" not in docs.text.replace("http://127.0.0.1", "") and "https://cdn" not in docs.text


def test_desk_page_and_assets_need_no_cdn(api: TestClient) -> None:
    page = api.get("/")
    assert page.status_code == 200 and page.headers["x-frame-options"] == "DENY"
    assert 'src="/static/desk.js"' in page.text and 'href="/static/desk.css"' in page.text
    assert "https://" not in page.text.replace("https://…", "").replace("<code>https://…</code>", "")
    js = api.get("/static/desk.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "innerHTML" not in js.text and "http" not in js.text.replace("https?:", "")
    assert api.get("/static/desk.css").status_code == 200


@pytest.mark.parametrize("body, status, words", [
    (b"{not json", 400, "not valid JSON"),
    (b"\xff\xfe", 400, "UTF-8"),
    (b"[]", 422, "JSON object"),
    (b'{"sources": "x"}', 422, "list"),
    (b'{"sources": [{"text": "One source only."}]}', 422, "at least two sources"),
    (b'{"sources": ["plain text, not a link", {"text": "b"}]}', 422, "must be an http(s) URL"),
    (b'{"sources": [{"txt": "a"}, {"text": "b"}]}', 422, "unknown field 'txt'"),
    (b'{"sources": [{"text": 5}, {"text": "b"}]}', 422, "sources[0].text must be a string"),
    (b'{"sources": [{"title": "no text"}, {"text": "b"}]}', 422, "give the article"),
    (b'{"sources": [{"text": "a"}, {"text": "b"}], "options": {"format": "pdf"}}', 422, "options.format"),
    (b'{"sources": [{"text": "a"}, {"text": "b"}], "extra": 1}', 422, "unknown field 'extra'"),
    (b'{"sources": [{"text": "a"}, {"text": "b"}]}', 422, "no sentences"),
    (b'{"sources": [{"text": "Ten people were hurt."}]}', 422, "at least two"),
])
def test_bad_requests_are_one_line_json_errors(api: TestClient, body: bytes, status: int, words: str) -> None:
    r = api.post("/v1/check", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert words in error and "\n" not in error


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "gopher://127.0.0.1:25/x",
                                 "javascript:alert(1)"])
def test_only_http_urls_are_fetched(api: TestClient, url: str) -> None:
    for source in (url, {"url": url}):
        r = api.post("/v1/check", json={"sources": [source, MONDAY]})
        assert r.status_code == 422, r.text
        assert "http(s) URL" in r.json()["error"]


def test_draft_route_needs_a_draft(api: TestClient) -> None:
    r = api.post("/v1/draft", json={"sources": [MONDAY, TUESDAY]})
    assert r.status_code == 422 and "draft" in r.json()["error"]


def test_body_must_be_sent_as_json(api: TestClient) -> None:
    r = api.post("/v1/check", content=json.dumps({"sources": [MONDAY, TUESDAY]}),
                 headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and "application/json" in r.json()["error"]


def test_too_big_bodies_are_refused(api: TestClient) -> None:
    big = {"sources": [{"text": "word " * 5_000}, TUESDAY]}
    r = api.post("/v1/check", json=big)
    assert r.status_code == 413 and "20,000 bytes" in r.json()["error"]
    chunks = iter([b'{"sources": [{"text": "', b"x" * 15_000, b"y" * 15_000, b'"}]}'])  # no Content-Length
    r = api.post("/v1/check", content=chunks, headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_unknown_routes_and_methods_answer_json(api: TestClient) -> None:
    assert api.get("/nope").status_code == 404 and "error" in api.get("/nope").json()
    r = api.get("/v1/check")
    assert r.status_code == 405 and "GET" in r.json()["error"]


def test_foreign_host_header_is_refused_on_loopback(api: TestClient) -> None:
    """A page on another site that rebinds its DNS name to 127.0.0.1 still sends its own Host: refused."""
    r = api.post("/v1/check", json={"sources": [MONDAY, TUESDAY]}, headers={"Host": "evil.example"})
    assert r.status_code == 400 and "evil.example" in r.json()["error"]
    assert api.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_bearer_token() -> None:
    with client(token="s3cret") as c:
        body = {"sources": [MONDAY, TUESDAY]}
        missing = c.post("/v1/check", json=body)
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
        assert c.post("/v1/check", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/v1/render", json={"report": {}}).status_code == 401
        assert c.post("/v1/check", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/healthz").json()["auth"] is True and c.get("/").status_code == 200
        assert c.get("/openapi.json").json()["paths"]["/v1/check"]["post"]["security"] == [{"bearer": []}]


def test_queue_full_is_429_with_retry_after() -> None:
    nli = GatedNLI()
    with client(Checker(embedder=FakeEmbedder(), nli=nli), queue=1) as c:
        results: list[int] = []

        def call() -> None:
            results.append(c.post("/v1/check", json={"sources": [MONDAY, TUESDAY]}).status_code)

        threads = [threading.Thread(target=call) for _ in range(2)]
        threads[0].start()
        assert nli.entered.acquire(timeout=5)  # the first check is running
        threads[1].start()
        deadline = time.monotonic() + 5
        while c.get("/healthz").json()["queue"]["waiting"] < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        r = c.post("/v1/check", json={"sources": [MONDAY, TUESDAY]})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "busy" in r.json()["error"]
        nli.gate.set()
        for t in threads:
            t.join(10)
        assert results == [200, 200]
        assert c.get("/healthz").json()["queue"] == {"running": 0, "waiting": 0, "limit": 2}


def test_time_limit_is_504_and_frees_the_queue() -> None:
    nli = GatedNLI(hold=1.0)
    with client(Checker(embedder=FakeEmbedder(), nli=nli), timeout=0.3, queue=0) as c:
        t0 = time.monotonic()
        r = c.post("/v1/check", json={"sources": [MONDAY, TUESDAY]})
        assert r.status_code == 504 and "0.3 s" in r.json()["error"]
        assert time.monotonic() - t0 < 0.9  # answered at the limit, not when the model returned
        deadline = time.monotonic() + 5  # the running check stops at its next model batch and frees the slot
        while c.get("/healthz").json()["queue"]["running"] and time.monotonic() < deadline:
            time.sleep(0.05)
        nli.gate.set()
        assert c.post("/v1/check", json={"sources": [MONDAY, TUESDAY]}).status_code == 200


@pytest.mark.parametrize("url, words", [
    ("http://127.0.0.1:9/article", "loopback"),
    ("http://10.0.0.1/article", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]:8000/healthz", "loopback"),
])
def test_urls_to_private_addresses_are_refused(api: TestClient, url: str, words: str) -> None:
    pytest.importorskip("factcheck.fetch", reason="URL fetching (factcheck.fetch) is not in this tree")
    r = api.post("/v1/check", json={"sources": [url, MONDAY]})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert url in error and words in error and "\n" not in error


class _Articles(http.server.BaseHTTPRequestHandler):
    PAGES = {"/monday": ("Monday", "Ten people were injured in the fire on Monday, officials said."),
             "/tuesday": ("Tuesday", "Ten people were injured in the fire on Tuesday, officials said.")}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        title, text = self.PAGES.get(self.path, ("", ""))
        if not title:
            self.send_error(404)
            return
        para = " ".join([text] + ["Firefighters worked through the night to contain the blaze downtown."] * 3)
        body = (f"<html><head><title>Fire {title}</title></head><body><article><h1>Fire {title}</h1>"
                f"<p>{para}</p><p>{para}</p></article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_allow_private_fetches_local_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("factcheck.fetch", reason="URL fetching (factcheck.fetch) is not in this tree")
    monkeypatch.setenv("FACTCHECK_PAGE_CACHE", "none")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Articles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with client(allow_private=True) as c:
            r = c.post("/v1/check", json={"sources": [f"{base}/monday", {"url": f"{base}/tuesday", "source": "T"}]})
            assert r.status_code == 200, r.text
            data = r.json()
            assert data["sources"][1]["id"] == "T" and data["sources"][0]["url"] == f"{base}/monday"
            assert any(p["label"] == "contradiction" for p in data["pairs"])
            missing = c.post("/v1/check", json={"sources": [f"{base}/gone", MONDAY]})
            assert missing.status_code == 422 and "404" in missing.json()["error"]
    finally:
        server.shutdown()


def test_settings_and_bind_warning() -> None:
    assert is_loopback("127.0.0.5") and is_loopback("[::1]") and not is_loopback("192.168.1.4")
    assert "without --token" in (bind_warning(ServeSettings(host="0.0.0.0")) or "")
    assert bind_warning(ServeSettings(host="0.0.0.0", token="t")) is None
    assert ServeSettings(host="0.0.0.0").hosts == ("*",)
    from factcheck.errors import SettingsError

    for bad in ({"queue": -1}, {"timeout": 0}, {"port": 70000}, {"token": " "}, {"max_sources": 1}):
        with pytest.raises(SettingsError):
            ServeSettings(**bad)


def test_openapi_spec_limits_follow_the_settings() -> None:
    spec = openapi_spec(ServeSettings(max_sources=7, queue=3))
    assert spec["components"]["schemas"]["CheckRequest"]["properties"]["sources"]["maxItems"] == 7
    assert "More than 3" in spec["paths"]["/v1/check"]["post"]["responses"]["429"]["description"]


def test_cli_serve_maps_a_missing_extra_and_warns_without_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import factcheck.serve as serve_mod
    from factcheck.cli import app

    seen: list[ServeSettings] = []
    monkeypatch.setattr(serve_mod, "serve", lambda settings, checker=None: seen.append(settings))
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123", "--queue", "3"])
    assert r.exit_code == 0, r.output
    assert "without --token" in r.output and seen[0].port == 8123 and seen[0].queue == 3
    assert seen[0].allow_private is False
    r = CliRunner().invoke(app, ["serve", "--token", "t", "--allow-private"])
    assert "warning" not in r.output and seen[1].token == "t" and seen[1].allow_private is True
    monkeypatch.setattr(serve_mod, "find_spec", lambda name: None)
    r = CliRunner().invoke(app, ["serve"])
    assert r.exit_code == 2 and "pip install 'factcheck[serve]'" in r.output
    assert len(r.output.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["factcheck.serve", "factcheck.serve_app", "factcheck.serve_openapi",
                                  "factcheck.serve_requests", "factcheck.serve_worker"])
def test_docstring_examples(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_host_header_forms() -> None:
    with client() as c:
        for host in ("127.0.0.1", "localhost", "[::1]", "[::1]:8000", "LOCALHOST:8000"):
            assert c.get("/healthz", headers={"Host": host}).status_code == 200, host
        for host in ("127.0.0.1.evil.example", "[::1].evil", "evil:8000"):
            assert c.get("/healthz", headers={"Host": host}).status_code == 400, host


def test_deadline_wrappers_give_the_same_scores_and_stop_between_chunks() -> None:
    from factcheck.errors import LimitExceededError
    from factcheck.serve_worker import CHUNK, NLI_CHUNK, Deadline, DeadlineEmbedder, DeadlineNLI

    pairs = [(f"Sentence {'word ' * (k % 17)}{k}.", f"Other {k} {'x ' * (k % 5)}.") for k in range(2 * CHUNK + 37)]
    later = Deadline(time.monotonic() + 60, 60)
    assert DeadlineNLI(FakeNLI(), later).predict(pairs) == FakeNLI().predict(pairs)
    texts = [a for a, _ in pairs]
    assert (DeadlineEmbedder(FakeEmbedder(), later).encode(texts) == FakeEmbedder().encode(texts)).all()
    calls: list[int] = []

    class Counting(FakeNLI):
        def predict(self, pairs: list[tuple[str, str]]) -> Any:
            calls.append(len(pairs))
            time.sleep(0.2)
            return super().predict(pairs)

    with pytest.raises(LimitExceededError, match="time limit of 0.1 s"):
        DeadlineNLI(Counting(), Deadline(time.monotonic() + 0.1, 0.1)).predict(pairs)
    assert calls == [NLI_CHUNK]  # the first chunk ran, the next did not start


def test_strict_option_refuses_a_source_without_article_text(api: TestClient) -> None:
    body: dict[str, Any] = {"sources": [MONDAY, TUESDAY, {"text": "a", "source": "empty"}]}
    r = api.post("/v1/check", json=body)
    assert r.status_code == 200 and [k["path"] for k in r.json()["skipped"]] == ["empty"]
    r = api.post("/v1/check", json={**body, "options": {"strict": True}})
    assert r.status_code == 422 and "empty" in r.json()["error"]


def test_import_factcheck_does_not_import_the_web_stack() -> None:
    import subprocess
    import sys

    code = "import sys, factcheck, factcheck.cli; print(sorted({'starlette', 'uvicorn'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
