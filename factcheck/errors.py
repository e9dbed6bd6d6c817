"""The one exception tree of factcheck.

Every error a user can cause is a :class:`FactcheckError`; the CLI maps each branch to an exit
code and prints its message on one line, without a traceback::

    FactcheckError                    base class; never raised directly
    ├── InputError                    unusable input (exit code 2)
    │   ├── SourceNotFoundError       a path that does not exist or cannot be read
    │   ├── UnsupportedFileError      binary / unknown format / undecodable text
    │   ├── EmptySourceError          a file or directory with no article text
    │   ├── InvalidDocumentError      JSON/JSONL with missing or wrong-typed fields
    │   ├── TooFewSourcesError        fewer than two distinct sources
    │   ├── LimitExceededError        a configured cap (size, sources, sentences) was exceeded
    │   ├── SettingsError             a Settings value out of its range
    │   └── FetchError                a URL that gave no article: DNS, refused, timeout, HTTP status,
    │       │                         redirects, a PDF/image, over the size cap, no article text, offline
    │       └── BlockedAddressError   a URL that leads to a private address (allow_private=False)
    ├── ReportFormatError             a saved report that is not schema-1 JSON (exit code 2)
    ├── OutputError                   the output path cannot be written (exit code 2)
    └── ModelError                    a model could not be loaded (exit code 3)
        ├── EmbedderLoadError
        └── NLIModelLoadError

Messages name the bad value, the valid options and the fix. A message is always one line: line breaks
and other control characters (say, from a file name) are shown escaped, so one error is one line on stderr.

Example:
    >>> from factcheck.errors import InputError, FactcheckError
    >>> issubclass(InputError, FactcheckError)
    True
"""

from __future__ import annotations


def one_line(message: object) -> str:
    """``message`` as one printable line: control characters (line breaks, escapes) shown as ``\\n``, ``\\x1b``..."""
    text = str(message)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""

    exit_code = 1

    def __init__(self, *args: object) -> None:
        super().__init__(*(one_line(a) if isinstance(a, str) else a for a in args))


class InputError(FactcheckError):
    """The input cannot be used; nothing was written."""

    exit_code = 2


class SourceNotFoundError(InputError):
    """A path that does not exist or cannot be read."""


class UnsupportedFileError(InputError):
    """A binary file, an unknown extension, or text that cannot be decoded."""


class EmptySourceError(InputError):
    """A file or directory that holds no article text."""


class InvalidDocumentError(InputError):
    """A JSON/JSONL document with missing or wrong-typed fields."""


class TooFewSourcesError(InputError):
    """Fewer than two distinct sources to compare."""


class LimitExceededError(InputError):
    """A configured limit (characters per file, sources, sentences) was exceeded."""


class SettingsError(InputError):
    """A :class:`~factcheck.config.Settings` value outside its valid range."""


class FetchError(InputError):
    """A URL that could not be fetched or holds no article; the message names the URL, the cause and the fix."""


class BlockedAddressError(FetchError):
    """A URL (or a redirect hop) whose host resolves to a loopback, private, link-local, multicast or
    unspecified address, refused because private addresses are not allowed (the server's SSRF guard)."""


class ReportFormatError(FactcheckError):
    """A saved report that is not a schema-1 factcheck JSON report."""

    exit_code = 2


class OutputError(FactcheckError):
    """The report could not be written where asked (a missing permission, a directory, a full disk)."""

    exit_code = 2


class ModelError(FactcheckError):
    """A model could not be loaded."""

    exit_code = 3


class EmbedderLoadError(ModelError):
    """The sentence embedding model could not be loaded."""


class NLIModelLoadError(ModelError):
    """The NLI model could not be loaded."""
