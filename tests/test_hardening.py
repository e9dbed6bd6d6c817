"""Hardening, round two (issue 16): manifests that lead outside their folder, --out paths that cannot take
a report, very big inputs. Table-driven like tests/test_robustness.py; docs/robustness.md lists each case.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.batch import run_batch
from factcheck.cli import app

from .test_batch import FakeFactory, make_checker, write_story

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
