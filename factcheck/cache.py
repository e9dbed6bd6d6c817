"""An on-disk cache of NLI scores in SQLite, behind the :class:`~factcheck.nli.NLIModel` protocol.

:class:`CachedNLI` wraps any NLI model. Each (premise, hypothesis) pair is keyed by the sha256 of
(model key, premise, hypothesis) and its three probabilities are stored as SQLite REALs (doubles),
so a cached score is bit-for-bit the score the model returned. The database runs in WAL mode with
a busy timeout: several processes (``factcheck batch --workers N``, Ray actors on one machine,
concurrent runs) can read and write one cache file. Re-runs, and stories that share sentences, are
cheap.

The model key defaults to the model's ``name``; :func:`model_fingerprint` adds a digest of a local
model folder, so a retrained model saved under the same name never reads stale scores.

Example:
    >>> from factcheck.results import NLIScores
    >>> class Fixed:
    ...     name = "fixed"
    ...     def predict(self, pairs):
    ...         return [NLIScores(0.7, 0.2, 0.1) for _ in pairs]
    >>> import tempfile, os
    >>> nli = CachedNLI(Fixed(), os.path.join(tempfile.mkdtemp(), "nli.sqlite"))
    >>> _ = nli.predict([("A fire hit the town.", "A town burned.")])
    >>> _ = nli.predict([("A fire hit the town.", "A town burned.")])
    >>> nli.stats().to_dict()["hits"], nli.stats().to_dict()["misses"]
    (1, 1)
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, ModelError
from .nli import NLIModel
from .results import NLIScores

_SCHEMA = ("CREATE TABLE IF NOT EXISTS nli (key BLOB PRIMARY KEY, entailment REAL NOT NULL, "
           "neutral REAL NOT NULL, contradiction REAL NOT NULL) WITHOUT ROWID")
_LOOKUP_CHUNK = 500  # well under SQLite's bound-parameter limit


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/factcheck/nli.sqlite``, by default ``~/.cache/factcheck/nli.sqlite``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck" / "nli.sqlite"


_DOCS = {".md", ".rst", ".png", ".jpg"}  # editing a model card must not invalidate the cache


def model_fingerprint(path: str | os.PathLike[str]) -> str | None:
    """A short digest of a local model folder (configs in full, weights by size and head/tail bytes;
    documentation such as a model card is left out).

    Returns ``None`` when ``path`` is not a local folder (e.g. a Hugging Face id).

    Example:
        >>> model_fingerprint("no/such/folder") is None
        True
    """
    folder = Path(path)
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for f in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() not in _DOCS
                    and not p.name.startswith(".")):
        size = f.stat().st_size
        digest.update(f"{f.name}\0{size}\0".encode())
        with f.open("rb") as fh:
            if f.suffix in (".json", ".txt", ".model") and size <= 8 << 20:
                digest.update(fh.read())
            else:
                digest.update(fh.read(4 << 20))
                fh.seek(max(0, size - (4 << 20)))
                digest.update(fh.read())
    return digest.hexdigest()[:16]


def pair_key(model_key: str, premise: str, hypothesis: str) -> bytes:
    """The cache key of one pair: sha256 over the three length-prefixed strings."""
    h = hashlib.sha256()
    for part in (model_key, premise, hypothesis):
        raw = part.encode("utf-8")
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.digest()


@dataclass(frozen=True)
class CacheStats:
    """Counters of one :class:`CachedNLI` (this process only).

    Attributes:
        hits: pairs answered without the model (from the file, or repeated within one call).
        misses: pairs the wrapped model scored.
        errors: reads or writes that failed (locked past the timeout, disk full); those pairs were
            scored by the model and not stored.
    """

    hits: int
    misses: int
    errors: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "misses": self.misses, "errors": self.errors, "hit_rate": round(self.hit_rate, 4)}


class CachedNLI:
    """An :class:`~factcheck.nli.NLIModel` that answers from an SQLite cache and asks ``inner`` for the rest.

    Args:
        inner: the model that scores cache misses.
        path: the SQLite file (created with its folder if missing).
        key: what identifies the model in cache keys; default ``inner.name``.
        timeout: seconds to wait for another process's write lock.

    Raises:
        InputError: (from :meth:`open` or the first :meth:`predict`) the file is not a usable cache.

    Example:
        >>> nli = CachedNLI(HFNLIModel(), default_cache_path())     # doctest: +SKIP
    """

    def __init__(self, inner: NLIModel, path: str | os.PathLike[str], *, key: str | None = None,
                 timeout: float = 60.0) -> None:
        self.inner = inner
        self.path = Path(path).expanduser()
        self.key = key
        self.timeout = timeout
        self.hits = 0
        self.misses = 0
        self.errors = 0
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    @property
    def name(self) -> str:
        """The wrapped model's name (what reports show)."""
        return self.inner.name

    @name.setter
    def name(self, value: str) -> None:
        self.inner.name = value

    def stats(self) -> CacheStats:
        return CacheStats(self.hits, self.misses, self.errors)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_conn": None, "_pid": 0}

    def _setup(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(_SCHEMA)
        except BaseException:
            conn.close()
            raise
        return conn

    def open(self) -> sqlite3.Connection:
        """Open (or create) the cache file now; one connection per process."""
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        import time

        deadline = time.monotonic() + self.timeout
        while True:
            try:
                conn = self._setup()
                break
            except (OSError, sqlite3.Error) as exc:
                # switching a fresh file to WAL while another process does the same can fail at once with
                # "database is locked" (SQLite skips the busy handler there): retry until the timeout
                if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc) \
                        and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise InputError(f"{self.path}: cannot use this file as the NLI cache ({exc}); delete it, name "
                                 "another with --cache, or run with --no-cache") from None
        self._conn, self._pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    def _model_key(self) -> str:
        return self.key if self.key is not None else self.inner.name

    def lookup(self, keys: list[bytes]) -> dict[bytes, NLIScores]:
        """Stored scores for those of ``keys`` that are in the cache."""
        conn = self.open()
        found: dict[bytes, NLIScores] = {}
        for b in range(0, len(keys), _LOOKUP_CHUNK):
            part = keys[b:b + _LOOKUP_CHUNK]
            rows = conn.execute(f"SELECT key, entailment, neutral, contradiction FROM nli WHERE key IN "
                                f"({','.join('?' * len(part))})", part).fetchall()
            found.update({bytes(k): NLIScores(e, n, c) for k, e, n, c in rows})
        return found

    def store(self, items: dict[bytes, NLIScores]) -> None:
        """Insert scores (one transaction; existing keys are kept)."""
        if not items:
            return
        conn = self.open()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR IGNORE INTO nli VALUES (?, ?, ?, ?)",
                             [(k, float(s.entailment), float(s.neutral), float(s.contradiction))
                              for k, s in items.items()])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        """Scores for ``pairs`` in order: cached ones from the file, the rest from ``inner`` (then stored)."""
        if not pairs:
            return []
        mk = self._model_key()
        keys = [pair_key(mk, p, h) for p, h in pairs]
        try:
            known = self.lookup(list(dict.fromkeys(keys)))
        except sqlite3.OperationalError:  # locked past the timeout, I/O error: score without the cache
            self.errors += 1
            known = {}
        todo: dict[bytes, tuple[str, str]] = {}
        for k, pair in zip(keys, pairs, strict=True):
            if k not in known:
                todo.setdefault(k, pair)
        if todo:
            scores = self.inner.predict(list(todo.values()))
            if len(scores) != len(todo):
                raise ModelError(f"NLI model {self.name} returned {len(scores)} scores for {len(todo)} pairs; "
                                 "it is not an NLI model that factcheck can use")
            new = dict(zip(todo, scores, strict=True))
            try:
                self.store(new)
            except sqlite3.OperationalError:  # e.g. disk full: the scores are still good
                self.errors += 1
            known.update(new)
        self.misses += len(todo)
        self.hits += len(pairs) - len(todo)
        return [known[k] for k in keys]
