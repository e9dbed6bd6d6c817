"""One number mention of a sentence, as an interval with the words around it (read by :mod:`.quantities`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quantity"]


@dataclass(frozen=True)
class Quantity:
    """A number mention as an interval [lo, hi] with its context words.

    ``role`` pairs numbers of one change: "step" ("raised *by* a quarter point"), "level" ("*to* 2.75%",
    "*at* 3%"), "start" ("fell to 3.8% *from* 4.1%"), or "" when the sentence does not say.
    """

    text: str
    lo: float
    hi: float
    context: frozenset[str]
    unit: str
    role: str = ""
    prev: str = ""
    fate: str = ""  # what happened to the counted: "death", "injury", "board"... (nearest such word), or ""
    rate: bool = False  # a rate ("9,000 passengers daily", "a year"), not a one-off figure
    span: tuple[int, int] = (-1, -1)  # where the figure, with its qualifier, stands in the sentence
    head: frozenset[str] = frozenset()  # what the change before it changes ("raised *its rate* to 4.25%")
