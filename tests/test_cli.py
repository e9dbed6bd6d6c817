"""The CLI: thin over the library, one-line errors, documented exit codes, nothing written on failure."""

import json

import pytest
from typer.testing import CliRunner

import factcheck.errors
import factcheck.pipeline
from factcheck.cli import app
from factcheck.pipeline import Checker

from .conftest import SEEDS, FakeEmbedder, FakeNLI

runner = CliRunner()


MADE: list[dict] = []


@pytest.fixture(autouse=True)
def fake_models(monkeypatch):
    def make(*, nli_model=None, embedder_model=None, use_nli=True, settings=None, int8=False, bf16=False):
        MADE.append({"nli_model": nli_model, "int8": int8, "bf16": bf16})
        nli = FakeNLI() if nli_model is None else None
        return Checker(embedder=FakeEmbedder(), nli=nli, nli_model=nli_model, use_nli=use_nli, settings=settings,
                       int8=int8, bf16=bf16)

    MADE.clear()
    monkeypatch.setattr(factcheck.pipeline, "Checker", make)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_check_writes_json_report(tmp_path):
    out = tmp_path / "r.json"
    res = run("check", SEEDS, "--out", out)
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["schema_version"] == "1" and data["summary"]["n_sources"] == 5


def test_int8_flag_reaches_the_checker(tmp_path):
    assert run("check", SEEDS, "--out", tmp_path / "a.json").exit_code == 0
    assert run("check", SEEDS, "--int8", "--out", tmp_path / "b.json").exit_code == 0
    assert [m["int8"] for m in MADE] == [False, True]


def test_bf16_is_opt_in_for_check(tmp_path):
    assert run("check", SEEDS, "--bf16", "--out", tmp_path / "b.json").exit_code == 0
    assert [m["bf16"] for m in MADE] == [True]


@pytest.mark.parametrize("native,args,want", [
    (True, [], True), (False, [], False), (True, ["--fp32"], False), (False, ["--bf16"], True),
    (True, ["--int8"], False), (True, ["--no-nli"], False)])
def test_batch_runs_bf16_by_default_where_the_cpu_does_it(monkeypatch, tmp_path, native, args, want):
    import factcheck.batch
    import factcheck.nli

    made = []

    def fake_run_batch(*a, factory, **kw):
        made.append(factory)
        raise factcheck.errors.InputError("stop here")

    monkeypatch.setattr(factcheck.nli, "bf16_by_default", lambda: native)
    monkeypatch.setattr(factcheck.batch, "run_batch", fake_run_batch)
    res = run("batch", tmp_path, "--out", tmp_path / "o.jsonl", *args)
    assert res.exit_code == 2 and "stop here" in res.output
    assert made[0].bf16 is want


def test_check_markdown_to_stdout_and_report_command(tmp_path):
    res = run("check", SEEDS, "--format", "md")
    assert res.exit_code == 0 and res.stdout.startswith("# ")
    saved = tmp_path / "r.json"
    run("check", SEEDS, "--out", saved)
    res = run("report", saved, "--format", "md")
    assert res.exit_code == 0 and "## Disputed facts" in res.stdout and "## Contradicting pairs" in res.stdout


@pytest.mark.parametrize("setup,needle", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_text(""), "empty article"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n"), "PNG"),
])
def test_bad_input_exit_2_one_line_no_traceback(tmp_path, setup, needle):
    bad = tmp_path / "bad.txt"
    setup(bad)
    out = tmp_path / "out.json"
    res = run("check", SEEDS / "000_9ba1f534c752a9a3.txt", bad, "--out", out)
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error:") and "bad.txt" in lines[0] and needle in lines[0]
    assert "Traceback" not in res.output and not out.exists()


def test_only_one_source_and_bad_saved_report(tmp_path):
    res = run("check", SEEDS / "000_9ba1f534c752a9a3.txt")
    assert res.exit_code == 2 and "at least two" in res.stderr
    bad = tmp_path / "x.json"
    bad.write_text('{"schema_version": "9"}')
    res = run("report", bad)
    assert res.exit_code == 2 and "schema_version" in res.stderr


def test_unloadable_nli_model_exit_3(tmp_path):
    res = run("check", SEEDS, "--nli-model", tmp_path / "no-such-model")
    assert res.exit_code == 3
    assert "cannot load NLI model" in res.stderr and "--no-nli" in res.stderr and "Traceback" not in res.output


def test_no_nli_is_explicit_and_reported(tmp_path):
    res = run("check", SEEDS, "--no-nli")
    assert res.exit_code == 0
    assert json.loads(res.stdout)["models"]["nli"].startswith("none")
    assert "NLI disabled" in res.stderr


def test_out_may_not_overwrite_an_input(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("A fire destroyed 27 homes on Monday, officials said.")
    other = tmp_path / "b.txt"
    other.write_text("A fire destroyed 72 homes on Monday, officials said.")
    before = src.read_bytes()
    res = run("check", src, other, "--out", src)
    assert res.exit_code == 2 and "--out names one of the inputs" in res.stderr
    assert src.read_bytes() == before


def test_total_sentence_cap(tmp_path):
    res = run("check", SEEDS, "--max-total-sentences", "20")
    assert res.exit_code == 2 and "--max-total-sentences" in res.stderr


def _story_with_junk(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    for f in SEEDS.glob("*.txt"):
        (story / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (story / "scan.pdf").write_bytes(b"%PDF-1.4\n...")
    (story / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n....")
    (story / "broken.txt").write_text("   \n\n", encoding="utf-8")
    (story / "images").mkdir()
    return story


@pytest.mark.parametrize("strict", [False, True])
def test_unusable_files_of_a_folder_are_named_skipped_and_exit_5_or_refused_with_strict(tmp_path, strict):
    story = _story_with_junk(tmp_path)
    out = tmp_path / "r.json"
    res = run("check", story, "--out", out, *(["--strict"] if strict else []))
    if strict:
        assert res.exit_code == 2 and "broken.txt" in res.output and not out.exists()
        return
    assert res.exit_code == 5, res.output
    data = json.loads(out.read_text())
    assert sorted(k["path"].rsplit("/", 1)[-1] for k in data["skipped"]) == ["broken.txt", "images", "photo.png",
                                                                              "scan.pdf"]
    for name, why in (("scan.pdf", "a PDF"), ("photo.png", "a PNG image"), ("broken.txt", "empty")):
        assert any(name in w and why in w for w in data["warnings"]), (name, data["warnings"])
        assert f"{name}: skipped" in res.output
    assert len(data["sources"]) == 5


def test_a_check_ends_with_a_one_screen_summary_unless_quiet(tmp_path):
    out = tmp_path / "r.json"
    res = run("check", SEEDS, "--out", out)
    assert res.exit_code == 0
    assert "factcheck: 5 sources" in res.output and "pairs judged" in res.output
    lines = res.output.splitlines()
    data = json.loads(out.read_text())
    # the disputed facts lead, one line each, before the pair counts
    head = next(k for k, line in enumerate(lines) if line.startswith("  disputed facts: "))
    disputed = data["facts"]["disputed"]
    typed = sum(f["basis"] != "nli" for f in disputed)
    assert lines[head] == f"  disputed facts: {len(disputed)}" + (
        f" ({typed} typed, {len(disputed) - typed} model only)" if disputed else "")
    for k, fact in enumerate(data["facts"]["disputed"][:5]):
        assert lines[head + 1 + k].startswith(f"    {fact['id']} {fact['kind']}: ")
    assert head < next(k for k, line in enumerate(lines) if line.startswith("  contradicting pairs: "))
    quiet = run("check", SEEDS, "--out", out, "--quiet")
    assert "disputed facts:" not in quiet.output and "contradicting pairs:" not in quiet.output
