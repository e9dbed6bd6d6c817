"""The desk under load on loopback: a real uvicorn server (subprocess) with fake models, 8 clients at a time.

Every request carries its own words and source names; every answer must carry exactly those (no lost or mixed-up
responses). Past the queue bound the answer is 429 with Retry-After, never a crash; memory stays bounded.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install 'factcheck[serve]'")
pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install 'factcheck[serve]'")

from .serve_fakes import fake_server, rss_kib  # noqa: E402

TOWNS = ["Ashford", "Bexley", "Carrow", "Dunmore", "Eastwick", "Fairholm", "Glenrock", "Harwood", "Ivybridge",
         "Jesmond"]


def story(k: int) -> dict[str, Any]:
    """Request ``k``: two sources naming a town and a count that no other request uses."""
    town = f"{TOWNS[k % 10]}{TOWNS[(k // 10) % 10].lower()}"
    return {"sources": [
        {"text": f"{k + 11} people were injured in the fire in {town} on Monday. Firefighters from {town} "
                 f"worked all night.", "source": f"A{k}"},
        {"text": f"{k + 11} people were injured in the fire in {town} on Tuesday. Firefighters from {town} "
                 f"worked all night.", "source": f"B{k}"}], "_town": town}


def post(url: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
    req = urllib.request.Request(f"{url}/v1/check", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.load(r), {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), {k.lower(): v for k, v in exc.headers.items()}


def run(url: str, n: int, at_once: int) -> list[tuple[int, int, dict[str, Any], dict[str, str]]]:
    def one(k: int) -> tuple[int, int, dict[str, Any], dict[str, str]]:
        body = story(k)
        town = body.pop("_town")
        status, data, headers = post(url, body)
        data["_town"] = town
        return k, status, data, headers

    with ThreadPoolExecutor(at_once) as pool:
        return list(pool.map(one, range(n)))


def assert_matches(k: int, data: dict[str, Any]) -> None:
    """The report answers request ``k`` and no other."""
    town = data["_town"]
    assert [s["id"] for s in data["sources"]] == [f"A{k}", f"B{k}"]
    assert all(town in s["text"] and s["text"].startswith(f"{k + 11} people") for s in data["sources"])
    assert all(town in s["text"] for s in data["sentences"] if "Firefighters" in s["text"])
    contra = [p for p in data["pairs"] if p["label"] == "contradiction"]
    assert [(m["a"], m["b"]) for p in contra for m in p["mismatches"]] == [("Monday", "Tuesday")]


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads memory from /proc")


def test_fifty_requests_eight_at_a_time_each_answer_is_its_own(tmp_path: Path) -> None:
    with fake_server(queue=8, delay=0.01, log=tmp_path / "server.log") as (url, proc):
        run(url, 8, 8)  # warm: first imports, allocator pools
        before = rss_kib(proc.pid)
        results = run(url, 50, 8)
        after = rss_kib(proc.pid)
        results += run(url, 50, 8)
        again = rss_kib(proc.pid)
        assert [r[1] for r in results] == [200] * 100, [(k, s, d.get("error")) for k, s, d, _ in results if s != 200]
        for k, _, data, _ in results:
            assert_matches(k, data)
        # bounded memory: no growth per request (a leak of one report per request would be ~MBs here)
        assert after - before < 40_000, (before, after)
        assert again - after < 20_000, (after, again)
        assert proc.poll() is None


def test_past_the_queue_bound_429_not_crashes(tmp_path: Path) -> None:
    with fake_server(queue=2, delay=0.15, log=tmp_path / "server.log") as (url, proc):
        results = run(url, 50, 8)
        statuses = [r[1] for r in results]
        assert set(statuses) == {200, 429}, statuses
        assert statuses.count(429) >= 5 and statuses.count(200) >= 3  # 429s return at once: most are refused
        for k, status, data, headers in results:
            if status == 200:
                assert_matches(k, data)
            else:
                assert int(headers["retry-after"]) >= 1 and "busy" in data["error"]
        assert proc.poll() is None
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as r:
            assert json.load(r)["queue"] == {"running": 0, "waiting": 0, "limit": 3}
        assert post(url, {k: v for k, v in story(99).items() if k != "_town"})[0] == 200
        log = (tmp_path / "server.log").read_text()
        assert "Traceback" not in log and "internal error" not in log
