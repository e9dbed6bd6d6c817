"""Hostile and broken input (issue 7): nothing crashes, nothing leaks, nothing is lost.

Every input case runs through the library (``Checker`` with the fake models) and through the CLI
(``CliRunner``, same fakes). On error the CLI exits with the documented code and prints exactly one
``factcheck: error:`` line that names the file, no traceback; the input files keep their bytes and
mtime and no output file is written. docs/robustness.md lists every case and the test that covers it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import factcheck.embed
import factcheck.nli
import factcheck.pipeline
import factcheck.report
from factcheck.cli import app
from factcheck.config import Settings
from factcheck.errors import (
    EmptySourceError,
    FactcheckError,
    InvalidDocumentError,
    LimitExceededError,
    OutputError,
    ReportFormatError,
    SourceNotFoundError,
    TooFewSourcesError,
    UnsupportedFileError,
)
from factcheck.load import load_documents
from factcheck.pipeline import Checker
from factcheck.report import read_report, render, write_atomic
from factcheck.results import Document

from .conftest import SEEDS, FakeEmbedder, FakeNLI
from .test_property import check_schema1

runner = CliRunner()

GOOD = """Fire hits town

A fire destroyed 27 homes in the town of Millbrook on Wednesday, officials said.
No one was hurt in the fire, the mayor told reporters at the scene.
The cause of the fire is under investigation, police said on Thursday.
"""
OTHER = """Blaze in Millbrook

A fire destroyed 27 homes in Millbrook on Wednesday, the fire chief said.
Nobody was hurt in the blaze, the mayor said.
Officials said the café on the main street was closed for the day.
Investigators are looking into the cause of the fire, police said.
"""
HOSTILE_HTML = """<!doctype html><html><head><title>Blaze in Millbrook</title>
<style>body { color: red } .x::after { content: "STYLELEAK the fire hit the town" }</style>
<script>var SCRIPTLEAK = "A fire destroyed 99 homes in the town on Monday, officials said.";</script>
<script type="application/ld+json">{"headline": "JSONLDLEAK fire", "articleBody": "JSONLDLEAK body"}</script>
</head><body>
<nav>Home &gt; News &gt; Local</nav>
<iframe src="https://ads.example/frame">IFRAMELEAK text inside the iframe element</iframe>
<iframe srcdoc="<p>SRCDOCLEAK the fire destroyed the whole town</p>"></iframe>
<article><h1>Blaze in Millbrook</h1>
<p>A fire destroyed 27 homes in Millbrook on Wednesday, the fire chief said on Thursday.</p>
<script>document.write("SCRIPTLEAK2 in the middle of the article body")</script>
<noscript>NOSCRIPTLEAK please enable javascript to read this article</noscript>
<p>Nobody was hurt in the blaze, the mayor told reporters at the scene.</p>
<style>p { margin: 0 } /* STYLELEAK2 */</style>
<p onclick="alert('ATTRLEAK')">Investigators are looking into the cause of the fire, police said.</p>
<svg><script>SVGLEAK()</script></svg>
</article></body></html>"""
GERMAN = """Feuer zerstört Häuser

Ein Feuer hat am Mittwoch 27 Häuser in der Stadt Millbrook zerstört, sagten die Behörden.
Niemand wurde bei dem Brand verletzt, sagte der Bürgermeister den Reportern vor Ort.
Die Ursache des Feuers wird noch untersucht, teilte die Polizei am Donnerstag mit.
Die Feuerwehr war mit achtzig Einsatzkräften vor Ort und konnte den Brand erst am Abend löschen.
"""
CHINESE = "小镇发生大火\n\n周三，一场大火烧毁了米尔布鲁克镇的27所房屋，官员们说。\n市长告诉记者，没有人在火灾中受伤。\n"
ARABIC = ("حريق في البلدة\n\nدمر حريق 27 منزلا في البلدة يوم الأربعاء، حسبما قال المسؤولون.\n"
          "وقال رئيس البلدية إنه لم يصب أحد.\n")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(20)
LONG_SENTENCE = "Fire report\n\n" + "The fire crews worked through the night to save the town and " * 170 + "rested."


@pytest.fixture(autouse=True)
def fake_models(monkeypatch):
    """The CLI builds its Checker with the fake models (as in tests/test_cli.py)."""

    def make(*, nli_model=None, embedder_model=None, use_nli=True, settings=None, int8=False, bf16=False):
        return Checker(embedder=FakeEmbedder(), nli=FakeNLI() if use_nli else None, use_nli=use_nli,
                       settings=settings)

    monkeypatch.setattr(factcheck.pipeline, "Checker", make)


def check(inputs: list[Any], **limits: int):
    return Checker(embedder=FakeEmbedder(), nli=FakeNLI(), settings=Settings(**limits)).check(inputs)


def cli(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Bytes (hashed) and mtime of every regular file under ``root``; links and other files by kind."""
    out: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = p.lstat()
            if stat.S_ISLNK(st.st_mode):
                out[str(p)] = ("link", os.readlink(p))
            elif stat.S_ISREG(st.st_mode):
                out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns)
            else:
                out[str(p)] = ("kind", stat.S_IFMT(st.st_mode))
    return out


def assert_one_error(res, code: int, *needles: str) -> str:
    """Exit ``code``, one ``factcheck: error:`` line on stderr holding every needle, no traceback."""
    assert res.exit_code == code, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), lines
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def without_summary(stderr: str) -> list[str]:
    """stderr's lines before the one-screen summary that follows 'wrote ...' (the summary has its own test)."""
    lines = stderr.strip().splitlines()
    wrote = next((k for k, x in enumerate(lines) if x.startswith("wrote ")), None)
    return lines if wrote is None else lines[:wrote + 1]


def assert_ok(res, warning: str = "") -> list[str]:
    """Exit 0 (5 when a file of a folder was skipped); stderr holds only warnings (one holding ``warning`` when
    given) and the 'wrote' line."""
    skipped = ": skipped: " in res.stderr
    assert res.exit_code == (5 if skipped else 0), res.output
    assert (res.exception is None or skipped) and "Traceback" not in res.output
    lines = without_summary(res.stderr)
    assert all(x.startswith(("factcheck: warning: ", "wrote ")) for x in lines), lines
    warns = [x for x in lines if x.startswith("factcheck: warning: ")]
    if warning:
        assert any(warning in w for w in warns), (warning, warns)
    else:
        assert not warns, warns
    return warns


# ------------------------------------------------------------------------------------------- input file cases


@dataclass(frozen=True)
class Case:
    """One hostile input next to a good article: the error it gives (or None: a report) and a needle."""

    id: str
    name: str
    content: bytes | str | Callable[[Path], Path]
    error: type[FactcheckError] | None
    needle: str
    verify: Callable[[dict[str, Any]], None] | None = field(default=None, compare=False)

    def build(self, root: Path) -> Path:
        if callable(self.content):
            return self.content(root / self.name)
        path = root / self.name
        if isinstance(self.content, bytes):
            path.write_bytes(self.content)
        else:
            path.write_text(self.content, encoding="utf-8")
        return path


def _sparse(size: int) -> Callable[[Path], Path]:
    def make(p: Path) -> Path:
        with open(p, "wb") as f:
            f.truncate(size)
        return p

    return make


def _link(target: str) -> Callable[[Path], Path]:
    def make(p: Path) -> Path:
        p.symlink_to(target)
        return p

    return make


def _fifo(p: Path) -> Path:
    os.mkfifo(p)
    return p


def _empty_dir(p: Path) -> Path:
    p.mkdir()
    (p / "notes.csv").write_text("not an article")
    return p


def _dir_with_loops(p: Path) -> Path:
    p.mkdir()
    (p / "other.txt").write_text(OTHER, encoding="utf-8")
    (p / "loop.txt").symlink_to("loop.txt")          # a link to itself
    (p / "dangling.md").symlink_to("nowhere.md")     # a link to nothing
    (p / "sub").symlink_to(".")                      # a folder link back to its own folder
    return p


def _sentence_lengths(max_len: int, min_count: int) -> Callable[[dict[str, Any]], None]:
    def verify(data: dict[str, Any]) -> None:
        mine = [s for s in data["sentences"] if s["source"] != "good"]
        assert len(mine) >= min_count and max(len(s["text"]) for s in mine) <= max_len

    return verify


def _no_leaks(data: dict[str, Any]) -> None:
    dump = json.dumps(data)
    assert "LEAK" not in dump and "<script" not in dump and "alert(" not in dump
    assert any("27 homes" in s["text"] for s in data["sentences"] if s["source"] != "good")


def _has_cafe(data: dict[str, Any]) -> None:
    assert any("café" in s["text"] for s in data["sentences"])


def _no_cr(data: dict[str, Any]) -> None:
    assert all("\r" not in s["text"] and "\ufeff" not in s["text"] for s in data["sentences"])
    assert all("\r" not in s["text"] for s in data["sources"])


CASES = [
    # empty and binary
    Case("empty", "empty.txt", "", EmptySourceError, "empty article"),
    Case("whitespace-only", "blank.txt", " \n\t\r\n\u00a0 \u2003\n\n", EmptySourceError, "empty article"),
    Case("pdf", "report.pdf", PDF, UnsupportedFileError, "PDF"),
    Case("pdf-named-txt", "article.txt", PDF, UnsupportedFileError, "PDF"),
    Case("png", "photo.png", PNG, UnsupportedFileError, "PNG"),
    Case("zip", "story.zip", ZIP, UnsupportedFileError, "zip"),
    Case("docx-is-zip", "story.docx", ZIP, UnsupportedFileError, "zip"),
    Case("nul-bytes", "data.txt", b"abc\x00\x01\x02def" * 10, UnsupportedFileError, "binary"),
    Case("unknown-extension", "notes.csv", OTHER, UnsupportedFileError, "unsupported file type"),
    # encodings and line endings
    Case("invalid-utf8", "broken.txt", OTHER.encode() + b"The mayor said the \xc3 sign \xff fell.\n", None,
         "not valid UTF-8"),
    Case("latin-1", "latin.txt", OTHER.encode("latin-1"), None, "not valid UTF-8", _has_cafe),
    Case("utf-16-bom", "u16.txt", OTHER.encode("utf-16"), None, "", _has_cafe),
    Case("utf-16-be-bom", "u16be.txt", b"\xfe\xff" + OTHER.encode("utf-16-be"), None, "", _has_cafe),
    Case("utf-16-no-bom", "u16raw.txt", OTHER.encode("utf-16-le"), UnsupportedFileError, "UTF-16"),
    Case("utf-8-bom", "bom.txt", "\ufeff" + OTHER, None, "", _no_cr),
    Case("crlf", "crlf.txt", OTHER.replace("\n", "\r\n").encode(), None, "", _no_cr),
    Case("cr-only", "cr.txt", OTHER.replace("\n", "\r").encode(), None, "", _no_cr),
    # size
    Case("5-MB", "big5.txt", ("A fire destroyed 27 homes in the town. " * 135_000).encode(), LimitExceededError,
         "--max-chars"),
    Case("50-MB", "big50.txt", _sparse(50 * 1024 * 1024), LimitExceededError, "--max-chars"),
    Case("10k-char-sentence", "long.txt", LONG_SENTENCE, None, "", _sentence_lengths(2000, 5)),
    Case("10k-char-word", "word.txt", OTHER + "Then " + "A" * 10_000 + " was the word the crews wrote.\n", None, "",
         _sentence_lengths(2000, 4)),
    # HTML
    Case("html-scripts-styles-iframes", "page.html", HOSTILE_HTML, None, "", _no_leaks),
    Case("html-saved-as-txt", "page.txt", HOSTILE_HTML, None, "", _no_leaks),
    Case("html-without-article", "scripts.html", "<html><head><script>var a = 'SCRIPTLEAK';</script></head>"
         "<body><style>b{}</style></body></html>", EmptySourceError, "empty article"),
    # JSON / JSONL
    Case("json-missing-text", "a.json", json.dumps({"source": "x", "title": "t"}), InvalidDocumentError,
         "missing field 'text'"),
    Case("json-text-number", "a.json", json.dumps({"text": 5}), InvalidDocumentError, "'text' must be a string"),
    Case("json-text-list", "a.json", json.dumps({"text": ["a", "b"]}), InvalidDocumentError, "must be a string"),
    Case("json-source-number", "a.json", json.dumps({"text": OTHER, "source": 7}), InvalidDocumentError,
         "'source' must be a string"),
    Case("json-date-object", "a.json", json.dumps({"text": OTHER, "date": {"y": 2022}}), InvalidDocumentError,
         "'date' must be a string"),
    Case("json-null", "a.json", "null", InvalidDocumentError, "expected a JSON object"),
    Case("json-number", "a.json", "42", InvalidDocumentError, "expected a JSON object"),
    Case("json-string", "a.json", '"just a string"', InvalidDocumentError, "expected a JSON object"),
    Case("json-empty-list", "a.json", "[]", EmptySourceError, "no documents"),
    Case("json-empty-file", "a.json", "", EmptySourceError, "empty file"),
    Case("json-invalid", "a.json", '{"text": "A fire', InvalidDocumentError, "invalid JSON"),
    Case("json-deeply-nested", "a.json", "[" * 100_000 + "]" * 100_000, InvalidDocumentError, "nested too deeply"),
    Case("json-list-with-number", "a.json", json.dumps([{"text": OTHER}, 5]), InvalidDocumentError,
         "a.json:2: expected a JSON object"),
    Case("jsonl-bad-line", "a.jsonl", json.dumps({"text": OTHER}) + "\n{broken\n", InvalidDocumentError,
         "a.jsonl:2: invalid JSON"),
    Case("jsonl-array-line", "a.jsonl", json.dumps({"text": OTHER}) + "\n[1, 2]\n", InvalidDocumentError,
         "expected a JSON object"),
    Case("jsonl-null-text", "a.jsonl", '{"text": null}\n', EmptySourceError, "empty article"),
    Case("jsonl-deeply-nested", "a.jsonl", "[" * 100_000 + "\n", InvalidDocumentError, "nested too deeply"),
    # paths
    Case("missing-file", "nope.txt", lambda p: p, SourceNotFoundError, "no such file"),
    Case("missing-folder", "nodir", lambda p: p / "a.txt", SourceNotFoundError, "no such file"),
    Case("symlink-to-itself", "loop.txt", _link("loop.txt"), SourceNotFoundError, "symlink loop"),
    Case("dangling-symlink", "dangling.txt", _link("gone.txt"), SourceNotFoundError, "broken symbolic link"),
    Case("folder-with-symlink-loops", "folder", _dir_with_loops, None, "symlink loop"),
    Case("fifo", "pipe.txt", _fifo, UnsupportedFileError, "not a regular file"),
    Case("device", "null", lambda p: Path("/dev/null"), UnsupportedFileError, "not a regular file"),
    Case("folder-without-articles", "empty", _empty_dir, EmptySourceError, "holds no articles"),
    # languages
    Case("german", "german.txt", GERMAN, None, "does not look like English"),
    Case("chinese", "chinese.txt", CHINESE, EmptySourceError, "non-Latin script"),
    Case("arabic", "arabic.txt", ARABIC, EmptySourceError, "non-Latin script"),
]


def _setup(case: Case, tmp_path: Path) -> tuple[Path, Path, Path]:
    root = tmp_path / "in"
    root.mkdir()
    good = root / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return root, good, case.build(root)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_input_case_library(case: Case, tmp_path: Path) -> None:
    root, good, bad = _setup(case, tmp_path)
    before = snapshot(root)
    if case.error is not None:
        with pytest.raises(case.error) as exc:
            check([good, bad])
        msg = str(exc.value)
        assert case.needle in msg and bad.name in msg and "\n" not in msg, msg
    else:
        report = check([good, bad])
        data = report.to_dict()
        check_schema1(data)
        if case.needle:
            assert any(case.needle in w for w in report.warnings), report.warnings
        else:
            assert not report.warnings, report.warnings
        if case.verify:
            case.verify(data)
    assert snapshot(root) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_input_case_cli(case: Case, tmp_path: Path) -> None:
    root, good, bad = _setup(case, tmp_path)
    out = tmp_path / "out" / "report.json"
    before = snapshot(root)
    res = cli("check", good, bad, "--out", out)
    if case.error is not None:
        assert_one_error(res, case.error.exit_code, case.needle, bad.name)
        assert not out.parent.exists()
    else:
        warns = assert_ok(res, case.needle)
        assert all(bad.name in w for w in warns)
        data = read_report(out)
        check_schema1(data)
        if case.verify:
            case.verify(data)
    assert snapshot(root) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.id in ("png", "missing-file", "json-text-number", "empty")],
                         ids=lambda c: c.id)
def test_bad_draft_cli(case: Case, tmp_path: Path) -> None:
    root, good, draft = _setup(case, tmp_path)
    (root / "other.txt").write_text(OTHER)
    before = snapshot(root)
    out = tmp_path / "out" / "r.json"
    assert_one_error(cli("check", good, root / "other.txt", "--draft", draft, "--out", out), 2, case.needle, draft.name)
    assert not out.parent.exists() and snapshot(root) == before


def test_50_mb_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    big = _sparse(50 * 1024 * 1024)(tmp_path / "big.txt")

    def no_read(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(LimitExceededError, match=r"52,428,800 bytes.*--max-chars"):
        load_documents([big])


def test_raising_max_chars_reads_the_5_mb_file_and_the_next_limit_names_its_option(tmp_path: Path) -> None:
    big = tmp_path / "big5.txt"
    big.write_text("A fire destroyed 27 homes in the town.\n" * 135_000, encoding="utf-8")
    docs = load_documents([big], max_chars=6_000_000)
    assert len(docs[0].text) == 39 * 135_000
    with pytest.raises(LimitExceededError, match="--max-chars"):
        load_documents([big], max_chars=5_000_000)


def test_one_long_paragraph_is_split_in_bounded_chunks(monkeypatch) -> None:
    """pysbd slows down faster than linearly on one long paragraph; the splitter feeds it bounded chunks."""
    import factcheck.split

    text = " ".join(f"Crews from station {k} fought the fire near the old mill on the river." for k in range(400))
    spans = [(0, len(text))]
    chunked = factcheck.split.split_sentences(text, spans)
    monkeypatch.setattr(factcheck.split, "MAX_CHUNK", 10**9)
    assert chunked == factcheck.split.split_sentences(text, spans)
    assert len(chunked) == 400 and all(text[s.start:s.end] == s.text for s in chunked)
    pieces = factcheck.split._chunks(text, 0, len(text), 5_000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text) and all(b - a <= 5_000 for a, b in pieces)
    assert all(text[b - 2:b] == ". " for a, b in pieces[:-1])


# ------------------------------------------------------------------------------------------- unreadable input


def _deny(monkeypatch, method: str, victim: str) -> None:
    real = getattr(Path, method)

    def denied(self: Path, *a: Any, **kw: Any) -> Any:
        if self.name == victim:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *a, **kw)

    monkeypatch.setattr(Path, method, denied)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    secret = tmp_path / "secret.txt"
    secret.write_text(OTHER)
    before = snapshot(tmp_path)
    with monkeypatch.context() as m:
        _deny(m, "read_bytes", "secret.txt")
        with pytest.raises(SourceNotFoundError, match=r"secret\.txt: cannot read file \(Permission denied\)"):
            check([good, secret])
        res = cli("check", good, secret, "--out", tmp_path / "out.json")
    assert_one_error(res, 2, "secret.txt", "Permission denied", "check permissions")
    assert snapshot(tmp_path) == before


def test_unreadable_folder_simulated(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(OTHER)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    with monkeypatch.context() as m:
        _deny(m, "iterdir", "locked")
        with pytest.raises(SourceNotFoundError, match=r"locked: cannot list directory \(Permission denied\)"):
            check([good, tmp_path / "locked"])
        res = cli("check", good, tmp_path / "locked")
    assert_one_error(res, 2, "locked", "Permission denied")


def test_unreadable_file_real_chmod(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading (see the simulated test)")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    secret = tmp_path / "secret.txt"
    secret.write_text(OTHER)
    secret.chmod(0)
    try:
        with pytest.raises(SourceNotFoundError, match="cannot read"):
            check([good, secret])
        assert_one_error(cli("check", good, secret), 2, "secret.txt", "cannot read")
    finally:
        secret.chmod(0o644)


# ------------------------------------------------------------------------------------------- sources and limits


def test_one_source_only(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    with pytest.raises(TooFewSourcesError, match="at least two"):
        check([good])
    assert_one_error(cli("check", good, "--out", tmp_path / "o.json"), 2, "at least two", "good")
    assert not (tmp_path / "o.json").exists()


def test_identical_sources_are_compared_once(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    a.write_text(GOOD)
    b.write_text(GOOD.replace("\n", "\r\n") + "  \n")  # the same words, other whitespace
    c.write_text(OTHER)
    with pytest.raises(TooFewSourcesError, match=r"got 1 \(a\) \(1 more had the same text\)"):
        check([a, b])
    assert_one_error(cli("check", a, b), 2, "at least two", "same text")
    report = check([a, b, c])
    assert [s.id for s in report.sources] == ["a", "c"]
    assert any("b.txt: same text as source 'a'; compared once" in w for w in report.warnings)
    assert_ok(cli("check", a, b, c, "--out", tmp_path / "r.json"), "b.txt: same text as source 'a'; compared once")


def _word(n: int) -> str:
    letters = ""
    n += 26 * 27
    while n:
        n, r = divmod(n, 26)
        letters = "bcdfghjklmnpqrstvwxyzaeiou"[r] + letters
    return letters


def _many_sources(folder: Path, n: int) -> Path:
    folder.mkdir()
    for k in range(n):
        words = [_word(k * 12 + j) for j in range(12)]
        text = (f"{' '.join(words[:3]).title()}\n\n{' '.join(words[3:8]).capitalize()} said the mayor.\n"
                f"{' '.join(words[8:]).capitalize()} were seen on Monday.\n")
        (folder / f"s{k:03d}.txt").write_text(text)
    return folder


def test_200_sources_work_and_201_name_the_option(tmp_path: Path) -> None:
    ok = _many_sources(tmp_path / "ok", 200)
    report = check([ok])
    assert len(report.sources) == 200
    check_schema1(report.to_dict())
    assert_ok(cli("check", ok, "--out", tmp_path / "r.json"))
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["n_sources"] == 200
    big = _many_sources(tmp_path / "big", 201)
    with pytest.raises(LimitExceededError, match=r"201 sources, over the limit of 200; raise it with --max-sources"):
        check([big])
    assert_one_error(cli("check", big, "--out", tmp_path / "r2.json"), 2, "201 sources", "--max-sources")
    assert not (tmp_path / "r2.json").exists()


@pytest.mark.parametrize("option,value,needle", [
    ("--max-chars", 100, "over the limit of 100; raise it with --max-chars"),
    ("--max-sources", 1, "2 sources, over the limit of 1; raise it with --max-sources"),
    ("--max-sentences", 2, "over the limit of 2; raise it with --max-sentences"),
])
def test_each_limit_names_its_option(tmp_path: Path, option: str, value: int, needle: str) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GOOD)
    b.write_text(OTHER)
    with pytest.raises(LimitExceededError, match=re.escape(needle)):
        check([a, b], **{option[2:].replace("-", "_"): value})
    assert_one_error(cli("check", a, b, option, value, "--out", tmp_path / "r.json"), 2, needle)
    assert not (tmp_path / "r.json").exists()


# ------------------------------------------------------------------------------------------- one-line messages


def test_control_characters_in_names_stay_on_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    odd = tmp_path / "bad\nname\x1b[2J.txt"
    with pytest.raises(SourceNotFoundError) as exc:
        check([good, odd])
    assert str(exc.value).isprintable() and "bad\\nname\\x1b[2J.txt" in str(exc.value)
    assert_one_error(cli("check", good, odd), 2, "bad\\nname\\x1b[2J.txt")
    doc = tmp_path / "one.json"
    doc.write_text(json.dumps({"source": "AP\nfactcheck: error: forged\x1b[31m", "text": GOOD}))
    res = cli("check", doc)
    assert "AP factcheck: error: forged [31m" in assert_one_error(res, 2, "at least two")
    report = check([doc, Document(OTHER, source="B\r\nC")])
    assert [s.id for s in report.sources] == ["AP factcheck: error: forged [31m", "B C"]


# ------------------------------------------------------------------------------------------- saved reports


@pytest.fixture
def saved(tmp_path: Path) -> dict[str, Any]:
    return check([Document(GOOD, source="a"), Document(OTHER, source="b")]).to_dict()


def _damaged(data: dict[str, Any]) -> dict[str, Any]:
    for s in data["sentences"]:
        del s["text"]
    return data


REPORT_CASES = [
    ("not-json", "this is not json", "not a JSON report"),
    ("binary", PNG, "not a JSON report"),
    ("empty", "", "not a JSON report"),
    ("json-list", "[1, 2]", "expected a JSON object"),
    ("schema-9", json.dumps({"schema_version": "9"}), "schema_version is '9', this factcheck reads '1'"),
    ("schema-number", json.dumps({"schema_version": 1}), "schema_version is 1"),
    ("no-schema", json.dumps({"sources": []}), "schema_version is None"),
    ("missing-fields", json.dumps({"schema_version": "1", "sources": []}), "missing fields sentences, claims"),
    ("wrong-types", lambda d: {**d, "sources": 5, "summary": []}, "wrong type of sources, summary"),
    ("wrong-count-type", lambda d: {**d, "summary": {**d["summary"], "n_sources": "<b>2</b>"}},
     "wrong type of summary.n_sources"),
    ("damaged-entries", _damaged, "damaged report"),
    ("deeply-nested", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("name,content,needle", REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_bad_saved_report(tmp_path: Path, saved: dict[str, Any], name: str, content: Any, needle: str,
                          fmt: str) -> None:
    path = tmp_path / f"{name}.json"
    if callable(content):
        path.write_text(json.dumps(content(saved)))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    if needle == "damaged report" and fmt == "json":
        pytest.skip("the json format passes a parsed report through unchanged")
    before = snapshot(tmp_path)
    with pytest.raises(ReportFormatError, match=re.escape(needle)):
        render(read_report(path), fmt)
    out = tmp_path / "out" / f"r.{fmt}"
    assert_one_error(cli("report", path, "--format", fmt, "--out", out), 2, needle, path.name)
    assert not out.parent.exists() and snapshot(tmp_path) == before


def test_missing_and_folder_saved_report(tmp_path: Path) -> None:
    assert_one_error(cli("report", tmp_path / "gone.json"), 2, "gone.json", "no such file")
    assert_one_error(cli("report", tmp_path), 2, "not a JSON report")


def test_saved_report_round_trip(tmp_path: Path, saved: dict[str, Any]) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(saved))
    for fmt in ("md", "json"):
        res = cli("report", path, "--format", fmt)
        assert res.exit_code == 0 and res.stdout
    assert json.loads(render(read_report(path), "json")) == saved


# ------------------------------------------------------------------------------------------- output path


def _sources(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(GOOD)
    (root / "b.txt").write_text(OTHER)
    return root / "a.txt", root / "b.txt"


def test_output_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    a, b = _sources(tmp_path)
    out = tmp_path / "new" / "deeper" / "r.json"
    assert_ok(cli("check", a, b, "--out", out))
    check_schema1(read_report(out))


@pytest.mark.parametrize("kind", ["parent-is-a-file", "out-is-a-folder", "no-permission", "disk-full"])
def test_output_that_cannot_be_written(tmp_path: Path, monkeypatch, kind: str) -> None:
    a, b = _sources(tmp_path)
    before = snapshot(tmp_path / "in")
    needle = {"parent-is-a-file": "cannot write", "out-is-a-folder": "Is a directory",
              "no-permission": "Permission denied", "disk-full": "No space left on device"}[kind]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "r.json"
    out.write_text("old report")
    if kind == "parent-is-a-file":
        out = out / "r.json"
    elif kind == "out-is-a-folder":
        out = out_dir
    elif kind == "no-permission":
        def denied(*a: Any, **kw: Any) -> Any:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(factcheck.report.tempfile, "mkstemp", denied)
    else:
        def full(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(factcheck.report.os, "fsync", full)
    with pytest.raises(OutputError, match=needle):
        write_atomic(out, "new report")
    cli_needle = "--out is a folder" if kind == "out-is-a-folder" else needle  # refused before the check runs
    line = assert_one_error(cli("check", a, b, "--out", out), 2, cli_needle, "--out")
    assert out.name in line
    assert sorted(p.name for p in out_dir.iterdir()) == ["r.json"]  # no temporary file left behind
    assert (out_dir / "r.json").read_text() == "old report"
    assert snapshot(tmp_path / "in") == before


def test_output_folder_not_writable_real_chmod(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: a read-only folder does not stop root (see the simulated test)")
    a, b = _sources(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert_one_error(cli("check", a, b, "--out", locked / "r.json"), 2, "Permission denied")
        assert not list(locked.iterdir())
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("existing", [True, False])
def test_interrupt_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch, existing: bool) -> None:
    target = tmp_path / "r.json"
    if existing:
        target.write_text("old report")
    calls = []

    def interrupted(fd: int) -> None:
        calls.append(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(factcheck.report.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "x" * 1_000_000)
    assert calls
    assert [p.name for p in tmp_path.iterdir()] == (["r.json"] if existing else [])
    if existing:
        assert target.read_text() == "old report"
    a, b = _sources(tmp_path)
    res = cli("check", a, b, "--out", target)
    assert_one_error(res, 130, "interrupted; nothing was written")
    assert sorted(p.name for p in tmp_path.iterdir()) == (["in", "r.json"] if existing else ["in"])
    if existing:
        assert target.read_text() == "old report"


def test_interrupt_while_checking_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    a, b = _sources(tmp_path)

    def interrupted(text: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(factcheck.pipeline, "clean_text", interrupted)
    assert_one_error(cli("check", a, b, "--out", tmp_path / "r.json"), 130, "interrupted")
    assert not (tmp_path / "r.json").exists()


# ------------------------------------------------------------------------------------------- escaping


HOSTILE_A = """Fire <b>hits</b> | town **now**

A fire destroyed 27 homes | in the town on Wednesday, officials <script>alert(1)</script> said.
No one was hurt in the [fire](javascript:alert(1)), the **mayor** told `reporters` at the <img src=x onerror=alert(2)>.
"""
HOSTILE_B = """A fire destroyed 27 homes | in the town on Thursday, officials <script>alert(1)</script> said.
No one was hurt in the [fire](javascript:alert(1)), the **mayor** told reporters # at the scene.
"""


@pytest.fixture
def hostile() -> dict[str, Any]:
    checker = Checker(embedder=FakeEmbedder(), nli=FakeNLI())
    draft = Document("Officials <script>alert(3)</script> said | 27 homes burned on Wednesday.", source="d")
    data = checker.check_draft(draft, [Document(HOSTILE_A, source="A|<i>x</i>", title="<script>t()</script> | T"),
                                       Document(HOSTILE_B, source="B")]).to_dict()
    assert any(p["label"] == "contradiction" for p in data["pairs"]) and data["draft"]
    return data


def _cells(line: str) -> int:
    """Table cells of a Markdown row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) - 1


def test_markdown_escapes_article_text(hostile: dict[str, Any]) -> None:
    md = render(hostile, "md")
    assert "<" not in md and "](" not in md and "**mayor**" not in md and "`reporters`" not in md
    assert r"&lt;script&gt;alert\(1\)&lt;/script&gt;" in md
    lines = md.splitlines()
    tables = 0
    for k, line in enumerate(lines):
        if line.startswith("|---"):
            tables += 1
            width = _cells(lines[k - 1])
            body = [x for x in lines[k + 1:k + 1 + 1000]]
            body = body[:next((n for n, x in enumerate(body) if not x.startswith("|")), len(body))]
            assert _cells(line) == width and all(_cells(x) == width for x in body), (lines[k - 1], body)
    assert tables >= 6
    assert any(line.startswith("| ") and "\\|" in line for line in lines)


def test_html_escapes_article_text(hostile: dict[str, Any]) -> None:
    page = render(hostile, "html")
    benign = render(check([Document(GOOD, source="a"), Document(OTHER, source="b")]).to_dict(), "html")
    for raw in ("<script>alert(", "<script>t()", "<b>hits</b>", "<i>x</i>", "<img", "javascript:alert"):
        if raw == "javascript:alert":
            assert 'href="javascript' not in page
        else:
            assert raw not in page, raw
    assert page.count("<script") == benign.count("<script")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ------------------------------------------------------------------------------------------- no network


@pytest.fixture
def online(monkeypatch):
    """HF_HUB_OFFLINE unset for the test and restored afterwards (even when the code sets it)."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "unset-me")
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("FACTCHECK_EMBEDDER", raising=False)
    monkeypatch.delenv("FACTCHECK_NLI_MODEL", raising=False)


def _fake_sentence_transformers(monkeypatch, seen: dict[str, Any]) -> None:
    class SentenceTransformer:
        def __init__(self, path: str, device: str) -> None:
            seen.update(path=path, offline=os.environ.get("HF_HUB_OFFLINE"))

    monkeypatch.setitem(sys.modules, "sentence_transformers",
                        types.SimpleNamespace(SentenceTransformer=SentenceTransformer))


def _fake_transformers(monkeypatch, seen: dict[str, Any]) -> None:
    class Model:
        config = types.SimpleNamespace(id2label={0: "entailment", 1: "neutral", 2: "contradiction"})

        def eval(self) -> None:
            pass

    def tokenizer(path: str) -> object:
        seen.update(path=path, offline=os.environ.get("HF_HUB_OFFLINE"))
        return object()

    fake = types.SimpleNamespace(
        AutoTokenizer=types.SimpleNamespace(from_pretrained=tokenizer),
        AutoModelForSequenceClassification=types.SimpleNamespace(from_pretrained=lambda path, dtype=None: Model()))
    monkeypatch.setitem(sys.modules, "transformers", fake)
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(float32="float32"))


def test_default_embedder_loads_offline(online, monkeypatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}
    _fake_sentence_transformers(monkeypatch, seen)
    monkeypatch.setattr(factcheck.embed, "default_embedder_path", lambda: str(tmp_path))
    factcheck.embed.SentenceTransformerEmbedder()._load()
    assert seen == {"path": str(tmp_path), "offline": "1"}


def test_named_hub_embedder_may_use_the_network(online, monkeypatch) -> None:
    seen: dict[str, Any] = {}
    _fake_sentence_transformers(monkeypatch, seen)
    factcheck.embed.SentenceTransformerEmbedder("someone/some-embedder")._load()
    assert seen == {"path": "someone/some-embedder", "offline": None}


def test_default_and_local_nli_models_load_offline(online, monkeypatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}
    _fake_transformers(monkeypatch, seen)
    monkeypatch.setattr(factcheck.nli, "resolve_nli_model", lambda spec: spec or str(tmp_path))
    factcheck.nli.HFNLIModel()._load()
    assert seen == {"path": str(tmp_path), "offline": "1"}


def test_named_hub_nli_model_may_use_the_network(online, monkeypatch) -> None:
    seen: dict[str, Any] = {}
    _fake_transformers(monkeypatch, seen)
    factcheck.nli.HFNLIModel("someone/some-nli-model")._load()
    assert seen == {"path": "someone/some-nli-model", "offline": None}


def test_fake_models_need_no_loader(tmp_path: Path, monkeypatch) -> None:
    """A full check with injected models never touches the model loaders (so never the network)."""

    def boom(*a: Any, **kw: Any) -> None:
        raise AssertionError("a model loader was called")

    monkeypatch.setattr(factcheck.embed.SentenceTransformerEmbedder, "_load", boom)
    monkeypatch.setattr(factcheck.nli.HFNLIModel, "_load", boom)
    check_schema1(check([Document(GOOD, source="a"), Document(OTHER, source="b")]).to_dict())


def test_reports_get_ordinary_permissions(tmp_path):
    """A report is as readable as any file the user writes (not the 0600 of a temporary file)."""
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, "{}")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o640)
        write_atomic(kept, "new")
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "new"
    finally:
        os.umask(old)


def test_a_warning_is_one_line_even_for_a_file_name_with_a_line_break(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text((SEEDS / "000_9ba1f534c752a9a3.txt").read_text())
    odd = tmp_path / "bad\nname.txt"
    odd.write_bytes(b"The mayor\x92s office said 27 people were hurt in the fire on Monday.")  # cp1252 quote
    res = cli("check", good, odd, "--out", tmp_path / "r.json")
    assert res.exit_code == 0, res.output
    warnings = [ln for ln in without_summary(res.stderr) if ln.strip() and not ln.startswith("wrote ")]
    assert len(warnings) == 1 and warnings[0].startswith("factcheck: warning: ") and "bad\\nname.txt" in warnings[0]
