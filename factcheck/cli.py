"""The command line: parses arguments, calls the library, renders, maps errors to exit codes.

Exit codes: 0 success; 1 unexpected internal error; 2 unusable input (missing, empty, binary or
malformed file, too few sources, a limit exceeded, a bad saved report); 3 a model could not be
loaded; 4 batch finished but some stories failed; 130 interrupted.

Example:
    $ factcheck check seeds/ --out report.json
    $ factcheck check seeds/ --draft my_draft.txt --format md
    $ factcheck report report.json --format html --out report.html
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .config import Settings
from .errors import FactcheckError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Claim-level fact consistency across news sources.")


class Format(str, Enum):
    json = "json"
    md = "md"
    html = "html"


def _fail(msg: str, code: int) -> None:
    typer.echo(f"factcheck: error: {msg}", err=True)
    raise typer.Exit(code)


def _emit(text: str, out: Path | None) -> None:
    from .report import write_atomic

    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
        typer.echo(f"wrote {out}", err=True)


@app.command()
def check(
    sources: Annotated[list[Path], typer.Argument(help="Article files (.txt .md .html .json .jsonl) or folders.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the report here (default: stdout).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.json,
    draft: Annotated[Path | None, typer.Option(help="Check this draft against the sources.")] = None,
    nli_model: Annotated[str | None, typer.Option(help="NLI model: Hugging Face id or local path.",
                                                  envvar="FACTCHECK_NLI_MODEL")] = None,
    embedder: Annotated[str | None, typer.Option(help="Sentence-transformers id or local path.",
                                                 envvar="FACTCHECK_EMBEDDER")] = None,
    no_nli: Annotated[bool, typer.Option("--no-nli", help="Similarity and mismatch rules only.")] = False,
    max_chars: Annotated[int, typer.Option(help="Largest article, in characters.")] = Settings.max_chars,
    max_sources: Annotated[int, typer.Option(help="Most sources per story.")] = Settings.max_sources,
    max_sentences: Annotated[int, typer.Option(help="Most sentences per source.")] = Settings.max_sentences,
) -> None:
    """Check several sources of one story against each other (or a draft against them)."""
    from .pipeline import Checker
    from .report import render

    settings = Settings(max_chars=max_chars, max_sources=max_sources, max_sentences=max_sentences)
    try:
        checker = Checker(nli_model=nli_model, embedder_model=embedder, use_nli=not no_nli, settings=settings)
        report = checker.check_draft(draft, sources) if draft is not None else checker.check(sources)
        for w in report.warnings:
            typer.echo(f"factcheck: warning: {w}", err=True)
        _emit(render(report.to_dict(), fmt.value), out)
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; nothing was written", 130)


@app.command()
def report(
    saved: Annotated[Path, typer.Argument(help="A report saved with --format json.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.html,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here (default: stdout).")] = None,
) -> None:
    """Render a saved JSON report as HTML or Markdown."""
    from .report import read_report, render

    try:
        _emit(render(read_report(saved), fmt.value), out)
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)


def main() -> None:
    """Console entry point: unexpected errors become one line (FACTCHECK_DEBUG=1 shows the traceback)."""
    import os

    try:
        app()
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for the user
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        typer.echo(f"factcheck: internal error: {type(exc).__name__}: {exc}; rerun with FACTCHECK_DEBUG=1 "
                   "and report it", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
