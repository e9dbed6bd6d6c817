"""The SQLite NLI cache: hits, keys, exact values, several processes, unusable files."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from factcheck.batch import CheckerFactory
from factcheck.cache import CachedNLI, default_cache_path, model_fingerprint, pair_key
from factcheck.errors import InputError
from factcheck.nli import HFNLIModel
from factcheck.results import NLIScores


class CountingNLI:
    """Scores that depend on the pair (so mixed-up rows would show), and a log of what it scored."""

    def __init__(self, name: str = "model-a") -> None:
        self.name = name
        self.seen: list[tuple[str, str]] = []

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.seen += pairs
        out = []
        for p, h in pairs:
            e = (len(p) * 7 + len(h) * 3) % 97 / 97 * 0.9 + 0.1 / 3
            out.append(NLIScores(e, (1 - e) * 0.6, (1 - e) * 0.4))
        return out


PAIRS = [(f"premise number {i}.", f"hypothesis {i * 3}!") for i in range(50)]


def test_second_run_hits_and_returns_identical_scores(tmp_path: Path) -> None:
    path = tmp_path / "c" / "nli.sqlite"
    inner = CountingNLI()
    first = CachedNLI(inner, path).predict(PAIRS)
    assert len(inner.seen) == 50
    again = CachedNLI(inner, path)  # a new connection, as in a re-run
    second = again.predict(PAIRS[::-1])
    assert len(inner.seen) == 50  # nothing new was scored
    assert second == first[::-1]  # bit-for-bit the same floats
    assert again.stats().to_dict() == {"hits": 50, "misses": 0, "errors": 0, "hit_rate": 1.0}


def test_partial_hits_only_score_the_misses(tmp_path: Path) -> None:
    inner = CountingNLI()
    nli = CachedNLI(inner, tmp_path / "nli.sqlite")
    nli.predict(PAIRS[:20])
    out = nli.predict(PAIRS[10:30] + PAIRS[25:30])  # repeats within one call are scored once
    assert inner.seen == PAIRS[:20] + PAIRS[20:30]
    assert out == CountingNLI().predict(PAIRS[10:30] + PAIRS[25:30])
    assert (nli.hits, nli.misses) == (15, 30)


def test_keyed_by_model_name_or_explicit_key(tmp_path: Path) -> None:
    path = tmp_path / "nli.sqlite"
    CachedNLI(CountingNLI("model-a"), path).predict(PAIRS[:5])
    other = CountingNLI("model-b")
    assert CachedNLI(other, path).predict(PAIRS[:5]) and len(other.seen) == 5  # another model: misses
    same_name = CountingNLI("model-a")
    CachedNLI(same_name, path, key="model-a@v2").predict(PAIRS[:5])
    assert len(same_name.seen) == 5  # same name, other fingerprint: misses
    assert pair_key("m", "ab", "c") != pair_key("m", "a", "bc")  # no ambiguity at the joins


def test_wal_mode_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "nli.sqlite"
    CachedNLI(CountingNLI(), path).predict(PAIRS[:3])
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM nli").fetchone()[0] == 3


def _hammer(path: str, start: int, n: int, barrier: object, timeout: float = 60) -> None:
    nli = CachedNLI(CountingNLI(), path, timeout=timeout)
    nli.open()
    pairs = [(f"premise number {i}.", f"hypothesis {i * 3}!") for i in range(start, start + n)]
    barrier.wait()  # type: ignore[attr-defined]  # both start writing at once
    for b in range(0, n, 10):
        got = nli.predict(pairs[b:b + 10])
        assert got == CountingNLI().predict(pairs[b:b + 10])


def test_two_processes_share_one_file_without_corruption(tmp_path: Path) -> None:
    path = str(tmp_path / "nli.sqlite")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_hammer, args=(path, start, 1500, barrier)) for start in (0, 750)]  # half overlap
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM nli").fetchone()[0] == 2250
    all_pairs = [(f"premise number {i}.", f"hypothesis {i * 3}!") for i in range(2250)]
    reader = CachedNLI(CountingNLI(), path)
    assert reader.predict(all_pairs) == CountingNLI().predict(all_pairs) and reader.misses == 0


def test_unusable_cache_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "nli.sqlite"
    bad.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(InputError, match="cannot use this file as the NLI cache"):
        CachedNLI(CountingNLI(), bad).predict(PAIRS[:1])
    with pytest.raises(InputError, match="--no-cache"):
        CheckerFactory(cache_path=str(bad)).check_cache()


def test_a_locked_cache_degrades_to_the_model(tmp_path: Path) -> None:
    path = tmp_path / "nli.sqlite"
    CachedNLI(CountingNLI(), path).predict(PAIRS[:5])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the file past our timeout
    inner = CountingNLI()
    nli = CachedNLI(inner, path, timeout=0.1)
    assert nli.predict(PAIRS[:8]) == CountingNLI().predict(PAIRS[:8])
    assert nli.errors == 1 and inner.seen == PAIRS[5:8]  # WAL: reads go on, the write gave up
    holder.execute("ROLLBACK")
    later = CachedNLI(CountingNLI(), path)
    later.predict(PAIRS[:8])
    assert (later.hits, later.misses) == (5, 3)


def test_pickled_cache_reopens_in_the_new_process(tmp_path: Path) -> None:
    import pickle

    nli = CachedNLI(CountingNLI(), tmp_path / "nli.sqlite")
    nli.predict(PAIRS[:2])
    copy = pickle.loads(pickle.dumps(nli))
    assert copy._conn is None and copy.predict(PAIRS[:2]) == nli.predict(PAIRS[:2])


def test_fingerprint_follows_the_model_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "my-nli"
    model.mkdir()
    (model / "config.json").write_text('{"id2label": {"0": "entailment"}}')
    (model / "model.safetensors").write_bytes(b"\0" * 1000)
    fp1 = model_fingerprint(model)
    (model / "model.safetensors").write_bytes(b"\1" * 1000)  # retrained, same name
    fp2 = model_fingerprint(model)
    assert fp1 and fp2 and fp1 != fp2
    (model / "MODEL_CARD.md").write_text("# my-nli\nnew numbers")  # documentation: same model, same keys
    assert model_fingerprint(model) == fp2
    assert model_fingerprint("org/some-hub-model") is None
    key = CheckerFactory(cache_path=str(tmp_path / "c.sqlite")).cached(HFNLIModel(str(model)), str(model)).key
    assert key == f"{model}@{fp2}/L128"
    monkeypatch.setenv("FACTCHECK_NLI_MODEL", str(model))  # the env var names the same model: same key
    built = CheckerFactory(cache_path=str(tmp_path / "c.sqlite"))()
    assert built.nli.key == key and built.nli.name == str(model)  # type: ignore[union-attr]


def test_default_path_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_path() == tmp_path / "factcheck" / "nli.sqlite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_path() == Path.home() / ".cache" / "factcheck" / "nli.sqlite"
