"""Render a report: JSON (schema "1"), Markdown, HTML; read a saved JSON report back; write atomically.

Every piece of article text is escaped: HTML through Jinja2's autoescape, Markdown by escaping
the characters that make tables, emphasis, links or raw HTML.

Example:
    >>> md_escape("| pipes | and **bold** <b>")
    '\\\\| pipes \\\\| and \\\\*\\\\*bold\\\\*\\\\* &lt;b&gt;'
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from .errors import OutputError, ReportFormatError, SettingsError, one_line
from .ids import source_of
from .results import SCHEMA_VERSION

FORMATS = ("json", "md", "html")
REQUIRED = ("schema_version", "sources", "sentences", "claims", "pairs", "summary", "models")


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a half-written file.

    Missing parent folders are created. Raises :class:`~factcheck.errors.OutputError` when the path
    cannot be written (no permission, a directory, a full disk); the old file, if any, is kept.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if target.exists() and not target.is_file():  # /dev/full, a FIFO: a rename would replace the node itself
            raise OutputError(f"{target}: not a regular file (a device or a pipe); choose a file path for --out")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _output_error(target, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _output_error(target, exc) from None
        raise


def _mode_for(target: Path) -> int:
    """The permissions a plain ``open(target, "w")`` would give: the old file's, else 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask would, briefly, for every thread)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _output_error(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write the report ({exc.strerror or exc}); choose another --out path")


def read_report(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Load a saved schema-1 JSON report and check its shape."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportFormatError(f"{p}: no such file; give a report saved with --format json") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportFormatError(f"{p}: not a JSON report ({str(exc).splitlines()[0][:120]})") from None
    except RecursionError:
        raise ReportFormatError(f"{p}: not a factcheck report (JSON nested too deeply)") from None
    if not isinstance(data, dict):
        raise ReportFormatError(f"{p}: expected a JSON object with schema_version {SCHEMA_VERSION!r}")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ReportFormatError(
            f"{p}: schema_version is {data.get('schema_version')!r}, this factcheck reads {SCHEMA_VERSION!r}"
        )
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ReportFormatError(f"{p}: missing fields {', '.join(missing)}; not a factcheck report")
    bad = [k for k in ("sources", "sentences", "claims", "pairs") if not _list_of_dicts(data[k])]
    bad += [k for k in ("summary", "models") if not isinstance(data[k], dict)]
    if not bad:
        bad = [f"summary.{k}" for k in _COUNTS if not isinstance(data["summary"].get(k, 0), int)]
    if bad:
        raise ReportFormatError(f"{p}: wrong type of {', '.join(bad)}; not a factcheck report")
    return SavedReport(data, path=str(p))


_COUNTS = ("n_sources", "n_sentences", "n_claims", "n_pairs_judged", "n_pairs_possible")


def _list_of_dicts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, dict) for x in value)


class SavedReport(dict):  # type: ignore[type-arg]
    """A report dict read back from a file: :func:`render` turns its damage into :class:`ReportFormatError`."""

    def __init__(self, data: dict[str, Any], path: str) -> None:
        super().__init__(data)
        self.path = path


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def summary_lines(data: dict[str, Any], seconds: float) -> list[str]:
    """A one-screen summary of a report for the terminal (the CLI prints it on stderr after a check).

    Example:
        >>> d = {"sources": [{"id": "a"}, {"id": "b"}], "claims": [{}], "pairs": [], "skipped": [],
        ...      "summary": {"n_pairs_judged": 0, "n_pairs_possible": 4,
        ...                  "pair_labels": {"agreement": 0, "contradiction": 0, "unique_detail": 0}}}
        >>> summary_lines(d, 1.25)[0]
        'factcheck: 2 sources (a, b), 1 claims; 0 pairs judged of 4 possible; 1.2 s'
    """
    sm = data["summary"]
    ids = [str(s["id"]) for s in data["sources"]]
    shown = ", ".join(ids[:6]) + (f", ... (+{len(ids) - 6})" if len(ids) > 6 else "")
    contra = [p for p in data["pairs"] if p.get("label") == "contradiction"]
    kinds: dict[str, int] = {}
    for p in contra:
        for k in {m["kind"] for m in p.get("mismatches") or []} or {"NLI only"}:
            kinds[k] = kinds.get(k, 0) + 1
    lines = [f"factcheck: {len(ids)} sources ({one_line(shown)}), {len(data['claims'])} claims; "
             f"{sm['n_pairs_judged']} pairs judged of {sm['n_pairs_possible']} possible; {seconds:.1f} s"]
    facts = data.get("facts")
    if isinstance(facts, dict):
        disputed = facts.get("disputed") or []
        typed = sum(f.get("basis") != "nli" for f in disputed)
        lines.append(f"  disputed facts: {len(disputed)}"
                     + (f" ({typed} typed, {len(disputed) - typed} model only)" if disputed else ""))
        lines += [f"    {line}" for f in disputed[:SUMMARY_FACTS] for line in [fact_line(f)]]
        if len(disputed) > SUMMARY_FACTS:
            lines.append(f"    ... and {len(disputed) - SUMMARY_FACTS} more in the report")
        lines.append(f"  corroborated facts: {len(facts.get('corroborated') or [])} claims carried by 2+ outlets; "
                     f"unique details: {len(facts.get('unique_details') or [])} sentences")
    by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    lines.append(f"  contradicting pairs: {len(contra)}" + (f" ({by_kind})" if by_kind else "")
                 + f"; agreeing pairs: {sm['pair_labels']['agreement']}; "
                 f"unique-detail pairs: {sm['pair_labels']['unique_detail']}")
    if data.get("skipped"):
        lines.append(f"  skipped inputs: {len(data['skipped'])} (see the warnings above)")
    return lines


SUMMARY_FACTS = 5


def fact_line(fact: dict[str, Any]) -> str:
    """One disputed fact on one plain-text line: kind, each value with its sources, what decided.

    Example:
        >>> fact_line({"id": "f1", "kind": "date", "basis": "typed", "sides": [
        ...     {"value": "Wednesday", "sources": ["AP", "BBC"]}, {"value": "Thursday", "sources": ["CNN"]}]})
        'f1 date: Wednesday (AP, BBC) vs Thursday (CNN) [typed]'
    """
    sides = " vs ".join(f"{side.get('value') or f'account {k + 1}'} ({', '.join(map(str, side.get('sources') or []))})"
                        for k, side in enumerate(fact.get("sides") or []))
    return one_line(f"{fact.get('id', '')} {fact.get('kind', '')}: {sides} [{fact.get('basis') or 'nli'}]")


def md_escape(text: str | None) -> str:
    """Escape article text for a Markdown table cell or list item (one line, no markup, no HTML)."""
    s = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def render(data: dict[str, Any], fmt: str) -> str:
    """Render a report dict (``Report.to_dict()`` or a saved JSON) as json, md or html.

    Raises:
        ReportFormatError: a report read by :func:`read_report` whose fields are damaged.
    """
    if isinstance(data, SavedReport) and fmt in FORMATS:
        try:
            return _render(data, fmt)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise ReportFormatError(
                f"{data.path}: damaged report ({type(exc).__name__}: {str(exc)[:80]}); "
                "re-create it with factcheck check --format json"
            ) from None
    return _render(data, fmt)


def _render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return render_markdown(data)
    if fmt == "html":
        from .html import render_html

        return render_html(data)
    raise SettingsError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _text_of(data: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: s["text"] for s in data["sentences"]} | {d["id"]: d["text"] for d in data.get("draft", [])}


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Markdown table lines; every cell must already be escaped with :func:`md_escape` (or be ours)."""
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]


def _src(sentence_id: str) -> str:
    return md_escape(source_of(sentence_id))


def render_markdown(data: dict[str, Any]) -> str:
    """The report as Markdown tables and lists (for a CMS or a chat)."""
    text = _text_of(data)
    sm = data["summary"]
    labels = sm.get("pair_labels", {})
    models = data["models"]
    title = next((s.get("title") for s in data["sources"] if s.get("title")), None) or "Consistency report"
    out = [
        f"# {md_escape(title)}",
        "",
        f"**{sm['n_sources']} sources**, {sm['n_sentences']} sentences, {sm['n_claims']} claims. "
        + (f"**Disputed facts: {sm['n_disputed_facts']}**, corroborated facts: {sm.get('n_corroborated_facts', 0)}, "
           f"unique details: {sm.get('n_unique_details', 0)} sentences. " if "n_disputed_facts" in sm else "")
        + f"Pairs judged: {sm['n_pairs_judged']} of {sm['n_pairs_possible']} possible "
        f"(agreeing {labels.get('agreement', 0)}, contradicting {labels.get('contradiction', 0)}, "
        f"unique-detail {labels.get('unique_detail', 0)}).",
        "",
        f"Models: embedder `{md_escape(models.get('embedder'))}`, NLI `{md_escape(models.get('nli'))}`.",
        "",
    ]
    out += [f"> Warning: {md_escape(w)}" for w in data.get("warnings", [])]
    out += _markdown_facts(data, text)
    out += ["", "## Sources", ""] + _table(
        ["id", "title", "date", "sentences", "dropped"],
        [[md_escape(s["id"]), md_escape(s.get("title")), md_escape(s.get("date")), str(s["n_sentences"]),
          str(s["n_dropped"])] for s in data["sources"]])
    contra = [p for p in data["pairs"] if p["label"] == "contradiction"]
    out += ["", f"## Contradicting pairs ({len(contra)})", ""]
    rows = []
    for p in contra:
        mm = "; ".join(f"{m['kind']}: {m['a']} vs {m['b']}" for m in p["mismatches"]) or "NLI"
        pc = f"{p['scores']['contradiction']:.2f}" if p.get("scores") else "-"
        rows.append([_src(p["a"]), md_escape(text.get(p["a"])), _src(p["b"]), md_escape(text.get(p["b"])),
                     md_escape(mm), pc, md_escape(p.get("basis") or "-")])
    out += _table(["source A", "sentence A", "source B", "sentence B", "mismatch", "P(contradiction)",
                   "decided by"], rows) \
        if rows else ["None found."]
    if "draft" in data:
        rows = []
        for d in data["draft"]:
            ev = d["contradicted_by"] if d["status"] == "contradicted" else d["supported_by"]
            evidence = "; ".join(f"{e}: {text.get(e, '')}" for e in ev)
            fact = fact_line(d["fact"]) if isinstance(d.get("fact"), dict) else "-"
            rows.append([md_escape(str(d["status"])), md_escape(d["text"]), md_escape(fact),
                         md_escape(evidence) or "-"])
        out += ["", "## Draft", ""] + _table(["status", "draft sentence", "disputed fact", "evidence"], rows)
    src_ids = [s["id"] for s in data["sources"]]
    rows = []
    for c in data["claims"]:
        cells = []
        for sid in src_ids:
            mine = [text[x] for x in c["sentences"] if source_of(x) == sid]
            cells.append(md_escape(" / ".join(mine)) if mine else "—")
        rows.append([md_escape(str(c["id"])), md_escape(str(c["verdict"])), *cells])
    out += ["", "## Claims", ""] + _table(["claim", "verdict", *(md_escape(s) for s in src_ids)], rows)
    out += ["", "## Sources at a glance", ""] + _table(
        ["source", "sentences", "corroborated", "contradicted", "unique"],
        [[md_escape(sid), str(v["n_sentences"]), f"{v['corroborated']:.0%}", f"{v['contradicted']:.0%}",
          f"{v['unique']:.0%}"] for sid, v in sm["per_source"].items()])
    rows = []
    for a in src_ids:
        row = sm["matrix"].get(a, {})
        rows.append([md_escape(a), *("—" if row.get(b) is None else f"{row[b]:.2f}" for b in src_ids)])
    out += ["", "## Agreement matrix", ""] + _table(["", *(md_escape(s) for s in src_ids)], rows)
    return "\n".join(out) + "\n"


def _markdown_facts(data: dict[str, Any], text: dict[str, str]) -> list[str]:
    """Disputed facts (who says what), corroborated facts and the unique-detail count, for the top of the page."""
    facts = data.get("facts")
    if not isinstance(facts, dict):
        return []
    disputed = facts.get("disputed") or []
    out = ["", f"## Disputed facts ({len(disputed)})", ""]
    for f in disputed:
        head = f"{md_escape(f.get('id'))} {md_escape(f.get('kind'))}"
        out.append(f"- **{head}**, decided by {md_escape(f.get('basis'))}:")
        for k, side in enumerate(f.get("sides") or []):
            said = " / ".join(f"{_src(x)}: {md_escape(text.get(x, ''))}" for x in side.get("sentences") or [])
            out.append(f"  - **{md_escape(side.get('value') or f'account {k + 1}')}**: "
                       f"{md_escape(', '.join(side.get('sources') or []))}. {said}")
        if f.get("silent"):
            out.append(f"  - not mentioned by: {md_escape(', '.join(f['silent']))}")
    if not disputed:
        out.append("None found.")
    corroborated = facts.get("corroborated") or []
    out += ["", f"## Corroborated facts ({len(corroborated)})", ""]
    out += _table(["outlets", "claim", "sources"],
                  [[str(len(c.get("sources") or [])), md_escape(text.get(c.get("sentence", ""), "")),
                    md_escape(", ".join(c.get("sources") or []))] for c in corroborated]) if corroborated \
        else ["None found."]
    out += ["", f"Unique details: {len(facts.get('unique_details') or [])} sentences only one outlet reports."]
    return out
