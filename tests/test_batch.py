"""factcheck batch (fast tier): inputs, output lines, errors, resume, crash safety, engines, CLI.

The models are fakes (hashed bag-of-words embedder, fixed NLI scores) built by top-level factories,
so worker processes and Ray actors can build them too.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck import Checker, NLIScores
from factcheck.batch import BatchProgress, ProgressPrinter, iter_stories, run_batch
from factcheck.cache import CachedNLI


class HashEmbedder:
    """Hashed bag of words, unit length."""

    name = "hash-embedder"

    def __init__(self, fail_on_call: int | None = None) -> None:
        self.calls = 0
        self.fail_on_call = fail_on_call

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        if self.fail_on_call is not None and self.calls >= self.fail_on_call:
            raise RuntimeError("simulated crash")
        out = np.zeros((len(texts), 128), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z0-9]+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % 128] += 1.0
            out[i, 0] += 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class FixedNLI:
    """The same scores for every pair; counts pairs."""

    name = "fixed-nli"

    def __init__(self) -> None:
        self.pairs = 0

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.pairs += len(pairs)
        return [NLIScores(0.7, 0.2, 0.1) for _ in pairs]


def make_checker(cache: str | None = None) -> Checker:
    """Top-level (picklable) factory of a fake checker, optionally behind an NLI cache."""
    nli = FixedNLI()
    return Checker(embedder=HashEmbedder(), nli=CachedNLI(nli, cache) if cache else nli)


def broken_factory() -> Checker:
    """A factory whose model cannot load (in the worker)."""
    from factcheck.errors import NLIModelLoadError

    raise NLIModelLoadError("no NLI model here; name one with --nli-model")


TEMPLATES = [
    "A fire destroyed {n} homes in the northern town of {town} on {day}.",
    "Firefighters from three districts fought the blaze for {h} hours before it was contained.",
    "Mayor {name} said the town would rebuild every damaged street by next spring.",
    "Officials said {k} people were taken to the regional hospital with burns.",
    "The cause of the fire is still under investigation by the police of {town}.",
    "Residents of {town} were moved to a school gym for the night.",
]
TOWNS = ["Alder", "Birch", "Cedar", "Dunmore", "Elmwood", "Fairhill", "Glenrock", "Hollow"]


def write_story(root: Path, sid: str, seed: int, n_sources: int = 3) -> Path:
    """A story folder with ``n_sources`` articles; source b changes a number and a day."""
    folder = root / sid
    folder.mkdir(parents=True)
    town, name = TOWNS[seed % len(TOWNS)], ["Ana Reis", "Rui Lopes", "Marta Sousa"][seed % 3]
    for k, src in enumerate(["wire", "daily", "local", "radio"][:n_sources]):
        vals = {"n": 20 + seed, "town": town, "day": "Monday", "h": 6, "name": name, "k": 4 + seed % 5}
        if k == 1:
            vals.update(n=40 + seed, day="Tuesday")
        lines = [t.format(**vals) for j, t in enumerate(TEMPLATES) if (j + k) % 5 != 4]
        (folder / f"{src}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    root = tmp_path / "stories"
    for i in range(5):
        write_story(root, f"story-{i:02d}", i)
    return root


def lines_of(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_folder_input_one_line_per_story_equal_to_check(stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch(stories, out, checker=make_checker(), chunk_size=2)
    rows = lines_of(out)
    assert [r["story_id"] for r in rows] == [f"story-{i:02d}" for i in range(5)]
    assert summary.n_ok == 5 and summary.n_failed == 0 and summary.exit_code == 0
    for r in rows:
        alone = make_checker().check(stories / r["story_id"]).to_dict()
        assert r.pop("status") == "ok" and r.pop("story_id")
        assert r == json.loads(json.dumps(alone))  # batched embedding/NLI == one check per story
    assert any(p["label"] == "contradiction" for r in rows for p in r["pairs"])


def test_manifest_input_paths_inline_and_bad_lines(stories: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("Secret text that must never be read by a manifest.\n")
    (stories / "link.txt").symlink_to(tmp_path / "secret.txt")
    inline = [{"source": "AP", "text": "A fire destroyed 20 homes in Alder on Monday. Nobody was hurt there."},
              {"source": "AFP", "text": "A fire destroyed 30 homes in Alder on Monday. Nobody was hurt there."}]
    rows = [{"story_id": "paths", "sources": ["story-00/wire.txt", "story-00/daily.txt"]},
            {"story_id": "inline", "sources": inline},
            {"story_id": "escape", "sources": ["story-00/wire.txt", "../secret.txt"]},
            {"story_id": "symlink", "sources": ["story-00/wire.txt", "link.txt"]},
            {"story_id": "absolute", "sources": ["story-00/wire.txt", str(tmp_path / "secret.txt")]},
            {"story_id": "paths", "sources": ["story-01"]},
            {"sources": ["story-00"]}]
    manifest = stories / "manifest.jsonl"
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(manifest, out, checker=make_checker())
    got = lines_of(out)
    assert [r["status"] for r in got] == ["ok", "ok"] + ["error"] * 6
    assert got[1]["summary"]["pair_labels"]["contradiction"] >= 1
    for r in got[2:5]:
        assert "outside the manifest's folder" in r["error"] and r["exit_code"] == 2
    assert "duplicate story_id" in got[5]["error"]
    assert got[6]["story_id"].endswith("manifest.jsonl:7") and "story_id" in got[6]["error"]
    assert "invalid JSON" in got[7]["error"]
    assert "Secret" not in out.read_text()
    assert summary.exit_code == 4


def test_bad_stories_get_error_lines_and_the_batch_goes_on(stories: Path, tmp_path: Path) -> None:
    (stories / "story-01" / "daily.txt").unlink()
    (stories / "story-01" / "local.txt").unlink()  # one source left
    (stories / "story-03" / "empty.txt").write_text("")
    out = tmp_path / "out.jsonl"
    summary = run_batch(stories, out, checker=make_checker(), chunk_size=3)
    rows = lines_of(out)
    assert [r["status"] for r in rows] == ["ok", "error", "ok", "ok", "ok"]
    assert "at least two" in rows[1]["error"] and rows[1]["exit_code"] == 2
    assert set(rows[1]) == {"story_id", "status", "error", "exit_code"}
    # one empty export beside good articles costs only itself: skipped, named, the story still checked
    assert [k["path"].rsplit("/", 1)[-1] for k in rows[3]["skipped"]] == ["empty.txt"]
    assert any("empty.txt: skipped" in w for w in rows[3]["warnings"])
    assert (summary.n_ok, summary.n_failed, summary.exit_code) == (4, 1, 4)


def test_resume_skips_done_stories_and_mends_a_torn_line(stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(stories, out, checker=make_checker())
    full = out.read_bytes()
    lines = full.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + lines[3][:40])  # a crash mid-write of story-03
    write_story(stories, "story-05", 5)
    summary = run_batch(stories, out, checker=make_checker(), resume=True)
    assert (summary.n_skipped, summary.n_ok) == (3, 3)
    rows = lines_of(out)
    assert [r["story_id"] for r in rows] == [f"story-{i:02d}" for i in range(6)]
    assert out.read_bytes().startswith(full)
    again = run_batch(stories, out, checker=make_checker(), resume=True)
    assert (again.n_skipped, again.n_ok) == (6, 0) and len(lines_of(out)) == 6


def test_torn_line_longer_than_a_block_is_cut(tmp_path: Path) -> None:
    from factcheck.batch import _whole_lines_size

    p = tmp_path / "out.jsonl"
    p.write_bytes(b'{"a":1}\n' + b"x" * 200_000)
    assert _whole_lines_size(p, block=4096) == 8
    p.write_bytes(b"y" * 9000)
    assert _whole_lines_size(p, block=4096) == 0
    p.write_bytes(b'{"a":1}\n{"b":2}\n')
    assert _whole_lines_size(p, block=3) == p.stat().st_size


def test_resume_refuses_a_file_that_is_not_batch_output(stories: Path, tmp_path: Path) -> None:
    from factcheck.errors import InputError

    out = tmp_path / "notes.jsonl"
    out.write_text("my notes\n")
    with pytest.raises(InputError, match="not a factcheck batch line"):
        run_batch(stories, out, checker=make_checker(), resume=True)
    assert out.read_text() == "my notes\n"


def test_summary_only(stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(stories, out, checker=make_checker(), summary_only=True)
    rows = lines_of(out)
    assert len(rows) == 5 and all(set(r) == {"story_id", "status", "summary", "models"} for r in rows)
    assert rows[0]["models"] == {"embedder": "hash-embedder", "nli": "fixed-nli"}
    assert rows[0]["summary"]["n_sources"] == 3


def test_crash_mid_run_leaves_whole_lines(stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"story_id": "old", "status": "ok"}\n')
    crashing = Checker(embedder=HashEmbedder(fail_on_call=3), nli=FixedNLI())
    with pytest.raises(RuntimeError, match="simulated crash"):
        run_batch(stories, out, checker=crashing, chunk_size=1)
    rows = lines_of(out)  # every line parses
    assert [r["story_id"] for r in rows] == ["story-00", "story-01"]
    assert out.read_text().endswith("\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "stories"]  # no temp file left


def test_crash_before_any_story_keeps_the_old_output(stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"story_id": "old", "status": "ok"}\n')
    with pytest.raises(RuntimeError):
        run_batch(stories, out, checker=Checker(embedder=HashEmbedder(fail_on_call=1), nli=FixedNLI()))
    assert out.read_text() == '{"story_id": "old", "status": "ok"}\n'


def test_output_is_replaced_without_resume(stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"story_id": "old", "status": "ok"}\n' * 9)
    run_batch(stories, out, checker=make_checker())
    assert [r["story_id"] for r in lines_of(out)] == [f"story-{i:02d}" for i in range(5)]


def test_lines_never_hold_raw_line_separators(tmp_path: Path) -> None:
    text = "Officials said ten people were hurt\u2028in the fire on Monday. The mayor said\x85 all are safe now."
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"story_id": "s", "sources": [{"text": text}, {"text": text + " Really."}]}))
    out = tmp_path / "out.jsonl"
    run_batch(manifest, out, checker=make_checker())
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert lines_of(out)[0]["status"] == "ok"


def test_iter_stories_is_lazy_and_rejects_unusable_input(tmp_path: Path, stories: Path) -> None:
    from factcheck.errors import EmptySourceError, SourceNotFoundError

    total, tasks = iter_stories(stories)
    assert total == 5 and next(tasks).story_id == "story-00"
    with pytest.raises(SourceNotFoundError):
        iter_stories(tmp_path / "nope")
    with pytest.raises(EmptySourceError, match="no story folders"):
        iter_stories(stories / "story-00")
    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(EmptySourceError, match="empty manifest"):
        iter_stories(tmp_path / "empty.jsonl")


def test_cached_nli_makes_a_rerun_free_and_identical(stories: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "nli.sqlite")
    first = run_batch(stories, tmp_path / "a.jsonl", checker=make_checker(cache))
    second = run_batch(stories, tmp_path / "b.jsonl", checker=make_checker(cache))
    assert first.cache_misses > 0 and first.nli_pairs > 0
    assert second.cache_misses == 0 and second.cache_hits > 0 and second.cache_hit_rate == 1.0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_one_embedding_call_per_chunk_and_nli_gathered_on_request(stories: Path, tmp_path: Path) -> None:
    # without gathering: per story one call for the first direction, and one for the second where needed
    for gather, expected_calls in ((False, range(5, 11)), (True, range(1, 2))):
        nli = FixedNLI()
        calls: list[int] = []
        real_predict = nli.predict
        nli.predict = lambda pairs, real=real_predict, log=calls: log.append(len(pairs)) or real(pairs)  # type: ignore
        embedder = HashEmbedder()
        out = tmp_path / f"out-{gather}.jsonl"
        summary = run_batch(stories, out, checker=Checker(embedder=embedder, nli=nli), chunk_size=5,
                            gather_nli=gather)
        assert embedder.calls == 1 and len(calls) in expected_calls  # 5 stories, one chunk
        assert summary.nli_pairs > sum(calls) > 0  # pairs repeated across the chunk are scored once
    assert (tmp_path / "out-False.jsonl").read_bytes() == (tmp_path / "out-True.jsonl").read_bytes()


def test_workers_2_writes_the_same_bytes_as_workers_1(stories: Path, tmp_path: Path) -> None:
    for i in range(5, 9):
        write_story(stories, f"story-{i:02d}", i)
    one = run_batch(stories, tmp_path / "one.jsonl", factory=partial(make_checker, str(tmp_path / "1.sqlite")),
                    chunk_size=2)
    two = run_batch(stories, tmp_path / "two.jsonl", factory=partial(make_checker, str(tmp_path / "2.sqlite")),
                    workers=2, chunk_size=2)
    assert (one.n_ok, two.n_ok) == (9, 9)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    # counters come back from the workers: the same pairs reach the cache, in the same chunks
    assert two.nli_pairs == one.nli_pairs > 0
    assert two.cache_hits + two.cache_misses == one.cache_hits + one.cache_misses > 0
    assert two.cache_misses >= one.cache_misses > 0


def test_a_model_error_in_a_worker_stops_the_batch_with_its_exit_code(stories: Path, tmp_path: Path) -> None:
    from factcheck.errors import NLIModelLoadError

    with pytest.raises(NLIModelLoadError, match="no NLI model here"):
        run_batch(stories, tmp_path / "out.jsonl", factory=broken_factory, workers=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stories"]  # nothing written, no temp file


@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="ray is not installed (pip install 'factcheck[ray]')")
def test_ray_engine_writes_the_same_bytes_as_local(stories: Path, tmp_path: Path) -> None:
    (stories / "story-02" / "daily.txt").write_bytes(b"%PDF-1.4 binary")  # skipped with a warning,
    (stories / "story-02" / "local.txt").unlink()  # so one source is left: an error line too
    local = run_batch(stories, tmp_path / "local.jsonl", factory=partial(make_checker), chunk_size=2)
    ray = run_batch(stories, tmp_path / "ray.jsonl", factory=partial(make_checker), engine="ray", workers=2,
                    chunk_size=2)
    assert (ray.n_ok, ray.n_failed) == (local.n_ok, local.n_failed) == (4, 1)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "ray.jsonl").read_bytes()
    from factcheck.errors import NLIModelLoadError

    with pytest.raises(NLIModelLoadError, match="no NLI model here"):  # unwrapped from Ray's error
        run_batch(stories, tmp_path / "broken.jsonl", factory=broken_factory, engine="ray", workers=1)


def test_progress_printer_plain_lines_every_10_stories() -> None:
    import io

    buf = io.StringIO()
    printer = ProgressPrinter(buf, every_n=10, every_s=3600)
    for done in range(1, 26):
        printer(BatchProgress(done, 25, done, 0, done / 4))
    lines = buf.getvalue().splitlines()
    assert lines == [f"factcheck: {n}/25 stories, 4.00 stories/s, eta {(25 - n) / 4:.0f}s" for n in (10, 20, 25)]


def test_progress_printer_draws_a_rich_bar_on_a_terminal() -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    printer = ProgressPrinter(term)
    printer(BatchProgress(3, 10, 3, 0, 1.5))
    printer.close()
    assert "3/10" in term.getvalue() and "2.00 stories/s" in term.getvalue() and "factcheck:" not in term.getvalue()


# ---- CLI -----------------------------------------------------------------------------------------------------


class FakeFactory:
    """Stands in for CheckerFactory in the CLI: same arguments, fake models."""

    def __init__(self, **kwargs: object) -> None:
        self.kwargs = kwargs

    def __call__(self) -> Checker:
        return make_checker()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from factcheck.cli import app

    monkeypatch.setattr("factcheck.batch.CheckerFactory", FakeFactory)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["batch", *map(str, args)])


def test_cli_exit_0_when_all_ok_and_4_when_some_fail(cli, stories: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = cli(stories, "--out", out)
    assert res.exit_code == 0, res.output
    assert "5/5 stories" in res.stderr and "5 ok, 0 failed" in res.stderr
    (stories / "story-04" / "daily.txt").write_text("")  # skipped: two sources are left
    (stories / "story-04" / "local.txt").unlink()  # now one: the story fails
    res = cli(stories, "--out", out, "--quiet")
    assert res.exit_code == 4 and res.stderr == ""
    assert [r["status"] for r in lines_of(out)] == ["ok"] * 4 + ["error"]
    res = cli(stories, "--out", out, "--resume")  # the failure stays in OUT: still 4
    assert res.exit_code == 4 and "5 skipped" in res.stderr


def test_cli_exit_2_for_unusable_input(cli, tmp_path: Path) -> None:
    res = cli(tmp_path / "missing", "--out", tmp_path / "out.jsonl")
    assert res.exit_code == 2 and "no such file or directory" in res.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_ray_engine_without_ray_is_one_line_and_exit_2(cli, monkeypatch, stories: Path, tmp_path: Path) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))
    res = cli(stories, "--out", tmp_path / "out.jsonl", "--engine", "ray")
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "factcheck: error: the ray engine needs Ray, which is not installed: pip install 'factcheck[ray]'"]


def test_cli_passes_model_options_to_the_factory(monkeypatch, stories: Path, tmp_path: Path) -> None:
    from factcheck.cli import app

    seen: dict[str, object] = {}

    class Spy(FakeFactory):
        def __init__(self, **kwargs: object) -> None:
            seen.update(kwargs)

    monkeypatch.setattr("factcheck.batch.CheckerFactory", Spy)
    res = CliRunner().invoke(app, ["batch", str(stories), "--out", str(tmp_path / "o.jsonl"), "--nli-model", "m1",
                                   "--embedder", "e1", "--cache", str(tmp_path / "c.sqlite"), "-q"])
    assert res.exit_code == 0, res.output
    assert (seen["nli_model"], seen["embedder_model"], seen["use_nli"]) == ("m1", "e1", True)
    assert seen["cache_path"] == str(tmp_path / "c.sqlite")
    CliRunner().invoke(app, ["batch", str(stories), "--out", str(tmp_path / "o.jsonl"), "--no-nli", "-q"])
    assert seen["use_nli"] is False and seen["cache_path"] is None
    assert os.path.exists(tmp_path / "o.jsonl")


# --------------------------------------------------------------- crash safety in a real process (issue 16, item 3)
SLOW_BATCH = """
import signal, sys, time
# Ctrl-C as in a terminal: a shell that starts jobs in the background (CI runners, `cmd &`) hands them SIGINT
# ignored, and Python then never raises KeyboardInterrupt
signal.signal(signal.SIGINT, signal.default_int_handler)
from factcheck import Checker
from factcheck.batch import run_batch
from tests.test_batch import FixedNLI, HashEmbedder

class Slow(HashEmbedder):
    def encode(self, texts):
        time.sleep(0.25)
        return super().encode(texts)

run_batch(sys.argv[1], sys.argv[2], checker=Checker(embedder=Slow(), nli=FixedNLI()), chunk_size=1)
"""


def _start_slow_batch(stories: Path, out: Path):
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_BATCH, str(stories), str(out)], cwd=root,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 3):
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.05)
    return proc


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGINT"])
def test_a_killed_batch_leaves_valid_jsonl_at_out_and_resume_finishes_it(tmp_path: Path, sig: str) -> None:
    import signal

    stories = tmp_path / "stories"
    n = 30  # about 8 s of slow stories: the kill lands mid-batch even on a loaded machine
    for i in range(n):
        write_story(stories, f"story-{i:02d}", i)
    out = tmp_path / "out.jsonl"
    proc = _start_slow_batch(stories, out)
    os.killpg(proc.pid, getattr(signal, sig))
    proc.wait(timeout=30)
    before = lines_of(out)  # whole lines only: every line parses
    assert 3 <= len(before) < n and all(r["status"] == "ok" for r in before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "stories"]  # no stray partial file
    summary = run_batch(stories, out, checker=make_checker(), resume=True)
    after = lines_of(out)
    assert [r["story_id"] for r in after] == [f"story-{i:02d}" for i in range(n)]
    assert after[:len(before)] == before and summary.n_skipped == len(before)


def test_two_batches_never_share_an_output(tmp_path: Path) -> None:
    import signal

    from factcheck.errors import OutputError

    stories = tmp_path / "stories"
    for i in range(12):
        write_story(stories, f"story-{i:02d}", i)
    out = tmp_path / "out.jsonl"
    proc = _start_slow_batch(stories, out)
    try:
        with pytest.raises(OutputError, match="another factcheck batch is writing"):
            run_batch(stories, out, checker=make_checker())
        with pytest.raises(OutputError, match="another factcheck batch is writing"):
            run_batch(stories, out, checker=make_checker(), resume=True)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    rows = lines_of(out)
    assert len({r["story_id"] for r in rows}) == len(rows)  # nothing interleaved or doubled
