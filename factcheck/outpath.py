"""Checks of an output path (``--out``) made before any work, so a bad one costs nothing and overwrites nothing.

``check`` and ``report`` write through :func:`factcheck.report.write_atomic` (a temporary file renamed over
the target): aimed at a device such as ``/dev/full`` or ``/dev/stdout`` that rename would replace the device
node itself, so a path that exists and is not a regular file is refused here. ``batch`` appends to its
output: it must not be the manifest, nor an article the batch reads.

Example:
    >>> print(output_problem(Path("/dev/null"), stdout_hint=False))
    /dev/null: --out is not a regular file (a device, pipe or socket); name a file to write
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import one_line

__all__ = ["batch_output_problem", "names_an_input", "output_problem"]


def output_problem(out: Path, inputs: list[Path] | None = None, *, stdout_hint: bool = True,
                   example: str = "report.json") -> str | None:
    """Why ``out`` cannot take a report (one line, with the fix), or None.

    Refused: one of ``inputs`` (or an article file inside an input folder), a folder, and an existing path
    that is not a regular file (a device, a pipe, a socket). A path that cannot be written for want of
    permission or space is found when writing (:class:`~factcheck.errors.OutputError` then).
    """
    if inputs and names_an_input(out, inputs):
        return one_line(f"{out}: --out names one of the inputs; choose another file so no article is overwritten")
    try:
        if out.is_dir():
            return one_line(f"{out}: --out is a folder; name the file to write (e.g. {out / example})")
        if out.exists() and not out.is_file():
            return one_line(f"{out}: --out is not a regular file (a device, pipe or socket); name a file to write"
                            + (", or leave out --out to write to stdout" if stdout_hint else ""))
    except OSError:  # e.g. a name too long: the write reports it
        return None
    return None


def names_an_input(out: Path, inputs: list[Path]) -> bool:
    """True when ``out`` is one of the input files, or sits in an input folder under an article's name."""
    try:
        target = out.resolve()
        for item in inputs:
            item = item.resolve()
            if target == item or (item.is_dir() and target.parent == item and target.exists()):
                return True
    except (OSError, RuntimeError):  # a symlink loop: the loader reports it properly
        return False
    return False


def batch_output_problem(out: Path, input_path: Path) -> str | None:
    """Why ``out`` cannot take a batch's JSONL (a folder, not a regular file, the manifest, an article the
    batch reads), or None.

    A folder input: an existing file right inside one of its story folders. A manifest: the manifest, a
    file named in it, or an existing file right inside a folder named in it.
    """
    problem = output_problem(out, stdout_hint=False, example="results.jsonl")
    if problem:
        return problem
    what: str | None
    try:
        target, src = out.resolve(), input_path.resolve()
        if target == src:
            what = "the manifest"
        elif src.is_dir():
            parent = target.parent
            what = (f"an article of story {parent.name!r}" if target.exists() and parent.parent == src
                    and not parent.name.startswith(".") else None)
        else:
            what = _named_in_manifest(target, src)
    except (OSError, RuntimeError):
        return None
    if what is None:
        return None
    return one_line(f"{out}: --out is {what}, one of the inputs of this batch; choose another file so no input is "
                    "overwritten")


def _named_in_manifest(target: Path, manifest: Path) -> str | None:
    """'line N of the manifest' when a path source of the manifest is ``target`` or a folder holding it."""
    base = manifest.parent
    with manifest.open(encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            try:
                row = json.loads(line)
            except ValueError:
                continue
            sources = row.get("sources") if isinstance(row, dict) else None
            for src in sources if isinstance(sources, list) else []:
                if not isinstance(src, str) or not src or "://" in src[:10]:
                    continue
                p = (base / src).resolve()
                if p == target or (p.is_dir() and target.parent == p and target.exists()):
                    return f"named on line {n} of the manifest"
    return None
