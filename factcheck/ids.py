"""Typed ids: a sentence id is ``SentenceId(source, index)``, written ``"<source>#<index>"`` in reports.

Every place that needs the source of a sentence id parses it here, once.

Example:
    >>> sid = SentenceId.parse("reuters#3")
    >>> sid.source, sid.index, str(sid)
    ('reuters', 3, 'reuters#3')
    >>> SentenceId.parse("a#b#12").source
    'a#b'
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = "#"


@dataclass(frozen=True, order=True)
class SentenceId:
    """The id of a kept sentence: its source id and its index among that source's sentences."""

    source: str
    index: int

    def __str__(self) -> str:
        return f"{self.source}{SEPARATOR}{self.index}"

    @classmethod
    def parse(cls, text: str) -> SentenceId:
        """Read ``"<source>#<index>"`` (a source id may itself contain ``#``: the last one separates).

        A string without a numeric index is taken as a source id with index -1, so a damaged saved report
        still renders.
        """
        source, sep, index = str(text).rpartition(SEPARATOR)
        if sep and index.lstrip("-").isdigit():
            return cls(source, int(index))
        return cls(str(text), -1)


def source_of(sentence_id: str) -> str:
    """The source id of a sentence id string.

    Example:
        >>> source_of("AP#0")
        'AP'
    """
    return SentenceId.parse(sentence_id).source
