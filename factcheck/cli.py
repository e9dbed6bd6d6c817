"""The command line: parses arguments, calls the library, renders, maps errors to exit codes.

Exit codes: 0 success; 1 unexpected internal error; 2 unusable input (missing, empty, binary or
malformed file, a URL that gives no article (factcheck.errors.FetchError), too few sources, a limit
exceeded, a bad saved report, an --out path that cannot be
written or that names an input); 3 a model could not be loaded; 4 batch finished but some stories
failed; 5 report written, but some inputs of a folder were skipped (each named in a warning; --strict
refuses them instead); 130 interrupted.

Example:
    $ factcheck check seeds/ --out report.json
    $ factcheck check seeds/ --draft my_draft.txt --format md
    $ factcheck check https://example.com/a https://example.org/b local.txt --out report.json
    $ factcheck report report.json --format html --out report.html
    $ factcheck batch stories/ --out results.jsonl --workers 2     # exit code 4 if a story failed
    $ factcheck serve --port 8000                                  # the editor's desk: http://127.0.0.1:8000/
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .config import Engine, Settings
from .errors import FactcheckError, one_line

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Claim-level fact consistency across news sources.")


class Format(str, Enum):
    json = "json"
    md = "md"
    html = "html"


# Options that check and batch share: one definition each (typer reads the Annotated metadata per command).
NliModelOption = Annotated[str | None, typer.Option(help="NLI model: Hugging Face id or local path.",
                                                    envvar="FACTCHECK_NLI_MODEL")]
EmbedderOption = Annotated[str | None, typer.Option(help="Sentence-transformers id or local path.",
                                                    envvar="FACTCHECK_EMBEDDER")]
NoNliOption = Annotated[bool, typer.Option("--no-nli", help="Similarity and mismatch rules only.")]
Int8Option = Annotated[bool, typer.Option("--int8", help="int8 NLI weights on the CPU: about 2x faster, a little less "
                                                         "accurate (see the README).")]
Bf16Option = Annotated[bool, typer.Option("--bf16", help="bfloat16 NLI on torch: about 3x the pairs/s on a CPU with "
                                                         "AMX or AVX-512 BF16, the same labels (see the README).")]
# batch and serve (long-running): bf16 by default where the CPU does it natively (factcheck.nli.bf16_by_default)
Bf16AutoOption = Annotated[bool | None, typer.Option("--bf16/--fp32", help="NLI precision (default: bf16 where the "
                                                     "CPU has AMX or AVX-512 BF16 and torch is installed, else fp32).",
                                                     show_default=False)]
MaxCharsOption = Annotated[int, typer.Option(help="Largest article, in characters.", min=1)]
MaxSourcesOption = Annotated[int, typer.Option(help="Most sources per story.", min=1)]
MaxSentencesOption = Annotated[int, typer.Option(help="Most sentences per source.", min=1)]
MaxTotalSentencesOption = Annotated[int, typer.Option(help="Most sentences per story, all sources together.", min=1)]
PageCacheOption = Annotated[Path | None, typer.Option(help="Folder of fetched pages "
                                                           "(default: ~/.cache/factcheck/pages).")]


def _precision(bf16: bool | None, int8: bool, no_nli: bool) -> bool:
    """``--bf16/--fp32`` of a long-running command: as given, else bf16 where it runs natively (not with --int8)."""
    if bf16 is not None:
        return bf16
    from .nli import bf16_by_default

    return not int8 and not no_nli and bf16_by_default()


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
    sources: Annotated[list[str], typer.Argument(help="Article files (.txt .md .html .json .jsonl), folders, or "
                                                     "http(s):// URLs of article pages.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the report here (default: stdout).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.json,
    draft: Annotated[Path | None, typer.Option(help="Check this draft against the sources.")] = None,
    nli_model: NliModelOption = None,
    embedder: EmbedderOption = None,
    no_nli: NoNliOption = False,
    int8: Int8Option = False,
    bf16: Bf16Option = False,
    max_chars: MaxCharsOption = Settings.max_chars,
    max_sources: MaxSourcesOption = Settings.max_sources,
    max_sentences: MaxSentencesOption = Settings.max_sentences,
    max_total_sentences: MaxTotalSentencesOption = Settings.max_total_sentences,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse a folder with an unusable file (empty, a PDF, "
                                                          "no article text) instead of skipping it (exit code 5).")]
    = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show model loading.")] = False,
    offline: Annotated[bool, typer.Option("--offline", help="Take URLs only from the page cache; refuse the "
                                                            "others (no network).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to fetch one URL, redirects and body included.",
                                           min=0.1)] = 20.0,
    page_cache: PageCacheOption = None,
) -> None:
    """Check several sources of one story against each other (or a draft against them).

    Exit code 5: the report was written, but some inputs of a folder were skipped (see the warnings).
    """
    import time

    from .pipeline import Checker
    from .report import render, summary_lines

    _quiet_libraries(verbose)
    t0 = time.perf_counter()
    settings = Settings(max_chars=max_chars, max_sources=max_sources, max_sentences=max_sentences,
                        max_total_sentences=max_total_sentences, strict=strict)
    items: list[Any] = [s if _is_url(s) else Path(s) for s in sources]
    paths = [p for p in items if isinstance(p, Path)]
    _check_out(out, [*paths, *([draft] if draft else [])])
    try:
        if len(paths) < len(items):  # fetch before the models load: a bad URL fails at once
            items = _fetch_urls(items, offline=offline, timeout=timeout, page_cache=page_cache, quiet=quiet)
        checker = Checker(nli_model=nli_model, embedder_model=embedder, use_nli=not no_nli, settings=settings,
                          int8=int8, bf16=bf16)
        report = checker.check_draft(draft, items) if draft is not None else checker.check(items)
        for w in report.warnings:
            typer.echo(f"factcheck: warning: {one_line(w)}", err=True)
        data = report.to_dict()
        _emit(render(data, fmt.value), out)
        if not quiet:
            for line in summary_lines(data, time.perf_counter() - t0):
                typer.echo(line, err=True)
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; nothing was written", 130)
    if report.skipped:
        raise typer.Exit(5)


def _is_url(arg: str) -> bool:
    return arg[:8].lower().startswith(("http://", "https://"))


def _fetch_urls(items: list[Any], *, offline: bool, timeout: float, page_cache: Path | None,
                quiet: bool) -> list[Any]:
    """URL arguments fetched into documents (see factcheck.fetch); paths left as they are."""
    from .fetch import FetchOptions, default_cache_dir, fetch_document

    options = FetchOptions(timeout_s=timeout, offline=offline, cache_dir=page_cache or default_cache_dir())
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            warnings: list[str] = []
            out.append(fetch_document(item, options=options, warnings=warnings))
            for w in warnings:
                typer.echo(f"factcheck: warning: {one_line(w)}", err=True)
            if not quiet:
                typer.echo(f"factcheck: fetched {one_line(item)} as {one_line(out[-1].source or '?')}", err=True)
        else:
            out.append(item)
    return out


def _quiet_libraries(verbose: bool) -> None:
    """Model loading shows its progress bars and info lines only with --verbose (see factcheck.nli.quiet_loading)."""
    import os

    if verbose:
        os.environ["FACTCHECK_VERBOSE"] = "1"


def _check_out(out: Path | None, inputs: list[Path]) -> None:
    """Before any work: refuse an --out that is an input, a folder, or not a regular file (see factcheck.outpath)."""
    from .errors import OutputError
    from .outpath import output_problem

    problem = None if out is None else output_problem(out, inputs)
    if problem:
        _fail(problem, OutputError.exit_code)


@app.command()
def report(
    saved: Annotated[Path, typer.Argument(help="A report saved with --format json.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.html,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here (default: stdout).")] = None,
) -> None:
    """Render a saved JSON report as HTML or Markdown."""
    from .report import read_report, render

    _check_out(out, [saved])
    try:
        _emit(render(read_report(saved), fmt.value), out)
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)


@app.command(help=(
    "Check many stories: one JSON line per story (formats: see factcheck.batch).\n\n"
    "Each line is appended to OUT whole and flushed, so OUT is valid JSONL up to its last line even after "
    "Ctrl-C or a kill; --resume skips the stories already in OUT and appends the rest. Without --resume, OUT's "
    "old content goes when the first new line is written. A second batch given the same OUT is refused.\n\n"
    "Exit codes: 0 every story ok; 4 some story failed (its line says why); 2 INPUT or OUT unusable, or Ray "
    "missing; 3 a model could not be loaded; 130 interrupted."))
def batch(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT",
                                               help="A folder of story folders, or a JSONL manifest.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL output, one line per story.")],
    resume: Annotated[bool, typer.Option(help="Skip stories already in --out and append.")] = False,
    summary_only: Annotated[bool, typer.Option(help="Write only story_id, status, summary and models.")] = False,
    workers: Annotated[int, typer.Option(help="Processes (or Ray actors), each with its own models; 0: one per CPU.",
                                         min=0)] = 1,
    engine: Annotated[Engine, typer.Option(help="local, or ray (pip install 'factcheck[ray]').")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster to join (--engine ray).")] = None,
    chunk_size: Annotated[int, typer.Option(help="Stories embedded and NLI-scored together.", min=1)] = 8,
    cache: Annotated[Path | None, typer.Option(help="NLI cache file [default: ~/.cache/factcheck/nli.sqlite].")]
    = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the NLI cache.")] = False,
    allow_outside: Annotated[bool, typer.Option("--allow-outside", help="Let manifest paths lead outside the "
                                                "manifest's folder (../, absolute paths, symlinks).")] = False,
    nli_model: NliModelOption = None,
    embedder: EmbedderOption = None,
    no_nli: NoNliOption = False,
    int8: Int8Option = False,
    bf16: Bf16AutoOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    max_chars: MaxCharsOption = Settings.max_chars,
    max_sources: MaxSourcesOption = Settings.max_sources,
    max_sentences: MaxSentencesOption = Settings.max_sentences,
    max_total_sentences: MaxTotalSentencesOption = Settings.max_total_sentences,
    offline: Annotated[bool, typer.Option("--offline", help="Take manifest URLs only from the page cache.")] = False,
    timeout: Annotated[float | None, typer.Option(help="Seconds to fetch one manifest URL (default: 20).",
                                                  min=0.1)] = None,
    page_cache: PageCacheOption = None,
) -> None:
    """Check many stories: one JSON line per story (the help text above lists the exit codes)."""
    import os

    from .batch import CheckerFactory, ProgressPrinter, run_batch
    from .cache import default_cache_path

    if offline:  # the worker processes read these (factcheck.fetch.env_options)
        os.environ["FACTCHECK_OFFLINE"] = "1"
    if timeout is not None:
        os.environ["FACTCHECK_FETCH_TIMEOUT"] = str(timeout)
    if page_cache is not None:
        os.environ["FACTCHECK_PAGE_CACHE"] = str(page_cache)

    settings = Settings(max_chars=max_chars, max_sources=max_sources, max_sentences=max_sentences,
                        max_total_sentences=max_total_sentences)
    cache_path = None if no_cache or no_nli else str(cache or default_cache_path())
    factory = CheckerFactory(nli_model=nli_model, embedder_model=embedder, use_nli=not no_nli, settings=settings,
                             cache_path=cache_path, int8=int8, bf16=_precision(bf16, int8, no_nli))
    printer = None if quiet else ProgressPrinter()
    try:
        summary = run_batch(input_path, out, factory=factory, engine=engine.value, workers=workers, address=address,
                            chunk_size=chunk_size, summary_only=summary_only, resume=resume,
                            allow_outside=allow_outside, progress=printer)
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail(f"interrupted; the stories finished so far are in {out}; rerun with --resume to continue", 130)
    finally:
        if printer is not None:
            printer.close()
    if not quiet:
        hit = "" if summary.cache_hit_rate is None else f"; NLI cache {summary.cache_hit_rate:.0%} hits"
        typer.echo(f"factcheck: wrote {out}: {summary.n_ok} ok, {summary.n_failed} failed, {summary.n_skipped} "
                   f"skipped in {summary.seconds:.1f} s ({summary.stories_per_s:.2f} stories/s){hit}", err=True)
    raise typer.Exit(summary.exit_code)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0: every interface; set --token).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(help="Require 'Authorization: Bearer TOKEN' on /v1/ calls.",
                                              envvar="FACTCHECK_TOKEN")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let the server fetch URLs on loopback, "
                                                                        "private and link-local addresses.")] = False,
    queue: Annotated[int, typer.Option(help="Requests that may wait behind the running check (then 429).", min=0)]
    = 8,
    timeout: Annotated[float, typer.Option(help="Seconds from a request's arrival to its report (then 504).",
                                           min=0.001)] = 120.0,
    max_request_bytes: Annotated[int, typer.Option(help="Largest request body (then 413).", min=1000)] = 5_000_000,
    nli_model: Annotated[str | None, typer.Option(help="NLI model: Hugging Face id or local path.",
                                                  envvar="FACTCHECK_NLI_MODEL")] = None,
    embedder: Annotated[str | None, typer.Option(help="Sentence-transformers id or local path.",
                                                 envvar="FACTCHECK_EMBEDDER")] = None,
    no_nli: Annotated[bool, typer.Option("--no-nli", help="Similarity and mismatch rules only.")] = False,
    int8: Annotated[bool, typer.Option("--int8", help="int8 NLI on the CPU (see the README).")] = False,
    bf16: Bf16AutoOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show model loading.")] = False,
) -> None:
    """The editor's desk: a local web page and JSON API (pip install 'factcheck[serve]'); models load once."""
    from .serve import ServeSettings, bind_warning, require_serve_extra
    from .serve import serve as run_server

    _quiet_libraries(verbose)
    try:
        require_serve_extra()
        settings = ServeSettings(host=host, port=port, token=token, allow_private=allow_private, queue=queue,
                                 timeout=timeout, max_request_bytes=max_request_bytes, nli_model=nli_model,
                                 embedder_model=embedder, use_nli=not no_nli, int8=int8,
                                 bf16=_precision(bf16, int8, no_nli))
        warning = bind_warning(settings)
        if warning:
            typer.echo(f"factcheck: warning: {warning}", err=True)
        typer.echo(f"factcheck: loading the models, then serving http://{host}:{port}/ (Ctrl-C stops)", err=True)
        run_server(settings)
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


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
