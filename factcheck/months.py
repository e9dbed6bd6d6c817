"""The month and weekday names, in one table: the cleaner's date line reader, the date mismatch rule, the people
rule (a day is no name) and the ruling rule all use it.

Example:
    >>> import re
    >>> [month_number(m.group(0)) for m in re.finditer(MONTH_PATTERN, "Sept. 5, Jan 2 and december", re.I)]
    [9, 1, 12]
"""

from __future__ import annotations

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Every month, full or abbreviated ("jan", "sept"), as a regex alternation (use with re.IGNORECASE).
MONTH_PATTERN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation matched by :data:`MONTH_PATTERN` (its first three letters decide)."""
    return MONTHS.index(next(m for m in MONTHS if m.startswith(name.lower()[:3]))) + 1
