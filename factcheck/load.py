"""Stage 1, load: files, directories and in-memory documents become :class:`Document` objects.

Supported: ``.txt``, ``.md``, ``.html``/``.htm`` (article text, title and published date extracted with trafilatura),
``.json`` (one object or a list) and ``.jsonl`` (one object per line) with the fields
``{"source", "title", "date", "url", "text"}``; and directories of those (not recursive).
Source ids are file stems (or the JSON ``source`` field), made unique with ``-2``, ``-3``...

Example:
    >>> docs = load_documents([Document(text="A fire hit the town.", source="AP")])
    >>> docs[0].source
    'AP'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import (
    EmptySourceError,
    InvalidDocumentError,
    LimitExceededError,
    SourceNotFoundError,
    UnsupportedFileError,
)
from .results import Document, Skipped

if TYPE_CHECKING:
    from .fetch import FetchOptions

TEXT_EXT = {".txt", ".md", ".text", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json", ".jsonl"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSON_EXT
MAGIC = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive",
         b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive"}
DEFAULT_MAX_CHARS = Settings.max_chars  # one default: config.Settings

Input = str | os.PathLike[str] | Document


def load_documents(inputs: Sequence[Input], *, max_chars: int = DEFAULT_MAX_CHARS,
                   warnings: list[str] | None = None, skipped: list[Skipped] | None = None,
                   strict: bool = False, fetch_options: FetchOptions | None = None) -> list[Document]:
    """Load every input (path, directory, ``http(s)://`` URL or :class:`Document`) and give each a unique source id.

    Args:
        inputs: file paths, directory paths, or documents.
        max_chars: the largest article accepted, in characters.
        warnings: a list that receives human-readable warnings (e.g. a Latin-1 file).
        skipped: a list that receives every file of a folder left out (not an article file, or empty
            or unreadable as text), each also named in ``warnings``.
        strict: refuse a folder with an unusable article file instead of skipping it. Files named
            one by one are never skipped.
        fetch_options: how URLs are fetched (:class:`~factcheck.fetch.FetchOptions`); default: the
            defaults with ``FACTCHECK_OFFLINE`` / ``FACTCHECK_FETCH_TIMEOUT`` from the environment.

    Raises:
        SourceNotFoundError, UnsupportedFileError, EmptySourceError, InvalidDocumentError,
        LimitExceededError, FetchError: with a one-line message naming the file or URL.
    """
    warn = warnings if warnings is not None else []
    docs: list[Document] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(_check_doc(item, item.source or "document", max_chars))
            continue
        if isinstance(item, str) and item[:8].lower().startswith(("http://", "https://")):
            from .fetch import env_options, fetch_document  # httpx loads only when a URL is given

            doc = fetch_document(item, options=fetch_options or env_options(), warnings=warn)
            docs.append(_check_doc(doc, item, max_chars))
            continue
        path = Path(item)
        if path.is_dir():
            try:
                entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
            except OSError as exc:
                raise SourceNotFoundError(
                    f"{path}: cannot list directory ({exc.strerror or exc}); check permissions") from None
            files = [p for p in entries if p.suffix.lower() in SUPPORTED and p.is_file()]
            for p in entries:
                if p.is_symlink() and not p.exists():
                    _skip(p, "broken symbolic link or symlink loop", warn, skipped)
                elif p.is_dir():
                    _skip(p, "a folder inside the story folder; name it on its own to include its articles",
                          warn, skipped)
                elif p.suffix.lower() not in SUPPORTED and p.is_file():
                    _skip(p, f"{_what(p)}, not an article file; convert it to .txt or .html to include it",
                          warn, skipped)
            if not files:
                raise EmptySourceError(
                    f"{path}: directory holds no articles; expected files ending in "
                    f"{', '.join(sorted(SUPPORTED))}")
            for f in files:
                try:
                    docs.extend(load_file(f, max_chars=max_chars, warnings=warn))
                except (EmptySourceError, UnsupportedFileError, InvalidDocumentError) as exc:
                    if strict:
                        raise
                    _skip(f, str(exc).removeprefix(f"{f}: "), warn, skipped)
        else:
            docs.extend(load_file(path, max_chars=max_chars, warnings=warn))
    return _unique_ids(docs)


def _skip(path: Path, reason: str, warnings: list[str], skipped: list[Skipped] | None) -> None:
    warnings.append(f"{path}: skipped: {reason}")
    if skipped is not None:
        skipped.append(Skipped(str(path), reason))


def _what(path: Path) -> str:
    """What a file is, from its first bytes, else its extension ("a PDF", "a .docx file")."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        head = b""
    return sniff(head) or (f"a {path.suffix.lower()} file" if path.suffix else "a file without an extension")


def load_file(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS,
              warnings: list[str] | None = None) -> list[Document]:
    """Load one file into one or more documents (JSON/JSONL files may hold several)."""
    warn = warnings if warnings is not None else []
    try:
        if not path.exists():
            if path.is_symlink():
                raise SourceNotFoundError(f"{path}: broken symbolic link or symlink loop; check where it points")
            raise SourceNotFoundError(f"{path}: no such file or directory; check the path")
        if not path.is_file():
            raise UnsupportedFileError(f"{path}: not a regular file")
        size = path.stat().st_size
        if size > max_chars * 4:
            raise LimitExceededError(
                f"{path}: file is {size:,} bytes, over the limit of {max_chars:,} characters; "
                f"raise it with --max-chars or split the article")
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceNotFoundError(f"{path}: cannot read file ({exc.strerror or exc}); check permissions") from None
    text = decode(raw, str(path), warn)
    ext = path.suffix.lower()
    if ext in JSON_EXT:
        return [_check_doc(d, str(path), max_chars) for d in _json_docs(text, path)]
    if ext in HTML_EXT or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):  # also a saved page as .txt
        title, date, body = extract_html(text)
        doc = Document(text=body, source=path.stem, title=title, date=date, path=str(path))
    elif ext in TEXT_EXT:
        doc = Document(text=text, source=path.stem, path=str(path))
    else:
        raise UnsupportedFileError(
            f"{path}: unsupported file type {ext or '(none)'!r}; use one of {', '.join(sorted(SUPPORTED))}")
    return [_check_doc(doc, str(path), max_chars)]


def sniff(head: bytes) -> str | None:
    """What a file is from its first bytes ("a PDF", "a PNG image"), or None for anything else."""
    return next((what for magic, what in MAGIC.items() if head.startswith(magic)), None)


def decode(raw: bytes, name: str, warnings: list[str]) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM; Latin-1 with a warning."""
    what = sniff(raw)
    if what:
        raise UnsupportedFileError(f"{name}: this is {what}, not article text; convert it to .txt or .html")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            raise UnsupportedFileError(f"{name}: invalid UTF-16 text; re-save it as UTF-8") from None
    if b"\x00" in raw[:8192]:
        head = raw[:8192]
        zeros = sorted((head[0::2].count(0), head[1::2].count(0)))  # UTF-16 of Latin text: one half all NULs
        if len(head) >= 8 and zeros[1] > 0.9 * (len(head) // 2) and zeros[0] < 0.1 * (len(head) // 2):
            raise UnsupportedFileError(f"{name}: looks like UTF-16 text without a byte-order mark; re-save it as UTF-8")
        raise UnsupportedFileError(f"{name}: binary file (contains NUL bytes), not article text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("cp1252", errors="replace")
        warnings.append(f"{name}: not valid UTF-8 (byte {exc.start}); read as Windows-1252/Latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_html(html: str) -> tuple[str | None, str | None, str]:
    """Title, date (ISO, from the page's markup: never guessed from a copyright line) and article text of an
    HTML page, with trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None:
        return None, None, ""
    if isinstance(doc, dict):  # older trafilatura versions return a dict
        title, date, text = doc.get("title"), doc.get("date"), doc.get("text")
    else:
        title, date, text = doc.title, doc.date, doc.text
    if not (text or "").strip():
        return None, None, ""
    return title or None, date or None, text or ""


def _json_docs(text: str, path: Path) -> list[Document]:
    rows: list[object]
    if not text.strip():
        raise EmptySourceError(f"{path}: empty file; expected JSON objects with a 'text' field")
    if path.suffix.lower() == ".jsonl":
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InvalidDocumentError(f"{path}:{n}: invalid JSON ({exc.msg}); one object per line") from None
            except RecursionError:
                raise InvalidDocumentError(f"{path}:{n}: JSON nested too deeply; one flat object per line") from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidDocumentError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno})") from None
        except RecursionError:
            raise InvalidDocumentError(f"{path}: JSON nested too deeply; expected an object or a list of objects") \
                from None
        rows = data if isinstance(data, list) else [data]
    docs = []
    for n, row in enumerate(rows, 1):
        where = f"{path}:{n}" if len(rows) > 1 or path.suffix.lower() == ".jsonl" else str(path)
        docs.append(document_from_dict(row, where, default_source=path.stem if len(rows) == 1 else f"{path.stem}-{n}",
                                       path=str(path)))
    if not docs:
        raise EmptySourceError(f"{path}: no documents; expected objects with a 'text' field")
    return docs


def document_from_dict(row: object, where: str, *, default_source: str, path: str | None = None) -> Document:
    """Validate one ``{"source", "title", "date", "url", "text"}`` object."""
    if not isinstance(row, dict):
        raise InvalidDocumentError(f"{where}: expected a JSON object with a 'text' field, got {type(row).__name__}")
    if "text" not in row:
        raise InvalidDocumentError(f"{where}: missing field 'text'; each document needs its article text")
    fields: dict[str, str | None] = {}
    for key in ("text", "source", "title", "date", "url"):
        val = row.get(key)
        if val is not None and not isinstance(val, str):
            raise InvalidDocumentError(f"{where}: field {key!r} must be a string, got {type(val).__name__}")
        fields[key] = val
    return Document(text=fields["text"] or "", source=fields["source"] or default_source, title=fields["title"],
                    date=fields["date"], url=fields["url"], path=path)


def _check_doc(doc: Document, where: str, max_chars: int) -> Document:
    if not doc.text.strip():
        raise EmptySourceError(f"{where}: empty article (no text); remove it or fix the export")
    if len(doc.text) > max_chars:
        raise LimitExceededError(
            f"{where}: article has {len(doc.text):,} characters, over the limit of {max_chars:,}; "
            f"raise it with --max-chars or split the article")
    return doc


def _unique_ids(docs: Iterable[Document]) -> list[Document]:
    seen: dict[str, int] = {}
    out = []
    for d in docs:
        base = " ".join("".join(c if c.isprintable() else " " for c in d.source or "").split()) or "source"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(replace(d, source=base if n == 1 else f"{base}-{n}"))
    return out
