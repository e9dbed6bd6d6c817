"""Batch scoring: many stories in one run, one JSON line per story.

Input is a folder of story folders (one folder = one story = its source files; the story id is the
folder name) or a JSONL manifest, one story a line::

    {"story_id": "s1", "sources": ["s1/ap.txt", {"source": "AFP", "text": "...", "title": null}]}

Manifest paths are relative to the manifest's folder and must stay inside it (a path that leads
outside, also through a symlink, fails that story). A source may also be an ``http(s)://`` URL, fetched
with :mod:`factcheck.fetch` (cached; ``FACTCHECK_OFFLINE=1`` or ``--offline`` takes it from the page cache
only); a URL that gives no article fails its story with a one-line error, and the other stories run.
Each output line is the schema-1 report (:meth:`Report.to_dict`) plus ``"story_id"`` and ``"status":
"ok"``, or ``{"story_id", "status": "error", "error", "exit_code"}`` for a story that fails; the batch
goes on.

Output safety: every line is appended to ``out`` whole and flushed (fsync every few seconds), so
``out`` is valid JSONL up to its last line even after Ctrl-C or a kill (SIGKILL); ``resume`` then cuts a
torn last line, skips the stories already in ``out`` (ok or error) and appends the rest. Without
``resume``, the old content of ``out`` goes when the first new line is written (a batch that fails
before any story leaves it as it was). ``out`` is locked while a batch runs: a second batch given the
same ``out`` is refused (:class:`~factcheck.errors.OutputError`) and never interleaves its lines.

Speed: models load once per process; stories go in chunks (``chunk_size``): all sentences of a
chunk are embedded in one call, and an NLI pair repeated across the chunk's stories is scored once
(``gather_nli`` scores the whole chunk in one call; see :class:`ChunkOptions`). NLI scores are kept
in an on-disk SQLite cache (:mod:`factcheck.cache`) shared by all processes, so re-runs are cheap.
Chunks are the same whatever the engine, so ``workers`` and the Ray engine
(:mod:`factcheck.engines`) write the same bytes.

Example:
    >>> summary = run_batch("stories/", "results.jsonl", factory=CheckerFactory(use_nli=False))  # doctest: +SKIP
    >>> summary.exit_code                                                                       # doctest: +SKIP
    0
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Engine
from .engines import (
    CheckerFactory,
    ChunkOptions,
    ChunkResult,
    StoryResult,
    StoryTask,
    chunked,
    dumps_line,
    process_chunk,
    run_chunk,
)
from .errors import EmptySourceError, InputError, OutputError, SettingsError, SourceNotFoundError, one_line
from .outpath import batch_output_problem
from .pipeline import Checker

__all__ = ["BatchProgress", "BatchSummary", "CheckerFactory", "ChunkOptions", "ChunkResult", "OutputFile",
           "ProgressPrinter", "StoryResult", "StoryTask", "dumps_line", "iter_stories", "process_chunk", "read_done",
           "run_batch"]

ENGINES = tuple(e.value for e in Engine)  # config.Engine is the one list
_FSYNC_EVERY_S = 5.0


def iter_stories(input_path: str | os.PathLike[str], *,
                 allow_outside: bool = False) -> tuple[int, Iterator[StoryTask]]:
    """The number of stories in ``input_path`` and a lazy iterator over them, in input order.

    A manifest path that leads outside the manifest's folder (``../``, an absolute path, a symlink that
    resolves outside) gives that story an error, unless ``allow_outside``.

    Raises:
        SourceNotFoundError / EmptySourceError: the input does not exist or holds no stories.
    """
    path = Path(input_path)
    if not path.exists():
        raise SourceNotFoundError(f"{path}: no such file or directory; give a folder of story folders or a "
                                  "JSONL manifest")
    if path.is_dir():
        names = sorted(e.name for e in os.scandir(path) if e.is_dir() and not e.name.startswith("."))
        if not names:
            raise EmptySourceError(f"{path}: no story folders inside; a batch input holds one folder per story "
                                   "(to check a single story use `factcheck check`)")
        return len(names), (StoryTask(n, (str(path / n),), str(path / n)) for n in names)
    try:
        with path.open("rb") as f:
            total = sum(1 for line in f if line.strip())
    except OSError as exc:
        raise SourceNotFoundError(f"{path}: cannot read the manifest ({exc.strerror or exc})") from None
    if not total:
        raise EmptySourceError(f"{path}: empty manifest; expected one JSON object per line with 'story_id' "
                               "and 'sources'")
    return total, _manifest_tasks(path, allow_outside)


def _manifest_tasks(path: Path, allow_outside: bool = False) -> Iterator[StoryTask]:
    base = path.parent.resolve()
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                task = _manifest_task(line, f"{path}:{n}", path.parent, base, allow_outside)
                if task.story_id in seen and not task.error:
                    task = StoryTask(task.story_id, (), task.where,
                                     f"{task.where}: duplicate story_id {task.story_id!r} (first at line "
                                     f"{seen[task.story_id]}); story ids must be unique")
                seen.setdefault(task.story_id, n)
                yield task


def _manifest_task(line: str, where: str, folder: Path, base: Path, allow_outside: bool = False) -> StoryTask:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return StoryTask(where, (), where, f"{where}: invalid JSON ({exc.msg}); one story object per line")
    sid = row.get("story_id") if isinstance(row, dict) else None
    if not isinstance(sid, str) or not sid.strip():
        return StoryTask(where, (), where, f"{where}: expected an object with a non-empty string 'story_id'")
    sources = row.get("sources")
    if not isinstance(sources, list) or not sources:
        return StoryTask(sid, (), where, f"{where}: 'sources' must be a non-empty list of paths or documents")
    out: list[str | dict[str, Any]] = []
    for k, src in enumerate(sources):
        if isinstance(src, dict) or (isinstance(src, str) and src[:8].lower().startswith(("http://", "https://"))):
            out.append(src)  # a URL is fetched when the story loads: a bad one fails only its story
        elif isinstance(src, str) and src:
            outside = None if allow_outside else _outside(base, src)
            if outside is not None:
                return StoryTask(sid, (), where, one_line(
                    f"{where}: sources[{k}] {src!r} leads outside the manifest's folder {base} (to {outside}); "
                    "keep manifest paths inside it, or pass --allow-outside (allow_outside=True) if you trust the "
                    "manifest"))
            out.append(str(folder / src))
        else:
            return StoryTask(sid, (), where, f"{where}: sources[{k}] must be a path or a document object")
    return StoryTask(sid, tuple(out), where)


def _outside(base: Path, src: str) -> Path | None:
    """Where ``src`` (relative to ``base``, or absolute) really leads when that is outside ``base``, else None.

    Symlinks are followed; a broken link or a link loop is left to the loader, which names it.
    """
    try:
        target = (base / src).resolve()
    except (OSError, RuntimeError):
        return None
    return None if target.is_relative_to(base) else target


def read_done(out: Path) -> tuple[set[str], int]:
    """Story ids already in a batch output (ok or error), and how many of them failed.

    Raises:
        InputError: a complete line that is not a batch output line (``out`` is some other file).
    """
    done: set[str] = set()
    failed = 0
    if not out.exists():
        return done, failed
    with out.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.endswith(b"\n"):
                break  # a torn last line: OutputFile cuts it off before appending
            try:
                row = json.loads(raw)
                sid, status = row["story_id"], row["status"]
            except (ValueError, TypeError, KeyError):
                raise InputError(f"{out}:{n}: not a factcheck batch line; name another --out or remove the "
                                 "file") from None
            done.add(sid)
            failed += status != "ok"
    return done, failed


def _whole_lines_size(path: Path, block: int = 1 << 16) -> int:
    """Bytes of ``path`` up to and including its last newline (read backwards, block by block)."""
    end = path.stat().st_size
    with path.open("rb") as f:
        pos = end
        while pos > 0:
            start = max(0, pos - block)
            f.seek(start)
            cut = f.read(pos - start).rfind(b"\n")
            if cut >= 0:
                return start + cut + 1
            pos = start
    return 0


class OutputFile:
    """Whole lines appended to ``out`` itself, flushed one by one, fsynced every few seconds.

    ``out`` is locked (``flock``) while the batch runs: a second batch given the same ``out`` is refused
    and never interleaves. Without ``append``, the old content is cut only when the first new line is
    written, so a batch that fails before any story leaves ``out`` as it was (and creates none).
    """

    def __init__(self, out: Path, append: bool) -> None:
        self.out, self.append, self.lines, self._synced = out, append, 0, time.monotonic()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self._existed = out.exists()
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)  # every write at the end
        except OSError as exc:
            raise OutputError(f"{out}: cannot write the output ({exc.strerror or exc}); check the path and "
                              "permissions") from None
        if not _lock(fd):
            os.close(fd)
            raise OutputError(f"{out}: another factcheck batch is writing this file; wait for it to finish, or "
                              "name another --out")
        if append:
            os.ftruncate(fd, _whole_lines_size(out))  # cut a torn last line (a crash mid-write)
        self.file = os.fdopen(fd, "a", encoding="utf-8")

    def write(self, line: str) -> None:
        try:
            if self.lines == 0 and not self.append:
                self.file.truncate(0)  # the old output goes when the first new line comes
            self.file.write(line + "\n")
            self.file.flush()
            self.lines += 1
            if time.monotonic() - self._synced >= _FSYNC_EVERY_S:
                os.fsync(self.file.fileno())
                self._synced = time.monotonic()
        except OSError as exc:
            raise self._error(exc) from None

    def _error(self, exc: OSError) -> OutputError:
        return OutputError(one_line(f"{self.out}: cannot write the output ({exc.strerror or exc}) after {self.lines} "
                                    "whole lines; free space or fix the path, then rerun with --resume to finish"))

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
        except OSError as err:
            if exc_type is None:
                raise self._error(err) from None
        finally:
            if self.lines == 0 and not self._existed:
                self.out.unlink(missing_ok=True)  # nothing written: leave no empty file behind
            try:
                self.file.close()  # closing releases the lock
            except OSError:
                pass  # its buffered bytes were reported above


def _lock(fd: int) -> bool:
    """An exclusive, non-blocking lock on an open file; True where the platform has no ``flock``."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class BatchProgress:
    """Where a running batch stands (passed to the ``progress`` callback after every chunk)."""

    done: int
    total: int
    ok: int
    failed: int
    elapsed: float

    @property
    def rate(self) -> float:
        """Stories per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate (``None`` before the first story)."""
        return (self.total - self.done) / self.rate if self.rate else None


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did.

    Attributes:
        n_ok / n_failed: stories written by this run; n_skipped: stories already in ``out`` (resume),
        n_skipped_failed of them error lines. nli_pairs: NLI pairs the pipeline asked for;
        cache_hits / cache_misses: of the on-disk cache (all processes).
    """

    out: str
    engine: str
    workers: int
    n_ok: int
    n_failed: int
    n_skipped: int
    n_skipped_failed: int
    seconds: float
    nli_pairs: int
    cache_hits: int
    cache_misses: int

    @property
    def stories_per_s(self) -> float:
        return (self.n_ok + self.n_failed) / self.seconds if self.seconds > 0 else 0.0

    @property
    def cache_hit_rate(self) -> float | None:
        total = self.cache_hits + self.cache_misses
        return self.cache_hits / total if total else None

    @property
    def exit_code(self) -> int:
        """0 when every story in ``out`` is ok, 4 when some failed (in this run or an earlier one)."""
        return 4 if self.n_failed or self.n_skipped_failed else 0

    def to_dict(self) -> dict[str, Any]:
        rate = self.cache_hit_rate
        return {**{k: getattr(self, k) for k in self.__dataclass_fields__}, "seconds": round(self.seconds, 3),
                "stories_per_s": round(self.stories_per_s, 4), "exit_code": self.exit_code,
                "cache_hit_rate": None if rate is None else round(rate, 4)}


class ProgressPrinter:
    """Shows :class:`BatchProgress`: a rich bar on a terminal, else a log line every 10 stories or 5 s.

    Example:
        >>> import io
        >>> buf = io.StringIO()
        >>> ProgressPrinter(buf)(BatchProgress(10, 20, 10, 0, 5.0)); print(buf.getvalue().strip())
        factcheck: 10/20 stories, 2.00 stories/s, eta 5s
    """

    def __init__(self, stream: Any = None, *, every_n: int = 10, every_s: float = 5.0) -> None:
        import sys

        self.stream = stream or sys.stderr
        self.every_n, self.every_s = every_n, every_s
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar: Any = None
        self._task: Any = None
        self._last = (0, time.monotonic())

    def __call__(self, p: BatchProgress) -> None:
        eta = "?" if p.eta is None else f"{p.eta:.0f}s"
        text = f"{p.rate:.2f} stories/s, eta {eta}" + (f", {p.failed} failed" if p.failed else "")
        if self.tty:
            if self._bar is None:
                from rich.console import Console
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

                self._bar = Progress(TextColumn("stories"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[text]}"), console=Console(file=self.stream))
                self._task = self._bar.add_task("batch", total=p.total, text="")
                self._bar.start()
            self._bar.update(self._task, completed=p.done, total=p.total, text=text)
        elif p.done - self._last[0] >= self.every_n or time.monotonic() - self._last[1] >= self.every_s \
                or p.done >= p.total:
            print(f"factcheck: {p.done}/{p.total} stories, {text}", file=self.stream, flush=True)
            self._last = (p.done, time.monotonic())

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def run_batch(input_path: str | os.PathLike[str], out: str | os.PathLike[str], *,
              factory: Callable[[], Checker] | None = None, checker: Checker | None = None, engine: str = "local",
              workers: int = 1, address: str | None = None, chunk_size: int = 8, summary_only: bool = False,
              gather_nli: bool = False, resume: bool = False, allow_outside: bool = False,
              progress: Callable[[BatchProgress], None] | None = None) -> BatchSummary:
    """Check every story of ``input_path`` and write one JSON line per story to ``out``.

    Args:
        input_path: a folder of story folders, or a JSONL manifest.
        out: the JSONL output file.
        factory: builds the checker, once per process (must be picklable for ``workers > 1`` and Ray);
            default ``CheckerFactory()``.
        checker: a ready checker for the in-process engine (``workers=1``), instead of ``factory``.
        engine: ``"local"`` (this machine) or ``"ray"`` (see :mod:`factcheck.engines`).
        workers: processes (local) or actors (Ray); ``0``: one per CPU (of the Ray cluster).
        address: a Ray cluster to join (``engine="ray"``); ``None`` starts a local Ray.
        chunk_size: stories embedded and NLI-scored together (the output depends on it only through
            floating-point noise of batched models).
        summary_only: write only story_id, status, summary and models per story.
        gather_nli: one NLI call per chunk instead of per story (see :class:`ChunkOptions`).
        resume: skip stories already in ``out`` and append.
        allow_outside: let manifest paths lead outside the manifest's folder (``../``, absolute paths,
            symlinks); without it such a story gets an error line and the others run.
        progress: called after every chunk.

    Raises:
        InputError: ``input_path`` (or ``out`` for resume, or the cache) is unusable; Ray missing.
        ModelError: a model could not be loaded.

    Example:
        >>> s = run_batch("stories/", "out.jsonl", checker=Checker(use_nli=False))  # doctest: +SKIP
        >>> (s.n_ok, s.n_failed)                                                    # doctest: +SKIP
        (10, 0)
    """
    if engine not in ENGINES:
        raise SettingsError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if chunk_size < 1 or workers < 0:
        raise SettingsError(f"chunk_size={chunk_size}, workers={workers}: use chunk_size >= 1 and workers >= 0")
    in_process = engine == "local" and (workers == 1 or (workers == 0 and (os.cpu_count() or 1) == 1))
    if checker is not None and not in_process:
        raise SettingsError("a Checker instance only runs in this process; pass factory= for workers or Ray")
    if engine == "ray":
        from .engines import require_ray

        require_ray()
    factory = factory or CheckerFactory()
    total, tasks = iter_stories(input_path, allow_outside=allow_outside)
    problem = batch_output_problem(Path(out), Path(input_path))
    if problem:
        raise OutputError(problem)
    done, done_failed = read_done(Path(out)) if resume else (set(), 0)
    if checker is None and hasattr(factory, "check_cache"):
        factory.check_cache()
    counts = {"ok": 0, "failed": 0, "skipped": 0, "pairs": 0, "hits": 0, "misses": 0}

    def todo() -> Iterator[StoryTask]:
        for t in tasks:
            if t.story_id in done:
                counts["skipped"] += 1
            else:
                yield t

    chunks = chunked(todo(), chunk_size)
    opts = ChunkOptions(summary_only=summary_only, gather_nli=gather_nli)
    expected = max(0, total - len(done))
    workers = max(1, min(workers or os.cpu_count() or 1, -(-expected // chunk_size))) if workers or engine == "local" \
        else 0  # no more workers than chunks; 0 with Ray: one per cluster CPU
    if in_process:
        local = checker or factory()
        results: Iterator[ChunkResult] = (run_chunk(local, c, opts) for c in chunks)
    elif engine == "local":
        from .engines import pool_chunks

        results = pool_chunks(chunks, factory, workers, opts)
    else:
        from .engines import ray_chunks

        results = ray_chunks(chunks, factory, workers, address, opts)
    start = time.perf_counter()
    try:
        with OutputFile(Path(out), append=resume) as sink:
            if progress is not None:
                progress(BatchProgress(0, expected, 0, 0, 0.0))
            for res in results:
                for story in res.stories:
                    sink.write(story.line)
                    counts["ok" if story.ok else "failed"] += 1
                counts["pairs"] += res.nli_pairs
                counts["hits"] += res.cache_hits
                counts["misses"] += res.cache_misses
                if progress is not None:
                    n = counts["ok"] + counts["failed"]
                    progress(BatchProgress(n, max(expected, n), counts["ok"], counts["failed"],
                                           time.perf_counter() - start))
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    return BatchSummary(out=str(out), engine=engine, workers=workers, n_ok=counts["ok"], n_failed=counts["failed"],
                        n_skipped=counts["skipped"], n_skipped_failed=done_failed,
                        seconds=time.perf_counter() - start, nli_pairs=counts["pairs"],
                        cache_hits=counts["hits"], cache_misses=counts["misses"])
