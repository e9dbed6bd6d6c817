"""Hardening, round two (issue 16): manifests that lead outside their folder, --out paths that cannot take
a report, very big inputs. Table-driven like tests/test_robustness.py; docs/robustness.md lists each case.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import factcheck.batch
from factcheck.batch import run_batch
from factcheck.cli import app
from factcheck.config import Settings
from factcheck.errors import LimitExceededError, OutputError
from factcheck.pipeline import Checker
from factcheck.results import Document

from .conftest import FakeEmbedder, FakeNLI
from .test_batch import FakeFactory, make_checker, write_story
from .test_robustness import assert_one_error, snapshot

runner = CliRunner()


# ------------------------------------------------------------------------------- manifests leading outside


@dataclass(frozen=True)
class Outside:
    """One manifest source path (built in a tree, see ``_tree``) and whether it leads outside."""

    id: str
    path: Callable[[Path], str]
    outside: bool


def _tree(tmp_path: Path) -> Path:
    """tmp/outer/secret.txt (an article outside), tmp/a/b/manifest.jsonl beside story folders s1, s2 and links."""
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / "secret.txt").write_text("Secret: a fire destroyed 99 homes in the northern town of Alder on Monday.\n"
                                      "Mayor Ana Reis said the town would never rebuild.\n", encoding="utf-8")
    base = tmp_path / "a" / "b"
    write_story(base, "s1", 1)
    write_story(base, "s2", 2)
    (base / "link-out.txt").symlink_to(outer / "secret.txt")
    (base / "dir-out").symlink_to(outer, target_is_directory=True)
    (base / "link-in.txt").symlink_to(base / "s1" / "local.txt")
    (base / "rel-link-out.txt").symlink_to("../../outer/secret.txt")
    return base


OUTSIDE = [
    Outside("dotdot", lambda t: "../../outer/secret.txt", True),
    Outside("dotdot-through-inside", lambda t: "s1/../../../outer/secret.txt", True),
    Outside("absolute", lambda t: str(t / "outer" / "secret.txt"), True),
    Outside("symlink-file", lambda t: "link-out.txt", True),
    Outside("relative-symlink-file", lambda t: "rel-link-out.txt", True),
    Outside("symlinked-folder", lambda t: "dir-out/secret.txt", True),
    Outside("symlinked-folder-itself", lambda t: "dir-out", True),
    Outside("inside", lambda t: "s1/local.txt", False),
    Outside("dotdot-back-inside", lambda t: "s2/../s1/local.txt", False),
    Outside("absolute-inside", lambda t: str(t / "a" / "b" / "s1" / "local.txt"), False),
    Outside("symlink-inside", lambda t: "link-in.txt", False),
]


def _manifest(tmp_path: Path, case: Outside) -> Path:
    base = _tree(tmp_path)
    manifest = base / "manifest.jsonl"
    rows = [{"story_id": "good", "sources": ["s2/wire.txt", "s2/daily.txt"]},
            {"story_id": "probe", "sources": ["s1/wire.txt", case.path(tmp_path)]},
            {"story_id": "after", "sources": ["s2"]}]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return manifest


def _rows(out: Path) -> dict[str, dict]:
    return {r["story_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


@pytest.mark.parametrize("case", OUTSIDE, ids=lambda c: c.id)
def test_manifest_paths_outside_the_folder_are_refused_unless_allowed(tmp_path: Path, case: Outside) -> None:
    manifest = _manifest(tmp_path, case)
    out = tmp_path / "out.jsonl"
    summary = run_batch(manifest, out, checker=make_checker())
    rows = _rows(out)
    assert rows["good"]["status"] == rows["after"]["status"] == "ok"  # the other stories still run
    probe = rows["probe"]
    if case.outside:
        assert probe["status"] == "error" and probe["exit_code"] == 2 and summary.exit_code == 4
        msg = probe["error"]
        assert "\n" not in msg and msg.startswith(f"{manifest}:2: sources[1] {case.path(tmp_path)!r}"), msg
        assert "outside the manifest's folder" in msg and "--allow-outside" in msg
        assert str(tmp_path / "outer") in msg  # where it really leads
        assert "Secret" not in out.read_text(encoding="utf-8")
    else:
        assert probe["status"] == "ok" and summary.exit_code == 0
    allowed = run_batch(manifest, out, checker=make_checker(), allow_outside=True)
    assert _rows(out)["probe"]["status"] == "ok" and allowed.exit_code == 0


@pytest.mark.parametrize("allow", [False, True])
def test_cli_allow_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allow: bool) -> None:
    monkeypatch.setattr("factcheck.batch.CheckerFactory", FakeFactory)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    manifest = _manifest(tmp_path, OUTSIDE[0])
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["batch", str(manifest), "--out", str(out), "-q", *(["--allow-outside"] * allow)])
    assert res.exit_code == (0 if allow else 4), res.output
    assert [r["status"] for r in _rows(out).values()] == ["ok", "ok" if allow else "error", "ok"]
    assert "Traceback" not in res.output and os.path.exists(out)


# ------------------------------------------------------------------------------- --out that cannot take a report


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """check and report build the fake checker; batch its FakeFactory (no model loads)."""
    import factcheck.pipeline

    def make(*, nli_model=None, embedder_model=None, use_nli=True, settings=None, int8=False, bf16=False):
        return Checker(embedder=FakeEmbedder(), nli=FakeNLI(), settings=settings)

    monkeypatch.setattr(factcheck.pipeline, "Checker", make)
    monkeypatch.setattr("factcheck.batch.CheckerFactory", FakeFactory)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _device(folder: Path) -> Path:
    """A character device like /dev/full: our own node where we may make one (root), else /dev/full itself
    (which a non-root user cannot replace, so a regression cannot destroy it)."""
    node = folder / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, AttributeError, OSError):
        return Path("/dev/full")
    return node


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe")
    return folder / "pipe"


@dataclass(frozen=True)
class Out:
    """One bad --out: how to make it from the setup, the commands it applies to, the needle of the error."""

    id: str
    make: Callable[[dict[str, Path]], Path]
    needle: str
    commands: tuple[str, ...]


ALL = ("check", "report", "batch")
INPUTS = ("check", "report", "batch-manifest")  # "input": an article, the saved report, the manifest
OUTS = [
    Out("an-input", lambda s: s["input"], "one of the inputs", INPUTS),
    Out("an-input-through-a-symlink", lambda s: _symlink(s["tmp"] / "alias", s["input"]), "one of the inputs",
        INPUTS),
    Out("an-article-of-a-story-folder", lambda s: s["article"], "an article of story 's1'", ("batch",)),
    Out("an-article-named-in-the-manifest", lambda s: s["named"], "named on line 1 of the manifest",
        ("batch-manifest",)),
    Out("a-folder", lambda s: s["tmp"], "--out is a folder", ALL),
    Out("a-device-like-dev-full", lambda s: _device(s["tmp"]), "not a regular file", ALL),
    Out("a-fifo", lambda s: _fifo(s["tmp"]), "not a regular file", ALL),
]


def _symlink(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _setup(tmp_path: Path, command: str) -> dict[str, Path]:
    """Inputs for one command: the stories (and an article of them), a manifest, a saved report."""
    stories = tmp_path / "stories"
    write_story(stories, "s1", 1)
    write_story(stories, "s2", 2)
    manifest = tmp_path / "m" / "manifest.jsonl"
    manifest.parent.mkdir()
    (manifest.parent / "a.txt").write_text((stories / "s1" / "wire.txt").read_text())
    (manifest.parent / "b.txt").write_text((stories / "s1" / "daily.txt").read_text())
    manifest.write_text(json.dumps({"story_id": "x", "sources": ["a.txt", "b.txt"]}) + "\n")
    saved = tmp_path / "saved.json"
    runner.invoke(app, ["check", str(stories / "s1"), "--out", str(saved), "-q"])
    assert saved.exists()
    inputs = {"check": stories / "s1" / "wire.txt", "report": saved, "batch": stories, "batch-manifest": manifest}
    return {"tmp": tmp_path, "stories": stories, "input": inputs[command], "article": stories / "s1" / "daily.txt",
            "named": manifest.parent / "b.txt", "manifest": manifest, "saved": saved}


def _invoke(command: str, s: dict[str, Path], out: Path) -> Any:
    if command == "check":
        args = ["check", s["stories"] / "s1" / "wire.txt", s["stories"] / "s1" / "daily.txt"]
    elif command == "report":
        args = ["report", s["saved"], "--format", "html"]
    else:
        args = ["batch", s["stories"] if command == "batch" else s["manifest"]]
    return runner.invoke(app, [str(a) for a in [*args, "--out", out, *(["-q"] if command != "report" else [])]])


@pytest.mark.parametrize("case,command", [(c, cmd) for c in OUTS for cmd in c.commands],
                         ids=[f"{c.id}-{cmd}" for c in OUTS for cmd in c.commands])
def test_bad_out_is_one_line_exit_2_and_touches_nothing(fakes: None, tmp_path: Path, case: Out, command: str) -> None:
    s = _setup(tmp_path, command)
    out = case.make(s)
    before = snapshot(tmp_path)
    res = _invoke(command, s, out)
    line = assert_one_error(res, OutputError.exit_code, case.needle, str(out))
    assert "Traceback" not in line
    assert snapshot(tmp_path) == before  # every input as it was, no half-written or temporary file
    assert stat.S_ISCHR(os.lstat(out).st_mode) if "device" in case.id else True


@pytest.mark.parametrize("command", ["check", "report", "batch"])
def test_out_in_a_folder_that_is_not_writable_real_chmod(fakes: None, tmp_path: Path, command: str) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: a read-only folder does not stop root (see the simulated tests)")
    s = _setup(tmp_path, command)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        before = snapshot(tmp_path)
        assert_one_error(_invoke(command, s, locked / "r.out"), 2, "Permission denied", "locked")
        assert snapshot(tmp_path) == before and not list(locked.iterdir())
    finally:
        locked.chmod(0o755)


def test_batch_out_that_cannot_be_opened_simulated(fakes: None, tmp_path: Path, monkeypatch) -> None:
    s = _setup(tmp_path, "batch")
    real = os.open
    target = tmp_path / "locked" / "r.jsonl"

    def denied(path: Any, *a: Any, **kw: Any) -> int:
        if Path(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *a, **kw)

    monkeypatch.setattr(factcheck.batch.os, "open", denied)
    assert_one_error(_invoke("batch", s, target), 2, "Permission denied", str(target))
    assert not target.exists()


@pytest.mark.parametrize("when", ["first-line", "third-line", "final-flush"])
def test_batch_disk_full_is_an_output_error_and_resume_finishes(fakes: None, tmp_path: Path, monkeypatch,
                                                               when: str) -> None:
    """ENOSPC while appending: OutputError (exit 2) naming --resume; OUT holds whole lines; resume completes it."""
    s = _setup(tmp_path, "batch")
    for k in range(3, 6):
        write_story(s["stories"], f"s{k}", k)
    out = tmp_path / "r.jsonl"
    fail_at = {"first-line": 1, "third-line": 3, "final-flush": 99}[when]
    real_fdopen = factcheck.batch.os.fdopen

    class Full:
        def __init__(self, f: Any) -> None:
            self.f, self.n = f, 0

        def write(self, text: str) -> int:
            self.n += 1
            if self.n >= fail_at:
                self.f.write(text[: len(text) // 2])  # a torn line, as a real full disk may leave
                self.f.flush()
                raise OSError(28, "No space left on device")
            return self.f.write(text)

        def flush(self) -> None:
            if when == "final-flush" and self.n >= 5:
                raise OSError(28, "No space left on device")
            self.f.flush()

        def __getattr__(self, name: str) -> Any:
            return getattr(self.f, name)

    monkeypatch.setattr(factcheck.batch.os, "fdopen", lambda fd, *a, **kw: Full(real_fdopen(fd, *a, **kw)))
    line = assert_one_error(_invoke("batch", s, out), 2, "No space left on device", "--resume", str(out))
    assert "Traceback" not in line
    monkeypatch.undo()
    monkeypatch.setattr("factcheck.batch.CheckerFactory", FakeFactory)
    res = runner.invoke(app, ["batch", str(s["stories"]), "--out", str(out), "--resume", "-q"])
    assert res.exit_code == 0, res.output
    assert sorted(_rows(out)) == [f"s{k}" for k in range(1, 6)]


# ------------------------------------------------------------------------------- very big inputs (bounded work)
# Times and peak memory: scripts/bench_big_inputs.py, quoted in docs/robustness.md. These tests assert behaviour.

GOOD_SHORT = "A fire destroyed 27 homes in the town on Wednesday, officials said. Nobody was hurt in the fire."
NO_PUNCTUATION = " ".join(["fire crews worked through the night to save the town and its people"] * 3_000)[:200_000]


@pytest.mark.parametrize("n_chars,max_sentences", [(400_000, 50), (400_000, 1)], ids=["50", "1"])
def test_a_source_over_max_sentences_is_refused_before_the_rest_is_split(monkeypatch, n_chars: int,
                                                                        max_sentences: int) -> None:
    """Splitting stops at the first sentence over the limit: the work depends on the limit, not on the article."""
    import factcheck.split

    seen = {"chars": 0}
    real = factcheck.split._segmenter()

    class Counting:
        def segment(self, chunk: str) -> Any:
            seen["chars"] += len(chunk)
            return real.segment(chunk)

    monkeypatch.setattr(factcheck.split, "_segmenter", lambda: Counting())
    line = "Crews from station {k} fought the fire near the old mill for hours, the chief said."
    text = "Fire report\n\n" + "\n".join(line.format(k=k) for k in range(n_chars // len(line)))
    checker = Checker(embedder=FakeEmbedder(), nli=FakeNLI(),
                      settings=Settings(max_chars=len(text), max_sentences=max_sentences))
    with pytest.raises(LimitExceededError, match=f"more than {max_sentences} sentences, over the limit of "
                                                 f"{max_sentences}; raise it with --max-sentences"):
        checker.check([Document(text, source="big"), Document(GOOD_SHORT, source="short")])
    assert 0 < seen["chars"] <= (max_sentences + 1) * len(line) + factcheck.split.MAX_CHUNK  # not 400,000


def test_a_story_over_max_total_sentences_stops_at_the_source_that_passes_it() -> None:
    many = "\n".join(f"Crews from station {k} fought the fire near the old mill, the chief said." for k in range(40))
    checker = Checker(embedder=FakeEmbedder(), nli=FakeNLI(), settings=Settings(max_total_sentences=50))
    with pytest.raises(LimitExceededError, match="b: the story reaches more than 50 sentences"):
        checker.check([Document(many, source="a"), Document(many.replace("chief", "mayor"), source="b")])


def test_a_200000_character_sentence_without_punctuation_gives_bounded_pieces() -> None:
    from factcheck.split import MAX_CHUNK, _chunks

    assert len(NO_PUNCTUATION) == 200_000 and not any(c in NO_PUNCTUATION for c in ".!?")
    chunks = _chunks(NO_PUNCTUATION, 0, len(NO_PUNCTUATION), MAX_CHUNK)
    assert all(b - a <= MAX_CHUNK for a, b in chunks) and len(chunks) >= 200_000 // MAX_CHUNK  # pysbd gets pieces
    text = "Fire report\n\n" + NO_PUNCTUATION
    report = Checker(embedder=FakeEmbedder(), nli=FakeNLI()).check(
        [Document(text, source="big"), Document(GOOD_SHORT, source="short")])
    big = [s for s in report.sentences if s.source == "big"]
    assert all(len(s.text) <= 2000 and text[s.start:s.end] == s.text for s in big)
    assert sum(len(s.text) for s in big) >= 0.99 * len(NO_PUNCTUATION)  # cut at word boundaries, not lost


@pytest.mark.parametrize("text", ["", " ", "a b", "  a\tb\n\nc  ", "a\u00a0b\u2028c\x1cd\x85e", "\u3000x\u3000"],
                         ids=["empty", "space", "plain", "runs", "unicode-spaces", "ideographic"])
def test_the_duplicate_digest_needs_no_list_of_words_and_is_unchanged(text: str) -> None:
    import hashlib

    from factcheck.pipeline import _text_digest

    assert _text_digest(text) == hashlib.sha1(" ".join(text.split()).encode()).hexdigest()


def test_write_atomic_never_replaces_a_device_or_a_pipe(tmp_path) -> None:
    import os

    from factcheck.errors import OutputError
    from factcheck.report import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(fifo, "x")
    assert fifo.exists() and not fifo.is_file()  # still the pipe
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic("/dev/null", "x")
